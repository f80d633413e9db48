/**
 * Data profiles and data validation: whylogs-style mergeable profiles and TFDV-style expectations.
 *
 * <ul>
 *   <li>{@link dev.mlops.monitoring.profile.Profiler} builds a
 *       {@link dev.mlops.monitoring.profile.DatasetProfile} from {@code Map} rows,
 *       {@link dev.mlops.monitoring.profile.ColumnBatch}es of primitive arrays, or Arrow batches, from
 *       any number of threads; {@link dev.mlops.monitoring.profile.WindowedProfiler} does the same per
 *       tumbling event-time window.</li>
 *   <li>A {@link dev.mlops.monitoring.profile.ColumnProfile} holds exact counts (rows, nulls, NaN,
 *       ±∞), min, max, mean and variance (Chan et al.), a KLL quantile sketch, an HLL distinct-count
 *       sketch and, for strings, a frequent-items sketch (Apache DataSketches 6.2.0).</li>
 *   <li>Profiles merge (across threads, windows and machines), serialize to versioned, checksummed
 *       bytes and summarize as JSON, and are deterministic: the same rows in the same order give the
 *       same bytes.</li>
 *   <li>{@link dev.mlops.monitoring.profile.Expectations} are inferred from a reference profile and
 *       check new batches, reporting {@link dev.mlops.monitoring.profile.Anomaly anomalies} of TFDV's
 *       kinds in a {@link dev.mlops.monitoring.profile.ValidationReport}.</li>
 * </ul>
 *
 * <p>Bad input throws {@link dev.mlops.core.InvalidArgumentException} naming the column or parameter
 * and changes nothing. Arrow ({@code org.apache.arrow:arrow-vector}) is an optional dependency, needed
 * only to profile {@code VectorSchemaRoot}s.
 */
package dev.mlops.monitoring.profile;
