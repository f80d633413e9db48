package dev.mlops.monitoring.performance;

import dev.mlops.core.InvalidArgumentException;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * The hot-path handle for logging one model version's predictions through a {@link PredictionMonitor}:
 * the model name and version are checked once, when the handle is made, and each {@code log} call
 * stamps the time from the monitor's clock, copies the features and hands the prediction to the
 * monitor's queue without ever waiting.
 *
 * <pre>{@code
 * PredictionLogger fraud = monitor.logger("fraud", "3");
 * fraud.log(requestId, features, PredictionOutput.probability(p), customer.country());
 * }</pre>
 *
 * <p>Obtained from {@link PredictionMonitor#logger}; one instance per (model, version) and monitor,
 * valid as long as the monitor. Thread-safe: any number of threads may log through one handle. Its
 * counters count this version's predictions only.
 */
public final class PredictionLogger {

    private final PredictionMonitor monitor;
    private final String model;
    private final String version;
    private final LongAdder logged = new LongAdder();
    private final LongAdder dropped = new LongAdder();

    PredictionLogger(PredictionMonitor monitor, String model, String version) {
        this.monitor = monitor;
        this.model = model;
        this.version = version;
    }

    /** The model name. */
    public String model() {
        return model;
    }

    /** The model version. */
    public String version() {
        return version;
    }

    /**
     * Logs a prediction made now (by the monitor's clock), without a segment.
     *
     * @return true if it was queued; false if it was dropped because the queue was full or the monitor
     *     is closed (and counted in {@link #dropped()})
     * @throws InvalidArgumentException if an argument breaks the rules of {@link Prediction}; nothing
     *     is counted then
     */
    public boolean log(String id, Map<String, ?> features, PredictionOutput output) {
        return log(id, features, output, null);
    }

    /**
     * Logs a prediction made now (by the monitor's clock) in a segment ({@code null} for none).
     *
     * @return true if it was queued; false if it was dropped because the queue was full or the monitor
     *     is closed (and counted in {@link #dropped()})
     * @throws InvalidArgumentException if an argument breaks the rules of {@link Prediction}; nothing
     *     is counted then
     */
    public boolean log(String id, Map<String, ?> features, PredictionOutput output, String segment) {
        return offer(Prediction.trusted(id, model, version, monitor.now(), features, output, segment));
    }

    boolean offer(Prediction prediction) {
        if (monitor.enqueue(prediction)) {
            logged.increment();
            return true;
        }
        dropped.increment();
        return false;
    }

    /** Predictions of this version accepted into the queue so far. */
    public long logged() {
        return logged.sum();
    }

    /** Predictions of this version dropped so far (queue full, or monitor closed). */
    public long dropped() {
        return dropped.sum();
    }

    @Override
    public String toString() {
        return "PredictionLogger[" + model + ":" + version + ", logged=" + logged() + ", dropped=" + dropped() + "]";
    }
}
