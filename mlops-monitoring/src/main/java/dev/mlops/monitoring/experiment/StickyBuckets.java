package dev.mlops.monitoring.experiment;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Stable bucketing of keys into {@link #BUCKETS} buckets: the first 8 bytes of
 * {@code SHA-256(UTF-8(salt) || 0x00 || UTF-8(key))}, read big-endian as an unsigned 64-bit integer,
 * modulo 10 000. The same salt and key give the same bucket on every JVM and every run; the modulo
 * bias (2^64 mod 10^4 over 2^64) is below 10^-15. A key is in the challenger arm when its bucket is
 * below the challenger's share in basis points, so raising the share only moves keys from the
 * champion to the challenger. Stateless and thread-safe.
 */
final class StickyBuckets {

    /** 0.01 % resolution. */
    static final int BUCKETS = 10_000;

    private StickyBuckets() {}

    static int bucket(String salt, String key) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
        sha.update(salt.getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0);
        byte[] d = sha.digest(key.getBytes(StandardCharsets.UTF_8));
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (d[i] & 0xFF);
        }
        return (int) Long.remainderUnsigned(v, BUCKETS);
    }
}
