package dev.mlops.registry.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlops.core.ConflictException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class AsyncMetricLoggerTest {

    private static final Instant T0 = Instant.parse("2024-05-01T00:00:00Z");
    private final TestClock clock = new TestClock(T0);
    private final TrackingStore memory = TrackingStore.inMemory(clock);
    private final List<Integer> batchSizes = new CopyOnWriteArrayList<>();
    private volatile CountDownLatch writeGate;
    /** The in-memory store, recording each logBatch size and optionally holding writes at a gate. */
    private final TrackingStore store = (TrackingStore) Proxy.newProxyInstance(getClass().getClassLoader(),
            new Class<?>[] {TrackingStore.class}, (proxy, method, args) -> {
                if (method.getName().equals("logBatch")) {
                    CountDownLatch gate = writeGate;
                    if (gate != null) {
                        assertThat(gate.await(30, TimeUnit.SECONDS)).isTrue();
                    }
                    batchSizes.add(((List<?>) args[1]).size());
                }
                try {
                    return method.invoke(memory, args);
                } catch (java.lang.reflect.InvocationTargetException e) {
                    throw e.getCause();
                }
            });
    private final List<String> drops = new CopyOnWriteArrayList<>();
    private final ExecutorService pool = Executors.newFixedThreadPool(2);

    @AfterEach
    void stopPool() {
        pool.shutdownNow();
    }

    private String newRun() {
        String experiment = memory.getExperimentByName("e").orElseGet(() -> memory.createExperiment("e", List.of()))
                .id();
        return memory.createRun(NewRun.of(experiment, T0, "u")).id();
    }

    private AsyncMetricLogger.Builder logger() {
        return AsyncMetricLogger.builder(store).clock(clock)
                .onDrop((reason, run, count, cause) -> drops.add(reason + ":" + count));
    }

    @Test
    void every_point_is_written_in_order_in_batches_of_at_most_a_thousand() {
        String run = newRun();
        try (AsyncMetricLogger log = logger().executor(pool).build()) {
            for (int i = 0; i < 5000; i++) {
                assertThat(log.log(run, "loss", 1.0 / (i + 1), i)).isTrue();
            }
        }
        List<Metric> history = memory.getMetricHistory(run, "loss");
        assertThat(history).hasSize(5000);
        assertThat(history).extracting(Metric::step).isSorted();
        assertThat(history.get(4999).value()).isEqualTo(1.0 / 5000);
        assertThat(batchSizes).allSatisfy(n -> assertThat(n).isBetween(1, 1000));
        assertThat(batchSizes.stream().mapToInt(Integer::intValue).sum()).isEqualTo(5000);
        assertThat(drops).isEmpty();
    }

    @Test
    void points_of_several_runs_go_to_their_runs() {
        String a = newRun();
        String b = newRun();
        try (AsyncMetricLogger log = logger().executor(pool).batchSize(7).build()) {
            for (int i = 0; i < 100; i++) {
                log.log(i % 2 == 0 ? a : b, "m", i, i);
            }
            assertThat(log.flush(Duration.ofSeconds(30))).isTrue();
            assertThat(log.written()).isEqualTo(100);
            assertThat(log.pending()).isZero();
        }
        assertThat(memory.getMetricHistory(a, "m")).hasSize(50).allSatisfy(m -> assertThat(m.step() % 2).isZero());
        assertThat(memory.getMetricHistory(b, "m")).hasSize(50);
        assertThat(batchSizes).allSatisfy(n -> assertThat(n).isLessThanOrEqualTo(7));
    }

    @Test
    void a_full_queue_drops_and_reports_under_the_drop_policy() {
        String run = newRun();
        List<Runnable> held = new ArrayList<>();
        AsyncMetricLogger log = logger().executor(held::add).capacity(10).build();
        int accepted = 0;
        for (int i = 0; i < 25; i++) {
            if (log.log(run, "m", i, i)) {
                accepted++;
            }
        }
        assertThat(accepted).isEqualTo(10);
        assertThat(log.dropped()).isEqualTo(15);
        assertThat(drops).hasSize(15).allMatch(d -> d.equals("QUEUE_FULL:1"));
        assertThat(held).hasSize(1);
        held.get(0).run();
        assertThat(log.written()).isEqualTo(10);
        assertThat(memory.getMetricHistory(run, "m")).extracting(Metric::step)
                .containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L);
    }

    @Test
    void the_block_policy_makes_the_caller_wait_and_loses_nothing() throws Exception {
        String run = newRun();
        writeGate = new CountDownLatch(1);
        try (AsyncMetricLogger log = logger().executor(pool).capacity(5).batchSize(5)
                .overflow(AsyncMetricLogger.Overflow.BLOCK).build()) {
            Future<?> producer = Executors.newSingleThreadExecutor().submit(() -> {
                for (int i = 0; i < 50; i++) {
                    assertThat(log.log(run, "m", i, i)).isTrue();
                }
                return null;
            });
            assertThat(producer.isDone()).isFalse();
            writeGate.countDown();
            producer.get(30, TimeUnit.SECONDS);
            assertThat(log.flush(Duration.ofSeconds(30))).isTrue();
        }
        assertThat(memory.getMetricHistory(run, "m")).hasSize(50);
        assertThat(drops).isEmpty();
    }

    @Test
    void a_batch_the_store_refuses_is_dropped_with_its_cause_and_other_runs_are_written() {
        String good = newRun();
        String deleted = newRun();
        memory.deleteRun(deleted);
        List<Throwable> causes = new CopyOnWriteArrayList<>();
        AsyncMetricLogger log = AsyncMetricLogger.builder(store).executor(Runnable::run)
                .onDrop((reason, run, count, cause) -> {
                    assertThat(reason).isEqualTo(AsyncMetricLogger.DropReason.WRITE_FAILED);
                    assertThat(run).isEqualTo(deleted);
                    cause.ifPresent(causes::add);
                }).build();
        log.log(good, new Metric("m", 1, T0, 0));
        log.log(deleted, new Metric("m", 1, T0, 0));
        log.close();
        assertThat(log.dropped()).isEqualTo(1);
        assertThat(log.written()).isEqualTo(1);
        assertThat(causes).singleElement().isInstanceOf(ConflictException.class);
    }

    @Test
    void points_logged_after_close_are_dropped_and_reported() {
        String run = newRun();
        AsyncMetricLogger log = logger().build();
        log.close();
        assertThat(log.log(run, "m", 1, 0)).isFalse();
        assertThat(drops).containsExactly("CLOSED:1");
        log.close();
    }

    @Test
    void close_gives_up_after_its_timeout_and_reports_what_was_left() {
        String run = newRun();
        List<Runnable> held = new ArrayList<>();
        AsyncMetricLogger log = logger().executor(held::add).closeTimeout(Duration.ZERO).build();
        log.log(run, "m", 1, 0);
        log.log(run, "m", 2, 1);
        log.close();
        assertThat(drops).containsExactly("CLOSED:2");
        assertThat(log.pending()).isZero();
    }

    @Test
    void many_threads_logging_at_once_lose_nothing() throws Exception {
        String run = newRun();
        int threads = 4;
        int each = 2500;
        try (AsyncMetricLogger log = logger().capacity(1000).overflow(AsyncMetricLogger.Overflow.BLOCK).build()) {
            ExecutorService producers = Executors.newFixedThreadPool(threads);
            try {
                CountDownLatch go = new CountDownLatch(1);
                List<Future<?>> done = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    int thread = t;
                    done.add(producers.submit(() -> {
                        go.await();
                        for (int i = 0; i < each; i++) {
                            log.log(run, "m" + thread, i, i);
                        }
                        return null;
                    }));
                }
                go.countDown();
                for (Future<?> f : done) {
                    f.get(60, TimeUnit.SECONDS);
                }
            } finally {
                producers.shutdownNow();
            }
        }
        for (int t = 0; t < threads; t++) {
            assertThat(memory.getMetricHistory(run, "m" + t)).hasSize(each).extracting(Metric::step).isSorted();
        }
        assertThat(drops).isEmpty();
    }
}
