package dev.mlops.monitoring.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mlops.core.Field;
import dev.mlops.core.InvalidArgumentException;
import dev.mlops.core.Schema;
import dev.mlops.core.ValueType;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Building datasets from arrays and from schema rows, and what is rejected. */
class DatasetTest {

    enum Tier { GOLD, SILVER }

    @Test
    @DisplayName("columns keep their order, kind and length")
    void builds() {
        Dataset d = Dataset.builder().numeric("b", new double[] {1, 2}).categorical("a", new String[] {"x", null})
                .numeric("c", new Double[] {null, 3.0}).build();
        assertThat(d.columnNames()).containsExactly("b", "a", "c");
        assertThat(d.rowCount()).isEqualTo(2);
        assertThat(d.kind("a")).isEqualTo(DriftColumnType.CATEGORICAL);
        assertThat(d.kind("c")).isEqualTo(DriftColumnType.NUMERIC);
        assertThat(d.hasColumn("z")).isFalse();
        assertThatThrownBy(() -> d.kind("z")).isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("no column named 'z'");
        assertThat(d).hasToString("Dataset[rows=2, columns=[b:numeric, a:categorical, c:numeric]]");
    }

    @Test
    @DisplayName("categories may be strings, booleans, characters, integral numbers and enums")
    void categoryTypes() {
        Object[] values = {"s", true, 'c', (byte) 1, (short) 2, 3, 4L, BigInteger.TEN, Tier.GOLD, null};
        Dataset d = Dataset.builder().categorical("c", values).build();
        Dataset.CategoricalColumn col = (Dataset.CategoricalColumn) d.column("c");
        assertThat(col.values()).containsExactly("s", "true", "c", "1", "2", "3", "4", "10", "GOLD", null);
    }

    @Test
    @DisplayName("bad columns are rejected, naming the column")
    void rejects() {
        Dataset.Builder b = Dataset.builder().numeric("x", new double[3]);
        assertThatThrownBy(() -> b.numeric("x", new double[3])).hasMessage("x: column added twice");
        assertThatThrownBy(() -> b.numeric(" ", new double[3])).isInstanceOf(InvalidArgumentException.class);
        assertThatThrownBy(() -> b.numeric(null, new double[3])).isInstanceOf(InvalidArgumentException.class);
        assertThatThrownBy(() -> b.numeric("y".repeat(251), new double[3])).hasMessageContaining("limit is 250");
        assertThatThrownBy(() -> b.numeric("n", (double[]) null)).hasMessage("n: values are null");
        assertThatThrownBy(() -> b.categorical("n", (String[]) null)).hasMessage("n: values are null");
        assertThatThrownBy(() -> b.categorical("f", new Object[] {"a", 1.5}))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageStartingWith("f: value at index 1 is a Double; categories must be");
        assertThatThrownBy(() -> b.categorical("o", new Object[] {new Object()})).hasMessageStartingWith("o: ");
        b.categorical("short", new String[2]);
        assertThatThrownBy(b::build).isInstanceOf(InvalidArgumentException.class)
                .hasMessage("short: has 2 values but column 'x' has 3; all columns must have the same length");
    }

    @Test
    @DisplayName("column names need not be valid library names: data files carry any text")
    void anyColumnName() {
        Dataset d = Dataset.builder().numeric("income (€) <net>", new double[] {1}).build();
        assertThat(d.columnNames()).containsExactly("income (€) <net>");
    }

    @Test
    @DisplayName("rows of a schema become numeric and categorical columns, values converted by the schema")
    void fromRows() {
        Schema schema = Schema.of(Field.of("age", ValueType.INT32), Field.of("score", ValueType.FLOAT64),
                Field.of("big", ValueType.INT64), Field.of("vip", ValueType.BOOL), Field.of("city", ValueType.STRING));
        Map<String, Object> second = new HashMap<>();
        second.put("age", (short) 30);
        second.put("score", null);
        List<Map<String, Object>> rows = List.of(
                Map.of("age", 41, "score", 0.5f, "big", 7L, "vip", true, "city", "Oslo"), second);
        Dataset d = Dataset.fromRows(schema, rows);
        assertThat(d.columnNames()).containsExactly("age", "score", "big", "vip", "city");
        assertThat(d.kind("big")).isEqualTo(DriftColumnType.NUMERIC);
        assertThat(d.kind("vip")).isEqualTo(DriftColumnType.CATEGORICAL);
        Dataset.NumericColumn age = (Dataset.NumericColumn) d.column("age");
        assertThat(age.values()).containsExactly(41, 30);
        Dataset.NumericColumn score = (Dataset.NumericColumn) d.column("score");
        assertThat(score.nulls().get(1)).isTrue();
        assertThat(score.values()[0]).isEqualTo(0.5);
        assertThat(((Dataset.CategoricalColumn) d.column("vip")).values()).containsExactly("true", null);
        assertThat(Dataset.fromRows(schema, List.of()).rowCount()).isZero();
    }

    @Test
    @DisplayName("rows that break the schema and field types drift cannot compare are rejected")
    void fromRowsRejects() {
        Schema schema = Schema.of(Field.of("age", ValueType.INT32), Field.of("score", ValueType.FLOAT64));
        assertThatThrownBy(() -> Dataset.fromRows(schema, List.of(Map.of("age", "old"))))
                .isInstanceOf(InvalidArgumentException.class).hasMessageStartingWith("age: row 0: expected int32");
        assertThatThrownBy(() -> Dataset.fromRows(schema, List.of(Map.of("age", 1), Map.of("score", Double.NaN))))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("row 1");
        assertThatThrownBy(() -> Dataset.fromRows(schema, List.of(Map.of("height", 1))))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("unknown field");
        Schema withTime = Schema.of(Field.of("ts", ValueType.TIMESTAMP));
        assertThatThrownBy(() -> Dataset.fromRows(withTime, List.of(Map.of("ts", Instant.EPOCH))))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageStartingWith("ts: has type timestamp, which drift does not compare");
        assertThatThrownBy(() -> Dataset.fromRows(null, List.of())).isInstanceOf(InvalidArgumentException.class);
        assertThatThrownBy(() -> Dataset.fromRows(schema, null)).isInstanceOf(InvalidArgumentException.class);
        Schema nonFinite = Schema.of(Field.of("score", ValueType.FLOAT64).allowingNonFinite());
        Dataset d = Dataset.fromRows(nonFinite, List.of(Map.of("score", Double.NaN)));
        assertThat(Arrays.stream(((Dataset.NumericColumn) d.column("score")).values()).allMatch(Double::isNaN))
                .as("NaN allowed by the schema is kept and later counted").isTrue();
    }
}
