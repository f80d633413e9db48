package dev.mlops.testkit.model;

/**
 * Entry points of the model assertions ({@link ModelAssert}): what a training pipeline checks
 * before it registers or promotes a candidate. Stateless.
 */
public final class ModelAssertions {

    private ModelAssertions() {}

    /**
     * Assertions on {@code model}; give the dataset next with {@link ModelAssert#on}. A model held as a
     * {@code Function<Map<String, Object>, Map<String, Object>>} is passed as {@code function::apply}
     * or {@link Predictor#of}.
     */
    public static ModelAssert assertThatModel(Predictor model) {
        return new ModelAssert(model);
    }
}
