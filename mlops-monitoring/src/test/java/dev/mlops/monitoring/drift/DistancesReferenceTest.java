package dev.mlops.monitoring.drift;

import static dev.mlops.monitoring.drift.Reference.REL;
import static dev.mlops.monitoring.drift.Reference.assertClose;
import static dev.mlops.monitoring.drift.Reference.doubles;
import static dev.mlops.monitoring.drift.Reference.longs;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every distance against the SciPy/NumPy values in reference_stats.json. */
class DistancesReferenceTest {

    static Stream<Arguments> numeric() {
        return Reference.cases("numeric_distances");
    }

    static Stream<Arguments> categorical() {
        return Reference.cases("categorical_distances");
    }

    private static void check(String what, double actual, JsonNode c, String field) {
        assertClose(what, actual, c.get(field).asDouble(), REL, 1e-15);
    }

    @ParameterizedTest
    @MethodSource("numeric")
    void numericDistancesMatchScipy(JsonNode c) {
        double[] u = doubles(c.get("reference"));
        double[] v = doubles(c.get("current"));
        check("wasserstein_distance", Distances.wasserstein(u, v), c, "wasserstein");
        check("normed wasserstein", Distances.wassersteinNormed(u, v), c, "wasserstein_normed");
        check("energy_distance", Distances.energy(u, v), c, "energy");
    }

    @ParameterizedTest
    @MethodSource("categorical")
    void categoricalDistancesMatchScipy(JsonNode c) {
        long[] p = longs(c.get("reference"));
        long[] q = longs(c.get("current"));
        check("jensenshannon", Distances.jensenShannon(p, q), c, "jensen_shannon");
        check("jensenshannon base 2", Distances.jensenShannon(p, q, 2), c, "jensen_shannon_base2");
        check("entropy (KL)", Distances.klDivergence(p, q), c, "kl_divergence");
        check("psi", Distances.psi(p, q), c, "psi");
        check("hellinger", Distances.hellinger(p, q), c, "hellinger");
        check("l-infinity", Distances.lInfinity(p, q), c, "l_infinity");
    }
}
