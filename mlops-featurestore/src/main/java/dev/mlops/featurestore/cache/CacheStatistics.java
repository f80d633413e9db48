package dev.mlops.featurestore.cache;

/**
 * A snapshot of a {@link CachedOnlineStore}'s counters since it was built. Immutable.
 *
 * @param hits reads answered from the cache
 * @param misses reads that went to the delegate store
 * @param loads keys loaded from the delegate, including background refreshes
 * @param evictions entries dropped for size or expiry
 * @param invalidations entries dropped because this store wrote their key
 * @param size the approximate number of entries now
 */
public record CacheStatistics(long hits, long misses, long loads, long evictions, long invalidations, long size) {

    /** Hits over all reads; 1 when there was no read. */
    public double hitRate() {
        long requests = hits + misses;
        return requests == 0 ? 1.0 : (double) hits / requests;
    }
}
