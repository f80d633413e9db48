package dev.mlops.featurestore.cache;

import com.github.benmanes.caffeine.cache.CacheLoader;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import com.github.benmanes.caffeine.cache.stats.CacheStats;
import dev.mlops.core.InvalidArgumentException;
import dev.mlops.featurestore.EntityKey;
import dev.mlops.featurestore.FeatureRow;
import dev.mlops.featurestore.FeatureView;
import dev.mlops.featurestore.OnlineStore;
import dev.mlops.featurestore.internal.CompactRow;
import dev.mlops.featurestore.internal.Timestamps;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BiFunction;

/**
 * An {@link OnlineStore} decorator that keeps recently read rows in a Caffeine cache in front of
 * any other store (a database, a remote key-value store).
 *
 * <p><b>Behaviour.</b> The cache is bounded ({@link Builder#maximumSize}), entries expire
 * ({@link Builder#expireAfterWrite}) and may be refreshed in the background
 * ({@link Builder#refreshAfterWrite}: a read after that age serves the cached row and reloads it on
 * the executor). Absent keys are cached too, so a storm of lookups for an unknown entity reaches the
 * delegate once. A read answers cached keys from memory and loads all the others in one delegate
 * read. A write through this store goes to the delegate first and then invalidates the written keys;
 * a load that started before such a write is not cached, so a reader of this store never sees a row
 * older than one it saw before. Writes by other processes are seen after expiry or refresh.
 *
 * <p><b>Time and threads.</b> Expiry and refresh follow the injected {@link InstantSource}. Refreshes
 * run on the injected executor (default: the common pool). The cache's own maintenance (replaying
 * recorded reads into the eviction policy, evicting for size, removing expired entries) runs on the
 * calling threads, batched: a read that finds its read buffer full, or a write, drains the buffers
 * under a try-lock that never blocks, so no read waits for a pool thread to be woken. Thread-safe.
 * Closing this store empties the cache and closes the delegate.
 */
public final class CachedOnlineStore implements OnlineStore {

    private static final int STRIPES = 1024;

    private final OnlineStore delegate;
    /**
     * Stands for "the delegate has no row for this key" in the cache, which holds rows themselves
     * (not {@code Optional}s), so a hit hands back the cached row without reading a wrapper.
     */
    private static final FeatureRow ABSENT = FeatureRow.of(EntityKey.of(0L), Instant.EPOCH, Instant.EPOCH);

    private final LoadingCache<CacheKey, FeatureRow> cache;
    /** Write epochs per stripe of keys: a load caches its result only if no write to its stripe intervened. */
    private final AtomicLongArray epochs = new AtomicLongArray(STRIPES);
    private final LongAdder loads = new LongAdder();
    private final LongAdder invalidations = new LongAdder();

    private CachedOnlineStore(Builder b) {
        this.delegate = b.delegate;
        InstantSource clock = b.clock;
        Executor refreshes = b.executor;
        // Maintenance (replaying reads into the eviction policy, evicting, expiring) runs on the thread
        // that fills a read buffer or writes, under Caffeine's non-blocking try-lock, amortised over the
        // reads it batches; handing it to a pool instead costs a thread wake-up on the read path.
        Caffeine<Object, Object> builder = Caffeine.newBuilder()
                .maximumSize(b.maximumSize)
                .executor(Runnable::run)
                .ticker(() -> Timestamps.toNanosSaturated(clock.instant()))
                .recordStats();
        if (b.expireAfterWrite != null) {
            builder.expireAfterWrite(b.expireAfterWrite);
        }
        if (b.refreshAfterWrite != null) {
            builder.refreshAfterWrite(b.refreshAfterWrite);
        }
        this.cache = builder.build(new CacheLoader<>() {
            @Override
            public FeatureRow load(CacheKey key) {
                loads.increment();
                return delegate.read(key.view, List.of(key.key)).get(0).orElse(ABSENT);
            }

            @Override
            public CompletableFuture<FeatureRow> asyncReload(CacheKey key, FeatureRow oldValue, Executor ignored) {
                return CompletableFuture.supplyAsync(() -> load(key), refreshes);
            }
        });
    }

    /** A builder for a cache in front of {@code delegate}. */
    public static Builder builder(OnlineStore delegate) {
        return new Builder(delegate);
    }

