package dev.mlops.featurestore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlops.core.Field;
import dev.mlops.core.InvalidArgumentException;
import dev.mlops.core.Json;
import dev.mlops.core.NotFoundException;
import dev.mlops.core.ValueType;
import dev.mlops.core.lineage.Artifact;
import dev.mlops.core.lineage.LineageStore;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowFileReader;
import org.apache.arrow.vector.ipc.SeekableReadChannel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class FeatureStoreTest {

    static final Instant T0 = Instant.parse("2024-01-10T00:00:00Z");
    static final Entity CUSTOMER = Entity.of("customer", "customer_id", ValueType.INT64);
    static final FeatureView STATS = FeatureView.builder("customer_stats").entity(CUSTOMER)
            .feature("avg_amount", ValueType.FLOAT64).feature("txn_count", ValueType.INT64)
            .ttl(Duration.ofDays(1)).build();
    static final FeatureView PROFILE = FeatureView.builder("customer_profile").entity(CUSTOMER)
            .feature("segment", ValueType.STRING).feature("txn_count", ValueType.INT64).build();
    static final OnDemandFeatureView RATIO = OnDemandFeatureView.builder("amount_ratio")
            .requestField("amount", ValueType.FLOAT64).source("customer_stats:avg_amount")
            .output("ratio", ValueType.FLOAT64)
            .transformation(in -> {
                Map<String, Object> out = new HashMap<>();
                Double amount = (Double) in.get("amount");
                Double avg = (Double) in.get("customer_stats__avg_amount");
                out.put("ratio", amount == null || avg == null || avg == 0 ? null : amount / avg);
                return out;
            }).build();
    static final FeatureService FRAUD = FeatureService.of("fraud", "customer_stats:avg_amount",
            "customer_profile:segment", "amount_ratio:ratio");

    final TestClock clock = new TestClock(T0);
    final RecordingLineageStore lineage = new RecordingLineageStore();
    FeatureStore fs;

    @BeforeEach
    void open() {
        fs = FeatureStore.builder().registry(FeatureRegistry.inMemory()).onlineStore(OnlineStore.inMemory())
                .offlineStore(OfflineStore.inMemory()).clock(clock).lineage(lineage).build();
        fs.apply(CUSTOMER, STATS, PROFILE, RATIO, FRAUD);
    }

    @AfterEach
    void close() {
        fs.close();
    }

    static Map<String, Object> row(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    static Map<String, Object> stats(long customer, Instant event, Double avg, Long count) {
        return row("customer_id", customer, "event_timestamp", event, "avg_amount", avg, "txn_count", count);
    }

    @Nested
    class Pushing {

        @Test
        void a_batch_with_one_bad_row_writes_nothing_and_names_the_row_and_field() {
            List<Map<String, Object>> batch = List.of(stats(1, T0, 1.0, 1L), stats(2, T0, Double.NaN, 2L));

            InvalidArgumentException e = catchThrowableOfType(InvalidArgumentException.class,
                    () -> fs.push("customer_stats", batch, PushMode.ONLINE_AND_OFFLINE));

            assertThat(e.field()).contains("avg_amount");
            assertThat(e).hasMessageContaining("row 1");
            assertThat(fs.getOnlineFeatures(List.of("customer_stats:avg_amount"),
                    List.of(row("customer_id", 1L)), FeatureNaming.BARE).status(0, "avg_amount"))
                    .isEqualTo(FeatureStatus.NOT_FOUND);
            assertThat(fs.statistics("customer_stats").rows()).isZero();
        }

        @Test
        void a_missing_key_a_wrong_type_and_a_zoneless_time_are_rejected() {
            assertThat(catchThrowableOfType(InvalidArgumentException.class, () -> fs.push("customer_stats",
                    List.of(row("event_timestamp", T0, "avg_amount", 1.0)), PushMode.ONLINE)).field())
                    .contains("customer_id");
            assertThat(catchThrowableOfType(InvalidArgumentException.class, () -> fs.push("customer_stats",
                    List.of(row("customer_id", 1L, "event_timestamp", T0, "txn_count", "7")), PushMode.ONLINE))
                    .field()).contains("txn_count");
            assertThat(catchThrowableOfType(InvalidArgumentException.class, () -> fs.push("customer_stats",
                    List.of(row("customer_id", 1L, "event_timestamp", LocalDateTime.of(2024, 1, 1, 0, 0))),
                    PushMode.ONLINE)).field()).contains("event_timestamp");
        }

        @Test
        void an_unknown_view_is_not_found() {
            assertThatThrownBy(() -> fs.push("nope", List.of(), PushMode.ONLINE)).isInstanceOf(NotFoundException.class);
        }

        @Test
        void online_only_and_offline_only_go_where_they_say() {
            fs.push("customer_stats", List.of(stats(1, T0, 1.0, 1L)), PushMode.ONLINE);
            fs.push("customer_stats", List.of(stats(2, T0, 2.0, 2L)), PushMode.OFFLINE);

            OnlineFeatures online = fs.getOnlineFeatures(List.of("customer_stats:avg_amount"),
                    List.of(row("customer_id", 1L), row("customer_id", 2L)), FeatureNaming.BARE);
            assertThat(online.status(0, 0)).isEqualTo(FeatureStatus.PRESENT);
            assertThat(online.status(1, 0)).isEqualTo(FeatureStatus.NOT_FOUND);
            assertThat(fs.statistics("customer_stats").rows()).isEqualTo(1);
        }

        @Test
        void rows_without_a_creation_time_get_the_clock_time() {
            OfflineStore offline = OfflineStore.inMemory();
            List<FeatureRow> stored = new ArrayList<>();
            try (FeatureStore other = FeatureStore.builder().offlineStore(offline).clock(clock).build()) {
                other.apply(CUSTOMER, STATS);
                clock.advance(Duration.ofSeconds(5));
                other.push("customer_stats", List.of(stats(1, T0, 1.0, 1L)), PushMode.OFFLINE);
                offline.scan(STATS, stored::add);
            }
            assertThat(stored).singleElement().extracting(FeatureRow::createdTimestamp)
                    .isEqualTo(T0.plusSeconds(5));
        }
    }

    @Nested
    class Online_retrieval {

        @Test
        void values_come_with_present_null_not_found_and_outside_max_age() {
            fs.push("customer_stats", List.of(stats(1, T0, 10.0, 1L), stats(2, T0, null, 2L),
                    stats(3, T0.minus(Duration.ofDays(1)), 30.0, 3L),
                    stats(4, T0.minus(Duration.ofDays(1)).minusNanos(1), 40.0, 4L)), PushMode.ONLINE);

            OnlineFeatures v = fs.getOnlineFeatures(List.of("customer_stats:avg_amount"), List.of(
                    row("customer_id", 1L), row("customer_id", 2L), row("customer_id", 3L), row("customer_id", 4L),
                    row("customer_id", 5L)), FeatureNaming.BARE);

            assertThat(List.of(v.status(0, 0), v.status(1, 0), v.status(2, 0), v.status(3, 0), v.status(4, 0)))
                    .containsExactly(FeatureStatus.PRESENT, FeatureStatus.NULL_VALUE, FeatureStatus.PRESENT,
                            FeatureStatus.OUTSIDE_MAX_AGE, FeatureStatus.NOT_FOUND);
            assertThat(v.value(3, "avg_amount")).as("the stale value is still returned").isEqualTo(40.0);
            assertThat(v.value(4, "avg_amount")).isNull();
        }

        @Test
        void a_value_ages_out_as_the_clock_moves() {
            fs.push("customer_stats", List.of(stats(1, T0, 10.0, 1L)), PushMode.ONLINE);
            List<Map<String, Object>> request = List.of(row("customer_id", 1L));

            clock.advance(Duration.ofDays(1));
            assertThat(fs.getOnlineFeatures(List.of("customer_stats:avg_amount"), request, FeatureNaming.BARE)
                    .status(0, 0)).isEqualTo(FeatureStatus.PRESENT);
            clock.advance(Duration.ofNanos(1));
            assertThat(fs.getOnlineFeatures(List.of("customer_stats:avg_amount"), request, FeatureNaming.BARE)
                    .status(0, 0)).isEqualTo(FeatureStatus.OUTSIDE_MAX_AGE);
        }

        @Test
        void a_service_gives_its_features_in_order_with_on_demand_values() {
            fs.push("customer_stats", List.of(stats(1, T0, 10.0, 1L)), PushMode.ONLINE);
            fs.push("customer_profile", List.of(row("customer_id", 1L, "event_timestamp", T0, "segment", "gold")),
                    PushMode.ONLINE);

            OnlineFeatures v = fs.getOnlineFeatures(FRAUD, List.of(row("customer_id", 1, "amount", 25.0),
                    row("customer_id", 2L, "amount", 5.0)));

            assertThat(v.columnNames()).containsExactly("avg_amount", "segment", "ratio");
            assertThat(v.row(0)).containsExactly(Map.entry("avg_amount", 10.0), Map.entry("segment", "gold"),
                    Map.entry("ratio", 2.5));
            assertThat(v.status(1, "ratio")).isEqualTo(FeatureStatus.NULL_VALUE);
            assertThat(v.status(1, "segment")).isEqualTo(FeatureStatus.NOT_FOUND);
        }

        @Test
        void full_names_are_view_double_underscore_feature() {
            fs.push("customer_stats", List.of(stats(1, T0, 10.0, 7L)), PushMode.ONLINE);

            OnlineFeatures v = fs.getOnlineFeatures(FRAUD, List.of(row("customer_id", 1L, "amount", 1.0)),
                    FeatureNaming.FULL);

            assertThat(v.columnNames()).containsExactly("customer_stats__avg_amount", "customer_profile__segment",
                    "amount_ratio__ratio");
        }

        @Test
        void a_missing_join_key_is_rejected_naming_the_key_and_row() {
            InvalidArgumentException e = catchThrowableOfType(InvalidArgumentException.class,
                    () -> fs.getOnlineFeatures(FRAUD, List.of(row("customer_id", 1L), row("amount", 1.0))));

            assertThat(e.field()).contains("customer_id");
            assertThat(e).hasMessageContaining("row 1");
        }

        @Test
        void unknown_references_and_bare_name_collisions_are_rejected() {
            assertThat(catchThrowableOfType(InvalidArgumentException.class, () -> fs.getOnlineFeatures(
                    List.of("customer_stats:nope"), List.of(row("customer_id", 1L)), FeatureNaming.BARE)).field())
                    .contains("customer_stats:nope");
            InvalidArgumentException collision = catchThrowableOfType(InvalidArgumentException.class,
                    () -> fs.getOnlineFeatures(List.of("customer_stats:txn_count", "customer_profile:txn_count"),
                            List.of(row("customer_id", 1L)), FeatureNaming.BARE));
            assertThat(collision).hasMessageContaining("customer_stats").hasMessageContaining("customer_profile");
            assertThat(fs.getOnlineFeatures(List.of("customer_stats:txn_count", "customer_profile:txn_count"),
                    List.of(row("customer_id", 1L)), FeatureNaming.FULL).columnNames()).hasSize(2);
        }

        @Test
        void a_change_applied_by_another_process_is_seen_after_the_registry_cache_ttl() {
            FeatureRegistry shared = FeatureRegistry.inMemory();
            OnlineStore online = OnlineStore.inMemory();
            try (FeatureStore reader = FeatureStore.builder().registry(shared).onlineStore(online).clock(clock)
                    .registryCacheTtl(Duration.ofSeconds(30)).build()) {
                reader.apply(CUSTOMER, STATS);
                reader.push("customer_stats", List.of(stats(1, T0, 10.0, 1L)), PushMode.ONLINE);
                List<Map<String, Object>> request = List.of(row("customer_id", 1L));
                assertThat(reader.getOnlineFeatures(List.of("customer_stats:avg_amount"), request,
                        FeatureNaming.BARE).status(0, 0)).isEqualTo(FeatureStatus.PRESENT);

                shared.apply(STATS.toBuilder().version(2).build());
                clock.advance(Duration.ofSeconds(29));
                assertThat(reader.getOnlineFeatures(List.of("customer_stats:avg_amount"), request,
                        FeatureNaming.BARE).status(0, 0)).as("cached resolution").isEqualTo(FeatureStatus.PRESENT);
                clock.advance(Duration.ofSeconds(2));
                assertThat(reader.getOnlineFeatures(List.of("customer_stats:avg_amount"), request,
                        FeatureNaming.BARE).status(0, 0)).as("version 2 resolved").isEqualTo(FeatureStatus.NOT_FOUND);
            }
        }

        @Test
        void a_services_plan_is_re_resolved_after_the_registry_cache_ttl_and_after_apply() {
            FeatureService service = FeatureService.of("stats_only", "customer_stats:avg_amount");
            FeatureRegistry shared = FeatureRegistry.inMemory();
            try (FeatureStore reader = FeatureStore.builder().registry(shared).clock(clock)
                    .registryCacheTtl(Duration.ofSeconds(30)).build()) {
                reader.apply(CUSTOMER, STATS, service);
                reader.push("customer_stats", List.of(stats(1, T0, 10.0, 1L)), PushMode.ONLINE);
                List<Map<String, Object>> request = List.of(row("customer_id", 1L));
                assertThat(reader.getOnlineFeatures(service, request).status(0, 0)).isEqualTo(FeatureStatus.PRESENT);

                shared.apply(STATS.toBuilder().version(2).build());
                clock.advance(Duration.ofSeconds(29));
                assertThat(reader.getOnlineFeatures(service, request).status(0, 0)).as("cached resolution")
                        .isEqualTo(FeatureStatus.PRESENT);
                clock.advance(Duration.ofSeconds(2));
                assertThat(reader.getOnlineFeatures(service, request).status(0, 0)).as("version 2 resolved")
                        .isEqualTo(FeatureStatus.NOT_FOUND);

                reader.push("customer_stats", List.of(stats(1, T0, 20.0, 1L)), PushMode.ONLINE);
                assertThat(reader.getOnlineFeatures(service, request).value(0, 0)).isEqualTo(20.0);
                reader.apply(STATS.toBuilder().version(3).build());
                assertThat(reader.getOnlineFeatures(service, request).status(0, 0)).as("local apply, at once")
                        .isEqualTo(FeatureStatus.NOT_FOUND);
            }
        }

        @Test
        void the_answer_is_fixed_when_the_lookup_returns() {
            fs.push("customer_stats", List.of(stats(1, T0, 10.0, 1L)), PushMode.ONLINE);
            OnlineFeatures v = fs.getOnlineFeatures(List.of("customer_stats:avg_amount"),
                    List.of(row("customer_id", 1L)), FeatureNaming.BARE);

            clock.advance(Duration.ofDays(2));
            fs.push("customer_stats", List.of(stats(1, T0.plusSeconds(1), null, 2L)), PushMode.ONLINE);

            assertThat(v.status(0, 0)).as("judged at the time of the lookup").isEqualTo(FeatureStatus.PRESENT);
            assertThat(v.value(0, "avg_amount")).isEqualTo(10.0);
            assertThat(v.toMaps()).containsExactly(Map.of("avg_amount", 10.0));
        }

        @Test
        void positions_outside_the_answer_are_rejected() {
            fs.push("customer_stats", List.of(stats(1, T0, 10.0, 1L), stats(2, T0, 20.0, 2L)), PushMode.ONLINE);
            OnlineFeatures v = fs.getOnlineFeatures(FRAUD, List.of(row("customer_id", 1L, "amount", 1.0),
                    row("customer_id", 2L, "amount", 1.0)));

            assertThat(v.rowCount()).isEqualTo(2);
            assertThat(v.value(1, 0)).isEqualTo(20.0);
            assertThatThrownBy(() -> v.value(2, 0)).isInstanceOf(IndexOutOfBoundsException.class);
            assertThatThrownBy(() -> v.status(-1, 0)).isInstanceOf(IndexOutOfBoundsException.class);
            assertThatThrownBy(() -> v.value(0, 3)).isInstanceOf(IndexOutOfBoundsException.class);
            assertThatThrownBy(() -> v.row(2)).isInstanceOf(IndexOutOfBoundsException.class);
            assertThatThrownBy(() -> v.value(0, "nope")).isInstanceOf(InvalidArgumentException.class)
                    .hasMessageContaining("avg_amount");
        }

        @Test
        void a_new_view_version_is_read_after_apply() {
            fs.push("customer_stats", List.of(stats(1, T0, 10.0, 1L)), PushMode.ONLINE);
            List<Map<String, Object>> request = List.of(row("customer_id", 1L));
            assertThat(fs.getOnlineFeatures(List.of("customer_stats:avg_amount"), request, FeatureNaming.BARE)
                    .status(0, 0)).isEqualTo(FeatureStatus.PRESENT);

            fs.apply(STATS.toBuilder().version(2).build());

            assertThat(fs.getOnlineFeatures(List.of("customer_stats:avg_amount"), request, FeatureNaming.BARE)
                    .status(0, 0)).as("version 2 has no data yet").isEqualTo(FeatureStatus.NOT_FOUND);
        }
    }

    @Nested
    class Materialization_ {

        @Test
        void copies_the_latest_row_per_entity_in_the_interval_and_records_it() {
            fs.push("customer_stats", List.of(stats(1, T0.minusSeconds(30), 1.0, 1L), stats(1, T0.minusSeconds(20),
                    2.0, 2L), stats(1, T0.minusSeconds(5), 3.0, 3L), stats(2, T0.minusSeconds(25), 4.0, 4L)),
                    PushMode.OFFLINE);

            List<Materialization> done = fs.materialize(T0.minusSeconds(30), T0.minusSeconds(10),
                    List.of("customer_stats"));

            assertThat(done).singleElement().extracting(Materialization::rows).isEqualTo(2L);
            OnlineFeatures v = fs.getOnlineFeatures(List.of("customer_stats:avg_amount"),
                    List.of(row("customer_id", 1L), row("customer_id", 2L)), FeatureNaming.BARE);
            assertThat(v.value(0, 0)).isEqualTo(2.0);
            assertThat(v.value(1, 0)).isEqualTo(4.0);
            assertThat(fs.registry().materializations(STATS)).containsExactly(
                    new MaterializationInterval(T0.minusSeconds(30), T0.minusSeconds(10)));
        }

        @Test
        void does_not_overwrite_fresher_online_values() {
            fs.push("customer_stats", List.of(stats(1, T0, 9.0, 9L)), PushMode.ONLINE);
            fs.push("customer_stats", List.of(stats(1, T0.minusSeconds(60), 1.0, 1L)), PushMode.OFFLINE);

            fs.materialize(T0.minusSeconds(120), T0);

            assertThat(fs.getOnlineFeatures(List.of("customer_stats:avg_amount"), List.of(row("customer_id", 1L)),
                    FeatureNaming.BARE).value(0, 0)).isEqualTo(9.0);
        }

        @Test
        void incremental_runs_start_at_now_minus_ttl_then_where_the_last_ended() {
            fs.push("customer_stats", List.of(stats(1, T0.minus(Duration.ofDays(2)), 1.0, 1L),
                    stats(2, T0.minus(Duration.ofHours(1)), 2.0, 2L)), PushMode.OFFLINE);

            List<Materialization> first = fs.materializeIncremental(T0);
            Materialization stats = first.stream().filter(m -> m.view().equals("customer_stats")).findFirst()
                    .orElseThrow();
            assertThat(stats.interval()).isEqualTo(new MaterializationInterval(T0.minus(Duration.ofDays(1)), T0));
            assertThat(stats.rows()).isEqualTo(1);
            Materialization profile = first.stream().filter(m -> m.view().equals("customer_profile")).findFirst()
                    .orElseThrow();
            assertThat(profile.interval().start()).as("no TTL: from the beginning of time").isBefore(
                    Instant.parse("1700-01-01T00:00:00Z"));

            clock.advance(Duration.ofHours(2));
            fs.push("customer_stats", List.of(stats(3, T0.plus(Duration.ofHours(1)), 3.0, 3L)), PushMode.OFFLINE);
            List<Materialization> second = fs.materializeIncremental(clock.instant());
            assertThat(second).filteredOn(m -> m.view().equals("customer_stats")).singleElement()
                    .satisfies(m -> {
                        assertThat(m.interval()).isEqualTo(new MaterializationInterval(T0, clock.instant()));
                        assertThat(m.rows()).isEqualTo(1);
                    });
        }

        @Test
        void an_interval_ending_before_it_starts_is_rejected() {
            assertThatThrownBy(() -> fs.materialize(T0, T0.minusSeconds(1))).isInstanceOf(
                    InvalidArgumentException.class);
        }
    }

    @Nested
    class Historical_retrieval {

        final FeatureView feast = FeatureView.builder("feast_case").entity(CUSTOMER).feature("value", ValueType.INT64)
                .ttl(Duration.ofDays(10)).build();

        static Instant day(String d) {
            return Instant.parse(d + "T00:00:00Z");
        }

        @BeforeEach
        void loadFeastCase() {
            fs.apply(feast);
            fs.push("feast_case", List.of(
                    row("customer_id", 1L, "event_timestamp", day("2023-12-31"), "value", 11L),
                    row("customer_id", 1L, "event_timestamp", day("2024-01-02"), "value", 22L),
                    row("customer_id", 1L, "event_timestamp", day("2024-01-03"), "value", 33L),
                    row("customer_id", 2L, "event_timestamp", day("2023-01-03"), "value", 22L),
                    row("customer_id", 3L, "event_timestamp", day("2024-01-01"), "created_timestamp",
                            day("2024-01-03"), "value", 10L),
                    row("customer_id", 3L, "event_timestamp", day("2024-01-01"), "created_timestamp",
                            day("2024-01-02"), "value", 20L)), PushMode.OFFLINE);
        }

        List<Map<String, Object>> feastEntityRows() {
            return List.of(row("customer_id", 1L, "event_timestamp", day("2024-01-01"), "label", true),
                    row("customer_id", 1L, "event_timestamp", OffsetDateTime.of(2024, 1, 2, 2, 0, 0, 0,
                            ZoneOffset.ofHours(2)), "label", false),
                    row("customer_id", 2L, "event_timestamp", day("2024-01-01"), "label", true),
                    row("customer_id", 3L, "event_timestamp", day("2024-01-03"), "label", false));
        }

        @Test
        void feasts_worked_cases_come_out_in_input_order_with_the_entity_columns_first() {
            try (TrainingSet t = fs.getHistoricalFeatures(feastEntityRows(), List.of("feast_case:value"),
                    FeatureNaming.BARE)) {
                assertThat(t.columnNames()).containsExactly("customer_id", "event_timestamp", "label", "value");
                List<Object> values = new ArrayList<>();
                List<Object> labels = new ArrayList<>();
                for (Map<String, Object> r : t) {
                    values.add(r.get("value"));
                    labels.add(r.get("label"));
                }
                assertThat(values).containsExactly(11L, 22L, null, 10L);
                assertThat(labels).containsExactly(true, false, true, false);
                assertThat(t.value(1, "event_timestamp")).isEqualTo(day("2024-01-02"));
                assertThat(t.schema().field("value").orElseThrow().type()).isEqualTo(ValueType.INT64);
            }
        }

        @Test
        void on_demand_features_match_what_online_serving_computes() {
            fs.push("customer_stats", List.of(stats(1, T0.minusSeconds(100), 4.0, 1L), stats(1, T0, 8.0, 2L)),
                    PushMode.ONLINE_AND_OFFLINE);
            List<Map<String, Object>> entityRows = List.of(row("customer_id", 1L, "event_timestamp", T0,
                    "amount", 20.0));

            OnlineFeatures online = fs.getOnlineFeatures(FRAUD, entityRows);
            try (TrainingSet t = fs.getHistoricalFeatures(entityRows, FRAUD)) {
                assertThat(t.value(0, "ratio")).isEqualTo(online.value(0, "ratio")).isEqualTo(2.5);
                assertThat(t.value(0, "avg_amount")).isEqualTo(8.0);
            }
            try (TrainingSet earlier = fs.getHistoricalFeatures(List.of(row("customer_id", 1L, "event_timestamp",
                    T0.minusSeconds(50), "amount", 20.0)), FRAUD)) {
                assertThat(earlier.value(0, "ratio")).as("as of the entity time").isEqualTo(5.0);
            }
        }

        @Test
        void a_zoneless_entity_timestamp_or_missing_key_names_the_row() {
            InvalidArgumentException naive = catchThrowableOfType(InvalidArgumentException.class,
                    () -> fs.getHistoricalFeatures(List.of(row("customer_id", 1L, "event_timestamp", T0),
                            row("customer_id", 1L, "event_timestamp", LocalDateTime.of(2024, 1, 1, 0, 0))),
                            List.of("feast_case:value"), FeatureNaming.BARE));
            assertThat(naive.field()).contains("event_timestamp");
            assertThat(naive).hasMessageContaining("row 1");

            InvalidArgumentException missing = catchThrowableOfType(InvalidArgumentException.class,
                    () -> fs.getHistoricalFeatures(List.of(row("event_timestamp", T0)), List.of("feast_case:value"),
                            FeatureNaming.BARE));
            assertThat(missing.field()).contains("customer_id");
        }

        @Test
        void an_entity_column_named_like_a_feature_is_rejected() {
            assertThatThrownBy(() -> fs.getHistoricalFeatures(List.of(row("customer_id", 1L, "event_timestamp", T0,
                    "value", 3L)), List.of("feast_case:value"), FeatureNaming.BARE))
                    .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("value");
        }

        @Test
        void the_ipc_file_reads_back_and_its_digest_is_the_sha256_of_its_bytes(@TempDir Path dir) throws Exception {
            Path file = dir.resolve("sets/train.arrow");
            String digest;
            String again;
            try (TrainingSet t = fs.getHistoricalFeatures(feastEntityRows(), List.of("feast_case:value"),
                    FeatureNaming.FULL)) {
                digest = t.writeArrowIpc(file);
                assertThat(t.contentDigest()).isEqualTo(digest);
            }
            try (TrainingSet t = fs.getHistoricalFeatures(feastEntityRows(), List.of("feast_case:value"),
                    FeatureNaming.FULL)) {
                again = t.contentDigest();
            }
            assertThat(again).as("equal data, equal digest").isEqualTo(digest);
            byte[] bytes = Files.readAllBytes(file);
            assertThat(digest).isEqualTo("sha256:" + HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(bytes)));
            try (BufferAllocator a = new RootAllocator();
                    ArrowFileReader reader = new ArrowFileReader(
                            new SeekableReadChannel(Files.newByteChannel(file)), a)) {
                assertThat(reader.loadNextBatch()).isTrue();
                VectorSchemaRoot root = reader.getVectorSchemaRoot();
                assertThat(root.getRowCount()).isEqualTo(4);
                assertThat(root.getVector("feast_case__value").getObject(0)).isEqualTo(11L);
                assertThat(root.getVector("feast_case__value").isNull(2)).isTrue();
            }
        }

        @Test
        void the_training_set_digest_is_recorded_in_lineage_with_the_views_it_read() {
            String digest;
            try (TrainingSet t = fs.getHistoricalFeatures(feastEntityRows(), FeatureService.of("feast",
                    "feast_case:value"))) {
                digest = t.contentDigest();
            }
            assertThat(lineage.artifacts).anySatisfy(a -> {
                assertThat(a.type()).isEqualTo("TrainingSet");
                assertThat(a.name()).isEqualTo(digest);
            });
            assertThat(lineage.executions).singleElement().satisfies(e -> {
                assertThat(e.type()).isEqualTo("HistoricalRetrieval");
                assertThat(e.name()).contains("feast@1").contains(digest);
                assertThat(e.inputs()).hasSize(1);
                assertThat(lineage.artifacts.get((int) (e.inputs().get(0) - 1)).name()).isEqualTo("feast_case@1");
            });
        }

        @Test
        void the_lineage_store_answers_which_views_a_training_set_came_from() {
            LineageStore store = LineageStore.inMemory(clock);
            try (FeatureStore traced = FeatureStore.builder().lineage(store).clock(clock).build()) {
                traced.apply(CUSTOMER, feast);
                traced.push("feast_case", List.of(row("customer_id", 1L, "event_timestamp", day("2024-01-01"),
                        "value", 1L)), PushMode.OFFLINE);
                String digest;
                try (TrainingSet t = traced.getHistoricalFeatures(feastEntityRows(), FeatureService.of("feast",
                        "feast_case:value"))) {
                    digest = t.contentDigest();
                }
                Artifact set = store.artifact("TrainingSet", digest).orElseThrow();
                assertThat(store.upstream(set.node(), 2).artifactsOfType("FeatureView"))
                        .extracting(Artifact::name).containsExactly("feast_case@1");
                assertThat(store.upstream(set.node(), 1).executionsOfType("HistoricalRetrieval")).hasSize(1);
            }
        }

        @Test
        void arrow_entity_rows_are_copied_and_left_to_the_caller() {
            try (BufferAllocator a = new RootAllocator();
                    VectorSchemaRoot entities = VectorSchemaRoot.create(new org.apache.arrow.vector.types.pojo.Schema(
                            List.of(ArrowTables.field("customer_id", ValueType.INT64),
                                    ArrowTables.field("event_timestamp", ValueType.TIMESTAMP))), a)) {
                entities.allocateNew();
                ArrowTables.set(entities.getVector(0), 0, ValueType.INT64, 1L);
                ArrowTables.set(entities.getVector(1), 0, ValueType.TIMESTAMP, day("2024-01-02"));
                entities.setRowCount(1);
                try (TrainingSet t = fs.getHistoricalFeatures(entities, FeatureService.of("feast",
                        "feast_case:value"), FeatureNaming.BARE)) {
                    assertThat(t.row(0)).containsEntry("value", 22L).containsEntry("customer_id", 1L);
                }
                assertThat(entities.getRowCount()).isEqualTo(1);
                assertThat(ArrowTables.value(entities.getVector(0), 0)).isEqualTo(1L);
            }
        }

        @Test
        void a_training_set_left_open_makes_closing_the_store_fail() {
            TrainingSet leaked = fs.getHistoricalFeatures(feastEntityRows(), List.of("feast_case:value"),
                    FeatureNaming.BARE);
            assertThat(leaked.rowCount()).isEqualTo(4);

            assertThatThrownBy(() -> fs.close()).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("training-set");
            fs = FeatureStore.builder().clock(clock).build();
        }
    }

    @Nested
    class Statistics {

        @Test
        void match_numpy_over_the_reference_rows() throws Exception {
            FeatureView view = FeatureView.builder("spend").entity(CUSTOMER)
                    .feature(Field.of("amount", ValueType.FLOAT64).allowingNonFinite())
                    .feature("count", ValueType.INT64).feature("segment", ValueType.STRING).build();
            fs.apply(view);
            List<Map<String, Object>> rows = new ArrayList<>();
            try (InputStream in = getClass().getResourceAsStream("statistics/rows.csv");
                    BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                reader.readLine();
                String line;
                while ((line = reader.readLine()) != null) {
                    String[] c = line.split(",", -1);
                    rows.add(row("customer_id", Long.parseLong(c[0]), "event_timestamp", Instant.parse(c[1]),
                            "amount", c[2].isEmpty() ? null : Double.parseDouble(c[2]),
                            "count", c[3].isEmpty() ? null : Long.parseLong(c[3]),
                            "segment", c[4].isEmpty() ? null : c[4]));
                }
            }
            fs.push("spend", rows, PushMode.OFFLINE);
            JsonNode expected;
            try (InputStream in = getClass().getResourceAsStream("statistics/expected.json")) {
                expected = Json.newMapper().readTree(in);
            }
            clock.set(Instant.parse("2024-07-01T00:00:00Z"));

            FeatureViewStatistics s = fs.statistics("spend");

            assertThat(s.rows()).isEqualTo(expected.get("rows").asLong());
            Instant latest = Instant.parse(expected.get("latest_event_timestamp").asText());
            assertThat(s.latestEventTimestamp()).contains(latest);
            assertThat(s.freshness()).contains(Duration.between(latest, clock.instant()));
            for (String name : List.of("amount", "count")) {
                JsonNode e = expected.get("features").get(name);
                FeatureStatistics f = s.feature(name).orElseThrow();
                assertThat(f.count()).as(name).isEqualTo(e.get("count").asLong());
                assertThat(f.nulls()).as(name).isEqualTo(e.get("nulls").asLong());
                assertThat(f.nans()).as(name).isEqualTo(e.get("nans").asLong());
                assertThat(f.min().orElseThrow()).as(name).isEqualTo(e.get("min").asDouble());
                assertThat(f.max().orElseThrow()).as(name).isEqualTo(e.get("max").asDouble());
                double mean = e.get("mean").asDouble();
                assertThat(f.mean().orElseThrow()).as(name).isCloseTo(mean, within(Math.abs(mean) * 1e-12));
            }
            FeatureStatistics segment = s.feature("segment").orElseThrow();
            assertThat(segment.count()).isEqualTo(expected.get("features").get("segment").get("count").asLong());
            assertThat(segment.nulls()).isEqualTo(expected.get("features").get("segment").get("nulls").asLong());
            assertThat(segment.mean()).isEmpty();
        }

        @Test
        void of_an_empty_view_have_no_freshness() {
            FeatureViewStatistics s = fs.statistics("customer_stats");

            assertThat(s.rows()).isZero();
            assertThat(s.freshness()).isEmpty();
            assertThat(s.feature("avg_amount").orElseThrow().mean()).isEmpty();
            assertThat(s.feature("nope")).isEqualTo(Optional.empty());
        }
    }
}
