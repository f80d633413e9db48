package dev.mlops.registry.tracking;

import dev.mlops.core.InvalidArgumentException;
import dev.mlops.registry.internal.Checks;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs metric points without making the caller wait for the store: points go into a bounded queue
 * and are written in batches of up to {@value TrackingLimits#MAX_BATCH_METRICS} per run by a
 * background task.
 *
 * <pre>{@code
 * try (AsyncMetricLogger metrics = AsyncMetricLogger.builder(store).capacity(100_000).build()) {
 *     for (long step = 0; step < steps; step++) {
 *         metrics.log(run.id(), "loss", loss(step), step);   // never blocks with the default policy
 *     }
 * }                                                          // close() writes what is still queued
 * }</pre>
 *
 * <h2>Back-pressure and drops</h2>
 * With {@link Overflow#DROP} (the default) a point that finds the queue full is dropped at once; with
 * {@link Overflow#BLOCK} the caller waits for room. Points logged after {@link #close()}, and points
 * whose batch the store refused, are dropped too. Every drop is counted ({@link #dropped()}), handed to
 * the {@link DropListener}, and logged through SLF4J, so nothing disappears silently.
 *
 * <h2>Threads</h2>
 * The writer runs on the host's {@link Builder#executor executor} when one is given, else on one
 * daemon thread this logger owns. It runs only while there is work, so it holds no thread when idle,
 * and there is never more than one writer at a time: points from one thread reach the store in the
 * order they were logged. Thread-safe; {@link #close()} is idempotent.
 */
public final class AsyncMetricLogger implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AsyncMetricLogger.class);

    /** What to do with a point that finds the queue full. */
    public enum Overflow {
        /** Drop it and report the drop; the caller never waits. */
        DROP,
        /** Wait until there is room. */
        BLOCK
    }

    /** Why points were dropped. */
    public enum DropReason {
        /** The queue was full under {@link Overflow#DROP}. */
        QUEUE_FULL,
        /** The logger was closed. */
        CLOSED,
        /** The store refused or failed to write the batch. */
        WRITE_FAILED
    }

    /** Told about every drop; called on the logging thread or the writer thread, so keep it quick. */
    @FunctionalInterface
    public interface DropListener {

        /**
         * {@code count} points of {@code runId} were dropped.
         *
         * @param cause the store's exception, for {@link DropReason#WRITE_FAILED}
         */
        void onDrop(DropReason reason, String runId, int count, Optional<Throwable> cause);
    }

    private record Point(String runId, Metric metric) {}

    private final TrackingStore store;
    private final InstantSource clock;
    private final BlockingQueue<Point> queue;
    private final int batchSize;
    private final Overflow overflow;
    private final DropListener dropListener;
    private final Executor executor;
    private final ExecutorService ownedExecutor;
    private final Duration closeTimeout;
    private final AtomicBoolean writerScheduled = new AtomicBoolean();
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong processed = new AtomicLong();
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final Object progress = new Object();
    private volatile boolean closed;

    private AsyncMetricLogger(Builder b) {
        this.store = b.store;
        this.clock = b.clock;
        this.queue = new ArrayBlockingQueue<>(b.capacity);
        this.batchSize = b.batchSize;
        this.overflow = b.overflow;
        this.dropListener = b.dropListener;
        this.closeTimeout = b.closeTimeout;
        if (b.executor != null) {
            this.executor = b.executor;
            this.ownedExecutor = null;
        } else {
            this.ownedExecutor = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "mlops-async-metric-logger");
                t.setDaemon(true);
                return t;
            });
            this.executor = ownedExecutor;
        }
    }

    /** A builder writing to {@code store}. */
    public static Builder builder(TrackingStore store) {
        return new Builder(store);
    }

    /** Logs a point timestamped now (see {@link #log(String, Metric)}). */
    public boolean log(String runId, String key, double value, long step) {
        return log(runId, new Metric(key, value, Instant.ofEpochMilli(clock.millis()), step));
    }

    /**
     * Queues a point for {@code runId}.
     *
     * @return whether the point was queued; false when it was dropped (and reported)
     * @throws InvalidArgumentException when {@code runId} or {@code metric} is null
     */
    public boolean log(String runId, Metric metric) {
        Point p = new Point(Checks.notNull("runId", runId), Checks.notNull("metric", metric));
        if (closed) {
            drop(DropReason.CLOSED, runId, 1, null);
            return false;
        }
        if (!queue.offer(p)) {
            if (overflow == Overflow.DROP) {
                drop(DropReason.QUEUE_FULL, runId, 1, null);
                return false;
            }
            try {
                while (!queue.offer(p, 100, TimeUnit.MILLISECONDS)) {
                    if (closed) {
                        drop(DropReason.CLOSED, runId, 1, null);
                        return false;
                    }
                    scheduleWriter();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                drop(DropReason.QUEUE_FULL, runId, 1, null);
                return false;
            }
        }
        accepted.incrementAndGet();
        scheduleWriter();
        return true;
    }

    /** Points written to the store so far. */
    public long written() {
        return written.get();
    }

    /** Points dropped so far, for any reason. */
    public long dropped() {
        return dropped.get();
    }

    /** Points queued and not yet written or dropped. */
    public long pending() {
        return accepted.get() - processed.get();
    }

    /**
     * Waits until every point queued before this call is written (or dropped because the store
     * refused it).
     *
     * @return whether that happened within {@code timeout}
     */
    public boolean flush(Duration timeout) {
        Checks.notNull("timeout", timeout);
        long target = accepted.get();
        long deadline = System.nanoTime() + timeout.toNanos();
        scheduleWriter();
        synchronized (progress) {
            while (processed.get() < target) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(progress, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * Stops accepting points, writes everything still queued (waiting up to the builder's close
     * timeout), reports what could not be written, and stops the thread this logger owns.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        boolean drained = flush(closeTimeout);
        if (!drained) {
            List<Point> left = new ArrayList<>();
            queue.drainTo(left);
            groupByRun(left).forEach((run, points) -> {
                processed.addAndGet(points.size());
                drop(DropReason.CLOSED, run, points.size(), null);
            });
        }
        if (ownedExecutor != null) {
            ownedExecutor.shutdown();
        }
        if (dropped.get() > 0) {
            LOG.warn("async metric logger closed: {} points written, {} dropped", written.get(), dropped.get());
        }
    }

    private void scheduleWriter() {
        if (!queue.isEmpty() && writerScheduled.compareAndSet(false, true)) {
            try {
                executor.execute(this::writeAll);
            } catch (RejectedExecutionException e) {
                writerScheduled.set(false);
                LOG.warn("async metric logger: the executor refused the writer; points stay queued", e);
            }
        }
    }

    /** Writes batches until the queue is empty; only one instance runs at a time. */
    private void writeAll() {
        List<Point> batch = new ArrayList<>(batchSize);
        while (true) {
            batch.clear();
            queue.drainTo(batch, batchSize);
            if (batch.isEmpty()) {
                writerScheduled.set(false);
                // A point queued after drainTo but before the flag was cleared found the flag set and did
                // not schedule a writer: take the work back if nobody else has.
                if (queue.isEmpty() || !writerScheduled.compareAndSet(false, true)) {
                    return;
                }
                continue;
            }
            for (Map.Entry<String, List<Metric>> e : groupByRun(batch).entrySet()) {
                write(e.getKey(), e.getValue());
            }
            // Counted per batch, not per run: grouping reorders points within a batch, and a flush must
            // not return while a point queued before it is still unwritten.
            processed.addAndGet(batch.size());
            synchronized (progress) {
                progress.notifyAll();
            }
        }
    }

    private void write(String runId, List<Metric> metrics) {
        try {
            store.logBatch(runId, metrics, List.of(), List.of());
            written.addAndGet(metrics.size());
        } catch (RuntimeException e) {
            drop(DropReason.WRITE_FAILED, runId, metrics.size(), e);
        }
    }

    private static Map<String, List<Metric>> groupByRun(List<Point> points) {
        Map<String, List<Metric>> byRun = new LinkedHashMap<>();
        for (Point p : points) {
            byRun.computeIfAbsent(p.runId(), k -> new ArrayList<>()).add(p.metric());
        }
        return byRun;
    }

    private void drop(DropReason reason, String runId, int count, Throwable cause) {
        long before = dropped.getAndAdd(count);
        if (before == 0 || cause != null) {
            LOG.warn("async metric logger dropped {} point(s) of run {}: {}", count, runId, reason,
                    cause);
        } else {
            LOG.debug("async metric logger dropped {} point(s) of run {}: {}", count, runId, reason);
        }
        try {
            dropListener.onDrop(reason, runId, count, Optional.ofNullable(cause));
        } catch (RuntimeException e) {
            LOG.warn("a drop listener failed", e);
        }
    }

    /** Configures an {@link AsyncMetricLogger}. Not thread-safe; build once. */
    public static final class Builder {
        private final TrackingStore store;
        private InstantSource clock = InstantSource.system();
        private int capacity = 100_000;
        private int batchSize = TrackingLimits.MAX_BATCH_METRICS;
        private Overflow overflow = Overflow.DROP;
        private DropListener dropListener = (reason, run, count, cause) -> { };
        private Executor executor;
        private Duration closeTimeout = Duration.ofSeconds(30);

        private Builder(TrackingStore store) {
            this.store = Checks.notNull("store", store);
        }

        /** The clock for points logged without a timestamp (default: the system clock). */
        public Builder clock(InstantSource c) {
            this.clock = Checks.notNull("clock", c);
            return this;
        }

        /** How many points the queue holds (default 100 000). */
        public Builder capacity(int points) {
            if (points < 1) {
                throw new InvalidArgumentException("capacity", "must be >= 1, got " + points);
            }
            this.capacity = points;
            return this;
        }

        /** The most points per store call, 1 to 1000 (default 1000, MLflow's limit). */
        public Builder batchSize(int points) {
            if (points < 1 || points > TrackingLimits.MAX_BATCH_METRICS) {
                throw new InvalidArgumentException("batchSize", "must be between 1 and "
                        + TrackingLimits.MAX_BATCH_METRICS + ", got " + points);
            }
            this.batchSize = points;
            return this;
        }

        /** What a full queue does to the caller (default {@link Overflow#DROP}). */
        public Builder overflow(Overflow policy) {
            this.overflow = Checks.notNull("overflow", policy);
            return this;
        }

        /** Who hears about drops (in addition to the counter and the log). */
        public Builder onDrop(DropListener listener) {
            this.dropListener = Checks.notNull("dropListener", listener);
            return this;
        }

        /** Where the writer runs; by default one daemon thread owned by the logger. */
        public Builder executor(Executor e) {
            this.executor = Checks.notNull("executor", e);
            return this;
        }

        /** How long {@link AsyncMetricLogger#close()} waits for queued points (default 30 s). */
        public Builder closeTimeout(Duration timeout) {
            Checks.notNull("closeTimeout", timeout);
            if (timeout.isNegative()) {
                throw new InvalidArgumentException("closeTimeout", "must not be negative");
            }
            this.closeTimeout = timeout;
            return this;
        }

        /** The logger. */
        public AsyncMetricLogger build() {
            return new AsyncMetricLogger(this);
        }
    }
}
