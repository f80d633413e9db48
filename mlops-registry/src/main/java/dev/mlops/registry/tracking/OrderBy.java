package dev.mlops.registry.tracking;

import dev.mlops.registry.internal.Checks;
import dev.mlops.registry.internal.FilterParser;

/**
 * One ordering of run search results, in MLflow's syntax: {@code metrics.auc DESC},
 * {@code params.lr}, {@code attributes.start_time ASC}. Runs lacking the value sort last in either
 * direction; metrics order NaN above +Infinity. Results are always finally ordered by
 * {@code start_time DESC} (unless ordered by start time already) and then {@code run_id}, so pages are
 * stable. Immutable.
 *
 * @param key a metric, param, tag or attribute
 * @param ascending whether smaller values come first
 */
public record OrderBy(RunFilter.Key key, boolean ascending) {

    public OrderBy {
        Checks.notNull("key", key);
        if (key.entity() == RunFilter.Entity.DATASET) {
            throw new dev.mlops.core.InvalidArgumentException("order_by", "cannot order by " + key);
        }
    }

    /**
     * Parses {@code <identifier> [ASC|DESC]}.
     *
     * @throws FilterSyntaxException with the position of the problem
     */
    public static OrderBy parse(String orderBy) {
        return FilterParser.parseOrderBy(orderBy);
    }

    /** Ascending order of a key. */
    public static OrderBy asc(RunFilter.Key key) {
        return new OrderBy(key, true);
    }

    /** Descending order of a key. */
    public static OrderBy desc(RunFilter.Key key) {
        return new OrderBy(key, false);
    }

    @Override
    public String toString() {
        return key + (ascending ? " ASC" : " DESC");
    }
}
