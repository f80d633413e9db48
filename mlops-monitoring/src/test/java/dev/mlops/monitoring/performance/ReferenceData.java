package dev.mlops.monitoring.performance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlops.monitoring.ReferenceJson;
import java.util.stream.Stream;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Named;

/**
 * {@code reference/performance/reference_performance.json}, written by the committed
 * {@code generate_reference.py} (NumPy transcriptions of scikit-learn's definitions), and the
 * tolerance the tests hold the Java metrics to.
 */
final class ReferenceData {

    /** Agreement required: 1e-12, relative for magnitudes above 1. */
    static final double TOLERANCE = 1e-12;

    private static JsonNode root;

    private ReferenceData() {}

    static synchronized JsonNode root() {
        if (root == null) {
            root = ReferenceJson.load("/reference/performance/reference_performance.json");
        }
        return root;
    }

    /** The cases of a section, named for JUnit. */
    static Stream<Named<JsonNode>> cases(String section) {
        return ReferenceJson.cases(root(), section);
    }

    static double[] doubles(JsonNode array) {
        double[] out = new double[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).doubleValue();
        }
        return out;
    }

    static boolean[] booleans(JsonNode array) {
        boolean[] out = new boolean[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).booleanValue();
        }
        return out;
    }

    static String[] strings(JsonNode array) {
        String[] out = new String[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).textValue();
        }
        return out;
    }

    /** Asserts {@code actual} matches the reference value: NaN for a JSON null, else within tolerance. */
    static void assertMatches(String what, double actual, JsonNode expected) {
        if (expected == null || expected.isNull()) {
            assertThat(actual).as(what + " (undefined in the reference)").isNaN();
            return;
        }
        double e = expected.doubleValue();
        assertThat(actual).as(what).isCloseTo(e, Offset.offset(TOLERANCE * Math.max(1, Math.abs(e))));
    }
}
