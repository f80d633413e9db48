package dev.mlops.featurestore;

import java.util.Map;

/**
 * The function of an {@link OnDemandFeatureView}: computes output features for one entity row from
 * request data and other views' features.
 *
 * <p>It is called once per row, online and in historical retrieval alike, from any thread; it must
 * be thread-safe and should be pure (same input, same output), or training and serving drift apart.
 */
@FunctionalInterface
public interface OnDemandTransformation {

    /**
     * Computes the outputs of one row.
     *
     * @param input request fields by name and source features by their full name
     *     ({@code view__feature}); values are canonical or null. Unmodifiable.
     * @return output values by output name; an output left out counts as null
     */
    Map<String, ?> apply(Map<String, Object> input);
}
