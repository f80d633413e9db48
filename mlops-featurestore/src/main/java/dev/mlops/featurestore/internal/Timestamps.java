package dev.mlops.featurestore.internal;

import dev.mlops.core.InvalidArgumentException;
import java.time.Instant;

/**
 * Conversions between {@link Instant} and the nanoseconds since the epoch (UTC) in which the stores
 * keep timestamps (Arrow's {@code timestamp[ns, tz=UTC]}). Not API.
 */
public final class Timestamps {

    /** The earliest instant that fits: 1677-09-21T00:12:43.145224192Z. */
    public static final Instant MIN = Instant.ofEpochSecond(0, Long.MIN_VALUE);
    /** The latest instant that fits: 2262-04-11T23:47:16.854775807Z. */
    public static final Instant MAX = Instant.ofEpochSecond(0, Long.MAX_VALUE);

    private Timestamps() {}

    /** Nanoseconds since the epoch; the instant must lie within [{@link #MIN}, {@link #MAX}]. */
    public static long toNanos(Instant instant) {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000_000L), instant.getNano());
    }

    /** The instant {@code nanos} after the epoch. */
    public static Instant fromNanos(long nanos) {
        return Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
    }

    /** Nanoseconds since the epoch, saturated at the representable range. */
    public static long toNanosSaturated(Instant instant) {
        if (instant.isBefore(MIN)) {
            return Long.MIN_VALUE;
        }
        if (instant.isAfter(MAX)) {
            return Long.MAX_VALUE;
        }
        return toNanos(instant);
    }

    /**
     * Throws unless {@code instant} fits in nanoseconds since the epoch.
     *
     * @throws InvalidArgumentException naming the field and the row
     */
    public static void requireRepresentable(Instant instant, String field, long rowNumber) {
        if (instant.isBefore(MIN) || instant.isAfter(MAX)) {
            throw new InvalidArgumentException(field, "row " + rowNumber + ": timestamp " + instant
                    + " is outside the supported range " + MIN + " to " + MAX);
        }
    }
}
