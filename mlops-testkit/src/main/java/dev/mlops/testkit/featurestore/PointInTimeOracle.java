package dev.mlops.testkit.featurestore;

import dev.mlops.featurestore.EntityKey;
import dev.mlops.featurestore.FeatureRow;
import dev.mlops.featurestore.FeatureView;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The point-in-time rule of SEMANTICS.md written the slowest, plainest way: scan every row. The
 * randomized conformance cases compare each adapter against it.
 */
public final class PointInTimeOracle {

    private static final Comparator<FeatureRow> NEWEST_LAST = Comparator.comparing(FeatureRow::eventTimestamp)
            .thenComparing(FeatureRow::createdTimestamp);

    private PointInTimeOracle() {}

    /**
     * The winning row for one entity row: same key, {@code event <= ts}, and with a positive TTL
     * {@code event >= ts - ttl}; the latest event time, then the latest creation time.
     */
    public static Optional<FeatureRow> asOf(List<FeatureRow> rows, FeatureView view, EntityKey key, Instant ts) {
        Instant lower = view.hasTtl() ? ts.minus(view.ttl()) : null;
        return rows.stream()
                .filter(r -> r.key().equals(key))
                .filter(r -> !r.eventTimestamp().isAfter(ts))
                .filter(r -> lower == null || !r.eventTimestamp().isBefore(lower))
                .max(NEWEST_LAST);
    }

    /** The winning row per key among rows with {@code start <= event <= end}. */
    public static Map<EntityKey, FeatureRow> latestPerKey(List<FeatureRow> rows, Instant start, Instant end) {
        Map<EntityKey, FeatureRow> out = new HashMap<>();
        for (FeatureRow r : rows) {
            if (r.eventTimestamp().isBefore(start) || r.eventTimestamp().isAfter(end)) {
                continue;
            }
            out.merge(r.key(), r, (a, b) -> NEWEST_LAST.compare(a, b) >= 0 ? a : b);
        }
        return out;
    }
}
