package dev.mlops.monitoring.performance;

import java.util.List;

/**
 * Receives every batch of predictions the monitor's consumer thread has taken off its queue, after the
 * batch went to the {@link PredictionLog} (whether or not that write succeeded): the hook that feeds
 * windowed profiles and streaming detectors without a second queue.
 *
 * <p>Called on the monitor's consumer thread, one batch at a time, never concurrently for one monitor;
 * it must be quick, because predictions queue up behind it. An exception it throws is logged and
 * counted ({@link MonitorStats#listenerFailures()}) and does not stop the monitor. The list is
 * unmodifiable and valid only during the call.
 */
@FunctionalInterface
public interface PredictionListener {

    /** Handles one batch, oldest prediction first. */
    void onPredictions(List<Prediction> batch);
}
