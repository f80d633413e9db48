package dev.mlops.featurestore;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Statistics of a view version's offline history, from {@link FeatureStore#statistics}.
 *
 * @param view the view's name
 * @param version the view's version
 * @param rows how many rows are stored
 * @param latestEventTimestamp the latest event time stored
 * @param freshness how long before the store's clock that latest event was; empty with no rows
 * @param features per-feature statistics, in view order
 */
public record FeatureViewStatistics(String view, int version, long rows, Optional<Instant> latestEventTimestamp,
        Optional<Duration> freshness, List<FeatureStatistics> features) {

    public FeatureViewStatistics {
        features = List.copyOf(features);
    }

    /** The statistics of the named feature. */
    public Optional<FeatureStatistics> feature(String name) {
        return features.stream().filter(f -> f.name().equals(name)).findFirst();
    }
}
