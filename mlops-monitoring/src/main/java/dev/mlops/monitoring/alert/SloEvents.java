package dev.mlops.monitoring.alert;

import dev.mlops.core.InvalidArgumentException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * Counts of good and total events for a service level objective, kept in one-minute buckets over a
 * bounded retention (a ring buffer), so that error ratios over any whole-minute window up to the
 * retention can be read at any time. Feed it from the request path (or from a batch job's counts);
 * read it through {@link SloBurnRateRules}.
 *
 * <p><b>Windows.</b> Bucket {@code m} holds the events whose time falls in minute {@code m} since the
 * epoch ({@code [m·60 s, (m+1)·60 s)}). A window of {@code k} minutes read at {@code now} covers the
 * {@code k} buckets ending with the one that contains {@code now} (that last one possibly partly
 * filled), so it spans between {@code k - 1} and {@code k} minutes of events. Buckets of minutes after
 * the one containing {@code now} are not counted.
 *
 * <p><b>Retention.</b> A bucket is reused once its minute is more than the retention old; an event whose
 * bucket has already been reused by a newer minute is dropped and counted in {@link #dropped()}.
 *
 * <p>Thread-safe: recording and reading may happen from any threads.
 */
public final class SloEvents {

    /** The default retention, the longest window of the SRE workbook's table. */
    public static final Duration DEFAULT_RETENTION = Duration.ofDays(3);
    /** The longest retention accepted. */
    public static final Duration MAX_RETENTION = Duration.ofDays(90);

    /**
     * Good and total events in a window.
     *
     * @param good events that met the objective
     * @param total all events
     */
    public record Counts(long good, long total) {
        /** Bad events: {@code total - good}. */
        public long bad() {
            return total - good;
        }

        /** {@code bad / total}, absent when there were no events. */
        public OptionalDouble errorRatio() {
            return total == 0 ? OptionalDouble.empty() : OptionalDouble.of((double) bad() / total);
        }
    }

    private final int minutes;
    private final long[] minuteOf;
    private final long[] good;
    private final long[] total;
    private long dropped;

    private SloEvents(int minutes) {
        this.minutes = minutes;
        this.minuteOf = new long[minutes];
        Arrays.fill(minuteOf, Long.MIN_VALUE);
        this.good = new long[minutes];
        this.total = new long[minutes];
    }

    /** Events kept for {@link #DEFAULT_RETENTION} (3 days). */
    public static SloEvents create() {
        return create(DEFAULT_RETENTION);
    }

    /**
     * Events kept for {@code retention}, a whole number of minutes up to {@link #MAX_RETENTION}.
     *
     * @throws InvalidArgumentException otherwise
     */
    public static SloEvents create(Duration retention) {
        return new SloEvents(wholeMinutes("retention", retention, MAX_RETENTION));
    }

    static int wholeMinutes(String field, Duration d, Duration max) {
        Objects.requireNonNull(d, field);
        if (d.isNegative() || d.isZero() || d.toSecondsPart() != 0 || d.toNanosPart() != 0) {
            throw new InvalidArgumentException(field, "must be a positive whole number of minutes, was " + d);
        }
        if (d.compareTo(max) > 0) {
            throw new InvalidArgumentException(field, "must be at most " + max + ", was " + d);
        }
        return (int) d.toMinutes();
    }

    /** How long events are kept. */
    public Duration retention() {
        return Duration.ofMinutes(minutes);
    }

    /**
     * Adds {@code good} good events out of {@code total} at {@code time}.
     *
     * @throws InvalidArgumentException unless {@code 0 <= good <= total}; nothing is recorded
     */
    public void record(Instant time, long good, long total) {
        Objects.requireNonNull(time, "time");
        if (good < 0 || total < 0 || good > total) {
            throw new InvalidArgumentException("good", "must satisfy 0 <= good <= total, was good=" + good
                    + ", total=" + total);
        }
        long minute = Math.floorDiv(time.getEpochSecond(), 60);
        int slot = (int) Math.floorMod(minute, (long) minutes);
        synchronized (this) {
            if (minuteOf[slot] == minute) {
                this.good[slot] += good;
                this.total[slot] += total;
            } else if (minuteOf[slot] < minute) {
                minuteOf[slot] = minute;
                this.good[slot] = good;
                this.total[slot] = total;
            } else {
                dropped += total;
            }
        }
    }

    /** Adds one event at {@code time}, good or bad. */
    public void record(Instant time, boolean isGood) {
        record(time, isGood ? 1 : 0, 1);
    }

    /**
     * The counts in the {@code window} read at {@code now}.
     *
     * @throws InvalidArgumentException unless the window is a whole number of minutes within the
     *     retention
     */
    public Counts counts(Instant now, Duration window) {
        Objects.requireNonNull(now, "now");
        int k = wholeMinutes("window", window, retention());
        long last = Math.floorDiv(now.getEpochSecond(), 60);
        long g = 0;
        long t = 0;
        synchronized (this) {
            for (long m = last - k + 1; m <= last; m++) {
                int slot = (int) Math.floorMod(m, (long) minutes);
                if (minuteOf[slot] == m) {
                    g += good[slot];
                    t += total[slot];
                }
            }
        }
        return new Counts(g, t);
    }

    /** The error ratio ({@code bad / total}) in the window; absent when it had no events. */
    public OptionalDouble errorRatio(Instant now, Duration window) {
        return counts(now, window).errorRatio();
    }

    /** How many events were dropped because they were older than the retention. */
    public synchronized long dropped() {
        return dropped;
    }
}
