package dev.mlops.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SchemaTest {

    static final Schema TXN = Schema.of(
            Field.required("customer_id", ValueType.INT64),
            Field.required("event_ts", ValueType.TIMESTAMP),
            Field.of("amount", ValueType.FLOAT64),
            Field.of("score", ValueType.FLOAT32).allowingNonFinite(),
            Field.of("country", ValueType.STRING),
            Field.of("embedding", ValueType.FLOAT32_LIST),
            Field.of("tags", ValueType.STRING_LIST),
            Field.of("is_new", ValueType.BOOL));

    @Nested
    @DisplayName("value conversion")
    class Conversion {

        @Test
        @DisplayName("widens integers and floats without loss")
        void widens() {
            assertThat(ValueType.INT64.convert(5)).isEqualTo(5L);
            assertThat(ValueType.INT32.convert(7L)).isEqualTo(7);
            assertThat(ValueType.FLOAT64.convert(1.5f)).isEqualTo(1.5d);
            assertThat(ValueType.FLOAT64.convert(1L << 53)).isEqualTo((double) (1L << 53));
            assertThat(ValueType.FLOAT32.convert(0.5d)).isEqualTo(0.5f);
            assertThat((float[]) ValueType.FLOAT32_LIST.convert(List.of(1, 2.5d))).containsExactly(1f, 2.5f);
            assertThat((long[]) ValueType.INT64_LIST.convert(new int[] {1, 2})).containsExactly(1L, 2L);
            assertThat(ValueType.TIMESTAMP.convert(OffsetDateTime.of(2024, 1, 1, 1, 0, 0, 0, ZoneOffset.ofHours(1))))
                    .isEqualTo(Instant.parse("2024-01-01T00:00:00Z"));
        }

        @Test
        @DisplayName("refuses conversions that would lose information")
        void refusesLoss() {
            assertThatThrownBy(() -> ValueType.INT32.convert(1L << 40)).hasMessageContaining("does not fit in int32");
            assertThatThrownBy(() -> ValueType.FLOAT32.convert(0.1d)).hasMessageContaining("not exactly representable");
            assertThatThrownBy(() -> ValueType.FLOAT64.convert((1L << 53) + 1)).hasMessageContaining("not exactly");
            assertThatThrownBy(() -> ValueType.INT64.convert(1.0d)).hasMessageContaining("expected int64 but got Double");
            assertThatThrownBy(() -> ValueType.STRING_LIST.convert(Arrays.asList("a", null)))
                    .hasMessageContaining("element 1 is null");
        }

        @Test
        @DisplayName("refuses a timestamp without a zone instead of guessing one")
        void zonelessTimestamp() {
            assertThatThrownBy(() -> ValueType.TIMESTAMP.convert(LocalDateTime.of(2024, 1, 1, 0, 0)))
                    .hasMessageContaining("has no zone");
        }

        @Test
        @DisplayName("copies arrays and lists so later changes by the caller do not leak in")
        void defensiveCopies() {
            float[] embedding = {1f, 2f};
            float[] stored = (float[]) ValueType.FLOAT32_LIST.convert(embedding);
            embedding[0] = 99f;
            assertThat(stored).containsExactly(1f, 2f);
            byte[] bytes = {1};
            byte[] storedBytes = (byte[]) ValueType.BYTES.convert(bytes);
            bytes[0] = 2;
            assertThat(storedBytes).containsExactly(1);
        }

        @ParameterizedTest
        @EnumSource(ValueType.class)
        @DisplayName("every type round-trips through its JSON name")
        void jsonNames(ValueType type) {
            assertThat(ValueType.fromJsonName(type.jsonName())).isEqualTo(type);
            assertThat(ValueType.fromJsonName(type.jsonName().toUpperCase())).isEqualTo(type);
        }

        @Test
        @DisplayName("an unknown type name is rejected with the list of known ones")
        void unknownType() {
            assertThatThrownBy(() -> ValueType.fromJsonName("decimal"))
                    .isInstanceOf(InvalidArgumentException.class)
                    .hasMessageContaining("unknown value type 'decimal'")
                    .hasMessageContaining("float32_list");
        }
    }

    @Nested
    @DisplayName("row validation")
    class Rows {

        @Test
        @DisplayName("returns the canonical row in schema order with absent nullable fields as null")
        void canonicalRow() {
            Map<String, Object> row = TXN.validateRow(Map.of(
                    "amount", 12, "customer_id", 42, "event_ts", Instant.EPOCH, "embedding", List.of(0.5)), 0);
            assertThat(row.keySet()).containsExactlyElementsOf(TXN.names());
            assertThat(row.get("customer_id")).isEqualTo(42L);
            assertThat(row.get("amount")).isEqualTo(12.0);
            assertThat(row.get("country")).isNull();
            assertThat((float[]) row.get("embedding")).containsExactly(0.5f);
        }

        @Test
        @DisplayName("names the row and the field of the first problem")
        void namesRowAndField() {
            Map<String, Object> row = new HashMap<>(Map.of("customer_id", 1L, "event_ts", Instant.EPOCH));
            row.put("amount", "12.5");
            assertThatThrownBy(() -> TXN.validateRow(row, 17))
                    .isInstanceOf(InvalidArgumentException.class)
                    .hasMessage("amount: row 17: expected float64 but got String")
                    .satisfies(e -> assertThat(((InvalidArgumentException) e).field()).contains("amount"));
        }

        @Test
        @DisplayName("rejects a missing required field, an unknown field and NaN where not allowed")
        void rejections() {
            assertThatThrownBy(() -> TXN.validateRow(Map.of("event_ts", Instant.EPOCH), 3))
                    .hasMessage("customer_id: row 3: null is not allowed");
            assertThatThrownBy(() -> TXN.validateRow(Map.of("customer_id", 1L, "event_ts", Instant.EPOCH, "amout", 1.0), 4))
                    .hasMessageStartingWith("amout: row 4: unknown field");
            assertThatThrownBy(() -> TXN.validateRow(Map.of("customer_id", 1L, "event_ts", Instant.EPOCH,
                    "amount", Double.NaN), 5)).hasMessage("amount: row 5: NaN or infinite value is not allowed");
            assertThatThrownBy(() -> TXN.validateRow(Map.of("customer_id", 1L, "event_ts", Instant.EPOCH,
                    "embedding", new float[] {1f, Float.POSITIVE_INFINITY}), 6))
                    .hasMessage("embedding: row 6: NaN or infinite value is not allowed");
        }

        @Test
        @DisplayName("accepts NaN and infinities in a field that allows them")
        void nonFiniteAllowed() {
            Map<String, Object> row = TXN.validateRow(Map.of("customer_id", 1L, "event_ts", Instant.EPOCH,
                    "score", Float.NaN), 0);
            assertThat((Float) row.get("score")).isNaN();
        }
    }

    @Nested
    @DisplayName("construction and JSON")
    class Construction {

        @Test
        @DisplayName("round-trips through JSON")
        void jsonRoundTrip() {
            String json = TXN.toJson();
            assertThat(Schema.fromJson(json)).isEqualTo(TXN);
            assertThat(json).contains("\"type\":\"float32_list\"");
        }

        @Test
        @DisplayName("defaults nullable to true and allowNonFinite to false when absent")
        void jsonDefaults() {
            Schema s = Schema.fromJson("{\"fields\":[{\"name\":\"x\",\"type\":\"float64\"}]}");
            assertThat(s.fields()).containsExactly(Field.of("x", ValueType.FLOAT64));
        }

        @Test
        @DisplayName("rejects malformed JSON, unknown types, bad names and duplicates")
        void jsonErrors() {
            assertThatThrownBy(() -> Schema.fromJson("{")).isInstanceOf(InvalidArgumentException.class)
                    .hasMessageContaining("malformed JSON");
            assertThatThrownBy(() -> Schema.fromJson("{\"fields\":[{\"name\":\"x\",\"type\":\"int128\"}]}"))
                    .hasMessageContaining("unknown value type 'int128'");
            assertThatThrownBy(() -> Schema.fromJson("{\"fields\":[{\"name\":\"../x\",\"type\":\"int64\"}]}"))
                    .isInstanceOf(InvalidArgumentException.class);
            assertThatThrownBy(() -> Schema.fromJson("{\"fields\":[{\"name\":\"x\"}]}"))
                    .hasMessageContaining("field 0 needs");
            assertThatThrownBy(() -> Schema.of(Field.of("a", ValueType.BOOL), Field.of("a", ValueType.INT64)))
                    .hasMessage("a: field name appears twice in the schema");
            assertThatThrownBy(() -> Schema.fromJson("{\"fields\":[]} trailing"))
                    .hasMessageContaining("malformed JSON");
        }

        @Test
        @DisplayName("allowNonFinite is only for floating-point fields")
        void nonFiniteOnlyForFloats() {
            assertThatThrownBy(() -> new Field("n", ValueType.INT64, true, true))
                    .hasMessageContaining("allowNonFinite only applies to floating-point types");
        }

        @Test
        @DisplayName("looks fields up by name and position")
        void lookup() {
            assertThat(TXN.field("amount")).contains(Field.of("amount", ValueType.FLOAT64));
            assertThat(TXN.field("nope")).isEmpty();
            assertThat(TXN.indexOf("country")).isEqualTo(4);
            assertThat(TXN.indexOf("nope")).isEqualTo(-1);
        }
    }
}
