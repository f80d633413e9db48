package dev.mlops.testkit.featurestore;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlops.core.ValueType;
import dev.mlops.featurestore.Entity;
import dev.mlops.featurestore.EntityKey;
import dev.mlops.featurestore.FeatureRow;
import dev.mlops.featurestore.FeatureView;
import dev.mlops.featurestore.OnlineStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The conformance suite every {@link OnlineStore} adapter passes. Subclass it and return a fresh,
 * empty store from {@link #newStore()}; the store is closed after each test.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
public abstract class OnlineStoreConformance {

    /** A new, empty store; called once per test. */
    protected abstract OnlineStore newStore();

    /** The store under test. */
    protected OnlineStore store;

    static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");
    static final Entity CUSTOMER = Entity.of("customer", "customer_id", ValueType.INT64);
    static final FeatureView STATS = FeatureView.builder("customer_stats").entity(CUSTOMER)
            .feature("avg_amount", ValueType.FLOAT64).feature("txn_count", ValueType.INT64)
            .ttl(Duration.ofDays(1)).build();

    @BeforeEach
    void openStore() {
        store = newStore();
    }

    @AfterEach
    void closeStore() {
        try {
            store.close();
        } finally {
            closeResources();
        }
    }

    /** Releases what {@link #newStore()} opened besides the store, such as a database; runs after each test. */
    protected void closeResources() {}

    static FeatureRow row(long customer, Instant event, Instant created, Double avg, Long count) {
        return FeatureRow.of(EntityKey.of(customer), event, created, avg, count);
    }

    static FeatureRow row(long customer, Instant event, Double avg) {
        return row(customer, event, event, avg, (long) avg.intValue());
    }

    Optional<FeatureRow> readOne(FeatureView view, long customer) {
        return store.read(view, List.of(EntityKey.of(customer))).get(0);
    }

    @Nested
    class Reading_and_writing {

        @Test
        void a_written_row_is_read_back() {
            FeatureRow r = row(1, T0, T0.plusSeconds(5), 1.5, 3L);
            store.write(STATS, List.of(r));

            assertThat(readOne(STATS, 1)).contains(r);
        }

        @Test
        void an_unknown_key_or_an_unwritten_view_reads_empty() {
            assertThat(readOne(STATS, 1)).isEmpty();
            store.write(STATS, List.of(row(1, T0, 1.0)));

            assertThat(readOne(STATS, 2)).isEmpty();
        }

        @Test
        void a_single_key_read_answers_as_a_list_read_does() {
            FeatureRow r = row(1, T0, T0.plusSeconds(5), 1.5, 3L);
            assertThat(store.read(STATS, EntityKey.of(1L))).as("before any write").isEmpty();
            store.write(STATS, List.of(r, row(2, T0, 2.0)));

            assertThat(store.read(STATS, EntityKey.of(1L))).contains(r).isEqualTo(readOne(STATS, 1));
            assertThat(store.read(STATS, EntityKey.of(3L))).isEmpty();
            FeatureRow newer = row(1, T0.plusSeconds(1), 9.0);
            store.write(STATS, List.of(newer));
            assertThat(store.read(STATS, EntityKey.of(1L))).as("after an update").contains(newer);
        }

        @Test
        void many_keys_are_answered_in_request_order_with_duplicates() {
            List<FeatureRow> rows = new ArrayList<>();
            for (long c = 0; c < 500; c++) {
                rows.add(row(c, T0.plusSeconds(c), (double) c));
            }
            store.write(STATS, rows);
            List<EntityKey> keys = List.of(EntityKey.of(7L), EntityKey.of(1000L), EntityKey.of(3L), EntityKey.of(7L));

            List<Optional<FeatureRow>> got = store.read(STATS, keys);

            assertThat(got).containsExactly(Optional.of(rows.get(7)), Optional.empty(), Optional.of(rows.get(3)),
                    Optional.of(rows.get(7)));
        }

        @Test
        void a_large_batch_reads_back_whole() {
            List<FeatureRow> rows = new ArrayList<>();
            List<EntityKey> keys = new ArrayList<>();
            for (long c = 0; c < 5000; c++) {
                rows.add(row(c, T0.plusMillis(c), (double) c));
                keys.add(EntityKey.of(c));
            }
            store.write(STATS, rows);

            List<Optional<FeatureRow>> got = store.read(STATS, keys);

            for (int i = 0; i < rows.size(); i++) {
                assertThat(got.get(i)).contains(rows.get(i));
            }
        }

        @Test
        void null_values_are_kept() {
            FeatureRow r = row(1, T0, T0, null, null);
            store.write(STATS, List.of(r));

            assertThat(readOne(STATS, 1).orElseThrow().values()).containsExactly(null, null);
        }

        @Test
        void every_value_type_round_trips() {
            FeatureView all = FeatureViews.allTypes();
            Map<String, Object> values = FeatureViews.allTypesRow(42L, T0);
            FeatureRow r = all.validateRows(List.of(values), T0).get(0);
            store.write(all, List.of(r));

            assertThat(store.read(all, List.of(EntityKey.of(42L, "eu"))).get(0)).contains(r);
        }

        @Test
        void views_and_view_versions_are_kept_apart() {
            FeatureView other = FeatureView.builder("other_stats").entity(CUSTOMER)
                    .feature("avg_amount", ValueType.FLOAT64).feature("txn_count", ValueType.INT64).build();
            FeatureView v2 = STATS.toBuilder().version(2).build();
            store.write(STATS, List.of(row(1, T0, 1.0)));
            store.write(other, List.of(row(1, T0, 2.0)));

            assertThat(readOne(STATS, 1).orElseThrow().values().get(0)).isEqualTo(1.0);
            assertThat(readOne(other, 1).orElseThrow().values().get(0)).isEqualTo(2.0);
            assertThat(readOne(v2, 1)).isEmpty();

            store.write(v2, List.of(row(1, T0, 3.0)));
            assertThat(store.read(v2, EntityKey.of(1L)).orElseThrow().values().get(0)).isEqualTo(3.0);
            assertThat(store.read(STATS, EntityKey.of(1L)).orElseThrow().values().get(0)).isEqualTo(1.0);
            assertThat(store.read(STATS.toBuilder().build(), EntityKey.of(1L)).orElseThrow().values().get(0))
                    .as("another object of the same view and version").isEqualTo(1.0);
            assertThat(store.read(other, EntityKey.of(1L)).orElseThrow().values().get(0)).isEqualTo(2.0);
        }

        @Test
        void rows_written_before_a_compatible_change_read_with_the_new_features_null() {
            store.write(STATS, List.of(row(1, T0, 1.0)));
            FeatureView wider = STATS.toBuilder().feature("max_amount", ValueType.FLOAT64).description("wider").build();

            FeatureRow got = readOne(wider, 1).orElseThrow();

            assertThat(got.value(0)).isEqualTo(1.0);
            assertThat(got.value(2)).isNull();
        }

        @Test
        void composite_and_string_keys_are_exact() {
            FeatureView all = FeatureViews.allTypes();
            FeatureRow eu = all.validateRows(List.of(FeatureViews.allTypesRow(1L, T0)), T0).get(0);
            store.write(all, List.of(eu));

            assertThat(store.read(all, List.of(EntityKey.of(1L, "EU"), EntityKey.of(1L, "eu "))).stream()
                    .filter(Optional::isPresent)).isEmpty();
        }
    }

    @Nested
    class Event_time_guard {

        @Test
        void an_older_write_is_ignored() {
            FeatureRow fresh = row(1, T0.plusSeconds(10), 2.0);
            store.write(STATS, List.of(fresh));
            store.write(STATS, List.of(row(1, T0, 1.0)));

            assertThat(readOne(STATS, 1)).contains(fresh);
        }

        @Test
        void a_newer_write_replaces() {
            store.write(STATS, List.of(row(1, T0, 1.0)));
            FeatureRow fresh = row(1, T0.plusSeconds(10), 2.0);
            store.write(STATS, List.of(fresh));

            assertThat(readOne(STATS, 1)).contains(fresh);
        }

        @Test
        void on_equal_event_times_the_later_created_row_wins_whatever_the_order() {
            FeatureRow early = row(1, T0, T0.plusSeconds(1), 1.0, 1L);
            FeatureRow late = row(1, T0, T0.plusSeconds(2), 2.0, 2L);
            store.write(STATS, List.of(late));
            store.write(STATS, List.of(early));
            assertThat(readOne(STATS, 1)).contains(late);

            store.write(STATS, List.of(row(2, T0, T0.plusSeconds(1), 1.0, 1L)));
            store.write(STATS, List.of(row(2, T0, T0.plusSeconds(2), 2.0, 2L)));
            assertThat(readOne(STATS, 2).orElseThrow().values().get(0)).isEqualTo(2.0);
        }

        @Test
        void within_one_batch_the_newest_row_per_key_wins_in_any_order() {
            store.write(STATS, List.of(row(1, T0.plusSeconds(5), 5.0), row(1, T0.plusSeconds(9), 9.0),
                    row(1, T0.plusSeconds(1), 1.0), row(2, T0, 0.0)));

            assertThat(readOne(STATS, 1).orElseThrow().values().get(0)).isEqualTo(9.0);
            assertThat(readOne(STATS, 2).orElseThrow().values().get(0)).isEqualTo(0.0);
        }

        @Test
        void an_older_row_in_a_batch_does_not_block_newer_rows_of_other_keys() {
            store.write(STATS, List.of(row(1, T0.plusSeconds(10), 10.0)));
            store.write(STATS, List.of(row(1, T0, 0.0), row(2, T0, 2.0)));

            assertThat(readOne(STATS, 1).orElseThrow().values().get(0)).isEqualTo(10.0);
            assertThat(readOne(STATS, 2).orElseThrow().values().get(0)).isEqualTo(2.0);
        }
    }

    @Nested
    class Concurrency {

        @Test
        void with_stale_backfills_racing_readers_never_go_back_in_time_and_the_newest_write_is_never_lost() throws Exception {
            int writers = 4;
            int readers = 4;
            int writesPerWriter = 300;
            AtomicLong sequence = new AtomicLong();
            ExecutorService pool = Executors.newFixedThreadPool(writers + readers);
            CountDownLatch start = new CountDownLatch(1);
            CountDownLatch writersDone = new CountDownLatch(writers);
            List<Future<?>> futures = new ArrayList<>();
            try {
                for (int w = 0; w < writers; w++) {
                    futures.add(pool.submit(() -> {
                        start.await();
                        try {
                            for (int i = 0; i < writesPerWriter; i++) {
                                long n = sequence.incrementAndGet();
                                store.write(STATS, List.of(row(1, T0.plusMillis(n), (double) n)));
                                long stale = Math.max(1, n - 7);
                                store.write(STATS, List.of(row(1, T0.plusMillis(stale), (double) stale)));
                            }
                        } finally {
                            writersDone.countDown();
                        }
                        return null;
                    }));
                }
                for (int r = 0; r < readers; r++) {
                    futures.add(pool.submit(() -> {
                        start.await();
                        double lastSeen = -1;
                        int reads = 0;
                        while (writersDone.getCount() > 0 || reads < 50) {
                            Optional<FeatureRow> got = readOne(STATS, 1);
                            reads++;
                            if (got.isPresent()) {
                                double value = (Double) got.get().values().get(0);
                                assertThat(got.get().eventTimestamp()).isEqualTo(T0.plusMillis((long) value));
                                assertThat(value).as("a reader went back in time").isGreaterThanOrEqualTo(lastSeen);
                                lastSeen = value;
                            }
                        }
                        return null;
                    }));
                }
                start.countDown();
                for (Future<?> f : futures) {
                    f.get(120, TimeUnit.SECONDS);
                }
            } finally {
                pool.shutdownNow();
            }
            assertThat(readOne(STATS, 1).orElseThrow().values().get(0))
                    .isEqualTo((double) (writers * writesPerWriter));
        }
    }
}
