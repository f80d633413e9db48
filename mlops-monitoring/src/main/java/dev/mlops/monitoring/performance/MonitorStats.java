package dev.mlops.monitoring.performance;

/**
 * A snapshot of a {@link PredictionMonitor}'s counters. Every prediction offered to the monitor is
 * counted exactly once as {@code logged} (queued) or {@code dropped} (the queue was full, or the
 * monitor closed); every logged prediction ends as {@code written} or {@code failed}, or is still
 * queued. Labels are counted the same way. Once the monitor is closed and drained,
 * {@code logged == written + failed} and {@code labelsLogged == labelsWritten + labelsFailed}.
 *
 * <p>An immutable value. The counters are read one after another, not atomically together, so a
 * snapshot taken while threads are logging may be off by the predictions logged while it was taken.
 *
 * @param logged predictions accepted into the queue
 * @param dropped predictions refused because the queue was full or the monitor closed
 * @param written predictions the prediction log accepted
 * @param failed predictions in batches the prediction log rejected (the failure is logged)
 * @param labelsLogged labels accepted into the queue
 * @param labelsDropped labels refused because the queue was full or the monitor closed
 * @param labelsWritten labels the prediction log accepted
 * @param labelsFailed labels in batches the prediction log rejected
 * @param listenerFailures calls to a {@link PredictionListener} that threw
 * @param queueDepth predictions and labels waiting in the queue
 * @param queueCapacity the most the queue holds
 */
public record MonitorStats(long logged, long dropped, long written, long failed,
                           long labelsLogged, long labelsDropped, long labelsWritten, long labelsFailed,
                           long listenerFailures, int queueDepth, int queueCapacity) {
}
