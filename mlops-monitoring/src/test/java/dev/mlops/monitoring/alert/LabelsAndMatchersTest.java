package dev.mlops.monitoring.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlops.core.InvalidArgumentException;
import dev.mlops.core.Json;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class LabelsAndMatchersTest {

    static JsonNode reference() throws IOException {
        try (InputStream in = LabelsAndMatchersTest.class.getResourceAsStream("/reference/alert/fingerprints.json")) {
            return Json.newMapper().readTree(in);
        }
    }

    @Nested
    @DisplayName("Labels")
    class LabelsBehaviour {

        @Test
        @DisplayName("are sorted by name, so equality and rendering do not depend on insertion order")
        void sorted() {
            Labels a = Labels.of("model", "fraud", "env", "prod");
            Labels b = Labels.of(Map.of("env", "prod", "model", "fraud"));
            assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
            assertThat(a.names()).containsExactly("env", "model");
            assertThat(a).hasToString("{env=\"prod\", model=\"fraud\"}");
        }

        @Test
        @DisplayName("treat an empty value as an absent label, as Prometheus does")
        void emptyValueIsAbsent() {
            Labels l = Labels.of("a", "1", "b", "");
            assertThat(l.names()).containsExactly("a");
            assertThat(l.value("b")).isEmpty();
            assertThat(l.with("a", "")).isEqualTo(Labels.empty());
            assertThat(l.get("missing")).isEmpty();
        }

        @Test
        @DisplayName("quote values Go-style when printed, so control characters cannot forge text")
        void quoting() {
            assertThat(Labels.of("msg", "a\"b\\c\nd\u0001").toString()).isEqualTo("{msg=\"a\\\"b\\\\c\\nd\\x01\"}");
        }

        @Test
        @DisplayName("reject invalid names, odd argument counts and repeated names")
        void validation() {
            assertThatThrownBy(() -> Labels.of("1abc", "x")).isInstanceOf(InvalidArgumentException.class)
                    .hasMessageContaining("label name");
            assertThatThrownBy(() -> Labels.of("a-b", "x")).isInstanceOf(InvalidArgumentException.class);
            assertThatThrownBy(() -> Labels.of("a")).isInstanceOf(InvalidArgumentException.class)
                    .hasMessageContaining("pairs");
            assertThatThrownBy(() -> Labels.of("a", "1", "a", "2")).isInstanceOf(InvalidArgumentException.class)
                    .hasMessageContaining("twice");
            assertThatThrownBy(() -> Labels.of("a", "", "a", "2")).isInstanceOf(InvalidArgumentException.class)
                    .hasMessageContaining("twice");
            assertThat(List.of("a", "_", "_a1", "A_b9", "__name__")).allMatch(Labels::isValidName);
            assertThat(java.util.Arrays.asList("", "1a", "a-b", "a.b", "\u00e9t\u00e9", " a", null)).noneMatch(Labels::isValidName);
            Map<String, String> withNull = new LinkedHashMap<>();
            withNull.put("a", null);
            assertThatThrownBy(() -> Labels.of(withNull)).isInstanceOf(InvalidArgumentException.class);
        }

        @Test
        @DisplayName("fingerprint like Prometheus (values from the committed Python script and from prometheus/common's own test)")
        void fingerprints() throws IOException {
            // prometheus/common model/signature_test.go: labelSetToFingerprint of this set is 5799056148416392346.
            assertThat(Labels.of("name", "garland, briggs", "fear", "love is not enough").fingerprint())
                    .isEqualTo(String.format("%016x", 5799056148416392346L));
            JsonNode fps = reference().get("fingerprints");
            assertThat(fps.size()).isGreaterThan(5);
            for (JsonNode entry : fps) {
                Map<String, String> map = new LinkedHashMap<>();
                entry.get("labels").properties().forEach(e -> map.put(e.getKey(), e.getValue().asText()));
                assertThat(Labels.of(map).fingerprint()).as("fingerprint of %s", map)
                        .isEqualTo(entry.get("fingerprint").asText());
            }
        }

        @Test
        @DisplayName("order like Alertmanager: fewer labels first, then by the first differing pair")
        void order() {
            assertThat(Labels.compare(Labels.of("a", "1"), Labels.of("a", "1", "b", "1"))).isNegative();
            assertThat(Labels.compare(Labels.of("a", "1", "b", "2"), Labels.of("a", "1", "b", "3"))).isNegative();
            assertThat(Labels.compare(Labels.of("a", "1", "c", "2"), Labels.of("a", "1", "b", "3"))).isNegative();
            assertThat(Labels.compare(Labels.of("a", "1"), Labels.of("a", "1"))).isZero();
        }

        @Test
        @DisplayName("derive new sets without changing the original")
        void derivation() {
            Labels base = Labels.of("a", "1", "b", "2");
            assertThat(base.withAll(Labels.of("b", "3", "c", "4"))).isEqualTo(Labels.of("a", "1", "b", "3", "c", "4"));
            assertThat(base.retain(java.util.Set.of("b", "z"))).isEqualTo(Labels.of("b", "2"));
            assertThat(base).isEqualTo(Labels.of("a", "1", "b", "2"));
        }
    }

    @Nested
    @DisplayName("Matchers")
    class Matchers {

        private final Labels alert = Labels.of("alertname", "Drift", "severity", "critical");

        @Test
        @DisplayName("compare equal and not-equal, a missing label counting as the empty string")
        void equality() {
            assertThat(Matcher.equal("severity", "critical").matches(alert)).isTrue();
            assertThat(Matcher.notEqual("severity", "critical").matches(alert)).isFalse();
            assertThat(Matcher.equal("team", "").matches(alert)).isTrue();
            assertThat(Matcher.notEqual("team", "").matches(alert)).isFalse();
        }

        @Test
        @DisplayName("anchor regular expressions at both ends")
        void anchoredRegex() {
            assertThat(Matcher.regex("severity", "crit").matches(alert)).isFalse();
            assertThat(Matcher.regex("severity", "crit.*").matches(alert)).isTrue();
            assertThat(Matcher.regex("severity", "warning|critical").matches(alert)).isTrue();
            assertThat(Matcher.notRegex("severity", "warning|info").matches(alert)).isTrue();
            assertThat(Matcher.regex("team", ".*").matches(alert)).isTrue();
        }

        @Test
        @DisplayName("reject a bad regular expression, naming the label")
        void badRegex() {
            assertThatThrownBy(() -> Matcher.regex("severity", "(")).isInstanceOf(InvalidArgumentException.class)
                    .hasMessageContaining("severity");
        }

        @Test
        @DisplayName("render sorted like Alertmanager's route keys")
        void rendering() {
            assertThat(Matcher.render(List.of(Matcher.regex("team", "a|b"), Matcher.equal("severity", "page"))))
                    .isEqualTo("{severity=\"page\",team=~\"a|b\"}");
            assertThat(Matcher.render(List.of())).isEqualTo("{}");
        }
    }

    @Nested
    @DisplayName("Go-compatible text")
    class GoCompatibleText {

        @Test
        @DisplayName("renders floats as Go's fmt.Sprint does")
        void floats() {
            // Go: fmt.Sprint(x) for each x.
            assertThat(GoText.formatFloat(0.1)).isEqualTo("0.1");
            assertThat(GoText.formatFloat(100.0)).isEqualTo("100");
            assertThat(GoText.formatFloat(-2.5)).isEqualTo("-2.5");
            assertThat(GoText.formatFloat(123456.0)).isEqualTo("123456");
            assertThat(GoText.formatFloat(1e6)).isEqualTo("1e+06");
            assertThat(GoText.formatFloat(1234567.0)).isEqualTo("1.234567e+06");
            assertThat(GoText.formatFloat(0.0001)).isEqualTo("0.0001");
            assertThat(GoText.formatFloat(0.00001)).isEqualTo("1e-05");
            assertThat(GoText.formatFloat(1e21)).isEqualTo("1e+21");
            assertThat(GoText.formatFloat(1.0 / 3)).isEqualTo("0.3333333333333333");
            assertThat(GoText.formatFloat(0.1 + 0.2)).isEqualTo("0.30000000000000004");
            assertThat(GoText.formatFloat(0)).isEqualTo("0");
            assertThat(GoText.formatFloat(Double.NaN)).isEqualTo("NaN");
            assertThat(GoText.formatFloat(Double.POSITIVE_INFINITY)).isEqualTo("+Inf");
            assertThat(GoText.formatFloat(Double.NEGATIVE_INFINITY)).isEqualTo("-Inf");
        }

        @Test
        @DisplayName("renders times as Go's JSON encoding of a UTC time.Time")
        void times() {
            assertThat(GoText.formatTime(java.time.Instant.parse("2024-01-01T00:00:00Z"))).isEqualTo("2024-01-01T00:00:00Z");
            assertThat(GoText.formatTime(java.time.Instant.parse("2024-01-01T00:00:00.500Z"))).isEqualTo("2024-01-01T00:00:00.5Z");
            assertThat(GoText.formatTime(java.time.Instant.parse("2024-01-01T00:00:00.000000123Z")))
                    .isEqualTo("2024-01-01T00:00:00.000000123Z");
            assertThat(GoText.formatTime(java.util.Optional.empty())).isEqualTo("0001-01-01T00:00:00Z");
        }
    }
}
