package dev.mlops.monitoring.experiment;

/**
 * Where an {@link ExperimentRouter} records each {@link Assignment}. {@link #inMemory()} keeps them
 * in a list for tests and small services; a host that keeps them elsewhere (its event stream, a
 * table) implements this interface.
 *
 * <p>Implementations are called on the serving thread, concurrently, so they must be thread-safe
 * and quick. An exception thrown here reaches the caller of {@link ExperimentRouter#route}.
 */
@FunctionalInterface
public interface AssignmentLog {

    /** Records one decision. */
    void record(Assignment assignment);

    /** A new, empty, thread-safe in-memory log. */
    static InMemoryAssignmentLog inMemory() {
        return new InMemoryAssignmentLog();
    }
}
