/**
 * Serving experiments and their analysis.
 *
 * <p>{@link dev.mlops.monitoring.experiment.ExperimentRouter} splits traffic between a champion and
 * a challenger live model, sticky by key (or runs the challenger in shadow), and records every
 * {@link dev.mlops.monitoring.experiment.Assignment} in an
 * {@link dev.mlops.monitoring.experiment.AssignmentLog}.
 * {@link dev.mlops.monitoring.experiment.ExperimentKpis} joins the assignments to business KPIs per key.
 *
 * <p>{@link dev.mlops.monitoring.experiment.AbTest} analyses the result in GrowthBook's frequentist
 * manner: it compares means (Welch's t-test, delta-method relative lift), proportions (two-proportion
 * z-test) and checks the traffic split for a sample-ratio mismatch. Stateless and thread-safe.
 */
package dev.mlops.monitoring.experiment;
