package dev.mlops.monitoring.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.mlops.core.Field;
import dev.mlops.core.InvalidArgumentException;
import dev.mlops.core.Schema;
import dev.mlops.core.ValueType;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.TimeStampMicroTZVector;
import org.apache.arrow.vector.TimeStampMicroVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ProfilerTest {

    private static final Schema SCHEMA = ReferenceRows.SCHEMA;

    @Nested
    @DisplayName("from several threads")
    class Threads {

        @Test
        @DisplayName("four threads adding rows at once lose nothing: exact fields equal the one-thread profile")
        void concurrentRows() throws Exception {
            List<Map<String, Object>> rows = ReferenceRows.rows();
            DatasetProfile single = Profiler.profile(SCHEMA, rows);
            Profiler p = Profiler.builder(SCHEMA).build();
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                CountDownLatch start = new CountDownLatch(1);
                List<Future<?>> done = new ArrayList<>();
                for (int t = 0; t < 4; t++) {
                    int part = t;
                    done.add(pool.submit(() -> {
                        start.await();
                        for (int i = part; i < rows.size(); i += 4) {
                            p.add(rows.get(i));
                            if (i % 1000 == part) {
                                p.snapshot();
                            }
                        }
                        return null;
                    }));
                }
                start.countDown();
                for (Future<?> f : done) {
                    f.get(60, TimeUnit.SECONDS);
                }
            } finally {
                pool.shutdownNow();
            }
            DatasetProfile merged = p.snapshot();
            assertThat(merged.rowCount()).isEqualTo(rows.size());
            assertThat(p.rowCount()).isEqualTo(rows.size());
            for (ColumnProfile whole : single.columns()) {
                ColumnProfile c = merged.column(whole.name()).orElseThrow();
                assertThat(c.counts()).isEqualTo(whole.counts());
                assertThat(c.min()).isEqualTo(whole.min());
                assertThat(c.max()).isEqualTo(whole.max());
                assertThat(c.frequentItems()).isEqualTo(whole.frequentItems());
                if (whole.finiteCount() > 1) {
                    assertThat(c.mean().getAsDouble()).isCloseTo(whole.mean().getAsDouble(),
                            within(Math.abs(whole.mean().getAsDouble()) * 1e-12));
                    assertThat(c.variance().getAsDouble()).isCloseTo(whole.variance().getAsDouble(),
                            within(whole.variance().getAsDouble() * 1e-9));
                }
            }
        }

        @Test
        @DisplayName("column-parallel batches on an executor give the same bytes as one thread")
        void columnParallel() throws Exception {
            List<Map<String, Object>> rows = ReferenceRows.rows();
            ExecutorService pool = Executors.newFixedThreadPool(3);
            try {
                Profiler parallel = Profiler.builder(SCHEMA).executor(pool, 3).build();
                Profiler serial = Profiler.builder(SCHEMA).build();
                for (int from = 0; from < rows.size(); from += 8000) {
                    ColumnBatch b = ReferenceRows.batch(rows, from, Math.min(rows.size(), from + 8000));
                    parallel.add(b);
                    serial.add(b);
                }
                assertThat(parallel.snapshot().toBytes()).isEqualTo(serial.snapshot().toBytes());
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Nested
    @DisplayName("rejects bad input and changes nothing")
    class BadInput {

        @Test
        @DisplayName("an unknown column or a wrong type is named, and the batch adds nothing")
        void rows() {
            Profiler p = Profiler.builder(SCHEMA).build();
            List<Map<String, Object>> rows = List.of(Map.of("x", 1.0), Map.of("x", "oops"));
            assertThatThrownBy(() -> p.addAll(rows)).isInstanceOf(InvalidArgumentException.class)
                    .hasMessageContaining("x: row 1: expected float64 but got String");
            assertThatThrownBy(() -> p.add(Map.of("nope", 1))).isInstanceOf(InvalidArgumentException.class)
                    .hasMessageContaining("nope");
            assertThatThrownBy(() -> p.add(Map.of("t", LocalDateTime.of(2024, 1, 1, 0, 0))))
                    .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("has no zone");
            assertThat(p.rowCount()).isZero();
            assertThat(p.snapshot().toBytes()).isEqualTo(DatasetProfile.empty(SCHEMA, ProfileConfig.DEFAULTS).toBytes());
        }

        @Test
        @DisplayName("nulls and NaN are observed even where the schema forbids them")
        void observesNullsAndNaN() {
            Schema strict = Schema.of(Field.required("v", ValueType.FLOAT64));
            Profiler p = Profiler.builder(strict).build();
            Map<String, Object> nullRow = new HashMap<>();
            nullRow.put("v", null);
            p.addAll(List.of(Map.of("v", Double.NaN), nullRow, Map.of("v", Double.NEGATIVE_INFINITY), Map.of("v", 2.0)));
            ColumnProfile v = p.snapshot().column("v").orElseThrow();
            assertThat(v.count()).isEqualTo(4);
            assertThat(v.nullCount()).isEqualTo(1);
            assertThat(v.nanCount()).isEqualTo(1);
            assertThat(v.negativeInfinityCount()).isEqualTo(1);
            assertThat(v.mean().getAsDouble()).isEqualTo(2.0);
            assertThat(v.variance()).isEmpty();
            assertThat(p.snapshot().schema()).isEqualTo(strict);
        }

        @Test
        @DisplayName("an all-null column has counts and no statistics")
        void allNull() {
            Profiler p = Profiler.builder(SCHEMA).build();
            p.add(ColumnBatch.builder(3).strings("c", new String[3]).build());
            ColumnProfile x = p.snapshot().column("x").orElseThrow();
            assertThat(x.nullCount()).isEqualTo(3);
            assertThat(x.mean()).isEmpty();
            assertThat(x.min()).isEmpty();
            assertThat(x.quantile(0.5)).isEmpty();
            assertThat(x.distinct().orElseThrow().estimate()).isZero();
            assertThat(p.snapshot().column("c").orElseThrow().frequentItems()).isEmpty();
        }

        @Test
        @DisplayName("a batch column of the wrong array type, length or name is rejected before anything is added")
        void batches() {
            Profiler p = Profiler.builder(SCHEMA).build();
            ColumnBatch wrongType = ColumnBatch.builder(2).doubles("x", new double[] {1, 2})
                    .doubles("n", new double[] {1, 2}).build();
            assertThatThrownBy(() -> p.add(wrongType)).isInstanceOf(InvalidArgumentException.class)
                    .hasMessageContaining("n: a double[] column does not fit the int64 field");
            assertThatThrownBy(() -> ColumnBatch.builder(2).doubles("x", new double[3]))
                    .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("has 3 values");
            ColumnBatch unknown = ColumnBatch.builder(1).doubles("zzz", new double[1]).build();
            assertThatThrownBy(() -> p.add(unknown)).isInstanceOf(InvalidArgumentException.class)
                    .hasMessageContaining("zzz: unknown column");
            ColumnBatch badObject = ColumnBatch.builder(2).doubles("x", new double[2])
                    .objects("c", new Object[] {"ok", 5}).build();
            assertThatThrownBy(() -> p.add(badObject)).isInstanceOf(InvalidArgumentException.class)
                    .hasMessageContaining("c: row 1");
            assertThat(p.rowCount()).isZero();
            assertThatThrownBy(() -> ProfileConfig.DEFAULTS.withKllK(4)).isInstanceOf(InvalidArgumentException.class)
                    .hasMessageContaining("kllK");
            assertThatThrownBy(() -> Profiler.builder(SCHEMA).config(ProfileConfig.DEFAULTS).config(ProfileConfig.DEFAULTS))
                    .isInstanceOf(InvalidArgumentException.class).hasMessage("config: is already set");
            assertThatThrownBy(() -> Profiler.builder(SCHEMA).stripes(0)).isInstanceOf(InvalidArgumentException.class)
                    .hasMessageContaining("stripes");
        }
    }

    @Nested
    @DisplayName("Arrow batches")
    class Arrow {

        private BufferAllocator allocator;

        @BeforeEach
        void open() {
            allocator = new RootAllocator();
        }

        @AfterEach
        void close() {
            allocator.close(); // fails the test on leaked buffers
        }

        @Test
        @DisplayName("give the same profile as the same rows, schema read from Arrow")
        void sameAsRows() {
            List<Map<String, Object>> rows = ReferenceRows.rows().subList(0, 3000);
            try (Float8Vector x = new Float8Vector("x", allocator);
                 BigIntVector n = new BigIntVector("n", allocator);
                 VarCharVector c = new VarCharVector("c", allocator);
                 BitVector b = new BitVector("b", allocator);
                 TimeStampMicroTZVector t = new TimeStampMicroTZVector("t", allocator, "UTC")) {
                int size = rows.size();
                x.allocateNew(size);
                n.allocateNew(size);
                c.allocateNew(size);
                b.allocateNew(size);
                t.allocateNew(size);
                for (int i = 0; i < size; i++) {
                    Map<String, Object> r = rows.get(i);
                    if (r.containsKey("x")) {
                        x.set(i, (Double) r.get("x"));
                    }
                    if (r.containsKey("n")) {
                        n.set(i, (Long) r.get("n"));
                    }
                    if (r.containsKey("c")) {
                        c.setSafe(i, ((String) r.get("c")).getBytes(StandardCharsets.UTF_8));
                    }
                    if (r.containsKey("b")) {
                        b.set(i, (Boolean) r.get("b") ? 1 : 0);
                    }
                    Instant ts = (Instant) r.get("t");
                    t.set(i, ts.getEpochSecond() * 1_000_000 + ts.getNano() / 1000);
                }
                try (VectorSchemaRoot root = VectorSchemaRoot.of(x, n, c, b, t)) {
                    root.setRowCount(size);
                    Schema s = ArrowBatches.schemaOf(root.getSchema());
                    assertThat(s.names()).containsExactly("x", "n", "c", "b", "t");
                    DatasetProfile fromArrow = ArrowBatches.profile(root);
                    DatasetProfile fromRows = Profiler.profile(s, rows);
                    assertThat(fromArrow.toBytes()).isEqualTo(fromRows.toBytes());
                    Profiler declared = Profiler.builder(SCHEMA).build();
                    ArrowBatches.add(declared, root);
                    assertThat(declared.snapshot().column("x").orElseThrow().counts())
                            .isEqualTo(fromRows.column("x").orElseThrow().counts());
                }
            }
        }

        @Test
        @DisplayName("strings: many distinct, multi-byte and empty values decode as the row path reads them")
        void manyStrings() {
            Schema s = Schema.of(Field.of("c", ValueType.STRING));
            List<Map<String, Object>> rows = new ArrayList<>();
            try (VarCharVector c = new VarCharVector("c", allocator)) {
                int size = 12_000;
                c.allocateNew(size);
                for (int i = 0; i < size; i++) {
                    String value = i % 3 == 0 ? "été-" + (i % 7) : i % 3 == 1 ? "k" + i : "";
                    c.setSafe(i, value.getBytes(StandardCharsets.UTF_8));
                    rows.add(Map.of("c", value));
                }
                try (VectorSchemaRoot root = VectorSchemaRoot.of(c)) {
                    root.setRowCount(size);
                    assertThat(ArrowBatches.profile(root).toBytes()).isEqualTo(Profiler.profile(s, rows).toBytes());
                }
            }
        }

        @Test
        @DisplayName("a timestamp without a zone or a type mismatch is rejected")
        void rejects() {
            try (TimeStampMicroVector naive = new TimeStampMicroVector("t", allocator);
                 Float8Vector n = new Float8Vector("n", allocator)) {
                naive.allocateNew(1);
                naive.set(0, 5);
                n.allocateNew(1);
                n.set(0, 1.0);
                try (VectorSchemaRoot root = VectorSchemaRoot.of(naive)) {
                    root.setRowCount(1);
                    assertThatThrownBy(() -> ArrowBatches.profile(root)).isInstanceOf(InvalidArgumentException.class)
                            .hasMessageContaining("t: Arrow timestamp without a time zone");
                }
                try (VectorSchemaRoot root = VectorSchemaRoot.of(n)) {
                    root.setRowCount(1);
                    Profiler p = Profiler.builder(SCHEMA).build();
                    assertThatThrownBy(() -> ArrowBatches.add(p, root)).isInstanceOf(InvalidArgumentException.class)
                            .hasMessageContaining("n: Arrow column is float64, the schema says int64");
                    assertThat(p.rowCount()).isZero();
                }
            }
        }
    }
}
