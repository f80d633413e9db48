package dev.mlops.monitoring.drift;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlops.core.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/**
 * The SciPy reference values of {@code reference/stats/reference_stats.json}, produced by the
 * committed {@code generate_reference.py}, and the comparison rule the tests use.
 */
final class Reference {

    /** Relative agreement required with SciPy. */
    static final double REL = 1e-9;

    private static JsonNode root;

    private Reference() {}

    static synchronized JsonNode root() {
        if (root == null) {
            root = load("/reference/stats/reference_stats.json");
        }
        return root;
    }

    /** A JSON resource of the test classpath. */
    static JsonNode load(String resource) {
        try (InputStream in = Reference.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " missing from the test classpath");
            }
            return Json.newMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The cases of one section, each as a single JUnit argument named by its "name" field. */
    static Stream<Arguments> cases(String section) {
        return named(root().get(section));
    }

    /** The elements of a JSON array, each as a single JUnit argument named by its "name" field. */
    static Stream<Arguments> named(JsonNode array) {
        List<Arguments> out = new ArrayList<>();
        for (JsonNode c : array) {
            String name = c.has("name") ? c.get("name").asText() : c.toString();
            out.add(Arguments.of(org.junit.jupiter.api.Named.of(name, c)));
        }
        return out.stream();
    }

    static double[] doubles(JsonNode array) {
        double[] out = new double[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asDouble();
        }
        return out;
    }

    static long[] longs(JsonNode array) {
        long[] out = new long[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asLong();
        }
        return out;
    }

    /**
     * Asserts agreement to {@code rel} relative, or to {@code abs} absolute for values whose
     * magnitude SciPy itself only computes to absolute accuracy (such as 1 - cdf).
     */
    static void assertClose(String what, double actual, double expected, double rel, double abs) {
        if (expected == 0 || Double.isInfinite(expected)) {
            if (abs > 0 && expected == 0) {
                assertThat(Math.abs(actual)).as(what + " (expected 0)").isLessThanOrEqualTo(abs);
            } else {
                assertThat(actual).as(what).isEqualTo(expected);
            }
            return;
        }
        double err = Math.abs(actual - expected);
        if (err <= abs) {
            return;
        }
        assertThat(err / Math.abs(expected))
                .as("%s: actual %s vs SciPy %s", what, actual, expected)
                .isLessThanOrEqualTo(rel);
    }

    /**
     * Relative 1e-9 with no absolute slack, for tails that are computed directly; where SciPy's
     * value underflowed to 0 the actual value must be below the smallest normal double.
     */
    static void assertRelative(String what, double actual, double expected) {
        assertClose(what, actual, expected, REL, expected == 0 ? Double.MIN_NORMAL : 0);
    }
}
