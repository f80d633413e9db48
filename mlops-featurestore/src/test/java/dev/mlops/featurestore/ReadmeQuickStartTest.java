package dev.mlops.featurestore;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlops.core.ValueType;
import dev.mlops.core.jdbc.Database;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's quick start, as written there (with a test clock and temporary directories). */
class ReadmeQuickStartTest {

    @Test
    void runs_as_documented(@TempDir Path dir) {
        TestClock clock = new TestClock(Instant.parse("2024-01-10T10:00:00Z"));
        Entity customer = Entity.of("customer", "customer_id", ValueType.INT64);
        FeatureView stats = FeatureView.builder("customer_stats")
                .entity(customer)
                .feature("avg_amount", ValueType.FLOAT64)
                .feature("txn_count", ValueType.INT64)
                .ttl(Duration.ofDays(1))
                .build();
        OnDemandFeatureView ratio = OnDemandFeatureView.builder("amount_ratio")
                .requestField("amount", ValueType.FLOAT64)
                .source("customer_stats:avg_amount")
                .output("ratio", ValueType.FLOAT64)
                .transformation(in -> Map.of("ratio",
                        (Double) in.get("amount") / (Double) in.get("customer_stats__avg_amount")))
                .build();
        FeatureService fraud = FeatureService.of("fraud", "customer_stats:avg_amount", "amount_ratio:ratio");

        List<String> columns = new ArrayList<>();
        try (Database db = Database.embedded(dir.resolve("mlops-data"));
                FeatureStore fs = FeatureStore.builder()
                        .registry(FeatureRegistry.jdbc(db))
                        .onlineStore(OnlineStore.jdbc(db))
                        .offlineStore(OfflineStore.arrowFiles(dir.resolve("mlops-data/offline")))
                        .clock(clock)
                        .build()) {
            fs.apply(customer, stats, ratio, fraud);

            fs.push("customer_stats", List.of(Map.of(
                    "customer_id", 42L,
                    "event_timestamp", Instant.parse("2024-01-10T08:00:00Z"),
                    "avg_amount", 31.5, "txn_count", 12L)), PushMode.ONLINE_AND_OFFLINE);
            fs.materializeIncremental(clock.instant());

            OnlineFeatures v = fs.getOnlineFeatures(fraud, List.of(Map.of("customer_id", 42L, "amount", 63.0)));
            assertThat(v.value(0, "ratio")).isEqualTo(2.0);
            assertThat(v.status(0, "avg_amount")).isEqualTo(FeatureStatus.PRESENT);

            try (TrainingSet t = fs.getHistoricalFeatures(List.of(Map.of(
                    "customer_id", 42L, "event_timestamp", Instant.parse("2024-01-10T09:00:00Z"),
                    "amount", 63.0, "label", true)), fraud)) {
                for (Map<String, Object> row : t) {
                    columns.addAll(row.keySet());
                }
                String digest = t.writeArrowIpc(dir.resolve("train.arrow"));
                assertThat(digest).startsWith("sha256:");
            }
        }
        assertThat(columns).containsExactly("customer_id", "event_timestamp", "amount", "label", "avg_amount",
                "ratio");
        assertThat(Files.exists(dir.resolve("train.arrow"))).isTrue();
    }
}
