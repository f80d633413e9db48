package dev.mlops.monitoring.performance;

import java.time.Instant;

/** Instants as nanoseconds since the epoch: how prediction logs store them and windows align. */
final class EpochNanos {

    private EpochNanos() {}

    /** Nanoseconds since the epoch; exact for every time {@link Prediction} accepts. */
    static long of(Instant t) {
        // The product may wrap, but the exact sum fits in a long, so two's-complement arithmetic gives it.
        return t.getEpochSecond() * 1_000_000_000L + t.getNano();
    }

    /** Nanoseconds since the epoch of a range bound, clamped to the times a prediction can have. */
    static long clamped(Instant t) {
        if (t.isBefore(Prediction.MIN_TIME)) {
            return Long.MIN_VALUE;
        }
        return t.isAfter(Prediction.MAX_TIME) ? Long.MAX_VALUE : of(t);
    }

    static Instant toInstant(long nanos) {
        return Instant.ofEpochSecond(0, nanos);
    }
}
