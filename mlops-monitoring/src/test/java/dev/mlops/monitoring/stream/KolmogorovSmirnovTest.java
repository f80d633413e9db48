package dev.mlops.monitoring.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** The KS statistic and exact p-value against SciPy's {@code ks_2samp} ({@code ks_reference.py}). */
class KolmogorovSmirnovTest {

    private static double[] values(JsonNode array) {
        double[] out = new double[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asDouble();
        }
        return out;
    }

    @Test
    void matchesScipyKs2samp() {
        JsonNode cases = ReferenceData.json("ks_reference.json");
        assertThat(cases.size()).isGreaterThan(40);
        for (JsonNode c : cases) {
            double[] a = values(c.get("a"));
            double[] b = values(c.get("b"));
            int n = a.length;
            int h = KolmogorovSmirnov.scaledStatistic(a, b);
            assertThat((double) h / n).as("statistic, n=%d", n).isCloseTo(c.get("statistic").asDouble(), within(1e-12));
            if (c.get("kind").asText().equals("continuous")) {
                double expected = c.get("pvalue").asDouble();
                double actual = KolmogorovSmirnov.pValue(n, h);
                if (expected < 1e-300) {
                    assertThat(actual).as("p, n=%d h=%d", n, h).isLessThan(1e-300);
                } else {
                    assertThat(actual).as("p, n=%d h=%d", n, h).isCloseTo(expected, within(expected * 1e-10));
                }
            }
        }
    }

    @Test
    void pValueIsOneWithoutAGapAndFallsWithTheGap() {
        assertThat(KolmogorovSmirnov.pValue(30, 0)).isEqualTo(1.0);
        double previous = 1.0;
        for (int h = 1; h <= 30; h++) {
            double p = KolmogorovSmirnov.pValue(30, h);
            assertThat(p).isBetween(0.0, 1.0).isLessThanOrEqualTo(previous);
            previous = p;
        }
        // every one of the C(60, 30) orderings is equally likely; D = 1 for the 2 fully separated ones
        assertThat(KolmogorovSmirnov.pValue(30, 30)).isCloseTo(2 / 1.1826458156486e17, within(1e-28));
    }
}
