package dev.mlops.monitoring.experiment;

import dev.mlops.core.InvalidArgumentException;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * Turns recorded {@link Assignment}s and one KPI value per key (revenue per user, conversions per
 * session, ...) into {@link ArmSamples}: per-arm {@link SampleSummary} inputs for {@link AbTest} and
 * the unit counts for the sample-ratio-mismatch check.
 *
 * <p>The unit is the key: a key assigned many times counts once. Shadow assignments are skipped
 * (every shadow request is the champion's). A key seen in both arms is counted apart and left out.
 * Stateless and thread-safe.
 */
public final class ExperimentKpis {

    private ExperimentKpis() {}

    /**
     * Summarises the split assignments of {@code experiment}.
     *
     * @param assignments recorded assignments (others experiments' are ignored)
     * @param kpiPerKey one finite KPI value per key
     * @param valueWhenMissing the value of an assigned key without a KPI value (0 for "no revenue"),
     *     or empty to leave such keys out
     * @throws InvalidArgumentException for null arguments or a non-finite KPI value
     */
    public static ArmSamples summarize(String experiment, Collection<Assignment> assignments,
                                       Map<String, Double> kpiPerKey, OptionalDouble valueWhenMissing) {
        if (experiment == null || assignments == null || kpiPerKey == null || valueWhenMissing == null) {
            throw new InvalidArgumentException("summarize", "experiment, assignments, kpiPerKey and valueWhenMissing"
                    + " must not be null");
        }
        if (valueWhenMissing.isPresent() && !Double.isFinite(valueWhenMissing.getAsDouble())) {
            throw new InvalidArgumentException("valueWhenMissing", "must be finite, got "
                    + valueWhenMissing.getAsDouble());
        }
        Map<String, Set<Arm>> arms = new HashMap<>();
        for (Assignment a : assignments) {
            if (a.experiment().equals(experiment) && !a.shadow()) {
                arms.computeIfAbsent(a.key(), k -> EnumSet.noneOf(Arm.class)).add(a.arm());
            }
        }
        long[] units = new long[2];
        long both = 0;
        long missing = 0;
        Map<Arm, double[]> values = new HashMap<>();
        int[] filled = new int[2];
        for (Arm arm : Arm.values()) {
            values.put(arm, new double[arms.size()]);
        }
        for (Map.Entry<String, Set<Arm>> e : arms.entrySet()) {
            if (e.getValue().size() > 1) {
                both++;
                continue;
            }
            Arm arm = e.getValue().iterator().next();
            units[arm.ordinal()]++;
            Double v = kpiPerKey.get(e.getKey());
            double value;
            if (v != null) {
                if (!Double.isFinite(v)) {
                    throw new InvalidArgumentException("kpiPerKey", "value of key " + e.getKey() + " is not finite: " + v);
                }
                value = v;
            } else if (valueWhenMissing.isPresent()) {
                value = valueWhenMissing.getAsDouble();
            } else {
                missing++;
                continue;
            }
            values.get(arm)[filled[arm.ordinal()]++] = value;
        }
        return new ArmSamples(experiment, units[Arm.CHAMPION.ordinal()], units[Arm.CHALLENGER.ordinal()], both, missing,
                summary(values.get(Arm.CHAMPION), filled[Arm.CHAMPION.ordinal()]),
                summary(values.get(Arm.CHALLENGER), filled[Arm.CHALLENGER.ordinal()]));
    }

    private static Optional<SampleSummary> summary(double[] values, int n) {
        if (n < 2) {
            return Optional.empty();
        }
        return Optional.of(SampleSummary.of(Arrays.copyOf(values, n)));
    }
}
