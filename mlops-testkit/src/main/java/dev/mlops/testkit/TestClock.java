package dev.mlops.testkit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock that moves only when a test moves it, so that time-dependent behaviour (TTLs, alert
 * {@code for} durations, cooldowns, freshness) is tested without sleeping.
 *
 * <p>Pass it wherever the library takes an {@link java.time.InstantSource} or a {@link Clock}. It is a
 * {@link Clock} in UTC. Thread-safe: {@link #advance} and {@link #set} are atomic and visible to
 * readers on other threads at once.
 *
 * <pre>{@code
 * TestClock clock = TestClock.at("2024-01-01T00:00:00Z");
 * FeatureStore fs = FeatureStore.builder()...clock(clock).build();
 * clock.advance(Duration.ofDays(2));
 * }</pre>
 */
public final class TestClock extends Clock {

    private final AtomicReference<Instant> now;
    private final ZoneId zone;

    private TestClock(AtomicReference<Instant> now, ZoneId zone) {
        this.now = now;
        this.zone = zone;
    }

    /** A clock standing at {@code start}. */
    public static TestClock at(Instant start) {
        return new TestClock(new AtomicReference<>(Objects.requireNonNull(start, "start")), ZoneOffset.UTC);
    }

    /** A clock standing at an ISO-8601 instant such as {@code 2024-01-01T00:00:00Z}. */
    public static TestClock at(String isoInstant) {
        return at(Instant.parse(isoInstant));
    }

    /** A clock standing at 2024-01-01T00:00:00Z, a fixed and unremarkable default. */
    public static TestClock create() {
        return at("2024-01-01T00:00:00Z");
    }

    @Override
    public Instant instant() {
        return now.get();
    }

    @Override
    public long millis() {
        return now.get().toEpochMilli();
    }

    /**
     * Moves the clock forward (or, with a negative duration, back) and returns the new time.
     */
    public Instant advance(Duration duration) {
        Objects.requireNonNull(duration, "duration");
        return now.updateAndGet(t -> t.plus(duration));
    }

    /** Moves the clock forward by {@code millis} milliseconds and returns the new time. */
    public Instant advanceMillis(long millis) {
        return advance(Duration.ofMillis(millis));
    }

    /** Sets the clock to {@code instant}. */
    public void set(Instant instant) {
        now.set(Objects.requireNonNull(instant, "instant"));
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    /** A view of this clock in another zone; it moves with this one. */
    @Override
    public Clock withZone(ZoneId otherZone) {
        return new TestClock(now, Objects.requireNonNull(otherZone, "zone"));
    }

    @Override
    public String toString() {
        return "TestClock[" + now.get() + "]";
    }
}
