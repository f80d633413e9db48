package dev.mlops.registry.tracking;

import dev.mlops.core.InvalidArgumentException;
import dev.mlops.registry.internal.Checks;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A run search: which experiments, which filter, in what order, which page. Filters and orderings are
 * parsed when the search is built, so a malformed one fails here with its position. Immutable.
 *
 * @param experimentIds the experiments to search; empty searches all of them
 * @param filter the parsed filter
 * @param viewType active, deleted or all runs
 * @param orderBy the orderings, most significant first
 * @param maxResults the page size, 1 to {@value TrackingLimits#MAX_SEARCH_RESULTS}
 * @param pageToken the token of the page to fetch; absent for the first page
 */
public record RunSearch(List<String> experimentIds, RunFilter filter, ViewType viewType, List<OrderBy> orderBy,
        int maxResults, Optional<String> pageToken) {

    public RunSearch {
        experimentIds = Checks.list("experimentIds", experimentIds);
        Checks.notNull("filter", filter);
        Checks.notNull("viewType", viewType);
        orderBy = Checks.list("orderBy", orderBy);
        if (maxResults < 1 || maxResults > TrackingLimits.MAX_SEARCH_RESULTS) {
            throw new InvalidArgumentException("maxResults", "must be between 1 and "
                    + TrackingLimits.MAX_SEARCH_RESULTS + ", got " + maxResults);
        }
        Checks.notNull("pageToken", pageToken);
    }

    /** A builder for a search; by default all experiments, no filter, active runs, 1000 per page. */
    public static Builder builder() {
        return new Builder();
    }

    /** This search, asking for the page with the given token. */
    public RunSearch withPageToken(String token) {
        return new RunSearch(experimentIds, filter, viewType, orderBy, maxResults, Optional.of(token));
    }

    /**
     * A canonical description of the query without the page token, used to bind page tokens to the
     * query that made them.
     */
    public String queryKey() {
        return experimentIds + "|" + filter + "|" + viewType + "|" + orderBy + "|" + maxResults;
    }

    /** Builds a {@link RunSearch}. Not thread-safe. */
    public static final class Builder {
        private final List<String> experimentIds = new ArrayList<>();
        private RunFilter filter = RunFilter.all();
        private ViewType viewType = ViewType.ACTIVE_ONLY;
        private final List<OrderBy> orderBy = new ArrayList<>();
        private int maxResults = TrackingLimits.DEFAULT_SEARCH_RESULTS;
        private String pageToken;

        private Builder() {}

        /** Searches these experiments (may be called several times). */
        public Builder experimentIds(String... ids) {
            experimentIds.addAll(Checks.list("experimentIds", Arrays.asList(ids)));
            return this;
        }

        /** Searches these experiments (may be called several times). */
        public Builder experimentIds(List<String> ids) {
            experimentIds.addAll(Checks.list("experimentIds", ids));
            return this;
        }

        /** The filter, in MLflow's grammar; see {@link RunFilter}. */
        public Builder filter(String text) {
            this.filter = RunFilter.parse(text);
            return this;
        }

        /** An already parsed filter. */
        public Builder filter(RunFilter parsed) {
            this.filter = Checks.notNull("filter", parsed);
            return this;
        }

        /** Which runs by lifecycle stage. */
        public Builder viewType(ViewType view) {
            this.viewType = Checks.notNull("viewType", view);
            return this;
        }

        /** Adds orderings such as {@code "metrics.auc DESC"}, most significant first. */
        public Builder orderBy(String... expressions) {
            for (String e : expressions) {
                orderBy.add(OrderBy.parse(e));
            }
            return this;
        }

        /** Adds an ordering. */
        public Builder orderBy(OrderBy o) {
            orderBy.add(Checks.notNull("orderBy", o));
            return this;
        }

        /** The page size. */
        public Builder maxResults(int n) {
            this.maxResults = n;
            return this;
        }

        /** The token of the page to fetch. */
        public Builder pageToken(String token) {
            this.pageToken = Checks.notNull("pageToken", token);
            return this;
        }

        /** The search. */
        public RunSearch build() {
            return new RunSearch(experimentIds, filter, viewType, orderBy, maxResults, Optional.ofNullable(pageToken));
        }
    }
}
