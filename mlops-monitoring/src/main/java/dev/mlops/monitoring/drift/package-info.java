/**
 * Two-sample statistics for drift detection: hypothesis tests ({@link
 * dev.mlops.monitoring.drift.HypothesisTests}, returning {@link dev.mlops.monitoring.drift.TestResult})
 * and distances ({@link dev.mlops.monitoring.drift.Distances}), each matching the SciPy function it
 * names to about 1e-9. Everything here is stateless and thread-safe; implementation classes are
 * package-private.
 */
package dev.mlops.monitoring.drift;
