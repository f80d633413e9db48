package dev.mlops.monitoring.profile;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlops.core.Field;
import dev.mlops.core.Json;
import dev.mlops.core.Schema;
import dev.mlops.core.ValueType;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ColumnTypesTest {

    private static final Schema SCHEMA = Schema.of(Field.of("i32", ValueType.INT32), Field.of("f32", ValueType.FLOAT32),
            Field.of("bytes", ValueType.BYTES), Field.of("emb", ValueType.FLOAT32_LIST),
            Field.of("ts", ValueType.TIMESTAMP), Field.of("i64", ValueType.INT64));

    @Test
    @DisplayName("every value type is profiled as its kind, by rows and by batches alike")
    void kinds() {
        List<Map<String, Object>> rows = List.of(
                Map.of("i32", 3, "f32", 1.5f, "bytes", new byte[] {1}, "emb", new float[] {1, 2},
                        "ts", Instant.parse("2024-01-01T00:00:00.000001Z"), "i64", 7L),
                Map.of("i32", -2, "f32", Float.NaN, "ts", Instant.parse("2024-01-02T00:00:00Z"), "i64", 9L));
        DatasetProfile p = Profiler.profile(SCHEMA, rows);
        ColumnProfile i32 = p.column("i32").orElseThrow();
        assertThat(i32.kind()).isEqualTo(ColumnKind.NUMERIC);
        assertThat(i32.mean().getAsDouble()).isEqualTo(0.5);
        assertThat(i32.variance().getAsDouble()).isEqualTo(12.5);
        ColumnProfile f32 = p.column("f32").orElseThrow();
        assertThat(f32.nanCount()).isEqualTo(1);
        assertThat(f32.max().getAsDouble()).isEqualTo(1.5);
        ColumnProfile bytes = p.column("bytes").orElseThrow();
        assertThat(bytes.kind()).isEqualTo(ColumnKind.OTHER);
        assertThat(bytes.nullCount()).isEqualTo(1);
        assertThat(bytes.distinct()).isEmpty();
        assertThat(bytes.quantileSketch()).isEmpty();
        assertThat(p.column("emb").orElseThrow().presentCount()).isEqualTo(1);
        ColumnProfile ts = p.column("ts").orElseThrow();
        assertThat(ts.minTimestamp()).contains(Instant.parse("2024-01-01T00:00:00.000001Z"));
        assertThat(ts.maxTimestamp()).contains(Instant.parse("2024-01-02T00:00:00Z"));

        ColumnBatch batch = ColumnBatch.builder(2).ints("i32", new int[] {3, -2}, null)
                .floats("f32", new float[] {1.5f, Float.NaN}, null)
                .objects("bytes", new Object[] {new byte[] {1}, null})
                .objects("emb", new Object[] {List.of(1.0f, 2.0f), null})
                .timestamps("ts", new Instant[] {Instant.parse("2024-01-01T00:00:00.000001Z"),
                        Instant.parse("2024-01-02T00:00:00Z")})
                .ints("i64", new int[] {7, 9}, null)
                .build();
        assertThat(Profiler.profile(SCHEMA, batch).toBytes()).isEqualTo(p.toBytes());
    }

    @Test
    @DisplayName("a smaller configuration is carried through bytes and JSON")
    void configuration() throws Exception {
        ProfileConfig small = new ProfileConfig(16, 8, 4);
        Profiler profiler = Profiler.builder(SCHEMA).config(small).build();
        for (int i = 0; i < 1000; i++) {
            profiler.add(Map.of("i64", (long) i, "ts", Instant.ofEpochSecond(i)));
        }
        DatasetProfile p = profiler.snapshot();
        DatasetProfile back = DatasetProfile.fromBytes(p.toBytes());
        assertThat(back.config()).isEqualTo(small);
        assertThat(back.column("i64").orElseThrow().quantileSketch().orElseThrow().getK()).isEqualTo(16);
        JsonNode j = Json.newMapper().readTree(p.toJson());
        assertThat(j.get("config").get("kllK").asInt()).isEqualTo(16);
        JsonNode ts = j.get("columns").get(4);
        assertThat(ts.get("minTimestamp").asText()).isEqualTo("1970-01-01T00:00:00Z");
        assertThat(ts.get("maxTimestamp").asText()).isEqualTo("1970-01-01T00:16:39Z");
    }
}