    @Override
    public void write(FeatureView view, List<FeatureRow> rows) {
        delegate.write(view, rows);
        Set<CacheKey> written = new LinkedHashSet<>();
        for (FeatureRow row : rows) {
            CacheKey key = new CacheKey(view, row.key());
            if (written.add(key)) {
                epochs.incrementAndGet(key.stripe());
            }
        }
        for (CacheKey key : written) {
            if (cache.asMap().remove(key) != null) {
                invalidations.increment();
            }
        }
    }

    @Override
    public List<Optional<FeatureRow>> read(FeatureView view, List<EntityKey> keys) {
        if (keys.size() == 1) {
            return List.of(read(view, keys.get(0)));
        }
        List<Optional<FeatureRow>> out = new ArrayList<>(keys.size());
        Set<CacheKey> missing = new LinkedHashSet<>();
        for (EntityKey k : keys) {
            CacheKey key = new CacheKey(view, k);
            FeatureRow hit = cache.getIfPresent(key);
            out.add(hit == null ? null : present(hit));
            if (hit == null) {
                missing.add(key);
            }
        }
        if (!missing.isEmpty()) {
            Map<CacheKey, FeatureRow> loaded = loadAll(view, List.copyOf(missing));
            for (int i = 0; i < out.size(); i++) {
                if (out.get(i) == null) {
                    out.set(i, present(loaded.get(new CacheKey(view, keys.get(i)))));
                }
            }
        }
        return out;
    }

    @Override
    public Optional<FeatureRow> read(FeatureView view, EntityKey entityKey) {
        CacheKey key = new CacheKey(view, entityKey);
        FeatureRow hit = cache.getIfPresent(key);
        return present(hit != null ? hit : loadAll(view, List.of(key)).get(key));
    }

    private static Optional<FeatureRow> present(FeatureRow row) {
        return row == ABSENT ? Optional.empty() : Optional.of(row);
    }

    private Map<CacheKey, FeatureRow> loadAll(FeatureView view, List<CacheKey> missing) {
        long[] before = new long[missing.size()];
        List<EntityKey> entityKeys = new ArrayList<>(missing.size());
        for (int i = 0; i < before.length; i++) {
            before[i] = epochs.get(missing.get(i).stripe());
            entityKeys.add(missing.get(i).key);
        }
        List<Optional<FeatureRow>> rows = delegate.read(view, entityKeys);
        loads.add(missing.size());
        Map<CacheKey, FeatureRow> out = new HashMap<>(missing.size() * 2);
        for (int i = 0; i < before.length; i++) {
            CacheKey key = missing.get(i);
            long epoch = before[i];
            // Copied, so that the cached row, its key and the cache's entry are allocated together.
            FeatureRow row = rows.get(i).map(CompactRow::copyOf).orElse(ABSENT);
            // Under the map's per-key lock: a write bumps the epoch before removing the key, so either
            // this insert happens first and is removed by the write, or it sees the new epoch and skips.
            BiFunction<CacheKey, FeatureRow, FeatureRow> insert = (k, current) -> current != null ? current
                    : epochs.get(k.stripe()) == epoch ? row : null;
            // A copy made just before the cache allocates its entry lies next to it in memory, where a
            // hit compares keys: one cache line less to fetch than the probe's key made earlier.
            cache.asMap().compute(new CacheKey(key), insert);
            out.put(key, row);
        }
        return out;
    }

    /** The cache's counters. */
    public CacheStatistics statistics() {
        CacheStats s = cache.stats();
        return new CacheStatistics(s.hitCount(), s.missCount(), loads.sum(), s.evictionCount(), invalidations.sum(),
                cache.estimatedSize());
    }

    /** Drops every cached entry; the delegate is untouched. */
    public void invalidateAll() {
        cache.invalidateAll();
    }

    /** Runs pending maintenance (evictions, expiry) now; useful in tests. */
    public void cleanUp() {
        cache.cleanUp();
    }

    @Override
    public void close() {
        cache.invalidateAll();
        cache.cleanUp();
        delegate.close();
    }

    /** A cache key: the view's identity (name and version) and the entity key. */
    private static final class CacheKey {

