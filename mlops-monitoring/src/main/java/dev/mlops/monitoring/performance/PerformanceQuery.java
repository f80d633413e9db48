package dev.mlops.monitoring.performance;

import dev.mlops.core.InvalidArgumentException;
import java.time.Duration;

/**
 * What {@link PredictionMonitor#performance} computes: the predictions of a {@link PredictionRange},
 * grouped into tumbling windows of {@code window} by prediction time, with the expected calibration
 * error over {@code calibrationBins} bins.
 *
 * <p>Windows are aligned to the epoch (1970-01-01T00:00Z): a window starts at a whole multiple of its
 * length, so hourly windows start on the hour in UTC and daily ones at midnight UTC. The report covers
 * every window that overlaps the range, from the one holding {@code from} to the one holding the last
 * instant before {@code to}, empty windows included (with zero predictions); only predictions inside
 * the range are counted.
 *
 * <p>An immutable value, safe to share between threads.
 *
 * @param range which predictions
 * @param window the window length, at least one millisecond
 * @param calibrationBins bins of the calibration error, 1 to 10 000
 */
public record PerformanceQuery(PredictionRange range, Duration window, int calibrationBins) {

    /** The most windows one report may have. */
    public static final int MAX_WINDOWS = 100_000;

    /** Validates the fields. */
    public PerformanceQuery {
        if (range == null) {
            throw new InvalidArgumentException("range", "is null");
        }
        if (window == null || window.compareTo(Duration.ofMillis(1)) < 0) {
            throw new InvalidArgumentException("window", "must be at least 1 ms, got " + window);
        }
        PerformanceMetrics.checkBins(calibrationBins);
        long windows;
        try {
            windows = Duration.between(range.from(), range.to()).dividedBy(window) + 2;
        } catch (ArithmeticException e) {
            windows = Long.MAX_VALUE;
        }
        if (windows > MAX_WINDOWS) {
            throw new InvalidArgumentException("window", "the range " + range.from() + " .. " + range.to()
                    + " holds more than " + MAX_WINDOWS + " windows of " + window);
        }
    }

    /** Windows of {@code window} over {@code range}, with {@value PerformanceMetrics#DEFAULT_CALIBRATION_BINS} calibration bins. */
    public static PerformanceQuery of(PredictionRange range, Duration window) {
        return new PerformanceQuery(range, window, PerformanceMetrics.DEFAULT_CALIBRATION_BINS);
    }

    /** The same query with another number of calibration bins. */
    public PerformanceQuery withCalibrationBins(int bins) {
        return new PerformanceQuery(range, window, bins);
    }
}
