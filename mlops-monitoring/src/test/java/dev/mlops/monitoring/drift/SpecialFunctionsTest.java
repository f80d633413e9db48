package dev.mlops.monitoring.drift;

import static dev.mlops.monitoring.drift.Reference.assertClose;
import static dev.mlops.monitoring.drift.Reference.assertRelative;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlops.monitoring.internal.stats.Special;
import org.junit.jupiter.api.Test;

/** The special functions and KS distributions against SciPy's values on grids. */
class SpecialFunctionsTest {

    private static JsonNode special(String name) {
        return Reference.root().get("special").get(name);
    }

    @Test
    void chiSquareSurvivalMatchesChdtrcIncludingFarTail() {
        int checked = 0;
        for (JsonNode c : special("chi_square_sf")) {
            double df = c.get("df").asDouble();
            double x = c.get("x").asDouble();
            double expected = c.get("sf").asDouble();
            double actual = Special.chiSquareSf(x, df);
            assertRelative("chdtrc(" + df + ", " + x + ")", actual, expected);
            checked++;
        }
        assertThat(checked).isGreaterThan(200);
    }

    @Test
    void normalCdfMatchesNdtrDeepIntoTheLowerTail() {
        for (JsonNode c : special("normal_cdf")) {
            double z = c.get("z").asDouble();
            assertRelative("ndtr(" + z + ")", Special.normalCdf(z), c.get("cdf").asDouble());
            assertRelative("ndtr(-z) as sf", Special.normalSf(-z), c.get("cdf").asDouble());
        }
    }

    @Test
    void lgammaMatchesGammaln() {
        for (JsonNode c : special("lgamma")) {
            double x = c.get("x").asDouble();
            assertClose("gammaln(" + x + ")", Special.lgamma(x), c.get("value").asDouble(), Reference.REL, 1e-14);
        }
    }

    @Test
    void limitingKolmogorovSurvivalMatchesKolmogorov() {
        for (JsonNode c : special("kolmogorov_sf")) {
            double x = c.get("x").asDouble();
            assertRelative("kolmogorov(" + x + ")", Special.kolmogorovSf(x), c.get("sf").asDouble());
        }
    }

    @Test
    void scaledBesselKMatchesKve() {
        for (JsonNode c : special("bessel_k_scaled")) {
            double x = c.get("x").asDouble();
            assertRelative("kve(0.25, " + x + ")", Special.besselKScaled(c.get("nu").asDouble(), x),
                    c.get("value").asDouble());
        }
    }

    @Test
    void smirnovSurvivalMatchesSmirnov() {
        for (JsonNode c : special("smirnov_sf")) {
            int n = c.get("n").asInt();
            double x = c.get("x").asDouble();
            double expected = c.get("sf").asDouble();
            assertClose("smirnov(" + n + ", " + x + ")", Kolmogorov.smirnovSf(n, x), expected, Reference.REL, 0);
        }
    }

    @Test
    void finiteSampleKolmogorovSurvivalMatchesKstwoInEveryRegime() {
        for (JsonNode c : special("kstwo_sf")) {
            int n = c.get("n").asInt();
            double x = c.get("x").asDouble();
            double expected = c.get("sf").asDouble();
            // where SciPy computes the SF as 1 - CDF it is itself only absolutely accurate
            assertClose("kstwo.sf(" + x + ", " + n + ")", Kolmogorov.kstwoSf(n, x), expected, Reference.REL, 1e-15);
        }
    }

    @Test
    void exactTwoSampleProbabilitiesMatchScipysLatticeCounts() {
        for (JsonNode c : special("prob_outside_square")) {
            int n = c.get("n").asInt();
            int h = c.get("h").asInt();
            assertRelative("_compute_prob_outside_square(" + n + ", " + h + ")",
                    Kolmogorov.probOutsideSquare(n, h), c.get("p").asDouble());
        }
        for (JsonNode c : special("outer_prob_inside")) {
            long m = c.get("m").asLong();
            long n = c.get("n").asLong();
            long g = c.get("g").asLong();
            long h = c.get("h").asLong();
            assertClose("_compute_outer_prob_inside_method(" + m + ", " + n + ", " + g + ", " + h + ")",
                    Kolmogorov.outerProbInside(m, n, g, h), c.get("p").asDouble(), Reference.REL, 1e-15);
        }
    }
}
