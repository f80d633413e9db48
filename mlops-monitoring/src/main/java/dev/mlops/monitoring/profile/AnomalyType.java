package dev.mlops.monitoring.profile;

/**
 * The kinds of anomaly {@link Expectations#validate} reports, after TensorFlow Data Validation's
 * (TFDV's name in parentheses where it has one). Immutable.
 */
public enum AnomalyType {
    /** An expected column is not in the batch (SCHEMA_MISSING_COLUMN). */
    MISSING_COLUMN("SCHEMA_MISSING_COLUMN"),
    /** The batch has a column the expectations do not know (SCHEMA_NEW_COLUMN). */
    NEW_COLUMN("SCHEMA_NEW_COLUMN"),
    /** The column's value type differs from the expected one (TFDV reports this per type pair). */
    TYPE_MISMATCH(""),
    /** A column that must have values has none in the batch (FEATURE_TYPE_NOT_PRESENT). */
    NOT_PRESENT("FEATURE_TYPE_NOT_PRESENT"),
    /** Fewer rows have a value than the expected fraction (FEATURE_TYPE_LOW_FRACTION_PRESENT). */
    LOW_PRESENCE("FEATURE_TYPE_LOW_FRACTION_PRESENT"),
    /** NaN where the reference had none (FLOAT_TYPE_HAS_NAN). */
    NAN_PRESENT("FLOAT_TYPE_HAS_NAN"),
    /** +∞ or −∞ where the reference had none (FLOAT_TYPE_HAS_INF). */
    INF_PRESENT("FLOAT_TYPE_HAS_INF"),
    /** Values below the expected minimum or above the expected maximum ({INT,FLOAT}_TYPE_{SMALL,BIG}_*). */
    VALUE_OUT_OF_RANGE("INT_TYPE_SMALL_INT/INT_TYPE_BIG_INT/FLOAT_TYPE_SMALL_FLOAT/FLOAT_TYPE_BIG_FLOAT"),
    /** Categories outside the expected domain (ENUM_TYPE_UNEXPECTED_STRING_VALUES). */
    UNEXPECTED_CATEGORY("ENUM_TYPE_UNEXPECTED_STRING_VALUES");

    private final String tfdv;

    AnomalyType(String tfdv) {
        this.tfdv = tfdv;
    }

    /** TFDV's name for this kind, empty when TFDV has no single name for it. */
    public String tfdvName() {
        return tfdv;
    }
}
