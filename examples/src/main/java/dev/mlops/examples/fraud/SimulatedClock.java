package dev.mlops.examples.fraud;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The example's time: an {@link InstantSource} that the simulation moves through the synthetic days,
 * handed to every store, the monitor, the alert manager and the retraining loop. Thread-safe.
 */
public final class SimulatedClock implements InstantSource {

    private final AtomicReference<Instant> now;

    /** A clock standing at {@code start}. */
    public SimulatedClock(Instant start) {
        this.now = new AtomicReference<>(start);
    }

    @Override
    public Instant instant() {
        return now.get();
    }

    /** Moves to {@code time}; never backwards. */
    public void set(Instant time) {
        now.accumulateAndGet(time, (a, b) -> b.isAfter(a) ? b : a);
    }

    /** Moves forward by {@code d}. */
    public void advance(Duration d) {
        now.accumulateAndGet(now.get().plus(d), (a, b) -> b.isAfter(a) ? b : a);
    }
}
