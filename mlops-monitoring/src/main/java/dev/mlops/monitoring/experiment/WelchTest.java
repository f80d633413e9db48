package dev.mlops.monitoring.experiment;

/**
 * Welch's unequal-variances t-test of treatment against control, two-sided, as
 * {@code scipy.stats.ttest_ind(treatment, control, equal_var=False)}: the statistic, the
 * Welch–Satterthwaite degrees of freedom, the p-value, and the confidence interval of the absolute
 * difference of means ({@code result.confidence_interval(1 - alpha)}).
 *
 * <p>An immutable value, safe to share between threads.
 *
 * @param statistic t = (mean_t − mean_c) / √(s²_t/n_t + s²_c/n_c)
 * @param degreesOfFreedom ν = (s²_t/n_t + s²_c/n_c)² / ((s²_t/n_t)²/(n_t − 1) + (s²_c/n_c)²/(n_c − 1))
 * @param pValue 2 · Pr(T_ν > |t|)
 * @param difference mean_t − mean_c
 * @param lower difference − t_{ν, 1−α/2} · standard error
 * @param upper difference + t_{ν, 1−α/2} · standard error
 */
public record WelchTest(double statistic, double degreesOfFreedom, double pValue, double difference,
                        double lower, double upper) {
}
