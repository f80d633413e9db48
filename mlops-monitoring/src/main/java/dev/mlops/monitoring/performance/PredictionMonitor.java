package dev.mlops.monitoring.performance;

import dev.mlops.core.InvalidArgumentException;
import dev.mlops.core.Names;
import dev.mlops.monitoring.internal.queue.MpscRing;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs predictions and their delayed labels without ever making the serving thread wait, stores them
 * in a {@link PredictionLog}, and computes windowed performance from what is stored.
 *
 * <pre>{@code
 * try (PredictionMonitor monitor = PredictionMonitor.builder()
 *         .predictionLog(PredictionLog.jdbc(db))
 *         .clock(clock)
 *         .build()) {
 *     PredictionLogger fraud = monitor.logger("fraud", "3");
 *     fraud.log(requestId, features, PredictionOutput.probability(0.83));   // never blocks
 *     ...
 *     monitor.recordLabel(requestId, Label.of(true), chargebackTime);       // days later
 *     PerformanceReport report = monitor.performance(
 *             PerformanceQuery.of(PredictionRange.of("fraud", from, to), Duration.ofHours(1)));
 * }
 * }</pre>
 *
 * <h2>How logging works</h2>
 * {@code log} stamps the time from the injected clock, copies the features and offers the prediction
 * to a bounded lock-free queue (one compare-and-set). If the queue is full the prediction is dropped
 * and counted; the caller never waits, never spins and never takes a lock. One consumer task, run on
 * the executor the host passes (or on a thread the monitor starts), takes predictions off in batches
 * of up to {@link Builder#batchSize}, appends each batch to the log, then hands it to the
 * {@link PredictionListener}s. When the queue is empty the consumer parks for at most
 * {@link Builder#flushInterval}; producers wake it early once a batch is waiting. Labels recorded with
 * {@link #recordLabel} travel the same queue; {@link #recordLabels} writes directly, for backfills.
 *
 * <h2>Counting</h2>
 * Every offered prediction is counted once, as logged or dropped ({@link #stats()}, and per version on
 * each {@link PredictionLogger}); every logged prediction ends written, failed (the log threw; the
 * failure is logged at WARN) or still queued. A call rejected for bad input throws
 * {@link InvalidArgumentException} and counts nothing.
 *
 * <h2>Lifecycle</h2>
 * {@link #build} starts the consumer. {@link #flush} waits until everything logged before it is
 * stored. {@link #close} refuses further predictions (they count as dropped), lets the consumer store
 * everything that was accepted, waits for it up to {@link Builder#closeTimeout}, and stops the thread
 * it owns. A host executor's thread is returned to it. If the host shuts its executor down under the
 * monitor (interrupting the consumer), the monitor closes itself the same way.
 *
 * <p>Thread-safe: any thread may log, record labels, flush, read stats and compute performance.
 */
public final class PredictionMonitor implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PredictionMonitor.class);

    /** The default queue capacity. */
    public static final int DEFAULT_QUEUE_CAPACITY = 65_536;
    /** The default largest batch handed to the log. */
    public static final int DEFAULT_BATCH_SIZE = 1_024;
    /** The default longest time a prediction waits in a quiet queue. */
    public static final Duration DEFAULT_FLUSH_INTERVAL = Duration.ofMillis(100);
    /** The default longest wait in {@link #close()} for the queue to drain. */
    public static final Duration DEFAULT_CLOSE_TIMEOUT = Duration.ofSeconds(30);

    private record LoggerKey(String model, String version) {}

    private final PredictionLog log;
    private final InstantSource clock;
    private final MpscRing<Object> ring;
    private final int batchSize;
    private final int wakeThreshold;
    private final long flushIntervalNanos;
    private final Duration closeTimeout;
    private final List<PredictionListener> listeners;
    private final ConcurrentHashMap<LoggerKey, PredictionLogger> loggers = new ConcurrentHashMap<>();

    private final LongAdder labelsLogged = new LongAdder();
    private final LongAdder labelsDropped = new LongAdder();
    // Written by the consumer thread only.
    private volatile long written;
    private volatile long failed;
    private volatile long labelsWritten;
    private volatile long labelsFailed;
    private volatile long listenerFailures;
    /** How many queue elements the consumer has fully handled (stored or failed). */
    private volatile long handled;

    private volatile Thread consumerThread;
    private volatile boolean consumerParked;
    private volatile boolean terminated;
    private final AtomicInteger waiters = new AtomicInteger();
    private final Object progress = new Object();

    private PredictionMonitor(Builder b) {
        this.log = b.log != null ? b.log : PredictionLog.inMemory();
        this.clock = b.clock != null ? b.clock : InstantSource.system();
        this.ring = new MpscRing<>(b.queueCapacity);
        this.batchSize = b.batchSize;
        this.wakeThreshold = Math.min(b.batchSize, ring.capacity() / 2);
        this.flushIntervalNanos = b.flushInterval.toNanos();
        this.closeTimeout = b.closeTimeout;
        this.listeners = List.copyOf(b.listeners);
        Runnable consumer = this::consume;
        if (b.executor != null) {
            try {
                b.executor.execute(consumer);
            } catch (RejectedExecutionException e) {
                throw new InvalidArgumentException("executor", "rejected the monitor's consumer task: " + e.getMessage());
            }
        } else {
            Thread t = new Thread(consumer, "mlops-prediction-monitor");
            t.setDaemon(true);
            t.start();
        }
    }

    /** A builder with the defaults: in-memory log, system clock, an own consumer thread. */
    public static Builder builder() {
        return new Builder();
    }

    // ------------------------------------------------------------------ logging

    /**
     * The logging handle for one model version, made on first use and shared after.
     *
     * @throws InvalidArgumentException if model or version is not a valid name
     */
    public PredictionLogger logger(String model, String version) {
        PredictionLogger existing = loggers.get(new LoggerKey(model, version));
        if (existing != null) {
            return existing;
        }
        Names.require("model", model);
        Names.require("version", version);
        return loggers.computeIfAbsent(new LoggerKey(model, version), k -> new PredictionLogger(this, model, version));
    }

    /** Every logging handle made so far, for reporting. */
    public List<PredictionLogger> loggers() {
        return List.copyOf(loggers.values());
    }

    /**
     * Logs a prediction with its own time (for replays and backfills); counted on the handle of its
     * model version.
     *
     * @return true if queued, false if dropped
     */
    public boolean log(Prediction prediction) {
        notNull("prediction", prediction);
        return logger(prediction.model(), prediction.version()).offer(prediction);
    }

    /**
     * Records the true outcome of a prediction, known now (by the monitor's clock), through the queue.
     *
     * @return true if queued, false if dropped (queue full or monitor closed)
     */
    public boolean recordLabel(String predictionId, Label label) {
        return recordLabel(predictionId, label, now());
    }

    /**
     * Records the true outcome of a prediction, known at {@code time}, through the queue. The
     * prediction may be logged before or after, or still be queued.
     *
     * @return true if queued, false if dropped (queue full or monitor closed)
     * @throws InvalidArgumentException if an argument breaks the rules of {@link GroundTruth}
     */
    public boolean recordLabel(String predictionId, Label label, Instant time) {
        GroundTruth truth = new GroundTruth(predictionId, label, time);
        if (enqueue(truth)) {
            labelsLogged.increment();
            return true;
        }
        labelsDropped.increment();
        return false;
    }

    /**
     * Writes labels straight to the prediction log on the calling thread, bypassing the queue: for
     * backfills of many labels, which the queue might drop. Blocks for the write.
     */
    public void recordLabels(List<GroundTruth> labels) {
        notNull("labels", labels);
        for (int i = 0; i < labels.size(); i++) {
            notNull("labels[" + i + "]", labels.get(i));
        }
        List<GroundTruth> copy = List.copyOf(labels);
        if (!copy.isEmpty()) {
            log.appendLabels(copy);
        }
    }

    Instant now() {
        return clock.instant();
    }

    boolean enqueue(Object item) {
        if (ring.offer(item) != MpscRing.Offer.ACCEPTED) {
            return false;
        }
        if (consumerParked && ring.size() >= wakeThreshold) {
            wakeConsumer();
        }
        return true;
    }

    private static <T> T notNull(String field, T value) {
        if (value == null) {
            throw new InvalidArgumentException(field, "is null");
        }
        return value;
    }

    private void wakeConsumer() {
        Thread t = consumerThread;
        if (t != null) {
            LockSupport.unpark(t);
        }
    }

    // ------------------------------------------------------------------ reading

    /** The prediction log this monitor writes to. */
    public PredictionLog predictionLog() {
        return log;
    }

    /**
     * Windowed performance of the predictions stored in the query's range, joined with the labels
     * stored so far. Predictions still queued are not seen: call {@link #flush} first when that matters.
     */
    public PerformanceReport performance(PerformanceQuery query) {
        notNull("query", query);
        return PerformanceCalculator.compute(log, query);
    }

    /** The monitor's counters now. */
    public MonitorStats stats() {
        long loggedTotal = 0;
        long droppedTotal = 0;
        for (PredictionLogger l : loggers.values()) {
            loggedTotal += l.logged();
            droppedTotal += l.dropped();
        }
        return new MonitorStats(loggedTotal, droppedTotal, written, failed, labelsLogged.sum(), labelsDropped.sum(),
                labelsWritten, labelsFailed, listenerFailures, ring.size(), ring.capacity());
    }

    /**
     * Waits until every prediction and label queued before this call has been handed to the log (or
     * failed), or the timeout passes.
     *
     * @return true if everything queued before the call was handled
     */
    public boolean flush(Duration timeout) {
        notNull("timeout", timeout);
        long target = ring.producedCount();
        if (Thread.currentThread() == consumerThread) {
            return handled >= target; // a listener cannot wait for its own thread
        }
        wakeConsumer();
        return awaitProgress(() -> handled >= target, timeout);
    }

    /** Whether the monitor was closed (or closed itself because its consumer was interrupted). */
    public boolean isClosed() {
        return ring.isClosed();
    }

    /**
     * Stops accepting predictions and labels, waits up to the close timeout for the queue to be stored,
     * and stops the consumer. Idempotent; a second call waits again for the consumer.
     */
    @Override
    public void close() {
        ring.close();
        if (Thread.currentThread() == consumerThread) {
            return; // called from a listener: the consumer stores the rest and stops when it returns
        }
        wakeConsumer();
        if (!awaitProgress(() -> terminated, closeTimeout)) {
            LOG.warn("Prediction monitor closed with {} predictions and labels still queued after waiting {}",
                    ring.size(), closeTimeout);
        }
    }

    private boolean awaitProgress(BooleanSupplier done, Duration timeout) {
        long deadline = System.nanoTime() + Math.max(0, timeout.toNanos());
        waiters.incrementAndGet();
        try {
            synchronized (progress) {
                while (!done.getAsBoolean()) {
                    if (terminated) {
                        return done.getAsBoolean();
                    }
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        return false;
                    }
                    TimeUnit.NANOSECONDS.timedWait(progress, left);
                }
                return true;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return done.getAsBoolean();
        } finally {
            waiters.decrementAndGet();
        }
    }

    private void signalProgress() {
        if (waiters.get() > 0) {
            synchronized (progress) {
                progress.notifyAll();
            }
        }
    }

    // ------------------------------------------------------------------ the consumer

    private void consume() {
        consumerThread = Thread.currentThread();
        List<Prediction> predictions = new ArrayList<>(batchSize);
        List<GroundTruth> labels = new ArrayList<>();
        boolean interrupted = false;
        try {
            while (true) {
                int n = ring.drain(item -> {
                    if (item instanceof Prediction p) {
                        predictions.add(p);
                    } else {
                        labels.add((GroundTruth) item);
                    }
                }, batchSize);
                if (n > 0) {
                    store(predictions, labels);
                    predictions.clear();
                    labels.clear();
                    handled = ring.consumedCount();
                    signalProgress();
                    continue;
                }
                if (ring.isClosedAndDrained()) {
                    return;
                }
                if (Thread.interrupted()) {
                    // The host is shutting its executor down: stop taking work, store what is queued,
                    // and give the interrupt back when done.
                    LOG.warn("Prediction monitor consumer interrupted; closing the monitor");
                    interrupted = true;
                    ring.close();
                    continue;
                }
                consumerParked = true;
                if (ring.isEmpty() && !ring.isClosed()) {
                    LockSupport.parkNanos(this, flushIntervalNanos);
                }
                consumerParked = false;
            }
        } finally {
            terminated = true;
            consumerThread = null;
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            synchronized (progress) {
                progress.notifyAll();
            }
        }
    }

    private void store(List<Prediction> predictions, List<GroundTruth> labels) {
        if (!predictions.isEmpty()) {
            try {
                log.append(predictions);
                written += predictions.size();
            } catch (RuntimeException e) {
                failed += predictions.size();
                LOG.warn("Prediction log {} rejected a batch of {} predictions ({} failed so far): {}", log,
                        predictions.size(), failed, e.toString());
            }
            List<Prediction> view = Collections.unmodifiableList(predictions);
            for (PredictionListener listener : listeners) {
                try {
                    listener.onPredictions(view);
                } catch (RuntimeException e) {
                    listenerFailures++;
                    LOG.warn("Prediction listener {} failed on a batch of {}: {}", listener, predictions.size(),
                            e.toString());
                }
            }
        }
        if (!labels.isEmpty()) {
            try {
                log.appendLabels(labels);
                labelsWritten += labels.size();
            } catch (RuntimeException e) {
                labelsFailed += labels.size();
                LOG.warn("Prediction log {} rejected a batch of {} labels ({} failed so far): {}", log,
                        labels.size(), labelsFailed, e.toString());
            }
        }
    }

    @Override
    public String toString() {
        return "PredictionMonitor[" + log + ", " + stats() + "]";
    }

    // ------------------------------------------------------------------ builder

    /**
     * Configures a {@link PredictionMonitor}. Each option may be set once (a second call is an error,
     * as in Caffeine's builder); listeners add up. Not thread-safe.
     */
    public static final class Builder {
        private PredictionLog log;
        private InstantSource clock;
        private Executor executor;
        private int queueCapacity = DEFAULT_QUEUE_CAPACITY;
        private int batchSize = DEFAULT_BATCH_SIZE;
        private Duration flushInterval = DEFAULT_FLUSH_INTERVAL;
        private Duration closeTimeout = DEFAULT_CLOSE_TIMEOUT;
        private final List<PredictionListener> listeners = new ArrayList<>();
        private final Set<String> set = new HashSet<>();

        private Builder() {}

        private void once(String option) {
            if (!set.add(option)) {
                throw new InvalidArgumentException(option, "was already set");
            }
        }

        /** Where predictions and labels are stored (default: {@link PredictionLog#inMemory()}). */
        public Builder predictionLog(PredictionLog log) {
            once("predictionLog");
            this.log = notNull("predictionLog", log);
            return this;
        }

        /** Where prediction and label times come from (default: the system clock). */
        public Builder clock(InstantSource clock) {
            once("clock");
            this.clock = notNull("clock", clock);
            return this;
        }

        /**
         * The executor that runs the consumer task. The task keeps one of its threads until the monitor
         * closes, so a bounded pool needs a thread to spare. Default: the monitor starts its own daemon
         * thread and stops it on close.
         */
        public Builder executor(Executor executor) {
            once("executor");
            this.executor = notNull("executor", executor);
            return this;
        }

        /**
         * The most predictions and labels waiting at once (rounded up to a power of two; default
         * {@value #DEFAULT_QUEUE_CAPACITY}); beyond it, new ones are dropped.
         */
        public Builder queueCapacity(int capacity) {
            once("queueCapacity");
            if (capacity < 2 || capacity > (1 << 30)) {
                throw new InvalidArgumentException("queueCapacity", "must be in [2, 2^30], got " + capacity);
            }
            this.queueCapacity = capacity;
            return this;
        }

        /** The largest batch handed to the log at once (default {@value #DEFAULT_BATCH_SIZE}). */
        public Builder batchSize(int size) {
            once("batchSize");
            if (size < 1) {
                throw new InvalidArgumentException("batchSize", "must be positive, got " + size);
            }
            this.batchSize = size;
            return this;
        }

        /**
         * The longest a prediction waits in a queue that is not filling up (default 100 ms): the
         * consumer's idle park. Between 1 ms and 1 minute.
         */
        public Builder flushInterval(Duration interval) {
            once("flushInterval");
            if (interval == null || interval.compareTo(Duration.ofMillis(1)) < 0
                    || interval.compareTo(Duration.ofMinutes(1)) > 0) {
                throw new InvalidArgumentException("flushInterval", "must be between 1 ms and 1 minute, got " + interval);
            }
            this.flushInterval = interval;
            return this;
        }

        /** How long {@link #close()} waits for the queue to be stored (default 30 s). */
        public Builder closeTimeout(Duration timeout) {
            once("closeTimeout");
            if (timeout == null || timeout.isNegative()) {
                throw new InvalidArgumentException("closeTimeout", "must be zero or positive, got " + timeout);
            }
            this.closeTimeout = timeout;
            return this;
        }

        /** Adds a listener that receives every batch of predictions (for windowed profiles). */
        public Builder listener(PredictionListener listener) {
            listeners.add(notNull("listener", listener));
            return this;
        }

        /**
         * Builds the monitor and starts its consumer.
         *
         * @throws InvalidArgumentException if the executor rejects the consumer task
         */
        public PredictionMonitor build() {
            return new PredictionMonitor(this);
        }
    }
}
