package dev.mlops.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NamesTest {

    @ParameterizedTest
    @ValueSource(strings = {"a", "customer_id", "fraud-model", "v1.2.3", "_private", "9lives", "A.b-C_d"})
    @DisplayName("accepts letters, digits, underscore, dash and dot")
    void accepts(String name) {
        assertThat(Names.require("model name", name)).isEqualTo(name);
        assertThat(Names.isValid(name)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "a b", "../etc", "..", ".hidden", "-flag", "a/b", "a\\b", "%2e%2e%2f",
        "%252e%252e%252f", "file:x", "naïve", "a\nb", "a;drop table", "x..y", "model@champion"})
    @DisplayName("rejects blanks, separators, traversal, encodings and non-ASCII")
    void rejects(String name) {
        assertThatThrownBy(() -> Names.require("model name", name))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageStartingWith("model name: ")
                .satisfies(e -> assertThat(((InvalidArgumentException) e).field()).contains("model name"));
        assertThat(Names.isValid(name)).isFalse();
    }

    @Test
    @DisplayName("rejects null with a message that says so")
    void rejectsNull() {
        assertThatThrownBy(() -> Names.require("feature", null)).hasMessage("feature: name is null");
    }

    @Test
    @DisplayName("accepts exactly the maximum length and rejects one more")
    void lengthBound() {
        assertThat(Names.isValid("a".repeat(Names.MAX_LENGTH))).isTrue();
        assertThatThrownBy(() -> Names.require("key", "a".repeat(Names.MAX_LENGTH + 1)))
                .hasMessageContaining("251 characters long, the limit is 250");
    }

    @Test
    @DisplayName("shows control characters escaped so that messages cannot forge log lines")
    void escapesControlCharacters() {
        assertThatThrownBy(() -> Names.require("tag", "ok\r\nFAKE LOG LINE"))
                .hasMessageContaining("ok\\u000d\\u000aFAKE LOG LINE");
    }
}
