package dev.mlops.benchmarks.monitoring;

import dev.mlops.monitoring.internal.queue.MpscRing;
import dev.mlops.monitoring.performance.GroundTruth;
import dev.mlops.monitoring.performance.LabelledPrediction;
import dev.mlops.monitoring.performance.MonitorStats;
import dev.mlops.monitoring.performance.Prediction;
import dev.mlops.monitoring.performance.PredictionLog;
import dev.mlops.monitoring.performance.PredictionLogger;
import dev.mlops.monitoring.performance.PredictionMonitor;
import dev.mlops.monitoring.performance.PredictionOutput;
import dev.mlops.monitoring.performance.PredictionRange;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The prediction monitor's three promises, measured:
 * <ol>
 *   <li>{@link #log}: the caller-thread cost of {@code PredictionLogger.log} (sample mode: read the
 *       p0.50 line; the bar is 1 µs), with the consumer draining into the in-memory log on the other
 *       core;</li>
 *   <li>{@link #sustained}: predictions per second stored end to end into the in-memory log (each
 *       invocation logs {@value #BLOCK} and waits for them to be stored; the bar is 200 000/s; the
 *       trial fails if anything was dropped);</li>
 *   <li>{@link #overloaded}: {@code log} against a log that takes at most 20 000 predictions/s while
 *       the producer offers well over ten times that (the tear-down line prints the ratio): latency
 *       stays flat (the caller never waits) and the run fails unless attempts = logged + dropped and
 *       logged = written exactly;</li>
 * </ol>
 * plus {@link #offerMpsc}/{@link #offerArrayBlockingQueue}: the hand-off queue against
 * {@code ArrayBlockingQueue.offer}, one producer and one consumer.
 *
 * <p>Run: {@code java -cp ... org.openjdk.jmh.Main PredictionMonitorBenchmark -f 1}.
 */
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class PredictionMonitorBenchmark {

    static final int BLOCK = 10_000;

    /** A feature vector of ten values, as a serving path would log. */
    static Map<String, Object> features() {
        Map<String, Object> f = new LinkedHashMap<>();
        for (int i = 0; i < 8; i++) {
            f.put("f" + i, i * 1.5);
        }
        f.put("country", "DE");
        f.put("tier", 3L);
        return f;
    }

    /** Precomputed ids, so the benchmark measures logging rather than string building. */
    static String[] ids(int n) {
        String[] ids = new String[n];
        for (int i = 0; i < n; i++) {
            ids[i] = "req-" + i;
        }
        return ids;
    }

    /** A producer's view of a monitor: one model version, a feature vector, ids to cycle through. */
    abstract static class Producer {
        PredictionMonitor monitor;
        PredictionLogger logger;
        final Map<String, Object> features = features();
        final String[] ids = ids(1 << 20);
        final AtomicLong attempts = new AtomicLong();

        /** One {@code log} call, counted as an attempt. */
        boolean logNext(Cursor cursor) {
            int i = cursor.next++ & ((1 << 20) - 1);
            attempts.incrementAndGet();
            return logger.log(ids[i], features, PredictionOutput.probability(0.42));
        }
    }

    // ------------------------------------------------------------------ 1 and 2: in-memory log

    @State(Scope.Benchmark)
    public static class InMemory extends Producer {
        @Setup(Level.Trial)
        public void setUp() {
            monitor = PredictionMonitor.builder()
                    .predictionLog(PredictionLog.inMemory(1 << 20))
                    .queueCapacity(1 << 16)
                    .build();
            logger = monitor.logger("fraud", "1");
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            monitor.close();
            MonitorStats s = monitor.stats();
            System.out.printf("%n[in-memory] attempts=%d logged=%d dropped=%d written=%d%n",
                    attempts.get(), s.logged(), s.dropped(), s.written());
            check(attempts.get(), s);
        }
    }

    @State(Scope.Thread)
    public static class Cursor {
        int next;
    }

    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    public boolean log(InMemory state, Cursor cursor) {
        return state.logNext(cursor);
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @OperationsPerInvocation(BLOCK)
    public void sustained(InMemory state, Cursor cursor, Blackhole bh) {
        for (int k = 0; k < BLOCK; k++) {
            bh.consume(state.logNext(cursor));
        }
        if (!state.monitor.flush(Duration.ofMinutes(1))) {
            throw new IllegalStateException("flush timed out");
        }
        if (state.monitor.stats().dropped() != 0) {
            throw new IllegalStateException("dropped predictions while measuring sustained throughput: "
                    + state.monitor.stats());
        }
    }

    // ------------------------------------------------------------------ 3: a slow log, 10x overload

    /**
     * A log that waits {@code nanosPerPrediction} per prediction, as a remote database would: a
     * capacity limit that, like I/O, leaves the CPU to the producer.
     */
    static final class SlowLog implements PredictionLog {
        final long nanosPerPrediction;
        final AtomicLong stored = new AtomicLong();

        SlowLog(long nanosPerPrediction) {
            this.nanosPerPrediction = nanosPerPrediction;
        }

        @Override
        public void append(List<Prediction> predictions) {
            long until = System.nanoTime() + nanosPerPrediction * predictions.size();
            for (long left = until - System.nanoTime(); left > 0; left = until - System.nanoTime()) {
                LockSupport.parkNanos(left);
            }
            stored.addAndGet(predictions.size());
        }

        @Override
        public void appendLabels(List<GroundTruth> labels) {
            // not used
        }

        @Override
        public void scan(PredictionRange range, Consumer<? super LabelledPrediction> consumer) {
            // stores nothing readable
        }
    }

    @State(Scope.Benchmark)
    public static class Overloaded extends Producer {
        /** 50 µs per prediction: at most 20 000 predictions/s. */
        static final long NANOS_PER_PREDICTION = 50_000;
        SlowLog log;
        long started;

        @Setup(Level.Trial)
        public void setUp() {
            log = new SlowLog(NANOS_PER_PREDICTION);
            monitor = PredictionMonitor.builder().predictionLog(log).queueCapacity(1 << 14).build();
            logger = monitor.logger("fraud", "1");
            started = System.nanoTime();
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            double seconds = (System.nanoTime() - started) / 1e9;
            monitor.close();
            MonitorStats s = monitor.stats();
            System.out.printf("%n[overloaded] attempts=%d (%.0f/s) logged=%d dropped=%d written=%d (%.0f/s, "
                            + "log capacity %d/s) offered/capacity=%.1fx%n",
                    attempts.get(), attempts.get() / seconds, s.logged(), s.dropped(), s.written(),
                    s.written() / seconds, 1_000_000_000L / NANOS_PER_PREDICTION,
                    attempts.get() / seconds / (1e9 / NANOS_PER_PREDICTION));
            check(attempts.get(), s);
            if (log.stored.get() != s.written()) {
                throw new IllegalStateException("log stored " + log.stored.get() + " but the monitor counted "
                        + s.written());
            }
        }
    }

    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    public boolean overloaded(Overloaded state, Cursor cursor) {
        return state.logNext(cursor);
    }

    static void check(long attempts, MonitorStats s) {
        if (attempts != s.logged() + s.dropped()) {
            throw new IllegalStateException("attempts " + attempts + " != logged + dropped " + s);
        }
        if (s.logged() != s.written() + s.failed()) {
            throw new IllegalStateException("logged != written + failed after close: " + s);
        }
    }

    // ------------------------------------------------------------------ 4: the hand-off queue

    @State(Scope.Group)
    public static class Queues {
        @Param({"1024"})
        public int capacity;
        MpscRing<Object> ring;
        ArrayBlockingQueue<Object> abq;
        final Object element = new Object();

        @Setup(Level.Iteration)
        public void setUp() {
            ring = new MpscRing<>(capacity);
            abq = new ArrayBlockingQueue<>(capacity);
        }
    }

    @Benchmark
    @Group("mpsc")
    @GroupThreads(1)
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public MpscRing.Offer offerMpsc(Queues q) {
        return q.ring.offer(q.element);
    }

    @Benchmark
    @Group("mpsc")
    @GroupThreads(1)
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public Object pollMpsc(Queues q) {
        return q.ring.poll();
    }

    @Benchmark
    @Group("abq")
    @GroupThreads(1)
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public boolean offerArrayBlockingQueue(Queues q) {
        return q.abq.offer(q.element);
    }

    @Benchmark
    @Group("abq")
    @GroupThreads(1)
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public Object pollArrayBlockingQueue(Queues q) {
        return q.abq.poll();
    }
}
