package dev.mlops.featurestore.arrow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.mlops.core.InvalidArgumentException;
import dev.mlops.core.StorageException;
import dev.mlops.core.ValueType;
import dev.mlops.featurestore.ArrowTables;
import dev.mlops.featurestore.Entity;
import dev.mlops.featurestore.EntityKey;
import dev.mlops.featurestore.FeatureRow;
import dev.mlops.featurestore.FeatureView;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ArrowFileOfflineStoreTest {

    static final Instant T0 = Instant.parse("2024-03-01T12:00:00Z");
    static final FeatureView VIEW = FeatureView.builder("stats")
            .entity(Entity.of("customer", "customer_id", ValueType.INT64))
            .feature("amount", ValueType.FLOAT64).feature("label", ValueType.STRING).build();

    @TempDir
    Path dir;
    final BufferAllocator allocator = new RootAllocator();

    @AfterEach
    void closeAllocator() {
        allocator.close();
    }

    static FeatureRow row(long key, Instant event, double amount) {
        return FeatureRow.of(EntityKey.of(key), event, event, amount, "k" + key);
    }

    List<FeatureRow> scan(ArrowFileOfflineStore store) {
        List<FeatureRow> out = new ArrayList<>();
        store.scan(VIEW, out::add);
        return out;
    }

    @Test
    void rows_survive_closing_and_reopening_the_directory() {
        List<FeatureRow> rows = List.of(row(1, T0, 1.0), row(2, T0.plus(Duration.ofDays(1)), 2.0));
        try (ArrowFileOfflineStore store = ArrowFileOfflineStore.open(dir)) {
            store.append(VIEW, rows);
        }
        try (ArrowFileOfflineStore store = ArrowFileOfflineStore.open(dir)) {
            assertThat(scan(store)).containsExactlyInAnyOrderElementsOf(rows);
        }
    }

    @Test
    void a_directory_is_used_by_one_store_at_a_time() {
        try (ArrowFileOfflineStore store = ArrowFileOfflineStore.open(dir)) {
            assertThatThrownBy(() -> ArrowFileOfflineStore.open(dir)).isInstanceOf(StorageException.class)
                    .hasMessageContaining("in use");
            assertThat(store.partCount(VIEW)).isZero();
        }
        ArrowFileOfflineStore.open(dir).close();
    }

    @Test
    void rows_are_partitioned_by_utc_day_and_days_are_compacted() throws Exception {
        try (ArrowFileOfflineStore store = ArrowFileOfflineStore.builder(dir).compactAfter(3).build()) {
            store.append(VIEW, List.of(row(1, T0, 1.0), row(1, T0.plus(Duration.ofDays(1)), 2.0),
                    row(1, T0.plus(Duration.ofDays(2)), 3.0)));
            assertThat(store.partCount(VIEW)).isEqualTo(3);

            store.append(VIEW, List.of(row(2, T0, 4.0)));
            store.append(VIEW, List.of(row(3, T0, 5.0)));
            assertThat(store.partCount(VIEW)).as("day one compacted to a single part").isEqualTo(3);
            assertThat(scan(store)).hasSize(5);

            store.append(VIEW, List.of(row(4, T0.plus(Duration.ofDays(1)), 6.0)));
            store.compact(VIEW);
            assertThat(store.partCount(VIEW)).isEqualTo(3);
            assertThat(scan(store)).extracting(r -> r.values().get(0))
                    .containsExactlyInAnyOrder(1.0, 2.0, 3.0, 4.0, 5.0, 6.0);
            try (Stream<Path> files = Files.list(dir.resolve("stats").resolve("v1"))) {
                assertThat(files.map(p -> p.getFileName().toString()).filter(f -> f.endsWith(".arrow")))
                        .as("two files per part, compacted ones deleted").hasSize(6);
            }
        }
    }

    @Test
    void an_arrow_batch_is_validated_whole_before_anything_is_written() {
        try (ArrowFileOfflineStore store = ArrowFileOfflineStore.open(dir);
                VectorSchemaRoot batch = batch(new Long[] {1L, null}, new Double[] {1.0, 2.0})) {
            InvalidArgumentException e = catchThrowableOfType(InvalidArgumentException.class,
                    () -> store.appendArrow(VIEW, batch, T0));

            assertThat(e.field()).contains("customer_id");
            assertThat(e).hasMessageContaining("row 1");
            assertThat(scan(store)).isEmpty();
        }
    }

    @Test
    void an_arrow_batch_with_nan_where_forbidden_is_rejected() {
        try (ArrowFileOfflineStore store = ArrowFileOfflineStore.open(dir);
                VectorSchemaRoot batch = batch(new Long[] {1L, 2L}, new Double[] {1.0, Double.NaN})) {
            assertThat(catchThrowableOfType(InvalidArgumentException.class,
                    () -> store.appendArrow(VIEW, batch, T0)).field()).contains("amount");
        }
    }

    @Test
    void an_arrow_batch_without_creation_times_gets_the_default_and_missing_features_are_null() {
        try (ArrowFileOfflineStore store = ArrowFileOfflineStore.open(dir);
                VectorSchemaRoot batch = batch(new Long[] {1L, 2L}, new Double[] {1.0, null})) {
            store.appendArrow(VIEW, batch, T0.plusSeconds(7));

            assertThat(scan(store)).containsExactlyInAnyOrder(
                    FeatureRow.of(EntityKey.of(1L), T0, T0.plusSeconds(7), 1.0, null),
                    FeatureRow.of(EntityKey.of(2L), T0, T0.plusSeconds(7), null, null));
        }
    }

    private VectorSchemaRoot batch(Long[] keys, Double[] amounts) {
        List<FieldVector> vectors = List.of(ArrowTables.newVector("customer_id", ValueType.INT64, allocator),
                ArrowTables.newVector("event_timestamp", ValueType.TIMESTAMP, allocator),
                ArrowTables.newVector("amount", ValueType.FLOAT64, allocator));
        VectorSchemaRoot root = new VectorSchemaRoot(vectors);
        root.allocateNew();
        for (int i = 0; i < keys.length; i++) {
            ArrowTables.set(vectors.get(0), i, ValueType.INT64, keys[i]);
            ArrowTables.set(vectors.get(1), i, ValueType.TIMESTAMP, T0);
            ArrowTables.set(vectors.get(2), i, ValueType.FLOAT64, amounts[i]);
        }
        root.setRowCount(keys.length);
        return root;
    }
}
