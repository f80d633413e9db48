package dev.mlops.testkit.model;

import java.util.Map;
import java.util.function.Function;

/**
 * The model under test, as the assertions of {@link ModelAssertions} see it: one input row (values
 * by input name) in, one output row (values by output name) out. Wrap whatever the pipeline trained
 * ({@code row -> Map.of("score", booster.predict(toArray(row)))}).
 *
 * <p>Must be deterministic over one assertion chain: each row is predicted once and the result is
 * reused by every assertion of the chain. Called on the test's thread only.
 */
@FunctionalInterface
public interface Predictor {

    /** The output row for {@code input}; never null. */
    Map<String, Object> predict(Map<String, Object> input);

    /** A predictor from a plain function. */
    static Predictor of(Function<? super Map<String, Object>, ? extends Map<String, Object>> function) {
        if (function == null) {
            throw new NullPointerException("function");
        }
        return function::apply;
    }
}
