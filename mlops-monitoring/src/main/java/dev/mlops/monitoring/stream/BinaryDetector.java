package dev.mlops.monitoring.stream;

/**
 * A detector of a stream of outcomes where {@code 1} means an error (a wrong prediction, a failed
 * request) and {@code 0} a success; it signals when the error rate rises. Implementations are not
 * thread-safe.
 */
public interface BinaryDetector extends StreamingDetector {

    /**
     * Adds one outcome: {@code true} is an error (1), {@code false} a success (0).
     *
     * @return the state after this observation
     */
    default DetectorState update(boolean error) {
        return update(error ? 1.0 : 0.0);
    }
}
