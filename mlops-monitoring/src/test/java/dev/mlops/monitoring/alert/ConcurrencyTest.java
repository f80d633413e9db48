package dev.mlops.monitoring.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Real threads against the thread-safe parts: event counts, series, the manager's lock and async delivery. */
class ConcurrencyTest extends AlertManagerFixture {

    @Test
    @DisplayName("SloEvents loses no event when many threads record while another reads")
    void sloEventsCounts() throws Exception {
        SloEvents events = SloEvents.create(Duration.ofHours(1));
        Instant now = Instant.parse("2024-01-10T12:00:30Z");
        int threads = 8;
        int perThread = 20_000;
        ExecutorService pool = Executors.newFixedThreadPool(threads + 1);
        CountDownLatch go = new CountDownLatch(1);
        AtomicLong expectedGood = new AtomicLong();
        try {
            List<Future<?>> writers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                long seed = t;
                writers.add(pool.submit(() -> {
                    go.await();
                    SplittableRandom rnd = new SplittableRandom(seed);
                    long good = 0;
                    for (int i = 0; i < perThread; i++) {
                        boolean ok = rnd.nextInt(10) != 0;
                        good += ok ? 1 : 0;
                        events.record(now.minusSeconds(rnd.nextInt(3000)), ok);
                    }
                    expectedGood.addAndGet(good);
                    return null;
                }));
            }
            Future<Long> reader = pool.submit(() -> {
                go.await();
                long reads = 0;
                while (!writers.stream().allMatch(Future::isDone)) {
                    SloEvents.Counts c = events.counts(now, Duration.ofHours(1));
                    assertThat(c.good()).isLessThanOrEqualTo(c.total());
                    reads++;
                }
                return reads;
            });
            go.countDown();
            for (Future<?> w : writers) {
                w.get(30, TimeUnit.SECONDS);
            }
            assertThat(reader.get(30, TimeUnit.SECONDS)).isPositive();
        } finally {
            pool.shutdownNow();
        }
        SloEvents.Counts c = events.counts(now, Duration.ofHours(1));
        assertThat(c.total()).isEqualTo((long) threads * perThread);
        assertThat(c.good()).isEqualTo(expectedGood.get());
        assertThat(events.dropped()).isZero();
    }

    @Test
    @DisplayName("Series keeps the newest value per label set whatever the interleaving of writers")
    void seriesLatestWins() throws Exception {
        Series series = Series.create("score", Duration.ofDays(1));
        Instant base = Instant.parse("2024-01-01T00:00:00Z");
        int threads = 6;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<?>> writers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int offset = t;
                writers.add(pool.submit(() -> {
                    go.await();
                    for (int i = offset; i < 30_000; i += threads) {
                        series.record(Labels.of("k", Integer.toString(i % 5)), i, base.plusSeconds(i));
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> w : writers) {
                w.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        for (int k = 0; k < 5; k++) {
            assertThat(series.latest(Labels.of("k", Integer.toString(k)))).contains((double) (29_995 + k));
        }
    }

    @Test
    @DisplayName("ticks racing at the same instant flush a group exactly once")
    void concurrentTicks() throws Exception {
        build(route(Receiver.of("team", notifier), "alertname"), driftRule());
        drift.set(model("fraud"), 0.5);
        tickAt(Duration.ZERO);
        clock.set(T0.plusSeconds(30));
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<?>> tasks = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int n = t;
                tasks.add(pool.submit(() -> {
                    go.await();
                    manager.tick();
                    manager.silence(Duration.ofMinutes(1), "t" + n, "", Matcher.equal("model", "other" + n));
                    assertThat(manager.alerts()).hasSize(1);
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> f : tasks) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(notifier.sent()).hasSize(1);
        assertThat(manager.silences()).hasSize(threads);
    }

    @Test
    @DisplayName("with a notification executor, a slow notifier neither blocks ticks nor gets a second flush of its group")
    void asyncDelivery() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<String> delivered = new java.util.concurrent.CopyOnWriteArrayList<>();
        Notifier slow = n -> {
            String model = n.groupLabels().value("model");
            if (model.equals("fraud")) {
                entered.countDown();
                try {
                    if (!release.await(30, TimeUnit.SECONDS)) {
                        throw new IllegalStateException("never released");
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
            delivered.add(model + "@" + n.time());
        };
        ExecutorService deliveries = Executors.newFixedThreadPool(2);
        try {
            manager = AlertManager.builder().clock(clock).rule(driftRule()).notificationExecutor(deliveries)
                    .route(route(Receiver.of("team", slow), "model")).build();
            drift.set(model("fraud"), 0.5);
            tickAt(Duration.ZERO);
            tickAt(s(30));
            assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
            drift.set(model("churn"), 0.5);
            tickAt(m(1));
            tickAt(m(1).plus(s(30)));
            tickAt(m(5).plus(s(30)));
            assertThat(manager.stats().evaluations()).as("ticks went on while fraud's delivery hung").isEqualTo(3);
            release.countDown();
            deliveries.shutdown();
            assertThat(deliveries.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        } finally {
            deliveries.shutdownNow();
        }
        assertThat(delivered).containsExactlyInAnyOrder("fraud@" + T0.plusSeconds(30), "churn@" + T0.plus(m(1)).plus(s(30)));
        assertThat(manager.stats().notificationsSent()).isEqualTo(2);
    }
}
