package dev.mlops.featurestore;

/** Where {@link FeatureStore#push} writes a batch. */
public enum PushMode {
    /** The online store only: serving sees the rows at once; training data does not. */
    ONLINE,
    /** The offline store only: history for training and later materialization. */
    OFFLINE,
    /** Both stores, online first. */
    ONLINE_AND_OFFLINE;

    boolean online() {
        return this != OFFLINE;
    }

    boolean offline() {
        return this != ONLINE;
    }
}
