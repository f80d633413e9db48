package dev.mlops.registry.tracking;

/**
 * The size limits of tracking data, kept from MLflow so that data logged here can move to MLflow and
 * back. Every {@link TrackingStore} enforces them through the value types ({@link Metric},
 * {@link Param}, {@link Tag}) and {@link #checkBatch}.
 */
public final class TrackingLimits {

    /** The longest metric, param or tag key (also {@link dev.mlops.core.Names#MAX_LENGTH}). */
    public static final int MAX_KEY_LENGTH = 250;
    /** The longest param value. */
    public static final int MAX_PARAM_VALUE_LENGTH = 6000;
    /** The longest tag value. */
    public static final int MAX_TAG_VALUE_LENGTH = 5000;
    /** The most metrics in one batch. */
    public static final int MAX_BATCH_METRICS = 1000;
    /** The most params in one batch. */
    public static final int MAX_BATCH_PARAMS = 100;
    /** The most tags in one batch. */
    public static final int MAX_BATCH_TAGS = 100;
    /** The most metrics, params and tags together in one batch. */
    public static final int MAX_BATCH_TOTAL = 1000;
    /** The most results one search page returns (MLflow's threshold). */
    public static final int MAX_SEARCH_RESULTS = 50_000;
    /** The page size used when none is given. */
    public static final int DEFAULT_SEARCH_RESULTS = 1000;

    private TrackingLimits() {}

    /**
     * Checks the sizes of one batch.
     *
     * @throws dev.mlops.core.InvalidArgumentException naming the list that is too long
     */
    public static void checkBatch(int metrics, int params, int tags) {
        check("metrics", metrics, MAX_BATCH_METRICS);
        check("params", params, MAX_BATCH_PARAMS);
        check("tags", tags, MAX_BATCH_TAGS);
        check("batch", metrics + params + tags, MAX_BATCH_TOTAL);
    }

    private static void check(String what, int n, int limit) {
        if (n > limit) {
            throw new dev.mlops.core.InvalidArgumentException(what, "a batch holds at most " + limit
                    + " entries, got " + n);
        }
    }
}
