package dev.mlops.monitoring.alert;

import dev.mlops.core.InvalidArgumentException;
import dev.mlops.core.Names;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The latest value of a named metric for each label set, fed by the host or by other monitoring
 * components (a drift job records each feature's score, a performance monitor records accuracy per
 * segment), and read by alert rules as a {@link Signal}.
 *
 * <p>Reading at time {@code now} answers, for each label set, the latest recorded value whose timestamp
 * is at or before {@code now} and no older than the staleness bound (default 5 minutes, Prometheus'
 * look-back delta): a series that stopped reporting disappears, which resolves its alerts. A value
 * recorded with an earlier timestamp than the one held is ignored, so out-of-order writers cannot move a
 * series back in time.
 *
 * <p>Thread-safe: any number of threads may record while the alert manager reads.
 */
public final class Series implements Signal {

    /** Prometheus' default look-back delta. */
    public static final Duration DEFAULT_STALE_AFTER = Duration.ofMinutes(5);

    private record Point(double value, Instant time) {}

    private final String name;
    private final Duration staleAfter;
    private final ConcurrentHashMap<Labels, Point> latest = new ConcurrentHashMap<>();

    private Series(String name, Duration staleAfter) {
        this.name = Names.require("series name", name);
        Objects.requireNonNull(staleAfter, "staleAfter");
        if (staleAfter.isNegative() || staleAfter.isZero()) {
            throw new InvalidArgumentException("staleAfter", "must be positive, was " + staleAfter);
        }
        this.staleAfter = staleAfter;
    }

    /** A series whose values go stale after {@link #DEFAULT_STALE_AFTER}. */
    public static Series create(String name) {
        return new Series(name, DEFAULT_STALE_AFTER);
    }

    /** A series whose values go stale when older than {@code staleAfter}. */
    public static Series create(String name, Duration staleAfter) {
        return new Series(name, staleAfter);
    }

    /** The series' name, used in descriptions. */
    public String name() {
        return name;
    }

    /** How old a value may be and still be read. */
    public Duration staleAfter() {
        return staleAfter;
    }

    /**
     * Records {@code value} for {@code labels} observed at {@code time}.
     *
     * @throws InvalidArgumentException if {@code value} is NaN or infinite; nothing is recorded
     */
    public void record(Labels labels, double value, Instant time) {
        Objects.requireNonNull(labels, "labels");
        Objects.requireNonNull(time, "time");
        if (!Double.isFinite(value)) {
            throw new InvalidArgumentException("value", "must be finite, was " + value);
        }
        Point point = new Point(value, time);
        latest.merge(labels, point, (old, neu) -> neu.time.isBefore(old.time) ? old : neu);
    }

    /** Records an unlabelled value. */
    public void record(double value, Instant time) {
        record(Labels.empty(), value, time);
    }

    /** Forgets the series with {@code labels}, so it is absent from the next read. */
    public void remove(Labels labels) {
        latest.remove(Objects.requireNonNull(labels, "labels"));
    }

    /** The latest value recorded for {@code labels}, regardless of staleness. */
    public Optional<Double> latest(Labels labels) {
        Point p = latest.get(labels);
        return p == null ? Optional.empty() : Optional.of(p.value);
    }

    @Override
    public List<Sample> read(Instant now) {
        Instant oldest = now.minus(staleAfter);
        List<Sample> out = new ArrayList<>();
        latest.forEach((labels, p) -> {
            if (!p.time.isAfter(now) && p.time.isAfter(oldest)) {
                out.add(new Sample(labels, p.value));
            }
        });
        return out;
    }

    @Override
    public String toString() {
        return "Series[" + name + ", " + latest.size() + " label sets]";
    }
}
