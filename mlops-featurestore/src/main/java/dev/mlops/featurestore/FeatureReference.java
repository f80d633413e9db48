package dev.mlops.featurestore;

import dev.mlops.core.InvalidArgumentException;
import dev.mlops.core.Names;

/**
 * Names one feature of one view: {@code view:feature} in text, {@code view__feature} as a full
 * output column name.
 *
 * <p>The view is a {@link FeatureView} or an {@link OnDemandFeatureView}; the reference is resolved
 * against the registry's latest version of it. Immutable and thread-safe.
 *
 * @param view the view's name
 * @param feature the feature's name
 */
public record FeatureReference(String view, String feature) {

    /** The separator between view and feature in a full output column name. */
    public static final String FULL_NAME_SEPARATOR = "__";

    public FeatureReference {
        Names.require("feature reference view", view);
        Names.require("feature reference feature", feature);
    }

    /**
     * Parses {@code view:feature}.
     *
     * @throws InvalidArgumentException when the text is not of that form or a part is not a valid name
     */
    public static FeatureReference parse(String text) {
        if (text == null) {
            throw new InvalidArgumentException("featureReference", "is null");
        }
        int colon = text.indexOf(':');
        if (colon < 0 || colon != text.lastIndexOf(':')) {
            throw new InvalidArgumentException("featureReference", "'" + text
                    + "' is not of the form view:feature");
        }
        return new FeatureReference(text.substring(0, colon), text.substring(colon + 1));
    }

    /** The output column name when full names are asked for: {@code view__feature}. */
    public String fullName() {
        return view + FULL_NAME_SEPARATOR + feature;
    }

    /** {@code view:feature}. */
    @Override
    public String toString() {
        return view + ":" + feature;
    }
}
