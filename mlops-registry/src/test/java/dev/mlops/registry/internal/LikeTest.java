package dev.mlops.registry.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LikeTest {

    @ParameterizedTest(name = "''{0}'' LIKE ''{1}'' is {2}")
    @CsvSource(delimiter = '|', value = {
        "abc|abc|true",
        "abc|ab|false",
        "abc|a%|true",
        "abc|%c|true",
        "abc|%b%|true",
        "abc|a_c|true",
        "abc|a__c|false",
        "abc|%|true",
        "''|%|true",
        "''|_|false",
        "aXbXc|a%b%c|true",
        "aXbXd|a%b%c|false",
        "mississippi|%iss%ppi|true",
        "mississippi|m%ss%i|true",
        "50%|50\\%|true",
        "500|50\\%|false",
        "a_b|a\\_b|true",
        "axb|a\\_b|false",
        "a\\b|a\\\\b|true",
        "ABC|abc|false",
    })
    void matches_like_sql(String value, String pattern, boolean expected) {
        assertThat(Like.matches(pattern, value, false)).isEqualTo(expected);
    }

    @Test
    void ilike_ignores_case() {
        assertThat(Like.matches("risk%", "RISK-ops", true)).isTrue();
        assertThat(Like.matches("risk%", "RISK-ops", false)).isFalse();
    }

    @Test
    void many_wildcards_on_a_long_value_do_not_backtrack_exponentially() {
        // a naive recursive matcher would not return from this; one backtrack point keeps it O(n * m)
        assertThat(Like.matches("%a%a%a%a%a%a%a%a%b", "a".repeat(20_000), false)).isFalse();
        assertThat(Like.matches("%a%a%a%a%a%a%a%a%b", "a".repeat(20_000) + "b", false)).isTrue();
    }
}
