package dev.mlops.monitoring.experiment;

/**
 * The relative lift of treatment over control, (mean_t − mean_c) / mean_c, with its delta-method
 * standard error, confidence interval and p-value, as GrowthBook's frequentist engine computes them
 * ({@code gbstats.frequentist.tests.TwoSidedTTest}):
 * <pre>
 * var = s²_t / (mean_c² n_t) + s²_c mean_t² / (mean_c⁴ n_c)      (delta method for a ratio of means)
 * ν   = Welch–Satterthwaite degrees of freedom of the two arms
 * CI  = lift ± t_{ν, 1−α/2} √var,   p = 2 · Pr(T_ν > |lift| / √var)
 * </pre>
 *
 * <p>An immutable value, safe to share between threads.
 *
 * @param estimate the relative lift (0.05 means +5 %)
 * @param standardError √var
 * @param degreesOfFreedom ν
 * @param lower the interval's lower end
 * @param upper the interval's upper end
 * @param pValue the two-sided p-value of "no relative change"
 */
public record RelativeLift(double estimate, double standardError, double degreesOfFreedom, double lower,
                           double upper, double pValue) {
}
