package dev.mlops.registry.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class MetricTest {

    private static final Instant T = Instant.parse("2024-03-01T10:00:00Z");

    private static Metric at(double value, long seconds, long step) {
        return new Metric("m", value, T.plusSeconds(seconds), step);
    }

    @Test
    void a_larger_step_wins_before_a_later_timestamp_or_a_larger_value() {
        assertThat(at(0, 0, 2).compareRecency(at(9, 9, 1))).isPositive();
        assertThat(at(9, 9, 1).compareRecency(at(0, 0, 2))).isNegative();
    }

    @Test
    void at_the_same_step_a_later_timestamp_wins_before_a_larger_value() {
        assertThat(at(0, 2, 1).compareRecency(at(9, 1, 1))).isPositive();
        assertThat(at(9, 1, 1).compareRecency(at(0, 2, 1))).isNegative();
    }

    @Test
    void at_the_same_step_and_time_the_larger_value_wins_with_nan_counting_as_zero() {
        assertThat(at(0.5, 1, 1).compareRecency(at(0.25, 1, 1))).isPositive();
        assertThat(at(Double.NaN, 1, 1).compareRecency(at(0.0, 1, 1))).isZero();
        assertThat(at(Double.NaN, 1, 1).compareRecency(at(-0.5, 1, 1))).isPositive();
        assertThat(at(Double.NaN, 1, 1).compareRecency(at(0.5, 1, 1))).isNegative();
        assertThat(at(Double.NaN, 1, 1).compareRecency(at(Double.NaN, 1, 1))).isZero();
        assertThat(at(-0.0, 1, 1).compareRecency(at(0.0, 1, 1))).isZero();
        assertThat(at(Double.POSITIVE_INFINITY, 1, 1).compareRecency(at(Double.MAX_VALUE, 1, 1))).isPositive();
        assertThat(at(Double.NEGATIVE_INFINITY, 1, 1).compareRecency(at(-Double.MAX_VALUE, 1, 1))).isNegative();
    }
}
