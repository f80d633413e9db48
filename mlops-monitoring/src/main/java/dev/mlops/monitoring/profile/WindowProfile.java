package dev.mlops.monitoring.profile;

import java.time.Instant;

/**
 * The profile of one tumbling event-time window, as emitted by a {@link WindowedProfiler}.
 * Immutable.
 *
 * @param start the window's inclusive start
 * @param end the window's exclusive end
 * @param late false for the window's on-time profile (rows that arrived while it was open); true
 *     for a late part: rows for this window that arrived after it had closed, since the previous
 *     late part was emitted
 * @param profile the rows' profile
 */
public record WindowProfile(Instant start, Instant end, boolean late, DatasetProfile profile) {
}
