/**
 * Streaming concept-drift detectors: ADWIN, DDM, EDDM, HDDM_A, HDDM_W, Page–Hinkley and KSWIN.
 *
 * <p>Each detector consumes one value at a time through {@link
 * dev.mlops.monitoring.stream.StreamingDetector#update(double)} and answers
 * {@link dev.mlops.monitoring.stream.DetectorState#NONE NONE},
 * {@link dev.mlops.monitoring.stream.DetectorState#WARNING WARNING} or
 * {@link dev.mlops.monitoring.stream.DetectorState#DRIFT DRIFT}. The algorithms and their defaults
 * follow river (Python) and MOA; where they differ from river, the class documentation says so.
 *
 * <p>Common semantics:
 * <ul>
 *   <li>The update after one that reported {@code DRIFT} first resets the detector, so each drift
 *       starts a fresh concept (river's behaviour since 0.15).</li>
 *   <li>Detection indices are a pure function of the parameters and the stream: transcendental
 *       functions use {@link java.lang.StrictMath}, and KSWIN's sampling uses its own seeded
 *       generator, so results are the same on every JVM and platform.</li>
 *   <li>Rejected input (NaN, infinities, a non-binary value given to a binary detector) throws
 *       {@link dev.mlops.core.InvalidArgumentException} naming {@code x} and changes nothing.</li>
 *   <li>Detectors are small mutable objects and are <em>not</em> thread-safe: confine each one to a
 *       single thread, or guard it with a lock.</li>
 * </ul>
 */
package dev.mlops.monitoring.stream;
