package dev.mlops.testkit.performance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mlops.monitoring.performance.GroundTruth;
import dev.mlops.monitoring.performance.Label;
import dev.mlops.monitoring.performance.LabelledPrediction;
import dev.mlops.monitoring.performance.PredictionLog;
import dev.mlops.core.InvalidArgumentException;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class InMemoryPredictionLogTest extends PredictionLogContract {

    @Override
    protected PredictionLog newLog() {
        return PredictionLog.inMemory();
    }

    @Test
    @DisplayName("a bounded in-memory log forgets the oldest predictions and labels first")
    void bounded() {
        PredictionLog small = PredictionLog.inMemory(3);
        for (int i = 0; i < 5; i++) {
            small.append(List.of(binary("p" + i, T0.plusSeconds(i), 0.5)));
            small.appendLabels(List.of(new GroundTruth("p" + i, Label.of(true), T0)));
        }
        List<LabelledPrediction> kept = scanAll(small, "fraud");
        assertThat(kept).extracting(lp -> lp.prediction().id()).containsExactly("p2", "p3", "p4");
        assertThat(kept).allSatisfy(lp -> assertThat(lp.label()).isPresent());
        assertThatThrownBy(() -> PredictionLog.inMemory(0)).isInstanceOf(InvalidArgumentException.class);
    }
}
