package dev.mlops.monitoring.metrics;

import dev.mlops.core.InvalidArgumentException;
import dev.mlops.monitoring.performance.PredictionLogger;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Micrometer meters for one model version's serving: how many predictions were logged and dropped
 * (read from its {@link PredictionLogger}), how long predictions took and how many failed (recorded by
 * the host through this object). Throughput is the rate of {@code mlops.predictions}, as a backend
 * computes it from the counter.
 *
 * <table>
 *   <caption>Meters, each tagged {@code model} and {@code version} (plus the extra tags given)</caption>
 *   <tr><th>name</th><th>type</th><th>what</th></tr>
 *   <tr><td>{@code mlops.predictions}</td><td>function counter</td><td>predictions logged</td></tr>
 *   <tr><td>{@code mlops.prediction.dropped}</td><td>function counter</td><td>predictions dropped (queue full, monitor closed)</td></tr>
 *   <tr><td>{@code mlops.prediction.latency}</td><td>timer</td><td>{@link #recordLatency} and {@link #observe}</td></tr>
 *   <tr><td>{@code mlops.prediction.errors}</td><td>counter, tag {@code error}</td><td>{@link #recordError} and {@link #observe}</td></tr>
 * </table>
 *
 * <pre>{@code
 * PredictionMetrics metrics = PredictionMetrics.of(monitor.logger("fraud", "3"));
 * metrics.bindTo(registry);
 * double p = metrics.observe(() -> model.predict(features));   // timed; an exception counts as an error
 * }</pre>
 *
 * <p>Like Micrometer's own binders, it may be bound to several registries; recording before any
 * {@link #bindTo} records nothing. Thread-safe. This class needs Micrometer on the class path; nothing
 * outside this package refers to it, so a host without Micrometer never loads it.
 */
public final class PredictionMetrics implements MeterBinder {

    private final PredictionLogger logger;
    private final Tags tags;
    private final List<MeterRegistry> registries = new CopyOnWriteArrayList<>();
    private final List<Timer> latency = new CopyOnWriteArrayList<>();

    private PredictionMetrics(PredictionLogger logger, Iterable<Tag> extraTags) {
        this.logger = Objects.requireNonNull(logger, "logger");
        this.tags = Tags.of("model", logger.model(), "version", logger.version()).and(extraTags);
    }

    /** Meters for the model version {@code logger} logs. */
    public static PredictionMetrics of(PredictionLogger logger) {
        return new PredictionMetrics(logger, Tags.empty());
    }

    /** Meters for the model version {@code logger} logs, with extra tags (such as the service). */
    public static PredictionMetrics of(PredictionLogger logger, Iterable<Tag> extraTags) {
        return new PredictionMetrics(logger, Objects.requireNonNull(extraTags, "extraTags"));
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Objects.requireNonNull(registry, "registry");
        FunctionCounter.builder("mlops.predictions", logger, PredictionLogger::logged)
                .description("Predictions logged to the prediction monitor")
                .tags(tags)
                .register(registry);
        FunctionCounter.builder("mlops.prediction.dropped", logger, PredictionLogger::dropped)
                .description("Predictions dropped because the monitor's queue was full or the monitor was closed")
                .tags(tags)
                .register(registry);
        latency.add(Timer.builder("mlops.prediction.latency")
                .description("Time the model took to answer")
                .tags(tags)
                .register(registry));
        registries.add(registry);
    }

    /** Records how long one prediction took. */
    public void recordLatency(Duration duration) {
        Objects.requireNonNull(duration, "duration");
        recordLatencyNanos(duration.toNanos());
    }

    /** Records how long one prediction took, in nanoseconds (for example from {@code System.nanoTime()}). */
    public void recordLatencyNanos(long nanos) {
        if (nanos < 0) {
            throw new InvalidArgumentException("nanos", "must be >= 0, got " + nanos);
        }
        for (Timer t : latency) {
            t.record(nanos, TimeUnit.NANOSECONDS);
        }
    }

    /**
     * Counts one failed prediction of the given kind (a short, bounded vocabulary such as
     * {@code timeout} or an exception's simple class name: each kind is a time series).
     */
    public void recordError(String kind) {
        if (kind == null || kind.isBlank()) {
            throw new InvalidArgumentException("kind", "must be a non-blank error kind");
        }
        for (MeterRegistry registry : registries) {
            Counter.builder("mlops.prediction.errors")
                    .description("Predictions that failed")
                    .tags(tags)
                    .tag("error", kind)
                    .register(registry)
                    .increment();
        }
    }

    /**
     * Runs {@code prediction}, records its latency, and counts an exception it throws as an error (by
     * its simple class name) before rethrowing it.
     */
    public <T> T observe(Supplier<T> prediction) {
        Objects.requireNonNull(prediction, "prediction");
        long start = System.nanoTime();
        try {
            return prediction.get();
        } catch (RuntimeException | Error e) {
            recordError(e.getClass().getSimpleName().isEmpty() ? e.getClass().getName() : e.getClass().getSimpleName());
            throw e;
        } finally {
            recordLatencyNanos(System.nanoTime() - start);
        }
    }
}
