package dev.mlops.monitoring.profile;

import dev.mlops.core.Field;
import dev.mlops.core.InvalidArgumentException;
import dev.mlops.core.Schema;
import dev.mlops.core.ValueType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * Profiles rows in tumbling windows of event time, such as one profile per hour of prediction
 * traffic.
 *
 * <pre>{@code
 * WindowedProfiler hourly = WindowedProfiler.builder(schema, "event_time", Duration.ofHours(1))
 *     .allowedLateness(Duration.ofMinutes(5))
 *     .onClose(w -> store.save(w.start(), w.late(), w.profile().toBytes()))
 *     .build();
 * hourly.add(row);                       // routed by the row's event_time
 * hourly.advanceWatermark(clock.instant()); // optional: close windows when traffic stalls
 * }</pre>
 *
 * <p><b>Windows.</b> Window {@code i} covers {@code [origin + i·size, origin + (i+1)·size)}; the
 * origin defaults to the epoch, so hourly windows start on the hour (UTC). The event-time column must
 * be a TIMESTAMP field; a row without an event time is rejected.
 *
 * <p><b>Closing.</b> The watermark is the largest event time seen minus the allowed lateness (or a
 * later instant given to {@link #advanceWatermark}); it never moves back. A window closes when the
 * watermark reaches its end: its on-time profile is emitted ({@code late = false}) to the
 * {@code onClose} listener and kept for {@link #closedWindows()}. {@link #flush()} closes every
 * open window.
 *
 * <p><b>Late rows</b> — rows whose window has already closed — are never added to the emitted
 * profile (an emitted profile does not change). They go to a separate late part of their window,
 * which is emitted ({@code late = true}, same start and end) the next time any window closes, or
 * on {@link #flush()}. A late part holds the late rows since the previous late part of that
 * window; merge the parts with {@link DatasetProfile#merge} for the whole window.
 *
 * <p><b>Threads.</b> Thread-safe; one lock guards the windows (use a {@link Profiler} per window
 * yourself if many threads feed one window at high rates). The listener runs on the thread whose
 * call closed the windows, after the lock is released, in close order; it must not throw. Closed
 * windows beyond {@code retainClosedWindows} are forgotten oldest first (the listener still saw
 * them).
 */
public final class WindowedProfiler {

    private final Schema schema;
    private final Schema observed;
    private final String eventTime;
    private final long sizeMicros;
    private final long originMicros;
    private final long latenessMicros;
    private final ProfileConfig config;
    private final int retain;
    private final Consumer<WindowProfile> listener;

    private final ReentrantLock lock = new ReentrantLock();
    private final TreeMap<Long, DatasetAccumulator> open = new TreeMap<>();
    private final TreeMap<Long, DatasetAccumulator> late = new TreeMap<>();
    private final Deque<WindowProfile> closed = new ArrayDeque<>();
    private long watermark = Long.MIN_VALUE;

    private WindowedProfiler(Builder b) {
        this.schema = b.schema;
        this.observed = DatasetAccumulator.relax(b.schema);
        this.eventTime = b.eventTime;
        this.sizeMicros = b.sizeMicros;
        this.originMicros = b.originMicros;
        this.latenessMicros = b.latenessMicros;
        this.config = b.config;
        this.retain = b.retain;
        this.listener = b.listener;
    }

    /**
     * A builder for windows of {@code size} over the TIMESTAMP column {@code eventTimeColumn}.
     *
     * @throws InvalidArgumentException when the column is missing or not a timestamp, or the size is
     *     not positive or not a whole number of microseconds
     */
    public static Builder builder(Schema schema, String eventTimeColumn, Duration size) {
        if (schema == null) {
            throw new InvalidArgumentException("schema", "is null");
        }
        Field f = schema.field(eventTimeColumn == null ? "" : eventTimeColumn).orElseThrow(() ->
                new InvalidArgumentException("eventTimeColumn", "'" + eventTimeColumn + "' is not in the schema "
                        + schema.names()));
        if (f.type() != ValueType.TIMESTAMP) {
            throw new InvalidArgumentException(eventTimeColumn, "event-time column must be a timestamp, not "
                    + f.type().jsonName());
        }
        return new Builder(schema, eventTimeColumn, micros("size", size, false));
    }

    private static long micros(String field, Duration d, boolean zeroAllowed) {
        if (d == null || d.isNegative() || (!zeroAllowed && d.isZero())) {
            throw new InvalidArgumentException(field, "must be " + (zeroAllowed ? ">= 0" : "> 0") + ", was " + d);
        }
        if (d.getNano() % 1000 != 0) {
            throw new InvalidArgumentException(field, "must be a whole number of microseconds, was " + d);
        }
        try {
            return Math.addExact(Math.multiplyExact(d.getSeconds(), 1_000_000L), d.getNano() / 1000);
        } catch (ArithmeticException e) {
            throw new InvalidArgumentException(field, "is too long: " + d);
        }
    }

    public Schema schema() {
        return schema;
    }

    /** Adds one row to its window; emits the windows its event time closes. */
    public void add(Map<String, ?> row) {
        Map<String, Object> canonical = observed.validateRow(row, 0);
        route(List.of(canonical), List.of(eventTimeOf(canonical, 0)));
    }

    /** Adds rows in order, all or none: every row (and its event time) is validated first. */
    public void addAll(Iterable<? extends Map<String, ?>> rows) {
        if (rows == null) {
            throw new InvalidArgumentException("rows", "is null");
        }
        List<Map<String, Object>> canonical = new ArrayList<>();
        List<Long> times = new ArrayList<>();
        long i = 0;
        for (Map<String, ?> row : rows) {
            Map<String, Object> c = observed.validateRow(row, i);
            times.add(eventTimeOf(c, i));
            canonical.add(c);
            i++;
        }
        route(canonical, times);
    }

    private long eventTimeOf(Map<String, Object> canonical, long rowNumber) {
        Object t = canonical.get(eventTime);
        if (t == null) {
            throw new InvalidArgumentException(eventTime, "row " + rowNumber + ": event time is null; the row"
                    + " cannot be placed in a window");
        }
        return ColumnAccumulator.epochMicros((Instant) t, eventTime);
    }

    private void route(List<Map<String, Object>> rows, List<Long> times) {
        List<WindowProfile> emitted = new ArrayList<>();
        lock.lock();
        try {
            for (int r = 0; r < rows.size(); r++) {
                long t = times.get(r);
                long start = windowStart(t);
                boolean isLate = end(start) <= watermark;
                TreeMap<Long, DatasetAccumulator> target = isLate ? late : open;
                target.computeIfAbsent(start, s -> new DatasetAccumulator(schema, config)).addRow(rows.get(r));
                long candidate = t - latenessMicros;
                if (candidate > watermark) {
                    watermark = candidate;
                    closeUpTo(emitted);
                }
            }
        } finally {
            lock.unlock();
        }
        notify(emitted);
    }

    /**
     * Moves the watermark to {@code instant} if that is later, closing the windows that end at or
     * before it (for example from a clock when traffic stalls).
     */
    public void advanceWatermark(Instant instant) {
        if (instant == null) {
            throw new InvalidArgumentException("instant", "is null");
        }
        long t = ColumnAccumulator.epochMicros(instant, "instant");
        List<WindowProfile> emitted = new ArrayList<>();
        lock.lock();
        try {
            if (t > watermark) {
                watermark = t;
                closeUpTo(emitted);
            }
        } finally {
            lock.unlock();
        }
        notify(emitted);
    }

    /** Closes every open window and emits every pending late part. The watermark is unchanged. */
    public void flush() {
        List<WindowProfile> emitted = new ArrayList<>();
        lock.lock();
        try {
            while (!open.isEmpty()) {
                Map.Entry<Long, DatasetAccumulator> e = open.pollFirstEntry();
                emitted.add(close(e.getKey(), false, e.getValue()));
            }
            emitLate(emitted);
        } finally {
            lock.unlock();
        }
        notify(emitted);
    }

    private void closeUpTo(List<WindowProfile> emitted) {
        boolean any = false;
        while (!open.isEmpty() && end(open.firstKey()) <= watermark) {
            Map.Entry<Long, DatasetAccumulator> e = open.pollFirstEntry();
            emitted.add(close(e.getKey(), false, e.getValue()));
            any = true;
        }
        if (any) {
            emitLate(emitted);
        }
    }

    private void emitLate(List<WindowProfile> emitted) {
        while (!late.isEmpty()) {
            Map.Entry<Long, DatasetAccumulator> e = late.pollFirstEntry();
            emitted.add(close(e.getKey(), true, e.getValue()));
        }
    }

    private WindowProfile close(long start, boolean isLate, DatasetAccumulator acc) {
        WindowProfile w = new WindowProfile(instant(start), instant(end(start)), isLate, acc.snapshot());
        closed.addLast(w);
        while (closed.size() > retain) {
            closed.removeFirst();
        }
        return w;
    }

    private void notify(List<WindowProfile> emitted) {
        if (listener != null) {
            for (WindowProfile w : emitted) {
                listener.accept(w);
            }
        }
    }

    private long windowStart(long t) {
        return originMicros + Math.floorDiv(t - originMicros, sizeMicros) * sizeMicros;
    }

    private long end(long start) {
        return start + sizeMicros;
    }

    private static Instant instant(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000L);
    }

    /** Closed windows still retained (on-time and late parts), oldest first. */
    public List<WindowProfile> closedWindows() {
        lock.lock();
        try {
            return List.copyOf(closed);
        } finally {
            lock.unlock();
        }
    }

    /** The retained on-time profile of the closed window starting at {@code start}. */
    public Optional<WindowProfile> closedWindow(Instant start) {
        lock.lock();
        try {
            return closed.stream().filter(w -> !w.late() && w.start().equals(start)).findFirst();
        } finally {
            lock.unlock();
        }
    }

    /** Snapshots of the windows still open, by start. */
    public List<WindowProfile> openWindows() {
        lock.lock();
        try {
            List<WindowProfile> out = new ArrayList<>();
            open.forEach((s, acc) -> out.add(new WindowProfile(instant(s), instant(end(s)), false, acc.snapshot())));
            return out;
        } finally {
            lock.unlock();
        }
    }

    /** The watermark, once any row or {@link #advanceWatermark} has set it. */
    public Optional<Instant> watermark() {
        lock.lock();
        try {
            return watermark == Long.MIN_VALUE ? Optional.empty() : Optional.of(instant(watermark));
        } finally {
            lock.unlock();
        }
    }

    /** Configures a {@link WindowedProfiler}; not thread-safe. */
    public static final class Builder {
        private final SetOnce options = new SetOnce();
        private final Schema schema;
        private final String eventTime;
        private final long sizeMicros;
        private long originMicros;
        private long latenessMicros;
        private ProfileConfig config = ProfileConfig.DEFAULTS;
        private int retain = 1000;
        private Consumer<WindowProfile> listener;

        private Builder(Schema schema, String eventTime, long sizeMicros) {
            this.schema = schema;
            this.eventTime = eventTime;
            this.sizeMicros = sizeMicros;
        }

        /** How far behind the largest event time seen a window still accepts rows (default 0). */
        public Builder allowedLateness(Duration lateness) {
            options.mark("allowedLateness");
            this.latenessMicros = micros("allowedLateness", lateness, true);
            return this;
        }

        /** Where window 0 starts (default the epoch). */
        public Builder origin(Instant origin) {
            options.mark("origin");
            if (origin == null) {
                throw new InvalidArgumentException("origin", "is null");
            }
            this.originMicros = ColumnAccumulator.epochMicros(origin, "origin");
            return this;
        }

        public Builder config(ProfileConfig config) {
            options.mark("config");
            if (config == null) {
                throw new InvalidArgumentException("config", "is null");
            }
            this.config = config;
            return this;
        }

        /** How many closed windows (on-time and late parts) {@link #closedWindows()} keeps; default 1000. */
        public Builder retainClosedWindows(int count) {
            options.mark("retainClosedWindows");
            if (count < 0) {
                throw new InvalidArgumentException("retainClosedWindows", "must be >= 0, was " + count);
            }
            this.retain = count;
            return this;
        }

        /** Called with each emitted window, on the thread that closed it. */
        public Builder onClose(Consumer<WindowProfile> listener) {
            options.mark("onClose");
            if (listener == null) {
                throw new InvalidArgumentException("onClose", "is null");
            }
            this.listener = listener;
            return this;
        }

        public WindowedProfiler build() {
            return new WindowedProfiler(this);
        }
    }
}
