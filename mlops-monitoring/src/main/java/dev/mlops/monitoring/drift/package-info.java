/**
 * Data drift between a reference and a current dataset.
 *
 * <p>{@link dev.mlops.monitoring.drift.DriftDetector} compares two
 * {@link dev.mlops.monitoring.drift.Dataset}s column by column, choosing a test per column by
 * Evidently's rule (or as configured), and returns a {@link dev.mlops.monitoring.drift.DriftReport}
 * with per-column results, effect sizes and chart data, as JSON or as a self-contained HTML page.
 * It also compares two stored {@link dev.mlops.monitoring.profile.DatasetProfile}s, from their
 * sketches and exact counts, into the same report with a per-column error bound. Column types here
 * are {@link dev.mlops.monitoring.drift.DriftColumnType} (numeric or categorical), not the
 * profile package's {@code ColumnKind}.
 *
 * <p>The statistics underneath are two-sample hypothesis tests ({@link
 * dev.mlops.monitoring.drift.HypothesisTests}, returning {@link dev.mlops.monitoring.drift.TestResult})
 * and distances ({@link dev.mlops.monitoring.drift.Distances}), each matching the SciPy function it
 * names to about 1e-9. Everything here is immutable or stateless and thread-safe; implementation
 * classes are package-private.
 */
package dev.mlops.monitoring.drift;
