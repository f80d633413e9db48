package dev.mlops.monitoring.performance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mlops.core.InvalidArgumentException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class PredictionMonitorTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Duration WAIT = Duration.ofMinutes(1);
    private static final Map<String, Object> FEATURES = Map.of("amount", 12.5, "country", "DE");

    private final MutableClock clock = new MutableClock(T0);

    private PredictionMonitor.Builder builder(PredictionLog log) {
        return PredictionMonitor.builder().predictionLog(log).clock(clock);
    }

    @Nested
    @DisplayName("counting under concurrency")
    class Counting {

        @Test
        @DisplayName("many producers: every attempt is logged or dropped, and every logged one is written")
        void exactCounts() throws Exception {
            PredictionLog log = PredictionLog.inMemory();
            int producers = 8;
            int perProducer = 25_000;
            PredictionMonitor monitor = builder(log).queueCapacity(1024).batchSize(256).build();
            ExecutorService pool = Executors.newFixedThreadPool(producers);
            CountDownLatch start = new CountDownLatch(1);
            AtomicLong accepted = new AtomicLong();
            AtomicLong refused = new AtomicLong();
            List<Future<?>> futures = new ArrayList<>();
            for (int p = 0; p < producers; p++) {
                PredictionLogger logger = monitor.logger("fraud", "v" + (p % 2));
                String prefix = "t" + p + "-";
                futures.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < perProducer; i++) {
                        if (logger.log(prefix + i, FEATURES, PredictionOutput.probability(0.3))) {
                            accepted.incrementAndGet();
                        } else {
                            refused.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : futures) {
                f.get(1, TimeUnit.MINUTES);
            }
            pool.shutdown();
            monitor.close();

            MonitorStats stats = monitor.stats();
            long attempts = (long) producers * perProducer;
            assertThat(stats.logged() + stats.dropped()).isEqualTo(attempts);
            assertThat(stats.logged()).isEqualTo(accepted.get());
            assertThat(stats.dropped()).isEqualTo(refused.get());
            assertThat(stats.written()).isEqualTo(stats.logged());
            assertThat(stats.failed()).isZero();
            assertThat(stats.queueDepth()).isZero();
            assertThat(monitor.loggers()).hasSize(2)
                    .allSatisfy(l -> assertThat(l.logged() + l.dropped()).isEqualTo(attempts / 2));
            List<LabelledPrediction> stored = TestLogs.scanAll(log, "fraud");
            assertThat(stored).hasSize((int) stats.logged());
            assertThat(stored.stream().map(lp -> lp.prediction().id()).distinct()).hasSize(stored.size());
        }

        @Test
        @DisplayName("a producer at 10x what the log takes is never blocked and its drops are exact")
        void neverBlocksOnAStuckLog() throws Exception {
            TestLogs.Blocking log = new TestLogs.Blocking();
            int capacity = 1024;
            PredictionMonitor monitor = builder(log).queueCapacity(capacity).batchSize(64).build();
            PredictionLogger logger = monitor.logger("fraud", "1");
            logger.log("first", FEATURES, PredictionOutput.probability(0.1));
            assertThat(monitor.flush(Duration.ZERO)).isFalse();
            assertThat(log.awaitEntered()).as("the consumer took the first batch and is stuck in the log").isTrue();

            int attempts = 10 * capacity;
            int accepted = 0;
            for (int i = 0; i < attempts; i++) {
                if (logger.log("p" + i, FEATURES, PredictionOutput.probability(0.1))) {
                    accepted++;
                }
            }
            // The queue holds exactly its capacity while the consumer is stuck; the rest is dropped at once.
            assertThat(accepted).isEqualTo(capacity);
            assertThat(logger.dropped()).isEqualTo(attempts - capacity);
            assertThat(monitor.stats().queueDepth()).isEqualTo(capacity);

            log.release();
            assertThat(monitor.flush(WAIT)).isTrue();
            monitor.close();
            MonitorStats stats = monitor.stats();
            assertThat(stats.logged()).isEqualTo(1 + capacity);
            assertThat(stats.written()).isEqualTo(1 + capacity);
            assertThat(stats.dropped()).isEqualTo(attempts - capacity);
            assertThat(TestLogs.scanAll(log, "fraud")).hasSize(1 + capacity);
        }

        @Test
        @DisplayName("a failing log counts its predictions as failed and the monitor keeps going")
        void failuresCounted() {
            PredictionMonitor monitor = builder(new TestLogs.Failing()).build();
            PredictionLogger logger = monitor.logger("fraud", "1");
            for (int i = 0; i < 100; i++) {
                logger.log("p" + i, FEATURES, PredictionOutput.probability(0.5));
            }
            monitor.recordLabel("p1", Label.of(true));
            assertThat(monitor.flush(WAIT)).isTrue();
            monitor.close();
            MonitorStats stats = monitor.stats();
            assertThat(stats.logged()).isEqualTo(100);
            assertThat(stats.failed()).isEqualTo(100);
            assertThat(stats.written()).isZero();
            assertThat(stats.labelsFailed()).isEqualTo(1);
        }
    }

    @Nested
    @DisplayName("lifecycle")
    class Lifecycle {

        @Test
        @DisplayName("close stores everything accepted, even with a consumer parked for a minute")
        void flushOnClose() {
            PredictionLog log = PredictionLog.inMemory();
            PredictionMonitor monitor = builder(log).flushInterval(Duration.ofMinutes(1)).batchSize(100_000)
                    .queueCapacity(1 << 16).build();
            PredictionLogger logger = monitor.logger("fraud", "1");
            for (int i = 0; i < 10_000; i++) {
                assertThat(logger.log("p" + i, FEATURES, PredictionOutput.probability(0.5))).isTrue();
            }
            monitor.close();
            assertThat(monitor.isClosed()).isTrue();
            assertThat(TestLogs.scanAll(log, "fraud")).hasSize(10_000);
            assertThat(monitor.stats().written()).isEqualTo(10_000);
        }

        @Test
        @DisplayName("flush waits until what was logged before it is stored")
        void flushWaits() {
            PredictionLog log = PredictionLog.inMemory();
            try (PredictionMonitor monitor = builder(log).flushInterval(Duration.ofMinutes(1)).build()) {
                monitor.logger("fraud", "1").log("a", FEATURES, PredictionOutput.probability(0.5));
                assertThat(monitor.flush(WAIT)).isTrue();
                assertThat(TestLogs.scanAll(log, "fraud")).hasSize(1);
            }
        }

        @Test
        @DisplayName("after close, predictions and labels are refused and counted as dropped")
        void closedRefuses() {
            PredictionMonitor monitor = builder(PredictionLog.inMemory()).build();
            PredictionLogger logger = monitor.logger("fraud", "1");
            monitor.close();
            monitor.close();
            assertThat(logger.log("late", FEATURES, PredictionOutput.probability(0.5))).isFalse();
            assertThat(monitor.recordLabel("late", Label.of(true))).isFalse();
            assertThat(monitor.stats().dropped()).isEqualTo(1);
            assertThat(monitor.stats().labelsDropped()).isEqualTo(1);
        }

        @Test
        @DisplayName("on a host executor, close gives the thread back")
        void hostExecutor() throws Exception {
            ExecutorService executor = Executors.newSingleThreadExecutor();
            try {
                PredictionLog log = PredictionLog.inMemory();
                PredictionMonitor monitor = builder(log).executor(executor).build();
                monitor.logger("fraud", "1").log("a", FEATURES, PredictionOutput.probability(0.5));
                monitor.close();
                assertThat(TestLogs.scanAll(log, "fraud")).hasSize(1);
                // The single thread is free again.
                assertThat(executor.submit(() -> 42).get(1, TimeUnit.MINUTES)).isEqualTo(42);
            } finally {
                executor.shutdownNow();
            }
        }

        @Test
        @DisplayName("a host shutting its executor down closes the monitor after storing the queue")
        void interruptedConsumerCloses() throws Exception {
            ExecutorService executor = Executors.newSingleThreadExecutor();
            PredictionLog log = PredictionLog.inMemory();
            PredictionMonitor monitor = builder(log).executor(executor).flushInterval(Duration.ofMinutes(1)).build();
            PredictionLogger logger = monitor.logger("fraud", "1");
            logger.log("a", FEATURES, PredictionOutput.probability(0.5));
            executor.shutdownNow();
            assertThat(executor.awaitTermination(1, TimeUnit.MINUTES)).isTrue();
            assertThat(monitor.isClosed()).isTrue();
            assertThat(logger.log("b", FEATURES, PredictionOutput.probability(0.5))).isFalse();
            assertThat(TestLogs.scanAll(log, "fraud")).extracting(lp -> lp.prediction().id()).containsExactly("a");
            monitor.close();
        }

        @Test
        @DisplayName("an executor that rejects the consumer fails the build")
        void rejectingExecutor() {
            assertThatThrownBy(() -> builder(PredictionLog.inMemory()).executor(task -> {
                throw new java.util.concurrent.RejectedExecutionException("full");
            }).build()).isInstanceOf(InvalidArgumentException.class).hasMessageContaining("executor");
        }
    }

    @Nested
    @DisplayName("listeners")
    class Listeners {

        @Test
        @DisplayName("receive every prediction once, in batches; a throwing listener is counted and skipped")
        void batches() {
            List<String> seen = new CopyOnWriteArrayList<>();
            AtomicInteger calls = new AtomicInteger();
            PredictionMonitor monitor = builder(PredictionLog.inMemory())
                    .listener(batch -> batch.forEach(p -> seen.add(p.id())))
                    .listener(batch -> {
                        calls.incrementAndGet();
                        throw new IllegalStateException("profile is broken (test)");
                    })
                    .build();
            PredictionLogger logger = monitor.logger("fraud", "1");
            Set<String> expected = new HashSet<>();
            for (int i = 0; i < 5_000; i++) {
                logger.log("p" + i, FEATURES, PredictionOutput.probability(0.5));
                expected.add("p" + i);
            }
            monitor.close();
            assertThat(seen).hasSize(5_000).containsExactlyInAnyOrderElementsOf(expected);
            assertThat(monitor.stats().listenerFailures()).isEqualTo(calls.get()).isPositive();
            assertThat(monitor.stats().written()).isEqualTo(5_000);
        }
    }

    @Nested
    @DisplayName("listeners calling back")
    class Reentrancy {

        @Test
        @DisplayName("a listener that flushes or closes the monitor does not deadlock it")
        void listenerClosesMonitor() throws Exception {
            CountDownLatch closed = new CountDownLatch(1);
            PredictionMonitor[] self = new PredictionMonitor[1];
            PredictionLog log = PredictionLog.inMemory();
            self[0] = builder(log).listener(batch -> {
                self[0].flush(WAIT);
                self[0].close();
                closed.countDown();
            }).build();
            self[0].logger("fraud", "1").log("a", FEATURES, PredictionOutput.probability(0.5));
            assertThat(closed.await(1, TimeUnit.MINUTES)).isTrue();
            self[0].close();
            assertThat(self[0].isClosed()).isTrue();
            assertThat(TestLogs.scanAll(log, "fraud")).hasSize(1);
        }
    }

    @Nested
    @DisplayName("labels")
    class Labels {

        @Test
        @DisplayName("join by id whether they arrive before or after the prediction is stored")
        void anyOrder() {
            PredictionLog log = PredictionLog.inMemory();
            try (PredictionMonitor monitor = builder(log).build()) {
                PredictionLogger logger = monitor.logger("fraud", "1");
                // label first, before the prediction exists anywhere
                assertThat(monitor.recordLabel("early", Label.of(true), T0.plusSeconds(5))).isTrue();
                assertThat(monitor.flush(WAIT)).isTrue();
                logger.log("early", FEATURES, PredictionOutput.probability(0.9));
                // label queued together with its prediction, before either is flushed
                logger.log("same-batch", FEATURES, PredictionOutput.probability(0.2));
                monitor.recordLabel("same-batch", Label.of(false));
                assertThat(monitor.flush(WAIT)).isTrue();
                // label long after
                logger.log("late", FEATURES, PredictionOutput.probability(0.7));
                assertThat(monitor.flush(WAIT)).isTrue();
                monitor.recordLabels(List.of(new GroundTruth("late", Label.of(false), T0.plus(Duration.ofDays(3)))));

                Map<String, Boolean> labels = new java.util.HashMap<>();
                for (LabelledPrediction lp : TestLogs.scanAll(log, "fraud")) {
                    labels.put(lp.prediction().id(), ((Label.Binary) lp.label().orElseThrow().label()).positive());
                }
                assertThat(labels).containsExactlyInAnyOrderEntriesOf(Map.of("early", true, "same-batch", false, "late", false));
                assertThat(monitor.stats().labelsWritten()).isEqualTo(2);
            }
        }

        @Test
        @DisplayName("late labels fill earlier windows, and each window reports its coverage")
        void lateLabelsFillEarlierWindows() {
            PredictionLog log = PredictionLog.inMemory();
            try (PredictionMonitor monitor = builder(log).build()) {
                for (int hour = 0; hour < 2; hour++) {
                    for (int i = 0; i < 4; i++) {
                        Instant t = T0.plus(Duration.ofHours(hour)).plusSeconds(60L * i);
                        double p = 0.2 + 0.2 * i;
                        monitor.log(Prediction.of("h" + hour + "-" + i, "fraud", "1", t, FEATURES,
                                PredictionOutput.probability(p), i % 2 == 0 ? "eu" : "us"));
                    }
                }
                // hour 1 is labelled first, hour 0 not yet
                for (int i = 0; i < 4; i++) {
                    monitor.recordLabel("h1-" + i, Label.of(i >= 2), T0.plus(Duration.ofHours(2)));
                }
                assertThat(monitor.flush(WAIT)).isTrue();
                PerformanceQuery query = PerformanceQuery.of(
                        PredictionRange.of("fraud", T0, T0.plus(Duration.ofHours(2))), Duration.ofHours(1));
                PerformanceReport before = monitor.performance(query);
                assertThat(before.task()).contains(ModelTask.BINARY);
                assertThat(before.windows()).hasSize(2);
                WindowPerformance h0 = before.windows().get(0);
                assertThat(h0.start()).isEqualTo(T0);
                assertThat(h0.overall().predictions()).isEqualTo(4);
                assertThat(h0.overall().coverage()).isZero();
                assertThat(h0.overall().metric(Metric.ACCURACY)).isEmpty();
                assertThat(h0.overall().metric(Metric.ESTIMATED_ACCURACY)).isPresent();
                WindowPerformance h1 = before.windows().get(1);
                assertThat(h1.overall().coverage()).isEqualTo(1.0);
                // p = 0.2, 0.4, 0.6, 0.8 with outcomes F, F, T, T: perfectly ranked and classified
                assertThat(h1.overall().metric(Metric.ACCURACY)).hasValue(1.0);
                assertThat(h1.overall().metric(Metric.ROC_AUC)).hasValue(1.0);
                assertThat(h1.segments()).containsOnlyKeys("eu", "us");
                assertThat(h1.segments().get("eu").predictions()).isEqualTo(2);

                // days later, half of hour 0's labels arrive: the earlier window fills in
                clock.advance(Duration.ofDays(2));
                monitor.recordLabel("h0-0", Label.of(true));
                monitor.recordLabel("h0-3", Label.of(true));
                assertThat(monitor.flush(WAIT)).isTrue();
                WindowPerformance h0After = monitor.performance(query).windows().get(0);
                assertThat(h0After.overall().labelled()).isEqualTo(2);
                assertThat(h0After.overall().coverage()).isEqualTo(0.5);
                // h0-0 predicted 0.2 (negative) but was positive; h0-3 predicted 0.8, positive
                assertThat(h0After.overall().metric(Metric.ACCURACY)).hasValue(0.5);
                assertThat(h0After.segments().get("eu").labelled()).isEqualTo(1);
                assertThat(monitor.performance(query).windows().get(1)).isEqualTo(h1);
            }
        }

        @Test
        @DisplayName("a label of another task counts as mismatched, not labelled")
        void mismatchedLabel() {
            try (PredictionMonitor monitor = builder(PredictionLog.inMemory()).build()) {
                monitor.logger("price", "1").log("a", FEATURES, PredictionOutput.value(10.0));
                monitor.logger("price", "1").log("b", FEATURES, PredictionOutput.value(12.0));
                monitor.recordLabel("a", Label.of(true));
                monitor.recordLabel("b", Label.of(11.0));
                assertThat(monitor.flush(WAIT)).isTrue();
                PerformanceSummary s = monitor.performance(PerformanceQuery.of(
                        PredictionRange.of("price", T0, T0.plusSeconds(1)), Duration.ofMinutes(1)))
                        .windows().get(0).overall();
                assertThat(s.predictions()).isEqualTo(2);
                assertThat(s.labelled()).isEqualTo(1);
                assertThat(s.mismatched()).isEqualTo(1);
                assertThat(s.metric(Metric.MAE)).hasValue(1.0);
            }
        }
    }

    @Nested
    @DisplayName("input validation")
    class Validation {

        @Test
        @DisplayName("bad predictions are rejected before anything is counted")
        void badInput() {
            try (PredictionMonitor monitor = builder(PredictionLog.inMemory()).build()) {
                PredictionLogger logger = monitor.logger("fraud", "1");
                assertThatThrownBy(() -> logger.log("", FEATURES, PredictionOutput.probability(0.5)))
                        .isInstanceOf(InvalidArgumentException.class).hasMessageStartingWith("id:");
                assertThatThrownBy(() -> logger.log("a\nb", FEATURES, PredictionOutput.probability(0.5)))
                        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("control character");
                assertThatThrownBy(() -> logger.log("a", Map.of("x", new Object()), PredictionOutput.probability(0.5)))
                        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("feature 'x'");
                assertThatThrownBy(() -> logger.log("a", FEATURES, null))
                        .isInstanceOf(InvalidArgumentException.class).hasMessageStartingWith("output:");
                assertThatThrownBy(() -> PredictionOutput.probability(1.5))
                        .isInstanceOf(InvalidArgumentException.class).hasMessageStartingWith("probability:");
                assertThatThrownBy(() -> PredictionOutput.value(Double.NaN))
                        .isInstanceOf(InvalidArgumentException.class);
                assertThatThrownBy(() -> monitor.logger("bad name", "1"))
                        .isInstanceOf(InvalidArgumentException.class).hasMessageStartingWith("model:");
                assertThatThrownBy(() -> monitor.recordLabel("a", null))
                        .isInstanceOf(InvalidArgumentException.class).hasMessageStartingWith("label:");
                assertThatThrownBy(() -> monitor.log(null))
                        .isInstanceOf(InvalidArgumentException.class).hasMessageStartingWith("prediction:");
                assertThatThrownBy(() -> monitor.recordLabels(java.util.Arrays.asList((GroundTruth) null)))
                        .isInstanceOf(InvalidArgumentException.class).hasMessageStartingWith("labels[0]:");
                assertThatThrownBy(() -> PerformanceQuery.of(PredictionRange.of("m", Instant.MIN, Instant.MAX),
                        Duration.ofHours(1))).isInstanceOf(InvalidArgumentException.class)
                        .hasMessageContaining("windows");
                assertThat(monitor.stats().logged() + monitor.stats().dropped()).isZero();
                assertThat(monitor.stats().labelsLogged() + monitor.stats().labelsDropped()).isZero();
            }
        }

        @Test
        @DisplayName("features are copied and normalised: integers become Long, floats Double")
        void featuresCopied() {
            Map<String, Object> features = new java.util.LinkedHashMap<>();
            features.put("i", 3);
            features.put("f", 1.5f);
            features.put("missing", null);
            features.put("s", "x");
            Prediction p = Prediction.of("a", "m", "1", T0, features, PredictionOutput.probability(0.5));
            features.put("i", 99);
            assertThat(p.features()).containsExactly(Map.entry("i", 3L), Map.entry("f", 1.5),
                    new java.util.AbstractMap.SimpleEntry<>("missing", null), Map.entry("s", "x"));
            assertThatThrownBy(() -> p.features().put("z", 1)).isInstanceOf(UnsupportedOperationException.class);
        }

        @Test
        @DisplayName("each builder option may be set once")
        void builderOptionsOnce() {
            PredictionMonitor.Builder b = PredictionMonitor.builder().queueCapacity(16);
            assertThatThrownBy(() -> b.queueCapacity(32)).isInstanceOf(InvalidArgumentException.class)
                    .hasMessageContaining("already set");
            assertThatThrownBy(() -> PredictionMonitor.builder().batchSize(0)).isInstanceOf(InvalidArgumentException.class);
            assertThatThrownBy(() -> PredictionMonitor.builder().flushInterval(Duration.ZERO))
                    .isInstanceOf(InvalidArgumentException.class);
            assertThatThrownBy(() -> PredictionMonitor.builder().queueCapacity(1)).isInstanceOf(InvalidArgumentException.class);
        }
    }
}
