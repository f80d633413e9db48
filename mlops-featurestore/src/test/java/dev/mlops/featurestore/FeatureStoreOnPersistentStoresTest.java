package dev.mlops.featurestore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mlops.core.ValueType;
import dev.mlops.core.jdbc.Database;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The facade over the persistent adapters: JDBC registry and online store on H2, Arrow files offline. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class FeatureStoreOnPersistentStoresTest {

    static final Instant T0 = Instant.parse("2024-01-10T00:00:00Z");
    static final Entity CUSTOMER = Entity.of("customer", "customer_id", ValueType.INT64);
    static final FeatureView STATS = FeatureView.builder("customer_stats").entity(CUSTOMER)
            .feature("avg_amount", ValueType.FLOAT64).ttl(Duration.ofDays(1)).build();

    static OnDemandFeatureView doubled() {
        return OnDemandFeatureView.builder("doubled").source("customer_stats:avg_amount")
                .output("twice", ValueType.FLOAT64).transformation(in -> {
                    Map<String, Object> out = new HashMap<>();
                    Double v = (Double) in.get("customer_stats__avg_amount");
                    out.put("twice", v == null ? null : v * 2);
                    return out;
                }).build();
    }

    static final FeatureService SERVICE = FeatureService.of("svc", "customer_stats:avg_amount", "doubled:twice");

    @TempDir
    Path dir;

    static Map<String, Object> row(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    @Test
    void push_materialize_serve_and_train_across_two_processes_sharing_the_stores() {
        TestClock clock = new TestClock(T0);
        try (Database db = Database.inMemory("fs-" + UUID.randomUUID())) {
            try (FeatureStore first = FeatureStore.builder().registry(FeatureRegistry.jdbc(db))
                    .onlineStore(OnlineStore.jdbc(db)).offlineStore(OfflineStore.arrowFiles(dir.resolve("offline")))
                    .clock(clock).build()) {
                first.apply(CUSTOMER, STATS, doubled(), SERVICE);
                first.push("customer_stats", List.of(
                        row("customer_id", 1L, "event_timestamp", T0.minus(Duration.ofHours(2)), "avg_amount", 1.0),
                        row("customer_id", 1L, "event_timestamp", T0.minus(Duration.ofHours(1)), "avg_amount", 2.0),
                        row("customer_id", 2L, "event_timestamp", T0.minus(Duration.ofDays(3)), "avg_amount", 3.0)),
                        PushMode.OFFLINE);
                List<Materialization> done = first.materializeIncremental(T0);
                assertThat(done).singleElement().extracting(Materialization::rows).isEqualTo(1L);

                OnlineFeatures online = first.getOnlineFeatures(SERVICE, List.of(row("customer_id", 1L),
                        row("customer_id", 2L)));
                assertThat(online.row(0)).containsEntry("avg_amount", 2.0).containsEntry("twice", 4.0);
                assertThat(online.status(1, "avg_amount")).isEqualTo(FeatureStatus.NOT_FOUND);
                try (TrainingSet t = first.getHistoricalFeatures(List.of(
                        row("customer_id", 1L, "event_timestamp", T0.minus(Duration.ofMinutes(90))),
                        row("customer_id", 2L, "event_timestamp", T0)), SERVICE)) {
                    assertThat(t.value(0, "avg_amount")).isEqualTo(1.0);
                    assertThat(t.value(0, "twice")).isEqualTo(2.0);
                    assertThat(t.value(1, "avg_amount")).as("older than the TTL").isNull();
                }
            }
            try (FeatureStore second = FeatureStore.builder().registry(FeatureRegistry.jdbc(db))
                    .onlineStore(OnlineStore.jdbc(db)).offlineStore(OfflineStore.arrowFiles(dir.resolve("offline")))
                    .clock(clock).build()) {
                assertThat(second.registry().materializations(STATS)).hasSize(1);
                assertThat(second.getOnlineFeatures(List.of("customer_stats:avg_amount"), List.of(row("customer_id",
                        1L)), FeatureNaming.BARE).value(0, 0)).isEqualTo(2.0);
                assertThatThrownBy(() -> second.getOnlineFeatures(SERVICE, List.of(row("customer_id", 1L))))
                        .as("the function lives in the process that applied it").isInstanceOf(IllegalStateException.class)
                        .hasMessageContaining("doubled");

                second.apply(doubled());

                assertThat(second.getOnlineFeatures(SERVICE, List.of(row("customer_id", 1L))).value(0, "twice"))
                        .isEqualTo(4.0);
                clock.advance(Duration.ofHours(2));
                assertThat(second.materializeIncremental(clock.instant())).singleElement()
                        .satisfies(m -> assertThat(m.interval().start()).isEqualTo(T0));
            }
        }
    }
}
