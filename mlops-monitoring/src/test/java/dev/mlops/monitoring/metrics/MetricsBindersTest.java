package dev.mlops.monitoring.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mlops.core.InvalidArgumentException;
import dev.mlops.monitoring.performance.Label;
import dev.mlops.monitoring.performance.PredictionLog;
import dev.mlops.monitoring.performance.PredictionLogger;
import dev.mlops.monitoring.performance.PredictionMonitor;
import dev.mlops.monitoring.performance.PredictionOutput;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class MetricsBindersTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @Test
    @DisplayName("per-version meters count logged and dropped predictions, latency and errors, tagged by model and version")
    void perVersion() {
        try (PredictionMonitor monitor = PredictionMonitor.builder().predictionLog(PredictionLog.inMemory()).build()) {
            PredictionLogger logger = monitor.logger("fraud", "3");
            PredictionMetrics metrics = PredictionMetrics.of(logger, Tags.of("service", "checkout"));
            metrics.recordLatency(Duration.ofMillis(1)); // before binding: recorded nowhere
            metrics.bindTo(registry);
            for (int i = 0; i < 7; i++) {
                logger.log("p" + i, Map.of(), PredictionOutput.probability(0.5));
            }
            metrics.recordLatency(Duration.ofMillis(2));
            metrics.recordLatencyNanos(4_000_000);
            assertThat(metrics.observe(() -> 42)).isEqualTo(42);
            assertThatThrownBy(() -> metrics.observe(() -> {
                throw new IllegalStateException("model crashed");
            })).isInstanceOf(IllegalStateException.class);
            metrics.recordError("timeout");

            Tags tags = Tags.of("model", "fraud", "version", "3", "service", "checkout");
            assertThat(registry.get("mlops.predictions").tags(tags).functionCounter().count()).isEqualTo(7);
            assertThat(registry.get("mlops.prediction.dropped").tags(tags).functionCounter().count()).isZero();
            Timer latency = registry.get("mlops.prediction.latency").tags(tags).timer();
            assertThat(latency.count()).isEqualTo(4);
            assertThat(latency.max(TimeUnit.MILLISECONDS)).isGreaterThanOrEqualTo(4.0);
            assertThat(registry.get("mlops.prediction.errors").tags(tags).tag("error", "IllegalStateException")
                    .counter().count()).isEqualTo(1);
            assertThat(registry.get("mlops.prediction.errors").tag("error", "timeout").counter().count()).isEqualTo(1);
            assertThatThrownBy(() -> metrics.recordError(" ")).isInstanceOf(InvalidArgumentException.class);
            assertThatThrownBy(() -> metrics.recordLatencyNanos(-1)).isInstanceOf(InvalidArgumentException.class);
        }
    }

    @Test
    @DisplayName("monitor meters follow the queue, the writes, the drops and the labels")
    void monitorWide() {
        PredictionMonitor monitor = PredictionMonitor.builder().predictionLog(PredictionLog.inMemory())
                .queueCapacity(16).flushInterval(Duration.ofMinutes(1)).build();
        PredictionMonitorMetrics.of(monitor, Tags.of("service", "checkout")).bindTo(registry);
        assertThat(registry.get("mlops.prediction.queue.capacity").gauge().value()).isEqualTo(16);
        PredictionLogger logger = monitor.logger("fraud", "3");
        logger.log("a", Map.of(), PredictionOutput.probability(0.5));
        monitor.recordLabel("a", Label.of(true));
        monitor.close();
        logger.log("after-close", Map.of(), PredictionOutput.probability(0.5));
        assertThat(registry.get("mlops.prediction.queue.depth").tag("service", "checkout").gauge().value()).isZero();
        assertThat(registry.get("mlops.prediction.queue.dropped").functionCounter().count()).isEqualTo(1);
        assertThat(registry.get("mlops.prediction.log.writes").tag("result", "written").functionCounter().count()).isEqualTo(1);
        assertThat(registry.get("mlops.prediction.log.writes").tag("result", "failed").functionCounter().count()).isZero();
        assertThat(registry.get("mlops.prediction.labels").tag("result", "written").functionCounter().count()).isEqualTo(1);
        assertThat(registry.get("mlops.prediction.listener.failures").functionCounter().count()).isZero();
    }

    @Test
    @DisplayName("serving hooks: feature lookup latency, cache hit ratio, latest drift score")
    void servingHooks() {
        ServingMetrics serving = ServingMetrics.create(Tags.of("app", "api"));
        serving.recordCacheHit("customer");
        serving.recordDriftScore("fraud", "amount", "psi", 0.05);
        serving.bindTo(registry);
        serving.recordCacheHit("customer");
        serving.recordCacheHit("customer");
        serving.recordCacheMiss("customer");
        serving.recordFeatureLookup("fraud_service", Duration.ofMillis(3));
        serving.recordDriftScore("fraud", "amount", "psi", 0.21);
        serving.recordDriftScore("fraud", "country", "chi_square", 0.5);

        assertThat(registry.get("mlops.feature.cache.requests").tags("cache", "customer", "result", "hit", "app", "api")
                .functionCounter().count()).isEqualTo(3);
        assertThat(registry.get("mlops.feature.cache.requests").tags("cache", "customer", "result", "miss")
                .functionCounter().count()).isEqualTo(1);
        assertThat(registry.get("mlops.feature.cache.hit.ratio").tag("cache", "customer").gauge().value())
                .isCloseTo(0.75, Offset.offset(1e-15));
        assertThat(serving.cacheHitRatio("customer")).isEqualTo(0.75);
        assertThat(serving.cacheHitRatio("unknown")).isNaN();
        assertThat(registry.get("mlops.feature.lookup.latency").tag("service", "fraud_service").timer().count()).isEqualTo(1);
        assertThat(registry.get("mlops.drift.score").tags("model", "fraud", "feature", "amount", "statistic", "psi")
                .gauge().value()).isEqualTo(0.21);
        assertThat(registry.get("mlops.drift.score").tag("feature", "country").gauge().value()).isEqualTo(0.5);
        assertThatThrownBy(() -> serving.recordDriftScore("fraud", "amount", "psi", Double.NaN))
                .isInstanceOf(InvalidArgumentException.class);
        assertThatThrownBy(() -> serving.recordCacheHit(""))
                .isInstanceOf(InvalidArgumentException.class);
    }
}
