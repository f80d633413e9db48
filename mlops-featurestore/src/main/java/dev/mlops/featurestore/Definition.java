package dev.mlops.featurestore;

/**
 * Something a {@link FeatureRegistry} holds: an {@link Entity}, a {@link FeatureView}, an
 * {@link OnDemandFeatureView} or a {@link FeatureService}.
 *
 * <p>Definitions are immutable values and thread-safe. Applying the same definition twice is a
 * no-op; see {@link FeatureRegistry#apply} for which changes are accepted.
 */
public sealed interface Definition permits Entity, FeatureView, OnDemandFeatureView, FeatureService {

    /** The definition's name, unique within its kind (views and on-demand views share one namespace). */
    String name();

    /** What kind of definition this is, for messages: {@code "entity"}, {@code "feature view"}, ... */
    String kind();
}
