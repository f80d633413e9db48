package dev.mlops.monitoring.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mlops.core.InvalidArgumentException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ExperimentRouterTest {

    final LiveModels models = new LiveModels();
    final InMemoryAssignmentLog log = AssignmentLog.inMemory();
    ExecutorService pool;

    @AfterEach
    void close() throws InterruptedException {
        if (pool != null) {
            pool.shutdownNow();
            assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        }
        models.close();
    }

    ExperimentRouter<String, String, String> split(String experiment, double percent) {
        return models.builder(experiment, log).challengerPercent(percent).build();
    }

    @Nested
    @DisplayName("split mode")
    class Split {

        @ParameterizedTest(name = "{0} % of 100k keys go to the challenger within 5 binomial SD")
        @ValueSource(doubles = {0.01, 1.0, 12.34, 50.0, 90.0})
        void splitWithinBinomialTolerance(double percent) {
            ExperimentRouter<String, String, String> router = split("checkout-v2", percent);
            int n = 100_000;
            for (int i = 0; i < n; i++) {
                router.route("user-" + i, "in");
            }
            double p = percent / 100;
            double sd = Math.sqrt(n * p * (1 - p));
            long challenger = router.stats().challenger();
            assertThat(router.stats().champion() + challenger).isEqualTo(n);
            assertThat((double) challenger).isCloseTo(n * p, org.assertj.core.data.Offset.offset(5 * sd));
            assertThat(log.size()).isEqualTo(n);
            assertThat(log.assignments().stream().filter(a -> a.arm() == Arm.CHALLENGER).count()).isEqualTo(challenger);
        }

        @Test
        @DisplayName("buckets over 100k keys are uniform: chi-square over 100 groups of 100 buckets is not extreme")
        void bucketsUniform() {
            ExperimentRouter<String, String, String> router = split("checkout-v2", 10);
            long[] groups = new long[100];
            int n = 100_000;
            for (int i = 0; i < n; i++) {
                groups[router.bucketOf("user-" + i) / 100]++;
            }
            double expected = n / 100.0;
            double chi2 = 0;
            for (long g : groups) {
                chi2 += (g - expected) * (g - expected) / expected;
            }
            // 99 degrees of freedom: mean 99, SD 14; 99.99th percentile is about 160.
            assertThat(chi2).isLessThan(160);
        }

        @Test
        @DisplayName("the model of the key's arm answers, and the assignment names its model and version")
        void answersWithArmModel() {
            ExperimentRouter<String, String, String> router = split("checkout-v2", 50);
            for (int i = 0; i < 200; i++) {
                String key = "user-" + i;
                Routed<String> r = router.route(key, "in" + i);
                Assignment a = r.assignment();
                assertThat(a.arm()).isEqualTo(router.armOf(key));
                assertThat(r.output()).isEqualTo((a.arm() == Arm.CHAMPION ? "champ" : "chall") + ":in" + i);
                assertThat(a.modelName()).isEqualTo("fraud");
                assertThat(a.modelVersion()).isEqualTo(a.arm() == Arm.CHAMPION ? 1 : 2);
                assertThat(a.experiment()).isEqualTo("checkout-v2");
                assertThat(a.key()).isEqualTo(key);
                assertThat(a.shadow()).isFalse();
                assertThat(a.time()).isEqualTo(models.clock.instant());
            }
            assertThat(log.assignments()).hasSize(200);
        }

        @Test
        @DisplayName("a key keeps its arm on every request and in every router of the same experiment")
        void sticky() {
            ExperimentRouter<String, String, String> first = split("checkout-v2", 30);
            ExperimentRouter<String, String, String> second = split("checkout-v2", 30);
            for (int i = 0; i < 2_000; i++) {
                String key = "user-" + i;
                Arm arm = first.route(key, "a").assignment().arm();
                for (int j = 0; j < 3; j++) {
                    assertThat(first.route(key, "b" + j).assignment().arm()).isEqualTo(arm);
                }
                assertThat(second.armOf(key)).isEqualTo(arm);
            }
        }

        @Test
        @DisplayName("another salt reshuffles the keys independently")
        void saltReshuffles() {
            ExperimentRouter<String, String, String> a = split("checkout-v2", 50);
            ExperimentRouter<String, String, String> b = models.builder("checkout-v2", log).salt("round-2")
                    .challengerPercent(50).build();
            int n = 20_000;
            int agree = 0;
            for (int i = 0; i < n; i++) {
                if (a.armOf("user-" + i) == b.armOf("user-" + i)) {
                    agree++;
                }
            }
            // Independent halves agree on n/2 keys, SD sqrt(n)/2 = 71.
            assertThat((double) agree).isCloseTo(n / 2.0, org.assertj.core.data.Offset.offset(5 * Math.sqrt(n) / 2));
        }

        @Test
        @DisplayName("raising the challenger's share only moves keys from the champion to the challenger")
        void monotone() {
            double[] percents = {0, 0.01, 5, 10.5, 33.33, 50, 99.99, 100};
            int n = 20_000;
            BitSet previous = new BitSet();
            for (double percent : percents) {
                ExperimentRouter<String, String, String> router = split("checkout-v2", percent);
                BitSet challenger = new BitSet();
                for (int i = 0; i < n; i++) {
                    if (router.armOf("user-" + i) == Arm.CHALLENGER) {
                        challenger.set(i);
                    }
                }
                BitSet lost = (BitSet) previous.clone();
                lost.andNot(challenger);
                assertThat(lost.isEmpty()).as("keys that left the challenger at %s %%: %s", percent, lost).isTrue();
                previous = challenger;
                if (percent == 0) {
                    assertThat(challenger.cardinality()).isZero();
                }
            }
            assertThat(previous.cardinality()).isEqualTo(n);
        }

        @Test
        @DisplayName("buckets match SHA-256 reference values computed by buckets.py")
        void referenceBuckets() throws IOException {
            try (InputStream in = getClass().getResourceAsStream("/reference/experiment/router/buckets.csv")) {
                assertThat(in).isNotNull();
                String[] lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n");
                assertThat(lines).hasSizeGreaterThan(20);
                for (int i = 1; i < lines.length; i++) {
                    String[] cols = lines[i].split(",", -1);
                    ExperimentRouter<String, String, String> router = models.builder("any", log).salt(cols[0])
                            .challengerPercent(50).build();
                    assertThat(router.bucketOf(cols[1])).as(lines[i]).isEqualTo(Integer.parseInt(cols[2]));
                }
            }
        }
    }

    @Test
    @DisplayName("four threads routing at once: every request is counted and logged, each with its key's arm")
    void concurrentCallers() throws Exception {
        ExperimentRouter<String, String, String> router = split("checkout-v2", 25);
        pool = Executors.newFixedThreadPool(4);
        CountDownLatch start = new CountDownLatch(1);
        List<java.util.concurrent.Future<Integer>> futures = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            int thread = t;
            futures.add(pool.submit(() -> {
                assertThat(start.await(30, TimeUnit.SECONDS)).isTrue();
                int wrong = 0;
                for (int i = 0; i < 5_000; i++) {
                    String key = "user-" + (i * 4 + thread) % 7_000;
                    Routed<String> r = router.route(key, "in");
                    if (r.assignment().arm() != router.armOf(key)
                            || !r.output().startsWith(r.assignment().arm() == Arm.CHAMPION ? "champ:" : "chall:")) {
                        wrong++;
                    }
                }
                return wrong;
            }));
        }
        start.countDown();
        for (java.util.concurrent.Future<Integer> f : futures) {
            assertThat(f.get(60, TimeUnit.SECONDS)).isZero();
        }
        assertThat(log.size()).isEqualTo(20_000);
        assertThat(router.stats().champion() + router.stats().challenger()).isEqualTo(20_000);
        assertThat(log.assignments().stream().filter(a -> a.arm() == Arm.CHALLENGER).count())
                .isEqualTo(router.stats().challenger());
    }

    @Nested
    @DisplayName("shadow mode")
    class Shadow {

        final List<ShadowResult<String, String>> results = new CopyOnWriteArrayList<>();

        ExperimentRouter<String, String, String> shadow(java.util.concurrent.Executor executor, int maxInFlight,
                                                       java.util.function.BiFunction<String, String, String> invoke) {
            return ExperimentRouter.<String, String, String>builder("fraud-shadow")
                    .champion(models.champion).challenger(models.challenger)
                    .invoke(invoke).shadow(executor, maxInFlight).shadowListener(results::add)
                    .assignmentLog(log).clock(models.clock).build();
        }

        @Test
        @DisplayName("the champion always answers; the challenger's output only reaches the listener")
        void championAnswers() throws InterruptedException {
            pool = Executors.newFixedThreadPool(2);
            CountDownLatch done = new CountDownLatch(500);
            ExperimentRouter<String, String, String> router = ExperimentRouter.<String, String, String>builder("fraud-shadow")
                    .champion(models.champion).challenger(models.challenger)
                    .invoke((m, in) -> m + ":" + in).shadow(pool, 1_000)
                    .shadowListener(r -> {
                        results.add(r);
                        done.countDown();
                    })
                    .assignmentLog(log).clock(models.clock).build();
            for (int i = 0; i < 500; i++) {
                Routed<String> r = router.route("user-" + i, "in" + i);
                assertThat(r.output()).isEqualTo("champ:in" + i);
                assertThat(r.assignment().arm()).isEqualTo(Arm.CHAMPION);
                assertThat(r.assignment().shadow()).isTrue();
                assertThat(r.assignment().modelVersion()).isEqualTo(1);
            }
            assertThat(done.await(30, TimeUnit.SECONDS)).isTrue();
            assertThat(results).hasSize(500).allSatisfy(s -> {
                assertThat(s.challengerOutput()).isEqualTo("chall:" + s.input());
                assertThat(s.championOutput()).isEqualTo("champ:" + s.input());
                assertThat(s.challengerVersion()).isEqualTo(2);
                assertThat(s.experiment()).isEqualTo("fraud-shadow");
            });
            assertThat(router.armOf("user-1")).isEqualTo(Arm.CHAMPION);
            assertThat(router.stats().champion()).isEqualTo(500);
            assertThat(router.stats().challenger()).isZero();
        }

        @Test
        @DisplayName("a blocked challenger never blocks the caller; beyond the bound, shadow runs are dropped and counted")
        void neverBlocks() throws InterruptedException {
            pool = Executors.newFixedThreadPool(2);
            CountDownLatch release = new CountDownLatch(1);
            CountDownLatch started = new CountDownLatch(2);
            ExperimentRouter<String, String, String> router = shadow(pool, 2, (m, in) -> {
                if (m.equals("chall")) {
                    started.countDown();
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                return m + ":" + in;
            });
            // The caller's thread finishes all 1000 requests while both challenger runs are stuck.
            for (int i = 0; i < 1_000; i++) {
                assertThat(router.route("user-" + i, "in").output()).isEqualTo("champ:in");
            }
            assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();
            RouterStats stats = router.stats();
            assertThat(stats.shadowSubmitted()).isEqualTo(2);
            assertThat(stats.shadowDropped()).isEqualTo(998);
            assertThat(results).isEmpty();
            release.countDown();
            pool.shutdown();
            assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
            assertThat(router.stats().shadowCompleted()).isEqualTo(2);
            assertThat(results).hasSize(2);
        }

        @Test
        @DisplayName("a failing challenger (exception or stack overflow) is counted; the caller gets the champion's answer")
        void failingChallengerCounted() throws InterruptedException {
            pool = Executors.newFixedThreadPool(2);
            ExperimentRouter<String, String, String> router = shadow(pool, 10_000, (m, in) -> {
                if (m.equals("chall") && in.startsWith("boom")) {
                    if (in.endsWith("0")) {
                        throw new StackOverflowError("challenger recursed on " + in);
                    }
                    throw new IllegalStateException("challenger broke on " + in);
                }
                return m + ":" + in;
            });
            List<String> outputs = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                outputs.add(router.route("user-" + i, (i % 3 == 0 ? "boom" : "ok") + i).output());
            }
            pool.shutdown();
            assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
            assertThat(outputs).allSatisfy(o -> assertThat(o).startsWith("champ:"));
            RouterStats stats = router.stats();
            assertThat(stats.shadowFailed()).isEqualTo(100);
            assertThat(stats.shadowCompleted()).isEqualTo(200);
            assertThat(stats.shadowSubmitted()).isEqualTo(300);
            assertThat(results).hasSize(200).allSatisfy(r -> assertThat(r.input()).startsWith("ok"));
        }

        @Test
        @DisplayName("a throwing shadow listener counts as a failed shadow run")
        void throwingListener() throws InterruptedException {
            pool = Executors.newSingleThreadExecutor();
            ExperimentRouter<String, String, String> router = ExperimentRouter.<String, String, String>builder("fraud-shadow")
                    .champion(models.champion).challenger(models.challenger)
                    .invoke((m, in) -> m + ":" + in).shadow(pool, 100)
                    .shadowListener(r -> {
                        throw new IllegalStateException("listener down");
                    })
                    .assignmentLog(log).clock(models.clock).build();
            assertThat(router.route("k", "in").output()).isEqualTo("champ:in");
            pool.shutdown();
            assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
            assertThat(router.stats().shadowFailed()).isEqualTo(1);
        }

        @Test
        @DisplayName("an executor that would run on the caller's thread, or rejects, drops the shadow run")
        void callerRunsAndRejectingExecutorsDrop() {
            ExperimentRouter<String, String, String> callerRuns = shadow(Runnable::run, 10, (m, in) -> {
                if (m.equals("chall")) {
                    throw new AssertionError("the challenger ran on the caller's thread");
                }
                return m + ":" + in;
            });
            assertThat(callerRuns.route("k", "in").output()).isEqualTo("champ:in");
            assertThat(callerRuns.stats().shadowDropped()).isEqualTo(1);

            ExperimentRouter<String, String, String> rejecting = shadow(task -> {
                throw new RejectedExecutionException("full");
            }, 1, (m, in) -> m + ":" + in);
            for (int i = 0; i < 5; i++) {
                assertThat(rejecting.route("k", "in").output()).isEqualTo("champ:in");
            }
            // The slot is released after each rejection: every request is counted, none leaks the bound.
            assertThat(rejecting.stats().shadowDropped()).isEqualTo(5);
            assertThat(rejecting.stats().shadowSubmitted()).isZero();
            assertThat(results).isEmpty();
        }
    }

    @Nested
    @DisplayName("bad input")
    class BadInput {

        @Test
        @DisplayName("null, empty or overlong keys and null inputs are rejected before anything is recorded")
        void badRequests() {
            ExperimentRouter<String, String, String> router = split("checkout-v2", 50);
            assertThatThrownBy(() -> router.route(null, "in")).isInstanceOf(InvalidArgumentException.class)
                    .hasMessageContaining("key");
            assertThatThrownBy(() -> router.route("", "in")).isInstanceOf(InvalidArgumentException.class)
                    .hasMessageContaining("empty");
            assertThatThrownBy(() -> router.route("k".repeat(1025), "in")).isInstanceOf(InvalidArgumentException.class)
                    .hasMessageContaining("1025");
            assertThatThrownBy(() -> router.route("user-1", null)).isInstanceOf(InvalidArgumentException.class)
                    .hasMessageContaining("input");
            assertThat(log.size()).isZero();
            assertThat(router.stats()).isEqualTo(new RouterStats(0, 0, 0, 0, 0, 0));
        }

        @ParameterizedTest(name = "challengerPercent({0}) is rejected")
        @ValueSource(doubles = {-0.01, 100.01, 12.345, 0.001, Double.NaN, Double.POSITIVE_INFINITY})
        void badPercent(double percent) {
            assertThatThrownBy(() -> models.builder("x", log).challengerPercent(percent))
                    .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("challengerPercent");
        }

        @Test
        @DisplayName("0.01 % resolution: 12.34 % is 1234 buckets")
        void resolution() {
            assertThat(split("x", 12.34).challengerPercent()).isEqualTo(12.34);
            assertThat(split("x", 0.07).challengerPercent()).isEqualTo(0.07);
        }

        @Test
        @DisplayName("the builder rejects bad names, both modes, no mode, repeated and missing options")
        void badBuilders() {
            assertThatThrownBy(() -> ExperimentRouter.builder("bad name!")).isInstanceOf(InvalidArgumentException.class)
                    .hasMessageContaining("experiment");
            assertThatThrownBy(() -> models.builder("x", log).challengerPercent(10).shadow(Runnable::run, 1))
                    .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("challengerPercent");
            assertThatThrownBy(() -> models.builder("x", log).shadow(Runnable::run, 1).challengerPercent(10))
                    .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("shadow");
            assertThatThrownBy(() -> models.builder("x", log).shadow(Runnable::run, 0))
                    .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("maxInFlight");
            assertThatThrownBy(() -> models.builder("x", log).build())
                    .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("challengerPercent");
            assertThatThrownBy(() -> models.builder("x", log).champion(models.champion))
                    .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("already set");
            assertThatThrownBy(() -> ExperimentRouter.<String, String, String>builder("x").champion(models.champion)
                    .challenger(models.challenger).invoke((m, i) -> m).challengerPercent(5).clock(models.clock).build())
                    .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("assignmentLog");
            assertThatThrownBy(() -> models.builder("x", log).salt(""))
                    .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("salt");
        }
    }
}
