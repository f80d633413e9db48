package dev.mlops.monitoring.profile;

import dev.mlops.core.InvalidArgumentException;

/**
 * Sketch sizes of a profile. Profiles merge only with profiles of the same configuration, and the
 * configuration is part of the serialized profile. Immutable and thread-safe.
 *
 * @param kllK the KLL quantile sketch's k, in [8, 65535]; default 200 (normalized rank error about
 *     1.3 % at 99 % confidence, DataSketches' figure)
 * @param hllLgK log2 of the HyperLogLog sketch's register count, in [4, 21]; default 12 (relative
 *     standard error about 1.6 %)
 * @param frequentItemsLgMaxMapSize log2 of the frequent-items sketch's map size, in [3, 20];
 *     default 10, which keeps exact counts for up to 768 distinct values per column
 */
public record ProfileConfig(int kllK, int hllLgK, int frequentItemsLgMaxMapSize) {

    /** The defaults: k = 200, lgK = 12, frequent items map 2^10. */
    public static final ProfileConfig DEFAULTS = new ProfileConfig(200, 12, 10);

    public ProfileConfig {
        check("kllK", kllK, 8, 65_535);
        check("hllLgK", hllLgK, 4, 21);
        check("frequentItemsLgMaxMapSize", frequentItemsLgMaxMapSize, 3, 20);
    }

    /** The defaults. */
    public static ProfileConfig defaults() {
        return DEFAULTS;
    }

    /** This configuration with another KLL k. */
    public ProfileConfig withKllK(int k) {
        return new ProfileConfig(k, hllLgK, frequentItemsLgMaxMapSize);
    }

    /** This configuration with another HLL lgK. */
    public ProfileConfig withHllLgK(int lgK) {
        return new ProfileConfig(kllK, lgK, frequentItemsLgMaxMapSize);
    }

    /** This configuration with another frequent-items map size (log2). */
    public ProfileConfig withFrequentItemsLgMaxMapSize(int lg) {
        return new ProfileConfig(kllK, hllLgK, lg);
    }

    /** The frequent-items sketch's map size. */
    public int frequentItemsMaxMapSize() {
        return 1 << frequentItemsLgMaxMapSize;
    }

    private static void check(String field, int value, int min, int max) {
        if (value < min || value > max) {
            throw new InvalidArgumentException(field, "must be in [" + min + ", " + max + "], was " + value);
        }
    }
}
