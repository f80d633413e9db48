package dev.mlops.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class JsonTest {

    private final ObjectMapper mapper = Json.newMapper();

    record Event(String name, Instant at, double value) {}

    @Test
    @DisplayName("writes java.time values as ISO-8601 strings and reads them back")
    void javaTime() throws Exception {
        String json = mapper.writeValueAsString(new Event("e", Instant.parse("2024-01-02T03:04:05.123Z"), 1.5));
        assertThat(json).contains("\"at\":\"2024-01-02T03:04:05.123Z\"");
        assertThat(mapper.readValue(json, Event.class).at()).isEqualTo(Instant.parse("2024-01-02T03:04:05.123Z"));
    }

    @Test
    @DisplayName("keeps NaN and infinities faithfully")
    void nonFinite() throws Exception {
        String json = mapper.writeValueAsString(Map.of("v", Double.NaN));
        assertThat(json).isEqualTo("{\"v\":NaN}");
        assertThat(mapper.readValue(json, Map.class).get("v")).isEqualTo(Double.NaN);
        assertThat(mapper.readTree("[Infinity, -Infinity]").get(1).asDouble()).isEqualTo(Double.NEGATIVE_INFINITY);
    }

    @Test
    @DisplayName("never lets a document choose a class to instantiate")
    void noDefaultTyping() throws Exception {
        // With default typing on, this is how a document asks for an arbitrary class.
        String gadget = "[\"java.net.URL\", \"http://127.0.0.1/\"]";
        Holder h = mapper.readValue("{\"payload\":" + gadget + "}", Holder.class);
        assertThat(h.payload).isInstanceOf(java.util.List.class);
        assertThat(h.payload).isEqualTo(java.util.List.of("java.net.URL", "http://127.0.0.1/"));
    }

    static final class Holder {
        public Object payload;
    }

    @Test
    @DisplayName("rejects documents nested deeper than the limit")
    void nestingLimit() {
        String deep = "[".repeat(Json.MAX_NESTING_DEPTH + 1) + "]".repeat(Json.MAX_NESTING_DEPTH + 1);
        assertThatThrownBy(() -> mapper.readTree(deep)).hasMessageContaining("nesting depth");
    }

    @Test
    @DisplayName("rejects numbers longer than the limit")
    void numberLimit() {
        String longNumber = "1".repeat(Json.MAX_NUMBER_LENGTH + 1);
        assertThatThrownBy(() -> mapper.readTree("[" + longNumber + "]")).hasMessageContaining("Number value length");
    }

    @Test
    @DisplayName("rejects trailing tokens after a document")
    void trailingTokens() {
        assertThatThrownBy(() -> mapper.readValue("{} {}", Map.class)).isInstanceOf(JsonProcessingException.class);
    }
}
