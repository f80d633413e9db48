package dev.mlops.monitoring.performance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mlops.core.Field;
import dev.mlops.core.InvalidArgumentException;
import dev.mlops.core.Schema;
import dev.mlops.core.ValueType;
import dev.mlops.monitoring.profile.WindowProfile;
import dev.mlops.monitoring.profile.WindowedProfiler;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ProfilingListenerTest {

    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    static final Schema SCHEMA = Schema.of(Field.of("amount", ValueType.FLOAT64), Field.of("country", ValueType.STRING),
            Field.required("prediction_time", ValueType.TIMESTAMP));

    @Test
    @DisplayName("logged predictions land in the profile window of their prediction time, schema features only")
    void feedsWindows() throws Exception {
        WindowedProfiler windows = WindowedProfiler.builder(SCHEMA, "prediction_time", Duration.ofHours(1))
                .origin(T0).build();
        MutableClock clock = new MutableClock(T0.plusSeconds(60));
        try (PredictionMonitor monitor = PredictionMonitor.builder().predictionLog(PredictionLog.inMemory())
                .clock(clock).listener(ProfilingListener.of(windows, "prediction_time")).build()) {
            PredictionLogger logger = monitor.logger("fraud", "1");
            for (int i = 0; i < 10; i++) {
                logger.log("a" + i, Map.of("amount", 10.0 + i, "country", "DE", "not_profiled", 1), PredictionOutput.probability(0.2));
            }
            assertThat(monitor.flush(Duration.ofSeconds(30))).isTrue();
            clock.set(T0.plus(Duration.ofMinutes(90)));
            logger.log("b", Map.of("amount", 99.0, "country", "FR"), PredictionOutput.probability(0.9));
            assertThat(monitor.flush(Duration.ofSeconds(30))).isTrue();
        }
        windows.flush();
        List<WindowProfile> closed = windows.closedWindows();
        assertThat(closed).extracting(WindowProfile::start).contains(T0, T0.plus(Duration.ofHours(1)));
        WindowProfile first = closed.stream().filter(w -> w.start().equals(T0) && !w.late()).findFirst().orElseThrow();
        assertThat(first.profile().rowCount()).isEqualTo(10);
        assertThat(first.profile().column("not_profiled")).isEmpty();
        assertThat(first.profile().column("amount").orElseThrow().toString()).isNotEmpty();
    }

    @Test
    @DisplayName("the event-time column must be a timestamp column of the profiler's schema")
    void validation() {
        WindowedProfiler windows = WindowedProfiler.builder(SCHEMA, "prediction_time", Duration.ofHours(1)).build();
        assertThatThrownBy(() -> ProfilingListener.of(windows, "when")).isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("'when' is not a column");
        assertThatThrownBy(() -> ProfilingListener.of(windows, "amount")).hasMessageContaining("not timestamp");
        assertThatThrownBy(() -> ProfilingListener.of(null, "prediction_time")).hasMessageContaining("profiler");
    }
}
