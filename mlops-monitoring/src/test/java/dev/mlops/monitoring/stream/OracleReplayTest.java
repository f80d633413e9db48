package dev.mlops.monitoring.stream;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every warning and drift index matches the independent Python oracle ({@code oracle.py}, which
 * first checks itself against river's documented examples) on streams of several shapes and with
 * non-default parameters.
 */
class OracleReplayTest {

    static Stream<Arguments> oracleCases() {
        JsonNode cases = ReferenceData.json("oracle_expected.json");
        List<Arguments> out = new ArrayList<>();
        cases.properties().forEach(e -> out.add(Arguments.of(e.getKey(), e.getValue())));
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("oracleCases")
    void matchesOracleAtEveryIndex(String name, JsonNode expected) {
        StreamingDetector detector =
                ReferenceData.detector(expected.get("detector").asText(), expected.get("params"));
        double[] stream = ReferenceData.stream(expected.get("stream").asText());

        List<List<Integer>> events = ReferenceData.run(detector, stream);

        assertThat(events.get(1)).as("drift indices").isEqualTo(ReferenceData.ints(expected.get("drifts")));
        assertThat(events.get(0)).as("warning indices").isEqualTo(ReferenceData.ints(expected.get("warnings")));
    }
}
