package dev.mlops.monitoring.performance;

import dev.mlops.core.Field;
import dev.mlops.core.InvalidArgumentException;
import dev.mlops.monitoring.profile.WindowedProfiler;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Feeds logged predictions' features into a {@link WindowedProfiler}, windowed by prediction time, so
 * that drift can be computed on what the model actually saw, window by window.
 *
 * <pre>{@code
 * WindowedProfiler windows = WindowedProfiler.builder(featureSchema, "prediction_time", Duration.ofHours(1)).build();
 * PredictionMonitor monitor = PredictionMonitor.builder()...listener(ProfilingListener.of(windows)).build();
 * }</pre>
 *
 * <p>Only the features the profiler's schema names are profiled (others in a prediction are ignored, so a
 * model can log more than is profiled); the schema's event-time column is filled with the prediction's
 * time. A prediction whose features do not fit the schema is counted by the monitor as a listener failure
 * for that batch, like any listener exception. Runs on the monitor's consumer thread.
 */
public final class ProfilingListener implements PredictionListener {

    private final WindowedProfiler profiler;
    private final String eventTimeColumn;
    private final List<String> featureNames;

    private ProfilingListener(WindowedProfiler profiler, String eventTimeColumn) {
        this.profiler = profiler;
        this.eventTimeColumn = eventTimeColumn;
        this.featureNames = profiler.schema().fields().stream().map(Field::name)
                .filter(name -> !name.equals(eventTimeColumn)).toList();
    }

    /**
     * A listener feeding {@code profiler}, whose schema has a timestamp column {@code eventTimeColumn}.
     *
     * @throws InvalidArgumentException if the schema has no such timestamp column
     */
    public static ProfilingListener of(WindowedProfiler profiler, String eventTimeColumn) {
        if (profiler == null) {
            throw new InvalidArgumentException("profiler", "is null");
        }
        Field time = profiler.schema().field(eventTimeColumn).orElseThrow(() -> new InvalidArgumentException(
                "eventTimeColumn", "'" + eventTimeColumn + "' is not a column of the profiler's schema"));
        if (time.type() != dev.mlops.core.ValueType.TIMESTAMP) {
            throw new InvalidArgumentException("eventTimeColumn", "'" + eventTimeColumn + "' is "
                    + time.type().jsonName() + ", not timestamp");
        }
        return new ProfilingListener(profiler, eventTimeColumn);
    }

    @Override
    public void onPredictions(List<Prediction> batch) {
        for (Prediction p : batch) {
            Map<String, Object> features = p.features();
            Map<String, Object> row = new HashMap<>(featureNames.size() * 2 + 2);
            for (String name : featureNames) {
                Object value = features.get(name);
                if (value != null) {
                    row.put(name, value);
                }
            }
            row.put(eventTimeColumn, p.time());
            profiler.add(row);
        }
    }
}