        final FeatureView view;
        final EntityKey key;
        /*
         * The view's name and version, and a single integer key's value, held here: comparing a probe
         * with a cached key then reads neither the view nor the cached entity key, each a cache miss
         * on a large cache.
         */
        private final String viewName;
        private final int viewVersion;
        /** 1: one Long value, 2: one Integer value, 0: anything else (compared through the entity key). */
        private final byte kind;
        private final long number;
        private final int hash;

        CacheKey(FeatureView view, EntityKey key) {
            this.view = view;
            this.key = key;
            this.viewName = view.name();
            this.viewVersion = view.version();
            Object first = key.get(0);
            boolean single = key.size() == 1;
            this.kind = single && first instanceof Long ? (byte) 1 : single && first instanceof Integer ? (byte) 2
                    : (byte) 0;
            this.number = kind != 0 ? ((Number) first).longValue() : 0;
            this.hash = (viewName.hashCode() * 31 + viewVersion) * 31 + key.hashCode();
        }

        /** A copy, for the cache to keep. */
        CacheKey(CacheKey other) {
            this.view = other.view;
            this.key = other.key;
            this.viewName = other.viewName;
            this.viewVersion = other.viewVersion;
            this.kind = other.kind;
            this.number = other.number;
            this.hash = other.hash;
        }

        int stripe() {
            return (hash ^ (hash >>> 16)) & (STRIPES - 1);
        }

        @Override
        public boolean equals(Object o) {
            if (!(o instanceof CacheKey c) || c.hash != hash || c.viewVersion != viewVersion
                    || c.kind != kind || !c.viewName.equals(viewName)) {
                return false;
            }
            return kind != 0 ? c.number == number : c.key.equals(key);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    /**
     * Configures a {@link CachedOnlineStore}. Each option may be set once; not thread-safe.
     */
    public static final class Builder {

        private final OnlineStore delegate;
        private long maximumSize = 100_000;
        private boolean sizeSet;
        private Duration expireAfterWrite;
        private Duration refreshAfterWrite;
        private InstantSource clock;
        private Executor executor;

        private Builder(OnlineStore delegate) {
            this.delegate = Objects.requireNonNull(delegate, "delegate");
        }

        /** The most entries kept (default 100,000). */
        public Builder maximumSize(long value) {
            if (sizeSet) {
                throw new IllegalStateException("maximumSize was already set");
            }
            if (value < 0) {
                throw new InvalidArgumentException("maximumSize", "must not be negative, got " + value);
            }
            this.maximumSize = value;
            this.sizeSet = true;
            return this;
        }

        /** How long an entry lives after it was loaded (default: until evicted for size). */
        public Builder expireAfterWrite(Duration value) {
            this.expireAfterWrite = once("expireAfterWrite", this.expireAfterWrite, positive("expireAfterWrite", value));
            return this;
        }

        /** After how long a read triggers a background reload of the entry (default: never). */
        public Builder refreshAfterWrite(Duration value) {
            this.refreshAfterWrite = once("refreshAfterWrite", this.refreshAfterWrite,
                    positive("refreshAfterWrite", value));
            return this;
        }

        /** The time source for expiry and refresh (default: the system clock). */
        public Builder clock(InstantSource value) {
            this.clock = once("clock", this.clock, Objects.requireNonNull(value, "clock"));
            return this;
        }

        /**
         * Where background refreshes ({@link #refreshAfterWrite}) run (default: the common fork-join
         * pool). Maintenance does not use it: it runs on the calling threads, batched.
         */
        public Builder executor(Executor value) {
            this.executor = once("executor", this.executor, Objects.requireNonNull(value, "executor"));
            return this;
        }

        private static <T> T once(String option, T current, T value) {
            if (current != null) {
                throw new IllegalStateException(option + " was already set");
            }
            return value;
        }

        private static Duration positive(String option, Duration value) {
            if (value == null || value.isNegative() || value.isZero()) {
                throw new InvalidArgumentException(option, "must be positive, got " + value);
            }
            return value;
        }

        /** The store. */
        public CachedOnlineStore build() {
            if (clock == null) {
                clock = InstantSource.system();
            }
            if (executor == null) {
                executor = ForkJoinPool.commonPool();
            }
            if (refreshAfterWrite != null && expireAfterWrite != null
                    && refreshAfterWrite.compareTo(expireAfterWrite) >= 0) {
                throw new InvalidArgumentException("refreshAfterWrite", "must be shorter than expireAfterWrite");
            }
            return new CachedOnlineStore(this);
        }
    }
}
