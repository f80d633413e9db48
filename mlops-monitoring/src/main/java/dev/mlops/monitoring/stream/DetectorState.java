package dev.mlops.monitoring.stream;

/**
 * What a {@link StreamingDetector} concluded after its latest update. An immutable enum, safe to
 * share between threads.
 */
public enum DetectorState {
    /** No change: the stream looks stationary. */
    NONE,
    /**
     * The statistic is past the warning level but not the drift level: a change may be coming.
     * Only detectors whose {@link StreamingDetector#signalsWarnings()} is true report it.
     */
    WARNING,
    /** A change was detected. The next update starts a fresh window. */
    DRIFT
}
