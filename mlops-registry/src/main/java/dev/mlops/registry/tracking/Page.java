package dev.mlops.registry.tracking;

import dev.mlops.registry.internal.Checks;
import java.util.List;
import java.util.Optional;

/**
 * One page of a paginated result. Pass {@link #nextPageToken()} to the same query to get the next
 * page; it is absent on the last page. Tokens are opaque, only valid for the query that produced
 * them, and a token from another query is rejected. Immutable.
 *
 * @param items the results on this page, in order
 * @param nextPageToken the token for the next page, absent on the last page
 * @param <T> the result type
 */
public record Page<T>(List<T> items, Optional<String> nextPageToken) {

    public Page {
        items = Checks.list("items", items);
        Checks.notNull("nextPageToken", nextPageToken);
    }

    /** Whether there is a next page. */
    public boolean hasNext() {
        return nextPageToken.isPresent();
    }
}
