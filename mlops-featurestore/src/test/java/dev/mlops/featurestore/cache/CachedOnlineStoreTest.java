package dev.mlops.featurestore.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mlops.core.InvalidArgumentException;
import dev.mlops.core.ValueType;
import dev.mlops.featurestore.Entity;
import dev.mlops.featurestore.EntityKey;
import dev.mlops.featurestore.FeatureRow;
import dev.mlops.featurestore.FeatureView;
import dev.mlops.featurestore.OnlineStore;
import dev.mlops.featurestore.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class CachedOnlineStoreTest {

    private static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");
    private static final FeatureView VIEW = FeatureView.builder("stats")
            .entity(Entity.of("customer", "customer_id", ValueType.INT64)).feature("v", ValueType.FLOAT64).build();

    private final TestClock clock = new TestClock(T0);
    private final CountingStore delegate = new CountingStore(OnlineStore.inMemory());

    private static FeatureRow row(long key, long second, double value) {
        return FeatureRow.of(EntityKey.of(key), T0.plusSeconds(second), T0.plusSeconds(second), value);
    }

    private static List<EntityKey> keys(long... ids) {
        List<EntityKey> out = new ArrayList<>();
        for (long id : ids) {
            out.add(EntityKey.of(id));
        }
        return out;
    }

    private static Object value(Optional<FeatureRow> row) {
        return row.orElseThrow().values().get(0);
    }

    @Test
    void a_second_read_is_a_hit_and_does_not_reach_the_delegate() {
        delegate.write(VIEW, List.of(row(1, 0, 1.0)));
        try (CachedOnlineStore cache = CachedOnlineStore.builder(delegate).build()) {
            cache.read(VIEW, keys(1));
            cache.read(VIEW, keys(1));

            assertThat(delegate.reads.get()).isEqualTo(1);
            CacheStatistics s = cache.statistics();
            assertThat(s.hits()).isEqualTo(1);
            assertThat(s.misses()).isEqualTo(1);
            assertThat(s.loads()).isEqualTo(1);
            assertThat(s.hitRate()).isEqualTo(0.5);
        }
    }

    @Test
    void the_misses_of_a_many_key_read_are_loaded_in_one_delegate_read() {
        delegate.write(VIEW, List.of(row(1, 0, 1.0), row(2, 0, 2.0), row(3, 0, 3.0)));
        try (CachedOnlineStore cache = CachedOnlineStore.builder(delegate).build()) {
            cache.read(VIEW, keys(2));
            List<Optional<FeatureRow>> got = cache.read(VIEW, keys(1, 2, 3, 4, 1));

            assertThat(got).extracting(r -> r.map(x -> x.values().get(0)).orElse(null))
                    .containsExactly(1.0, 2.0, 3.0, null, 1.0);
            assertThat(delegate.reads.get()).isEqualTo(2);
            assertThat(delegate.lastReadKeys).containsExactly(EntityKey.of(1L), EntityKey.of(3L), EntityKey.of(4L));
        }
    }

    @Test
    void absent_keys_are_cached_so_repeated_lookups_reach_the_delegate_once() {
        try (CachedOnlineStore cache = CachedOnlineStore.builder(delegate).build()) {
            for (int i = 0; i < 10; i++) {
                assertThat(cache.read(VIEW, keys(99)).get(0)).isEmpty();
            }
            assertThat(delegate.reads.get()).isEqualTo(1);
        }
    }

    @Test
    void a_local_write_invalidates_the_written_keys() {
        try (CachedOnlineStore cache = CachedOnlineStore.builder(delegate).build()) {
            cache.write(VIEW, List.of(row(1, 0, 1.0)));
            assertThat(value(cache.read(VIEW, keys(1)).get(0))).isEqualTo(1.0);

            cache.write(VIEW, List.of(row(1, 5, 2.0)));

            assertThat(value(cache.read(VIEW, keys(1)).get(0))).isEqualTo(2.0);
            assertThat(cache.statistics().invalidations()).isEqualTo(1);
        }
    }

    @Test
    void entries_expire_after_write_by_the_injected_clock() {
        delegate.write(VIEW, List.of(row(1, 0, 1.0)));
        try (CachedOnlineStore cache = CachedOnlineStore.builder(delegate).clock(clock)
                .expireAfterWrite(Duration.ofMinutes(1)).executor(Runnable::run).build()) {
            cache.read(VIEW, keys(1));
            delegate.write(VIEW, List.of(row(1, 10, 2.0)));

            clock.advance(Duration.ofSeconds(59));
            assertThat(value(cache.read(VIEW, keys(1)).get(0))).as("still cached").isEqualTo(1.0);
            clock.advance(Duration.ofSeconds(2));
            assertThat(value(cache.read(VIEW, keys(1)).get(0))).as("expired and reloaded").isEqualTo(2.0);
        }
    }

    @Test
    void an_entry_older_than_the_refresh_age_is_served_and_reloaded_in_the_background() {
        delegate.write(VIEW, List.of(row(1, 0, 1.0)));
        ConcurrentLinkedQueue<Runnable> background = new ConcurrentLinkedQueue<>();
        try (CachedOnlineStore cache = CachedOnlineStore.builder(delegate).clock(clock)
                .refreshAfterWrite(Duration.ofSeconds(30)).executor(background::add).build()) {
            cache.read(VIEW, keys(1));
            delegate.write(VIEW, List.of(row(1, 10, 2.0)));
            clock.advance(Duration.ofSeconds(31));

            assertThat(value(cache.read(VIEW, keys(1)).get(0))).as("served while refreshing").isEqualTo(1.0);
            assertThat(delegate.reads.get()).as("refresh not yet run").isEqualTo(1);
            Runnable task;
            while ((task = background.poll()) != null) {
                task.run();
            }
            assertThat(delegate.reads.get()).isEqualTo(2);
            assertThat(value(cache.read(VIEW, keys(1)).get(0))).as("refreshed").isEqualTo(2.0);
        }
    }

    @Test
    void the_size_is_bounded() {
        List<FeatureRow> rows = new ArrayList<>();
        long[] ids = new long[200];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = i;
            rows.add(row(i, 0, i));
        }
        delegate.write(VIEW, rows);
        try (CachedOnlineStore cache = CachedOnlineStore.builder(delegate).maximumSize(20).executor(Runnable::run)
                .build()) {
            cache.read(VIEW, keys(ids));
            cache.cleanUp();

            assertThat(cache.statistics().size()).isLessThanOrEqualTo(20);
            assertThat(cache.statistics().evictions()).isGreaterThanOrEqualTo(180);
        }
    }

    @Test
    void maintenance_runs_on_the_reading_thread_and_only_refreshes_use_the_executor() {
        List<FeatureRow> rows = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            rows.add(row(i, 0, i));
        }
        delegate.write(VIEW, rows);
        ConcurrentLinkedQueue<Runnable> background = new ConcurrentLinkedQueue<>();
        try (CachedOnlineStore cache = CachedOnlineStore.builder(delegate).maximumSize(20).clock(clock)
                .refreshAfterWrite(Duration.ofSeconds(30)).executor(background::add).build()) {
            for (long id = 0; id < 200; id++) {
                cache.read(VIEW, keys(id));
            }

            assertThat(cache.statistics().size()).as("evicted without cleanUp()").isLessThanOrEqualTo(20);
            assertThat(cache.statistics().evictions()).isGreaterThanOrEqualTo(180);
            assertThat(background).as("nothing handed to the executor").isEmpty();

            clock.advance(Duration.ofSeconds(31));
            cache.read(VIEW, keys(199));
            assertThat(background).as("the refresh").hasSize(1);
        }
    }

    @Test
    void an_int_key_and_a_long_key_of_one_value_are_different_entries() {
        FeatureRow longKey = FeatureRow.of(EntityKey.of(7L), T0, T0, 1.0);
        FeatureRow intKey = FeatureRow.of(EntityKey.of(7), T0, T0, 2.0);
        try (CachedOnlineStore cache = CachedOnlineStore.builder(delegate).build()) {
            cache.write(VIEW, List.of(longKey));
            assertThat(cache.read(VIEW, List.of(EntityKey.of(7)))).containsExactly(Optional.empty());
            assertThat(cache.read(VIEW, List.of(EntityKey.of(7L)))).containsExactly(Optional.of(longKey));

            cache.write(VIEW, List.of(intKey));

            assertThat(cache.read(VIEW, List.of(EntityKey.of(7), EntityKey.of(7L))))
                    .containsExactly(Optional.of(intKey), Optional.of(longKey));
            assertThat(cache.read(VIEW, List.of(EntityKey.of("7")))).containsExactly(Optional.empty());
        }
    }

    @Test
    void a_load_that_started_before_a_local_write_is_not_cached() throws Exception {
        delegate.write(VIEW, List.of(row(1, 0, 1.0)));
        CountDownLatch readStarted = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        BlockingStore blocking = new BlockingStore(delegate, readStarted, release);
        try (CachedOnlineStore cache = CachedOnlineStore.builder(blocking).build()) {
            CompletableFuture<Optional<FeatureRow>> slowRead = CompletableFuture.supplyAsync(
                    () -> cache.read(VIEW, keys(1)).get(0));
            assertThat(readStarted.await(30, TimeUnit.SECONDS)).isTrue();
            blocking.blockNext = false;
            cache.write(VIEW, List.of(row(1, 5, 2.0)));
            release.countDown();

            assertThat(value(slowRead.get(30, TimeUnit.SECONDS))).as("what the delegate had").isEqualTo(1.0);
            assertThat(value(cache.read(VIEW, keys(1)).get(0))).as("not the stale load").isEqualTo(2.0);
        }
    }

    @Test
    void options_are_validated_and_set_once() {
        assertThatThrownBy(() -> CachedOnlineStore.builder(delegate).maximumSize(1).maximumSize(2))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> CachedOnlineStore.builder(delegate).expireAfterWrite(Duration.ZERO))
                .isInstanceOf(InvalidArgumentException.class);
        assertThatThrownBy(() -> CachedOnlineStore.builder(delegate).expireAfterWrite(Duration.ofSeconds(1))
                .refreshAfterWrite(Duration.ofSeconds(2)).build()).isInstanceOf(InvalidArgumentException.class);
    }

    @Test
    void closing_the_cache_closes_the_delegate() {
        CachedOnlineStore.builder(delegate).build().close();

        assertThat(delegate.closed).isTrue();
    }

    /** Counts delegate reads. */
    static class CountingStore implements OnlineStore {
        final OnlineStore inner;
        final AtomicInteger reads = new AtomicInteger();
        volatile List<EntityKey> lastReadKeys;
        volatile boolean closed;

        CountingStore(OnlineStore inner) {
            this.inner = inner;
        }

        @Override
        public void write(FeatureView view, List<FeatureRow> rows) {
            inner.write(view, rows);
        }

        @Override
        public List<Optional<FeatureRow>> read(FeatureView view, List<EntityKey> keys) {
            reads.incrementAndGet();
            lastReadKeys = List.copyOf(keys);
            return inner.read(view, keys);
        }

        @Override
        public void close() {
            closed = true;
            inner.close();
        }
    }

    /** Reads the delegate, then waits before returning, to open a race window. */
    static final class BlockingStore extends CountingStore {
        final CountDownLatch started;
        final CountDownLatch release;
        volatile boolean blockNext = true;

        BlockingStore(OnlineStore inner, CountDownLatch started, CountDownLatch release) {
            super(inner);
            this.started = started;
            this.release = release;
        }

        @Override
        public List<Optional<FeatureRow>> read(FeatureView view, List<EntityKey> keys) {
            List<Optional<FeatureRow>> result = super.read(view, keys);
            if (blockNext) {
                started.countDown();
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return result;
        }
    }
}
