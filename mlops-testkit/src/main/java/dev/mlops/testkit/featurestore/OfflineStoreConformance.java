package dev.mlops.testkit.featurestore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mlops.core.Field;
import dev.mlops.core.InvalidArgumentException;
import dev.mlops.core.ValueType;
import dev.mlops.featurestore.ArrowTables;
import dev.mlops.featurestore.Entity;
import dev.mlops.featurestore.EntityKey;
import dev.mlops.featurestore.FeatureRow;
import dev.mlops.featurestore.FeatureView;
import dev.mlops.featurestore.OfflineStore;
import dev.mlops.featurestore.ViewSelection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.stream.LongStream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The conformance suite every {@link OfflineStore} adapter passes: the point-in-time rule of
 * SEMANTICS.md (Feast's worked cases, TTL bounds, tie-breaks, order and duplicates), randomized
 * cases checked against {@link PointInTimeOracle}, and materialization reads. Subclass it and return
 * a fresh, empty store from {@link #newStore()}. Every test closes the store and then its Arrow
 * allocator, so leaked Arrow memory fails the test.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
public abstract class OfflineStoreConformance {

    /** A new, empty store; called once per test. */
    protected abstract OfflineStore newStore();

    /** The store under test. */
    protected OfflineStore store;
    /** The allocator join results come from; closed after each test. */
    protected BufferAllocator allocator;

    static final Entity CUSTOMER = Entity.of("customer", "customer_id", ValueType.INT64);
    static final Entity REGION = Entity.of("region", "region", ValueType.STRING);
    static final Field CUSTOMER_ID = CUSTOMER.joinKeys().get(0);
    static final Field REGION_KEY = REGION.joinKeys().get(0);

    @BeforeEach
    void openStore() {
        allocator = new RootAllocator();
        store = newStore();
    }

    @AfterEach
    void closeStore() {
        try {
            store.close();
        } finally {
            try {
                allocator.close();
            } finally {
                closeResources();
            }
        }
    }

    /** Releases what {@link #newStore()} opened besides the store, such as a database; runs after each test. */
    protected void closeResources() {}

    static Instant day(String date) {
        return Instant.parse(date + "T00:00:00Z");
    }

    /** An entity row: join key values in order, then the timestamp. */
    static Object[] at(Object... keysThenTimestamp) {
        return keysThenTimestamp;
    }

    /** Builds the entity table: one column per key field, then event_timestamp. */
    VectorSchemaRoot entityTable(List<Field> keys, List<Object[]> rows) {
        List<FieldVector> vectors = new ArrayList<>();
        for (Field k : keys) {
            vectors.add(ArrowTables.newVector(k.name(), k.type(), allocator));
        }
        vectors.add(ArrowTables.newVector(FeatureView.EVENT_TIMESTAMP, ValueType.TIMESTAMP, allocator));
        VectorSchemaRoot root = new VectorSchemaRoot(vectors);
        root.allocateNew();
        for (int i = 0; i < rows.size(); i++) {
            Object[] r = rows.get(i);
            for (int k = 0; k < keys.size(); k++) {
                ArrowTables.set(vectors.get(k), i, keys.get(k).type(), r[k]);
            }
            ArrowTables.set(vectors.get(keys.size()), i, ValueType.TIMESTAMP, r[keys.size()]);
        }
        root.setRowCount(rows.size());
        return root;
    }

    /** Runs a join and returns its rows as maps of output name to canonical value. */
    List<Map<String, Object>> join(List<Field> keys, List<Object[]> entityRows, ViewSelection... selections) {
        try (VectorSchemaRoot entities = entityTable(keys, entityRows);
                VectorSchemaRoot out = store.pointInTimeJoin(entities, List.of(selections), allocator)) {
            assertThat(out.getRowCount()).as("one output row per entity row").isEqualTo(entityRows.size());
            List<Map<String, Object>> rows = new ArrayList<>();
            for (int i = 0; i < out.getRowCount(); i++) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (FieldVector v : out.getFieldVectors()) {
                    row.put(v.getName(), ArrowTables.value(v, i));
                }
                rows.add(row);
            }
            List<String> expectedColumns = new ArrayList<>();
            for (ViewSelection s : selections) {
                expectedColumns.addAll(s.outputNames());
            }
            assertThat(out.getFieldVectors().stream().map(FieldVector::getName).toList())
                    .containsExactlyElementsOf(expectedColumns);
            return rows;
        }
    }

    static List<Object> column(List<Map<String, Object>> rows, String name) {
        return rows.stream().map(r -> r.get(name)).toList();
    }

    @Nested
    class Feasts_worked_cases {

        final FeatureView view = FeatureView.builder("customer_features").entity(CUSTOMER)
                .feature("value", ValueType.INT64).ttl(Duration.ofDays(10)).build();

        @BeforeEach
        void load() {
            store.append(view, List.of(
                    FeatureRow.of(EntityKey.of(1L), day("2023-12-31"), day("2023-12-31"), 11L),
                    FeatureRow.of(EntityKey.of(1L), day("2024-01-02"), day("2024-01-02"), 22L),
                    FeatureRow.of(EntityKey.of(1L), day("2024-01-03"), day("2024-01-03"), 33L),
                    FeatureRow.of(EntityKey.of(2L), day("2023-01-03"), day("2023-01-03"), 22L),
                    FeatureRow.of(EntityKey.of(3L), day("2024-01-01"), day("2024-01-03"), 10L),
                    FeatureRow.of(EntityKey.of(3L), day("2024-01-01"), day("2024-01-02"), 20L)));
        }

        @Test
        void give_11_22_null_and_10() {
            List<Map<String, Object>> rows = join(List.of(CUSTOMER_ID), List.of(
                    at(1L, day("2024-01-01")), at(1L, day("2024-01-02")), at(2L, day("2024-01-01")),
                    at(3L, day("2024-01-03"))), ViewSelection.of(view, "value"));

            assertThat(column(rows, "value")).containsExactly(11L, 22L, null, 10L);
        }

        @Test
        void keep_input_order_and_duplicate_rows() {
            List<Map<String, Object>> rows = join(List.of(CUSTOMER_ID), List.of(
                    at(3L, day("2024-01-03")), at(1L, day("2024-01-02")), at(1L, day("2024-01-01")),
                    at(3L, day("2024-01-03")), at(1L, day("2024-01-02"))), ViewSelection.of(view, "value"));

            assertThat(column(rows, "value")).containsExactly(10L, 22L, 11L, 10L, 22L);
        }
    }

    @Nested
    class The_time_to_live {

        final FeatureView view = FeatureView.builder("ttl_view").entity(CUSTOMER).feature("value", ValueType.INT64)
                .ttl(Duration.ofHours(1)).build();
        final Instant t = day("2024-06-01");

        @Test
        void includes_a_row_exactly_ttl_before_and_one_exactly_at_the_entity_time() {
            store.append(view, List.of(FeatureRow.of(EntityKey.of(1L), t, t, 1L)));

            List<Map<String, Object>> rows = join(List.of(CUSTOMER_ID), List.of(
                    at(1L, t), at(1L, t.plus(Duration.ofHours(1))), at(1L, t.plus(Duration.ofHours(1)).plusNanos(1)),
                    at(1L, t.minusNanos(1))), ViewSelection.of(view, "value"));

            assertThat(column(rows, "value")).containsExactly(1L, 1L, null, null);
        }

        @Test
        void does_not_fall_back_to_an_older_row_when_the_newest_is_in_the_future() {
            store.append(view, List.of(FeatureRow.of(EntityKey.of(1L), t.minus(Duration.ofHours(2)), t, 1L),
                    FeatureRow.of(EntityKey.of(1L), t.plusSeconds(1), t, 2L)));

            assertThat(column(join(List.of(CUSTOMER_ID), List.<Object[]>of(at(1L, t)), ViewSelection.of(view,
                    "value")), "value")).containsExactly((Object) null);
        }

        @Test
        void of_zero_means_no_lower_bound() {
            FeatureView forever = view.toBuilder().ttl(Duration.ZERO).build();
            store.append(forever, List.of(FeatureRow.of(EntityKey.of(1L), day("1970-01-01"), t, 1L)));

            assertThat(column(join(List.of(CUSTOMER_ID), List.<Object[]>of(at(1L, t)),
                    ViewSelection.of(forever, "value")), "value")).containsExactly(1L);
        }

        @Test
        void of_centuries_does_not_overflow() {
            FeatureView long_ = view.toBuilder().ttl(Duration.ofDays(365L * 400)).build();
            store.append(long_, List.of(FeatureRow.of(EntityKey.of(1L), day("1900-01-01"), t, 1L)));

            assertThat(column(join(List.of(CUSTOMER_ID), List.<Object[]>of(at(1L, t)),
                    ViewSelection.of(long_, "value")), "value")).containsExactly(1L);
        }
    }

    @Nested
    class Ties_and_misses {

        final FeatureView view = FeatureView.builder("tie_view").entity(CUSTOMER).feature("value", ValueType.INT64)
                .build();
        final Instant t = day("2024-06-01");

        @Test
        void equal_event_times_go_to_the_latest_created_whatever_the_append_order() {
            store.append(view, List.of(FeatureRow.of(EntityKey.of(1L), t, t.plusSeconds(5), 5L)));
            store.append(view, List.of(FeatureRow.of(EntityKey.of(1L), t, t.plusSeconds(9), 9L),
                    FeatureRow.of(EntityKey.of(1L), t, t.plusSeconds(1), 1L)));

            assertThat(column(join(List.of(CUSTOMER_ID), List.<Object[]>of(at(1L, t.plusSeconds(1))),
                    ViewSelection.of(view, "value")), "value")).containsExactly(9L);
        }

        @Test
        void the_created_time_is_not_a_filter() {
            store.append(view, List.of(FeatureRow.of(EntityKey.of(1L), t, t.plus(Duration.ofDays(30)), 1L)));

            assertThat(column(join(List.of(CUSTOMER_ID), List.<Object[]>of(at(1L, t)), ViewSelection.of(view,
                    "value")), "value")).containsExactly(1L);
        }

        @Test
        void a_later_event_beats_a_later_creation() {
            store.append(view, List.of(FeatureRow.of(EntityKey.of(1L), t, t.plus(Duration.ofDays(9)), 1L),
                    FeatureRow.of(EntityKey.of(1L), t.plusSeconds(1), t, 2L)));

            assertThat(column(join(List.of(CUSTOMER_ID), List.<Object[]>of(at(1L, t.plusSeconds(1))),
                    ViewSelection.of(view, "value")), "value")).containsExactly(2L);
        }

        @Test
        void unknown_entities_and_an_empty_store_give_nulls() {
            FeatureView empty = FeatureView.builder("never_written").entity(CUSTOMER)
                    .feature("value", ValueType.INT64).build();
            store.append(view, List.of(FeatureRow.of(EntityKey.of(1L), t, t, 1L)));

            List<Map<String, Object>> rows = join(List.of(CUSTOMER_ID), List.of(at(2L, t), at(1L, t)),
                    ViewSelection.of(view, "value"), new ViewSelection(empty, List.of("value"), List.of("other")));

            assertThat(rows).containsExactly(mapOf("value", null, "other", null), mapOf("value", 1L, "other", null));
        }

        @Test
        void zero_entity_rows_give_an_empty_table() {
            store.append(view, List.of(FeatureRow.of(EntityKey.of(1L), t, t, 1L)));

            assertThat(join(List.of(CUSTOMER_ID), List.of(), ViewSelection.of(view, "value"))).isEmpty();
        }

        @Test
        void a_stored_null_value_wins_and_reads_as_null() {
            store.append(view, List.of(FeatureRow.of(EntityKey.of(1L), t, t, 1L),
                    FeatureRow.of(EntityKey.of(1L), t.plusSeconds(1), t, (Object) null)));

            assertThat(column(join(List.of(CUSTOMER_ID), List.<Object[]>of(at(1L, t.plusSeconds(2))),
                    ViewSelection.of(view, "value")), "value")).containsExactly((Object) null);
        }
    }

    static Map<String, Object> mapOf(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    @Nested
    class Views_and_columns {

        final Instant t = day("2024-06-01");

        @Test
        void several_views_with_different_keys_join_in_one_call_with_their_output_names() {
            FeatureView perCustomer = FeatureView.builder("per_customer").entity(CUSTOMER)
                    .feature("a", ValueType.FLOAT64).feature("b", ValueType.STRING).build();
            FeatureView perPair = FeatureView.builder("per_pair").entity(CUSTOMER).entity(REGION)
                    .feature("a", ValueType.FLOAT64).build();
            store.append(perCustomer, List.of(FeatureRow.of(EntityKey.of(1L), t, t, 1.5, "x")));
            store.append(perPair, List.of(FeatureRow.of(EntityKey.of(1L, "eu"), t, t, 2.5),
                    FeatureRow.of(EntityKey.of(1L, "us"), t, t, 3.5)));

            List<Map<String, Object>> rows = join(List.of(CUSTOMER_ID, REGION_KEY),
                    List.of(at(1L, "us", t), at(1L, "eu", t), at(1L, "EU", t)),
                    ViewSelection.allFullNames(perCustomer),
                    new ViewSelection(perPair, List.of("a"), List.of("per_pair__a")));

            assertThat(rows).containsExactly(
                    mapOf("per_customer__a", 1.5, "per_customer__b", "x", "per_pair__a", 3.5),
                    mapOf("per_customer__a", 1.5, "per_customer__b", "x", "per_pair__a", 2.5),
                    mapOf("per_customer__a", 1.5, "per_customer__b", "x", "per_pair__a", null));
        }

        @Test
        void a_subset_of_features_in_any_order_is_returned() {
            FeatureView v = FeatureView.builder("three").entity(CUSTOMER).feature("a", ValueType.INT64)
                    .feature("b", ValueType.INT64).feature("c", ValueType.INT64).build();
            store.append(v, List.of(FeatureRow.of(EntityKey.of(1L), t, t, 1L, 2L, 3L)));

            assertThat(join(List.of(CUSTOMER_ID), List.<Object[]>of(at(1L, t)), ViewSelection.of(v, "c", "a")))
                    .containsExactly(mapOf("c", 3L, "a", 1L));
        }

        @Test
        void every_value_type_round_trips_through_a_join() {
            FeatureView all = FeatureViews.allTypes();
            Map<String, Object> values = FeatureViews.allTypesRow(42L, t);
            FeatureRow row = all.validateRows(List.of(values), t).get(0);
            store.append(all, List.of(row));

            Map<String, Object> got = join(List.of(CUSTOMER_ID, REGION_KEY), List.<Object[]>of(at(42L, "eu", t)),
                    ViewSelection.allFullNames(all)).get(0);

            for (int f = 0; f < all.features().size(); f++) {
                String name = all.features().get(f).name();
                assertThat(got.get("all_types__" + name)).as(name).isEqualTo(row.values().get(f));
            }
        }

        @Test
        void view_versions_are_kept_apart_and_rows_of_an_older_compatible_shape_read_new_features_as_null() {
            FeatureView v1 = FeatureView.builder("evolving").entity(CUSTOMER).feature("a", ValueType.INT64).build();
            store.append(v1, List.of(FeatureRow.of(EntityKey.of(1L), t, t, 1L)));
            FeatureView wider = v1.toBuilder().feature("b", ValueType.STRING).build();
            store.append(wider, List.of(FeatureRow.of(EntityKey.of(2L), t, t, 2L, "two")));
            FeatureView v2 = v1.toBuilder().version(2).build();

            assertThat(join(List.of(CUSTOMER_ID), List.of(at(1L, t), at(2L, t)), ViewSelection.of(wider, "a", "b")))
                    .containsExactly(mapOf("a", 1L, "b", null), mapOf("a", 2L, "b", "two"));
            assertThat(column(join(List.of(CUSTOMER_ID), List.<Object[]>of(at(1L, t)), ViewSelection.of(v2, "a")),
                    "a")).containsExactly((Object) null);
        }

        @Test
        void a_missing_join_key_column_is_rejected_naming_it() {
            FeatureView perPair = FeatureView.builder("per_pair").entity(CUSTOMER).entity(REGION)
                    .feature("a", ValueType.FLOAT64).build();

            assertThatThrownBy(() -> join(List.of(CUSTOMER_ID), List.<Object[]>of(at(1L, t)),
                    ViewSelection.of(perPair, "a"))).isInstanceOf(InvalidArgumentException.class)
                    .hasMessageContaining("region");
        }

        @Test
        void a_null_timestamp_or_key_is_rejected_naming_the_row() {
            FeatureView v = FeatureView.builder("v").entity(CUSTOMER).feature("a", ValueType.INT64).build();

            assertThatThrownBy(() -> join(List.of(CUSTOMER_ID), List.of(at(1L, t), at(1L, null)),
                    ViewSelection.of(v, "a"))).isInstanceOf(InvalidArgumentException.class)
                    .hasMessageContaining("row 1");
            assertThatThrownBy(() -> join(List.of(CUSTOMER_ID), List.of(at(1L, t), at(null, t)),
                    ViewSelection.of(v, "a"))).isInstanceOf(InvalidArgumentException.class)
                    .hasMessageContaining("customer_id");
        }
    }

    @Nested
    class Materialization_reads {

        final FeatureView view = FeatureView.builder("mat").entity(CUSTOMER).feature("value", ValueType.INT64)
                .build();
        final Instant t = day("2024-06-01");

        Map<EntityKey, Object> latest(Instant start, Instant end) {
            Map<EntityKey, Object> out = new HashMap<>();
            store.latestPerKey(view, start, end, r -> assertThat(out.put(r.key(), r.values().get(0)))
                    .as("one row per key").isNull());
            return out;
        }

        @Test
        void the_latest_row_per_key_within_inclusive_bounds_is_delivered() {
            store.append(view, List.of(FeatureRow.of(EntityKey.of(1L), t, t, 1L),
                    FeatureRow.of(EntityKey.of(1L), t.plusSeconds(10), t, 2L),
                    FeatureRow.of(EntityKey.of(1L), t.plusSeconds(20), t, 3L),
                    FeatureRow.of(EntityKey.of(2L), t.minusSeconds(1), t, 4L),
                    FeatureRow.of(EntityKey.of(3L), t.plusSeconds(10), t, 5L),
                    FeatureRow.of(EntityKey.of(3L), t.plusSeconds(10), t.plusSeconds(1), 6L)));

            assertThat(latest(t, t.plusSeconds(10))).containsOnly(Map.entry(EntityKey.of(1L), 2L),
                    Map.entry(EntityKey.of(3L), 6L));
            assertThat(latest(t.plusSeconds(11), t.plusSeconds(19))).isEmpty();
            assertThat(latest(t.minusSeconds(1), t.minusSeconds(1))).containsOnly(Map.entry(EntityKey.of(2L), 4L));
        }

        @Test
        void scan_delivers_every_row() {
            List<FeatureRow> rows = List.of(FeatureRow.of(EntityKey.of(1L), t, t, 1L),
                    FeatureRow.of(EntityKey.of(1L), t.plusSeconds(10), t, 2L),
                    FeatureRow.of(EntityKey.of(2L), t, t, (Object) null));
            store.append(view, rows);
            List<FeatureRow> scanned = Collections.synchronizedList(new ArrayList<>());

            store.scan(view, scanned::add);

            assertThat(scanned).containsExactlyInAnyOrderElementsOf(rows);
        }
    }

    static LongStream seeds() {
        return LongStream.rangeClosed(1, 40);
    }

    @Nested
    class Randomized_against_a_brute_force_oracle {

        static final Instant BASE = Instant.parse("2024-03-01T00:00:00Z");
        static final Duration STEP = Duration.ofHours(6);

        @ParameterizedTest(name = "seed {0}")
        @MethodSource("dev.mlops.testkit.featurestore.OfflineStoreConformance#seeds")
        void point_in_time_joins_match_the_oracle(long seed) {
            Random random = new Random(seed);
            Duration[] ttls = {Duration.ZERO, Duration.ofDays(1), Duration.ofHours(36), Duration.ofDays(3)};
            FeatureView byCustomer = FeatureView.builder("by_customer").entity(CUSTOMER)
                    .feature("n", ValueType.INT64).feature(Field.of("v", ValueType.FLOAT64).allowingNonFinite())
                    .ttl(ttls[random.nextInt(ttls.length)]).build();
            FeatureView byPair = FeatureView.builder("by_pair").entity(CUSTOMER).entity(REGION)
                    .feature("n", ValueType.INT64).feature("s", ValueType.STRING)
                    .ttl(ttls[random.nextInt(ttls.length)]).build();
            List<FeatureRow> customerRows = randomRows(random, byCustomer, 1 + random.nextInt(80));
            List<FeatureRow> pairRows = randomRows(random, byPair, 1 + random.nextInt(80));
            appendInRandomBatches(random, byCustomer, customerRows);
            appendInRandomBatches(random, byPair, pairRows);

            List<Object[]> entityRows = new ArrayList<>();
            int count = random.nextInt(120);
            for (int i = 0; i < count; i++) {
                if (i > 0 && random.nextInt(10) == 0) {
                    entityRows.add(entityRows.get(random.nextInt(i)).clone());
                    continue;
                }
                long customer = random.nextInt(7);
                String region = random.nextBoolean() ? "eu" : random.nextInt(5) == 0 ? "zz" : "us";
                Instant ts = BASE.plus(STEP.multipliedBy(random.nextInt(48) - 3));
                switch (random.nextInt(6)) {
                    case 0 -> ts = ts.minusNanos(1);
                    case 1 -> ts = ts.plusNanos(1);
                    case 2 -> ts = ts.plus(Duration.ofHours(3));
                    default -> { }
                }
                entityRows.add(at(customer, region, ts));
            }

            List<Map<String, Object>> got = join(List.of(CUSTOMER_ID, REGION_KEY), entityRows,
                    ViewSelection.allFullNames(byCustomer), ViewSelection.of(byPair, "s", "n"));

            for (int i = 0; i < entityRows.size(); i++) {
                Object[] e = entityRows.get(i);
                Instant ts = (Instant) e[2];
                Optional<FeatureRow> a = PointInTimeOracle.asOf(customerRows, byCustomer, EntityKey.of(e[0]), ts);
                Optional<FeatureRow> b = PointInTimeOracle.asOf(pairRows, byPair, EntityKey.of(e[0], e[1]), ts);
                Map<String, Object> expected = mapOf(
                        "by_customer__n", a.map(r -> r.values().get(0)).orElse(null),
                        "by_customer__v", a.map(r -> r.values().get(1)).orElse(null),
                        "s", b.map(r -> r.values().get(1)).orElse(null),
                        "n", b.map(r -> r.values().get(0)).orElse(null));
                assertThat(got.get(i)).as("seed %d, entity row %d %s", seed, i, Arrays.toString(e))
                        .isEqualTo(expected);
            }
        }

        @ParameterizedTest(name = "seed {0}")
        @MethodSource("dev.mlops.testkit.featurestore.OfflineStoreConformance#seeds")
        void latest_rows_per_key_match_the_oracle(long seed) {
            Random random = new Random(seed);
            FeatureView view = FeatureView.builder("by_customer").entity(CUSTOMER).feature("n", ValueType.INT64)
                    .feature("v", ValueType.FLOAT64).build();
            List<FeatureRow> rows = randomRows(random, view, 1 + random.nextInt(100));
            appendInRandomBatches(random, view, rows);
            Instant start = BASE.plus(STEP.multipliedBy(random.nextInt(30) - 2)).plusNanos(random.nextInt(3) - 1);
            Instant end = start.plus(STEP.multipliedBy(random.nextInt(20))).plusNanos(random.nextInt(2));

            Map<EntityKey, FeatureRow> got = new HashMap<>();
            store.latestPerKey(view, start, end, r -> got.put(r.key(), r));

            assertThat(got).as("seed %d, [%s, %s]", seed, start, end)
                    .isEqualTo(PointInTimeOracle.latestPerKey(rows, start, end));
        }

        /**
         * Rows on a 6-hour grid over 10 days with 0-4 hour creation offsets: many equal event
         * times, entity times exactly on TTL boundaries, never two rows equal in key, event and
         * creation time (whose winner is unspecified).
         */
        private List<FeatureRow> randomRows(Random random, FeatureView view, int count) {
            List<FeatureRow> rows = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < count; i++) {
                long customer = random.nextInt(6);
                EntityKey key = view.joinKeys().size() == 1 ? EntityKey.of(customer)
                        : EntityKey.of(customer, random.nextBoolean() ? "eu" : "us");
                Instant event = BASE.plus(STEP.multipliedBy(random.nextInt(40)));
                Instant created = event.plus(Duration.ofHours(random.nextInt(5)));
                if (!seen.add(key + "|" + event + "|" + created)) {
                    continue;
                }
                Object second = switch (view.features().get(1).type()) {
                    case FLOAT64 -> random.nextInt(10) == 0 ? null : random.nextGaussian();
                    default -> random.nextInt(10) == 0 ? null : "s" + random.nextInt(1000);
                };
                rows.add(FeatureRow.of(key, event, created, (long) i, second));
            }
            return rows;
        }

        private void appendInRandomBatches(Random random, FeatureView view, List<FeatureRow> rows) {
            List<FeatureRow> shuffled = new ArrayList<>(rows);
            Collections.shuffle(shuffled, random);
            int from = 0;
            while (from < shuffled.size()) {
                int to = Math.min(shuffled.size(), from + 1 + random.nextInt(Math.max(1, shuffled.size() / 2)));
                store.append(view, shuffled.subList(from, to));
                from = to;
            }
        }
    }
}
