package dev.mlops.monitoring.experiment;

import dev.mlops.core.InvalidArgumentException;
import java.util.Optional;

/**
 * The two arms of a split experiment as {@link AbTest} inputs, built by {@link ExperimentKpis}: the
 * units (distinct keys) each arm was assigned, and the per-unit KPI summary of each arm.
 *
 * <p>An immutable value, safe to share between threads.
 *
 * @param experiment the experiment's name
 * @param championUnits distinct keys assigned only to the champion
 * @param challengerUnits distinct keys assigned only to the challenger
 * @param keysInBothArms keys seen in both arms (the split changed during the experiment); left out
 *     of every other figure
 * @param unitsWithoutKpi assigned keys that had no KPI observation and were left out of the
 *     summaries (always 0 when a value for missing keys was given)
 * @param champion the champion arm's KPI summary, empty when fewer than 2 units had a value
 * @param challenger the challenger arm's KPI summary, empty when fewer than 2 units had a value
 */
public record ArmSamples(String experiment, long championUnits, long challengerUnits, long keysInBothArms,
                         long unitsWithoutKpi, Optional<SampleSummary> champion,
                         Optional<SampleSummary> challenger) {

    /**
     * Welch's t-test and the relative lift of the challenger (treatment) over the champion (control).
     *
     * @throws InvalidArgumentException when an arm has fewer than 2 units with a KPI value
     */
    public MeanComparison compareMeans(double alpha) {
        return AbTest.compareMeans(require(champion, "champion"), require(challenger, "challenger"), alpha);
    }

    /** {@link #compareMeans(double)} with 95 % intervals. */
    public MeanComparison compareMeans() {
        return compareMeans(AbTest.DEFAULT_ALPHA);
    }

    /**
     * The sample-ratio-mismatch check of the assigned units against the configured split
     * ({@link ExperimentRouter#challengerPercent()}), alarming below p = 0.001.
     *
     * @param challengerPercent the planned challenger share, strictly between 0 and 100
     */
    public SampleRatioCheck sampleRatioMismatch(double challengerPercent) {
        if (!(challengerPercent > 0 && challengerPercent < 100)) {
            throw new InvalidArgumentException("challengerPercent", "must be in (0, 100) for a ratio check, got "
                    + challengerPercent);
        }
        return AbTest.sampleRatioMismatch(new long[] {championUnits, challengerUnits},
                new double[] {100 - challengerPercent, challengerPercent});
    }

    private SampleSummary require(Optional<SampleSummary> arm, String name) {
        return arm.orElseThrow(() -> new InvalidArgumentException(name, "fewer than 2 units of experiment "
                + experiment + " have a KPI value"));
    }
}
