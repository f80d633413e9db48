package dev.mlops.registry.tracking;

/**
 * The body of a run that computes a result, for {@link Tracker#call}: whatever it throws fails the run
 * and is rethrown.
 *
 * @param <T> the result
 * @param <X> the checked exception the body may throw ({@link RuntimeException} when none)
 */
@FunctionalInterface
public interface RunFunction<T, X extends Exception> {

    /** Does the run's work, logging to {@code run}, and returns its result. */
    T apply(ActiveRun run) throws X;
}
