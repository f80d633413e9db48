package dev.mlops.featurestore.internal;

import dev.mlops.featurestore.FeatureView;

/**
 * The identity under which stores keep a view's data: its name and version. Compatible changes
 * within a version keep the identity, so data written before them stays readable. Not API.
 *
 * @param name the view's name
 * @param version the view's version
 */
public record ViewId(String name, int version) {

    /** The identity of a view. */
    public static ViewId of(FeatureView view) {
        return new ViewId(view.name(), view.version());
    }

    /** {@code name@version}. */
    @Override
    public String toString() {
        return name + "@" + version;
    }
}
