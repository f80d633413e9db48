package dev.mlops.featurestore;

/**
 * The status of one value returned by {@link FeatureStore#getOnlineFeatures}.
 *
 * <p>Precedence: a key without a stored row is {@link #NOT_FOUND}; a stored row older than the
 * view's TTL relative to the store's clock is {@link #OUTSIDE_MAX_AGE} (its value is still
 * returned); otherwise {@link #NULL_VALUE} or {@link #PRESENT}. On-demand outputs are
 * {@link #PRESENT} or {@link #NULL_VALUE}.
 */
public enum FeatureStatus {
    /** A value is stored and fresh. */
    PRESENT,
    /** The row is stored and fresh, and this feature is null in it. */
    NULL_VALUE,
    /** Nothing is stored for the entity; the value is null. */
    NOT_FOUND,
    /** The stored row's event time is more than the view's TTL before now; the value is returned anyway. */
    OUTSIDE_MAX_AGE
}
