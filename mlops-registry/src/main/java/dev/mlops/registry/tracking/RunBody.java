package dev.mlops.registry.tracking;

/**
 * The body of a run for {@link Tracker#run}: whatever it throws fails the run and is rethrown.
 *
 * @param <X> the checked exception the body may throw ({@link RuntimeException} when none)
 */
@FunctionalInterface
public interface RunBody<X extends Exception> {

    /** Does the run's work, logging to {@code run}. */
    void accept(ActiveRun run) throws X;
}
