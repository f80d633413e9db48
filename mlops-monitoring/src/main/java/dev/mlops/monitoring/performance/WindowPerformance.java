package dev.mlops.monitoring.performance;

import dev.mlops.core.InvalidArgumentException;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * The performance of the predictions made in one tumbling window {@code [start, end)} of prediction
 * time, overall and per segment, with the labels that had arrived when the report was computed. A
 * label arriving later for a prediction in this window changes this window when the report is computed
 * again; that is how late labels fill in earlier windows.
 *
 * <p>An immutable value, safe to share between threads.
 *
 * @param start the window's first instant, inclusive
 * @param end the window's end, exclusive
 * @param overall every prediction in the window
 * @param segments segment → the predictions of that segment, sorted by segment; predictions without a
 *     segment are only in {@code overall}
 */
public record WindowPerformance(Instant start, Instant end, PerformanceSummary overall,
                                Map<String, PerformanceSummary> segments) {

    /** Validates and copies the fields. */
    public WindowPerformance {
        if (start == null || end == null || !start.isBefore(end)) {
            throw new InvalidArgumentException("end", "window must have start < end, got " + start + " .. " + end);
        }
        if (overall == null || segments == null) {
            throw new InvalidArgumentException(overall == null ? "overall" : "segments", "is null");
        }
        segments = Collections.unmodifiableMap(new TreeMap<>(segments));
    }
}
