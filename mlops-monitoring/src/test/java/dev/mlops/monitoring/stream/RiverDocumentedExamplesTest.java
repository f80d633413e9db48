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
 * Our detectors fire where river's docstrings say river's do, on the same streams (reproduced with
 * Python's {@code random} by {@code generate_streams.py}; sources cited in {@code river_docs.json}).
 * The comparison is what river's example loops print: every drift, and the first warning after the
 * start or after a drift.
 */
class RiverDocumentedExamplesTest {

    static Stream<Arguments> documentedCases() {
        JsonNode docs = ReferenceData.json("river_docs.json");
        List<Arguments> cases = new ArrayList<>();
        docs.properties().forEach(e -> {
            if (!e.getKey().equals("kswin_river_rng")) { // river samples with Python's RNG: see KswinTest
                cases.add(Arguments.of(e.getKey(), e.getValue()));
            }
        });
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("documentedCases")
    void detectsAtRiversDocumentedIndices(String name, JsonNode expected) {
        String kind = name.replace("_multi", "");
        StreamingDetector detector = ReferenceData.detector(kind, expected.get("params"));
        double[] stream = ReferenceData.stream(expected.get("stream").asText());

        List<Integer> drifts = new ArrayList<>();
        List<Integer> firstWarnings = new ArrayList<>();
        boolean printWarning = true;
        for (int i = 0; i < stream.length; i++) {
            DetectorState state = detector.update(stream[i]);
            if (state == DetectorState.WARNING && printWarning) {
                firstWarnings.add(i);
                printWarning = false;
            }
            if (state == DetectorState.DRIFT) {
                drifts.add(i);
                printWarning = true;
            }
        }

        assertThat(drifts).as("drifts (%s)", expected.get("source").asText())
                .isEqualTo(ReferenceData.ints(expected.get("drifts")));
        assertThat(firstWarnings).as("first warnings (%s)", expected.get("source").asText())
                .isEqualTo(ReferenceData.ints(expected.get("warnings_first_after_reset")));
    }
}
