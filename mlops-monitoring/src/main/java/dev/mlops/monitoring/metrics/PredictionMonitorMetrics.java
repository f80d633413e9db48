package dev.mlops.monitoring.metrics;

import dev.mlops.monitoring.performance.MonitorStats;
import dev.mlops.monitoring.performance.PredictionMonitor;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.Objects;
import java.util.function.ToDoubleFunction;

/**
 * Micrometer meters for a {@link PredictionMonitor} as a whole: its queue and what became of the
 * predictions and labels it accepted. Per-model counts are on {@link PredictionMetrics}.
 *
 * <table>
 *   <caption>Meters, tagged with the tags given</caption>
 *   <tr><th>name</th><th>type</th><th>what</th></tr>
 *   <tr><td>{@code mlops.prediction.queue.depth}</td><td>gauge</td><td>predictions and labels waiting</td></tr>
 *   <tr><td>{@code mlops.prediction.queue.capacity}</td><td>gauge</td><td>the most the queue holds</td></tr>
 *   <tr><td>{@code mlops.prediction.queue.dropped}</td><td>function counter</td><td>predictions dropped, all models</td></tr>
 *   <tr><td>{@code mlops.prediction.log.writes}</td><td>function counter, tag {@code result} = {@code written} | {@code failed}</td>
 *       <td>predictions the prediction log stored, or lost because it failed</td></tr>
 *   <tr><td>{@code mlops.prediction.labels}</td><td>function counter, tag {@code result} = {@code logged} | {@code dropped} | {@code written} | {@code failed}</td>
 *       <td>labels through the queue</td></tr>
 *   <tr><td>{@code mlops.prediction.listener.failures}</td><td>function counter</td><td>listener calls that threw</td></tr>
 * </table>
 *
 * <p>Each read takes one {@link PredictionMonitor#stats()} snapshot. Thread-safe; may be bound to
 * several registries. Needs Micrometer on the class path (see {@link PredictionMetrics}).
 */
public final class PredictionMonitorMetrics implements MeterBinder {

    private final PredictionMonitor monitor;
    private final Tags tags;

    private PredictionMonitorMetrics(PredictionMonitor monitor, Iterable<Tag> tags) {
        this.monitor = Objects.requireNonNull(monitor, "monitor");
        this.tags = Tags.of(Objects.requireNonNull(tags, "tags"));
    }

    /** Meters for {@code monitor}, without tags. */
    public static PredictionMonitorMetrics of(PredictionMonitor monitor) {
        return new PredictionMonitorMetrics(monitor, Tags.empty());
    }

    /** Meters for {@code monitor}, tagged (for example with the service name when a host has several). */
    public static PredictionMonitorMetrics of(PredictionMonitor monitor, Iterable<Tag> tags) {
        return new PredictionMonitorMetrics(monitor, tags);
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Objects.requireNonNull(registry, "registry");
        Gauge.builder("mlops.prediction.queue.depth", monitor, m -> m.stats().queueDepth())
                .description("Predictions and labels waiting in the monitor's queue")
                .tags(tags).register(registry);
        Gauge.builder("mlops.prediction.queue.capacity", monitor, m -> m.stats().queueCapacity())
                .description("The most predictions and labels the monitor's queue holds")
                .tags(tags).register(registry);
        counter(registry, "mlops.prediction.queue.dropped", "Predictions dropped, all models", Tags.empty(),
                MonitorStats::dropped);
        counter(registry, "mlops.prediction.log.writes", "Predictions the prediction log stored",
                Tags.of("result", "written"), MonitorStats::written);
        counter(registry, "mlops.prediction.log.writes", "Predictions lost because the prediction log failed",
                Tags.of("result", "failed"), MonitorStats::failed);
        counter(registry, "mlops.prediction.labels", "Labels accepted into the queue", Tags.of("result", "logged"),
                MonitorStats::labelsLogged);
        counter(registry, "mlops.prediction.labels", "Labels dropped", Tags.of("result", "dropped"),
                MonitorStats::labelsDropped);
        counter(registry, "mlops.prediction.labels", "Labels stored", Tags.of("result", "written"),
                MonitorStats::labelsWritten);
        counter(registry, "mlops.prediction.labels", "Labels lost because the prediction log failed",
                Tags.of("result", "failed"), MonitorStats::labelsFailed);
        counter(registry, "mlops.prediction.listener.failures", "Prediction listener calls that threw", Tags.empty(),
                MonitorStats::listenerFailures);
    }

    private void counter(MeterRegistry registry, String name, String description, Tags extra,
                         ToDoubleFunction<MonitorStats> read) {
        FunctionCounter.builder(name, monitor, m -> read.applyAsDouble(m.stats()))
                .description(description)
                .tags(tags.and(extra))
                .register(registry);
    }
}
