package dev.mlops.registry.tracking;

import dev.mlops.registry.internal.Checks;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A snapshot of one run: its identity and status, params, the latest value of each metric, tags and
 * dataset inputs. The full history of a metric comes from
 * {@link TrackingStore#getMetricHistory(String, String)}. Immutable.
 *
 * @param id the store-assigned id (32 lower-case hex characters)
 * @param experimentId the experiment it belongs to
 * @param name the run's display name, when it has one
 * @param status the status
 * @param startTime when it started
 * @param endTime when it ended, once it has
 * @param parentRunId the parent of a nested run
 * @param userId who started it
 * @param lifecycleStage active or deleted
 * @param params the params, by key
 * @param metrics the latest point of each metric by key (see {@link Metric#compareRecency})
 * @param tags the tags, by key
 * @param inputs the dataset inputs, in logging order
 */
public record Run(String id, String experimentId, Optional<String> name, RunStatus status, Instant startTime,
        Optional<Instant> endTime, Optional<String> parentRunId, String userId, LifecycleStage lifecycleStage,
        Map<String, String> params, Map<String, Metric> metrics, Map<String, String> tags,
        List<DatasetInput> inputs) {

    public Run {
        Checks.notNull("id", id);
        Checks.notNull("experimentId", experimentId);
        Checks.notNull("name", name);
        Checks.notNull("status", status);
        Checks.notNull("startTime", startTime);
        Checks.notNull("endTime", endTime);
        Checks.notNull("parentRunId", parentRunId);
        Checks.notNull("userId", userId);
        Checks.notNull("lifecycleStage", lifecycleStage);
        params = Checks.stringMap("params", params);
        metrics = Map.copyOf(Checks.notNull("metrics", metrics));
        tags = Checks.stringMap("tags", tags);
        inputs = Checks.list("inputs", inputs);
    }

    /** The latest value of a metric. */
    public Optional<Double> metric(String key) {
        Metric m = metrics.get(key);
        return m == null ? Optional.empty() : Optional.of(m.value());
    }

    /** A param's value. */
    public Optional<String> param(String key) {
        return Optional.ofNullable(params.get(key));
    }

    /** A tag's value. */
    public Optional<String> tag(String key) {
        return Optional.ofNullable(tags.get(key));
    }
}
