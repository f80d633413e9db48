package dev.mlops.featurestore;

import dev.mlops.core.InvalidArgumentException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What a point-in-time join reads from one feature view: which features, under which output column
 * names. Immutable and thread-safe.
 *
 * @param view the view
 * @param features feature names of the view, at least one
 * @param outputNames the output column name of each feature, same length, distinct
 */
public record ViewSelection(FeatureView view, List<String> features, List<String> outputNames) {

    public ViewSelection {
        if (view == null) {
            throw new InvalidArgumentException("view", "is null");
        }
        if (features == null || features.isEmpty() || outputNames == null || outputNames.size() != features.size()) {
            throw new InvalidArgumentException("features", "view '" + view.name()
                    + "': features and output names must be non-empty and of equal length");
        }
        for (String f : features) {
            if (view.featureIndex(f) < 0) {
                throw new InvalidArgumentException(view.name() + ":" + f, "unknown feature of view '" + view.name()
                        + "'; it has " + view.featureNames());
            }
        }
        Set<String> seen = new HashSet<>();
        for (String n : outputNames) {
            if (n == null || !seen.add(n)) {
                throw new InvalidArgumentException(String.valueOf(n), "output name is null or appears twice");
            }
        }
        features = List.copyOf(features);
        outputNames = List.copyOf(outputNames);
    }

    /** The given features, output under their bare names. */
    public static ViewSelection of(FeatureView view, String... features) {
        return new ViewSelection(view, List.of(features), List.of(features));
    }

    /** Every feature of the view, output under {@code view__feature}. */
    public static ViewSelection allFullNames(FeatureView view) {
        return new ViewSelection(view, view.featureNames(), view.featureNames().stream()
                .map(f -> new FeatureReference(view.name(), f).fullName()).toList());
    }
}
