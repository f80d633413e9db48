package dev.mlops.monitoring.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlops.core.Field;
import dev.mlops.core.InvalidArgumentException;
import dev.mlops.core.Json;
import dev.mlops.core.Schema;
import dev.mlops.core.ValueType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.TreeSet;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ExpectationsTest {

    private static final Schema SCHEMA = Schema.of(Field.of("age", ValueType.INT64), Field.of("score", ValueType.FLOAT64),
            Field.of("country", ValueType.STRING), Field.of("note", ValueType.STRING));

    /** 100 clean reference rows: age 18..67, score in [0, 1), country from three values, note always null. */
    private static List<Map<String, Object>> reference() {
        List<Map<String, Object>> rows = new ArrayList<>();
        String[] countries = {"NZ", "AU", "FR"};
        for (int i = 0; i < 100; i++) {
            rows.add(Map.of("age", 18L + i % 50, "score", i / 100.0, "country", countries[i % 3]));
        }
        return rows;
    }

    private static Expectations expectations() {
        return Expectations.infer(Profiler.profile(SCHEMA, reference()));
    }

    private static Map<String, Object> row(Object age, Object score, Object country) {
        Map<String, Object> m = new HashMap<>();
        m.put("age", age);
        m.put("score", score);
        m.put("country", country);
        return m;
    }

    @Test
    @DisplayName("inference: types, presence, NaN/Inf, ranges and domains from the reference")
    void infers() {
        Expectations e = expectations();
        ColumnExpectation age = e.column("age").orElseThrow();
        assertThat(age.type()).isEqualTo(ValueType.INT64);
        assertThat(age.required()).isTrue();
        assertThat(age.minPresence()).isEqualTo(1.0);
        assertThat(age.min()).hasValue(18);
        assertThat(age.max()).hasValue(67);
        assertThat(e.column("score").orElseThrow().nanAllowed()).isFalse();
        assertThat(e.column("country").orElseThrow().domain()).contains(new TreeSet<>(List.of("AU", "FR", "NZ")));
        ColumnExpectation note = e.column("note").orElseThrow();
        assertThat(note.required()).isFalse();
        assertThat(note.minPresence()).isZero();
        assertThat(note.domain()).isEmpty();
        assertThat(note.min()).isEmpty();

        Expectations widened = Expectations.infer(Profiler.profile(SCHEMA, reference()),
                InferenceOptions.DEFAULTS.withRangeMargin(0.1));
        assertThat(widened.column("age").orElseThrow().min()).hasValue(18 - 4.9);
    }

    @Test
    @DisplayName("inference from the reference rows: nulls and NaN seen make them allowed; many categories give no domain")
    void infersFromNoisyReference() {
        Expectations e = Expectations.infer(Profiler.profile(ReferenceRows.SCHEMA, ReferenceRows.rows()));
        ColumnExpectation x = e.column("x").orElseThrow();
        assertThat(x.minPresence()).isZero();
        assertThat(x.required()).isTrue();
        assertThat(x.nanAllowed()).isTrue();
        assertThat(x.infAllowed()).isTrue();
        assertThat(e.column("c").orElseThrow().domain().orElseThrow()).hasSize(8);
        Expectations small = Expectations.infer(Profiler.profile(ReferenceRows.SCHEMA, ReferenceRows.rows()),
                InferenceOptions.DEFAULTS.withMaxDomainSize(5));
        assertThat(small.column("c").orElseThrow().domain()).isEmpty();
    }

    @Test
    @DisplayName("a batch like the reference is valid")
    void valid() {
        ValidationReport r = expectations().validate(SCHEMA, reference().subList(0, 40));
        assertThat(r.isValid()).as(r.toJson()).isTrue();
        assertThat(r.rowCount()).isEqualTo(40);
    }

    @Test
    @DisplayName("each TFDV kind is reported with the column named")
    void anomalies() {
        List<Map<String, Object>> batch = new ArrayList<>();
        batch.add(row(17L, 0.5, "NZ"));                    // age below range
        batch.add(row(30L, Double.NaN, "DE"));             // NaN, unexpected country
        batch.add(row(null, Double.POSITIVE_INFINITY, "DE"));  // age missing, +Inf
        batch.add(row(40L, 2.0, "XX"));                    // score above range
        ValidationReport r = expectations().validate(SCHEMA, batch);
        assertThat(r.anomaliesOf("age")).extracting(Anomaly::type)
                .containsExactly(AnomalyType.LOW_PRESENCE, AnomalyType.VALUE_OUT_OF_RANGE);
        assertThat(r.anomaliesOf("age").get(0).description()).contains("3 of 4 rows");
        assertThat(r.anomaliesOf("age").get(1).description()).contains("[17.0, 40.0]", "[18.0, 67.0]");
        assertThat(r.anomaliesOf("score")).extracting(Anomaly::type)
                .containsExactly(AnomalyType.NAN_PRESENT, AnomalyType.INF_PRESENT, AnomalyType.VALUE_OUT_OF_RANGE);
        Anomaly country = r.anomaliesOf("country").get(0);
        assertThat(country.type()).isEqualTo(AnomalyType.UNEXPECTED_CATEGORY);
        assertThat(country.values()).containsExactly("DE", "XX");
        assertThat(country.description()).contains("in at least 3 of 4 rows");
        assertThat(r.anomaliesOf("note")).isEmpty();
        assertThat(r.isValid()).isFalse();
    }

    @Test
    @DisplayName("schema differences: missing, new and retyped columns, and a column with no values")
    void schemaDifferences() {
        Schema other = Schema.of(Field.of("age", ValueType.STRING), Field.of("country", ValueType.STRING),
                Field.of("extra", ValueType.BOOL));
        List<Map<String, Object>> rows = List.of(Map.of("age", "old", "extra", true));
        ValidationReport r = expectations().validate(other, rows);
        assertThat(r.anomalies()).extracting(Anomaly::column, Anomaly::type).containsExactly(
                org.assertj.core.groups.Tuple.tuple("age", AnomalyType.TYPE_MISMATCH),
                org.assertj.core.groups.Tuple.tuple("score", AnomalyType.MISSING_COLUMN),
                org.assertj.core.groups.Tuple.tuple("country", AnomalyType.NOT_PRESENT),
                org.assertj.core.groups.Tuple.tuple("extra", AnomalyType.NEW_COLUMN));
        assertThat(r.anomaliesOf("age").get(0).description()).isEqualTo("expected int64 values, the batch has string");
    }

    @Test
    @DisplayName("unexpected values beyond the batch sketch's exact range are still flagged")
    void manyDistinct() {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            rows.add(row(20L, 0.5, i % 2 == 0 ? "NZ" : "c" + i));
        }
        ValidationReport r = expectations().validate(SCHEMA, rows);
        Anomaly a = r.anomaliesOf("country").get(0);
        assertThat(a.type()).isEqualTo(AnomalyType.UNEXPECTED_CATEGORY);
        assertThat(a.description()).contains("or more distinct values");
    }

    @Test
    @DisplayName("min domain mass tolerates a small share of unexpected values")
    void domainMass() {
        Expectations tolerant = Expectations.infer(Profiler.profile(SCHEMA, reference()),
                InferenceOptions.DEFAULTS.withMinDomainMass(0.9));
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            rows.add(row(20L, 0.5, i == 0 ? "DE" : "NZ"));
        }
        assertThat(tolerant.validate(SCHEMA, rows).isValid()).isTrue();
        rows.set(1, row(20L, 0.5, "DE"));
        rows.set(2, row(20L, 0.5, "DE"));
        assertThat(tolerant.validate(SCHEMA, rows).anomaliesOf(AnomalyType.UNEXPECTED_CATEGORY)).hasSize(1);
    }

    @Test
    @DisplayName("the JSON form lists the anomalies with TFDV's names")
    void json() throws Exception {
        ValidationReport r = expectations().validate(SCHEMA, List.of(row(20L, Double.NaN, "NZ")));
        JsonNode j = Json.newMapper().readTree(r.toJson());
        assertThat(j.get("valid").asBoolean()).isFalse();
        assertThat(j.get("rowCount").asLong()).isEqualTo(1);
        JsonNode a = j.get("anomalies").get(0);
        assertThat(a.get("column").asText()).isEqualTo("score");
        assertThat(a.get("type").asText()).isEqualTo("NAN_PRESENT");
        assertThat(a.get("tfdvType").asText()).isEqualTo("FLOAT_TYPE_HAS_NAN");
    }

    @Test
    @DisplayName("expectations round-trip through JSON; malformed JSON is rejected")
    void expectationsJson() {
        Expectations e = Expectations.infer(Profiler.profile(SCHEMA, reference()),
                InferenceOptions.DEFAULTS.withMinDomainMass(0.95));
        Expectations back = Expectations.fromJson(e.toJson());
        assertThat(back).isEqualTo(e);
        assertThat(back.minDomainMass()).isEqualTo(0.95);
        assertThat(back.column("note").orElseThrow().min()).isEmpty();
        assertThatThrownBy(() -> Expectations.fromJson("{")).isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("malformed JSON");
        assertThatThrownBy(() -> Expectations.fromJson(e.toJson().replace("\"int64\"", "\"int99\"")))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("unknown value type");
        assertThatThrownBy(() -> Expectations.fromJson(e.toJson().replace("\"required\":true", "\"required\":1")))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("must be a boolean");
    }

    @Test
    @DisplayName("bad input: an empty reference, nulls, an empty batch, contradictory hand-written expectations")
    void badInput() {
        assertThatThrownBy(() -> Expectations.infer(DatasetProfile.empty(SCHEMA, ProfileConfig.DEFAULTS)))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("reference: profile has no rows");
        assertThatThrownBy(() -> Expectations.infer(null)).isInstanceOf(InvalidArgumentException.class);
        assertThat(expectations().validate(DatasetProfile.empty(SCHEMA, ProfileConfig.DEFAULTS)).isValid()).isTrue();
        assertThatThrownBy(() -> new ColumnExpectation("a", ValueType.INT64, true, 1, false, false,
                OptionalDouble.of(5), OptionalDouble.of(1), Optional.empty()))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("min 5.0 exceeds max 1.0");
        assertThatThrownBy(() -> InferenceOptions.DEFAULTS.withMinDomainMass(1.5))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("minDomainMass");
    }
}
