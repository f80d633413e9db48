package dev.mlops.featurestore;

/** How retrieval names feature columns. */
public enum FeatureNaming {
    /**
     * The bare feature name, such as {@code avg_amount}; two views giving one name is an
     * {@link dev.mlops.core.InvalidArgumentException} naming both.
     */
    BARE,
    /** {@code view__feature}, such as {@code customer_stats__avg_amount}. */
    FULL
}
