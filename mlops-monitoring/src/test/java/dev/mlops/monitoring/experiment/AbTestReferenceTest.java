package dev.mlops.monitoring.experiment;

import dev.mlops.monitoring.internal.stats.StudentT;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlops.monitoring.ReferenceJson;
import java.util.Optional;
import java.util.stream.Stream;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A/B statistics against {@code reference/experiment/reference_experiment.json}, written by the
 * committed {@code generate_reference.py} from SciPy (and GrowthBook's formulas), to 1e-12 relative (the
 * requirement is 1e-9; the tighter bound guards the large-ν accuracy of the t distribution).
 */
class AbTestReferenceTest {

    private static final double REL = 1e-12;
    private static JsonNode root;

    static synchronized JsonNode root() {
        if (root == null) {
            root = ReferenceJson.load("/reference/experiment/reference_experiment.json");
        }
        return root;
    }

    static Stream<Named<JsonNode>> cases(String section) {
        return ReferenceJson.cases(root(), section);
    }

    static Stream<Named<JsonNode>> means() {
        return cases("means");
    }

    static Stream<Named<JsonNode>> proportions() {
        return cases("proportions");
    }

    static Stream<Named<JsonNode>> srm() {
        return cases("srm");
    }

    private static void close(String what, double actual, JsonNode expected) {
        double e = expected.doubleValue();
        assertThat(actual).as(what).isCloseTo(e, Offset.offset(REL * Math.max(Math.abs(e), 1e-300)));
    }

    private static SampleSummary summary(JsonNode triple) {
        return new SampleSummary(triple.get(0).longValue(), triple.get(1).doubleValue(), triple.get(2).doubleValue());
    }

    private static double[] values(JsonNode array) {
        double[] out = new double[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).doubleValue();
        }
        return out;
    }

    private static void assertLift(Optional<RelativeLift> lift, JsonNode expected) {
        if (expected.isNull()) {
            assertThat(lift).isEmpty();
            return;
        }
        RelativeLift l = lift.orElseThrow();
        close("lift estimate", l.estimate(), expected.get("estimate"));
        close("lift standard error", l.standardError(), expected.get("standard_error"));
        close("lift df", l.degreesOfFreedom(), expected.get("df"));
        close("lift lower", l.lower(), expected.get("lower"));
        close("lift upper", l.upper(), expected.get("upper"));
        close("lift p-value", l.pValue(), expected.get("p_value"));
    }

    @ParameterizedTest
    @MethodSource("means")
    @DisplayName("Welch's t-test matches scipy.stats.ttest_ind(equal_var=False) and the lift GrowthBook's delta method")
    void compareMeans(JsonNode c) {
        double alpha = c.get("alpha").doubleValue();
        SampleSummary control;
        SampleSummary treatment;
        if (c.has("control")) {
            control = SampleSummary.of(values(c.get("control")));
            treatment = SampleSummary.of(values(c.get("treatment")));
            close("control mean", control.mean(), c.get("summary").get("control").get(1));
            close("control variance", control.variance(), c.get("summary").get("control").get(2));
        } else {
            control = summary(c.get("summary").get("control"));
            treatment = summary(c.get("summary").get("treatment"));
        }
        MeanComparison result = AbTest.compareMeans(control, treatment, alpha);
        JsonNode w = c.get("welch");
        close("statistic", result.welch().statistic(), w.get("statistic"));
        close("p-value", result.welch().pValue(), w.get("p_value"));
        close("df", result.welch().degreesOfFreedom(), w.get("df"));
        close("difference", result.welch().difference(), w.get("difference"));
        close("lower", result.welch().lower(), w.get("lower"));
        close("upper", result.welch().upper(), w.get("upper"));
        assertLift(result.lift(), c.get("lift"));
    }

    @ParameterizedTest
    @MethodSource("proportions")
    @DisplayName("proportions: the pooled z-test and the lift of the rates")
    void compareProportions(JsonNode c) {
        JsonNode n = c.get("counts");
        ProportionComparison result = AbTest.compareProportions(n.get(0).longValue(), n.get(1).longValue(),
                n.get(2).longValue(), n.get(3).longValue(), c.get("alpha").doubleValue());
        assertThat(result.zTest().statistic()).isCloseTo(c.get("z").doubleValue(), Offset.offset(1e-12));
        close("z p-value", result.zTest().pValue(), c.get("z_p_value"));
        assertLift(result.lift(), c.get("lift"));
    }

    @ParameterizedTest
    @MethodSource("srm")
    @DisplayName("sample-ratio mismatch matches scipy.stats.chisquare and alarms below p = 0.001")
    void sampleRatio(JsonNode c) {
        long[] observed = new long[c.get("observed").size()];
        for (int i = 0; i < observed.length; i++) {
            observed[i] = c.get("observed").get(i).longValue();
        }
        SampleRatioCheck check = AbTest.sampleRatioMismatch(observed, values(c.get("shares")));
        close("statistic", check.chiSquare().statistic(), c.get("statistic"));
        close("p-value", check.chiSquare().pValue(), c.get("p_value"));
        assertThat(check.mismatch()).isEqualTo(c.get("mismatch").booleanValue());
        assertThat(check.expectedShares().stream().mapToDouble(Double::doubleValue).sum()).isCloseTo(1.0, Offset.offset(1e-15));
    }

    @Test
    @DisplayName("the t distribution's survival function and inverse match SciPy")
    void studentT() {
        for (JsonNode r : root().get("student_t").get("sf")) {
            close("sf(" + r.get("t") + ", " + r.get("df") + ")",
                    StudentT.sf(r.get("t").doubleValue(), r.get("df").doubleValue()), r.get("sf"));
        }
        for (JsonNode r : root().get("student_t").get("isf")) {
            close("isf(" + r.get("q") + ", " + r.get("df") + ")",
                    StudentT.isf(r.get("q").doubleValue(), r.get("df").doubleValue()), r.get("isf"));
        }
    }
}
