/**
 * A/B test analysis in GrowthBook's frequentist manner: {@link dev.mlops.monitoring.experiment.AbTest}
 * compares means (Welch's t-test, delta-method relative lift), proportions (two-proportion z-test)
 * and checks the traffic split for a sample-ratio mismatch. Stateless and thread-safe.
 */
package dev.mlops.monitoring.experiment;
