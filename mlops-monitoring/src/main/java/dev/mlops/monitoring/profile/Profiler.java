package dev.mlops.monitoring.profile;

import dev.mlops.core.InvalidArgumentException;
import dev.mlops.core.Schema;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Builds a {@link DatasetProfile} from rows or columnar batches, from any number of threads.
 *
 * <pre>{@code
 * Profiler profiler = Profiler.builder(schema).build();
 * profiler.add(Map.of("age", 42L, "country", "NZ"));     // row by row (validated)
 * profiler.add(ColumnBatch.builder(n).doubles("x", xs).strings("c", cs).build()); // fast path
 * ArrowBatches.add(profiler, vectorSchemaRoot);          // Arrow (optional dependency)
 * DatasetProfile profile = profiler.snapshot();
 * }</pre>
 *
 * <p><b>Input.</b> Rows are validated against the schema with {@link Schema#validateRow}: an unknown
 * column or a value of the wrong type is rejected with an {@link InvalidArgumentException} naming
 * the row and the column. Nulls (and absent columns) and NaN/±∞ are <em>observed</em>, not rejected,
 * whatever the schema's nullability and non-finite settings say: a profile counts them. A rejected
 * call adds nothing: {@link #addAll} validates every row before adding any, and a batch is checked
 * column by column before any value is counted.
 *
 * <p><b>Threads.</b> The profiler is thread-safe. Each calling thread maps (by its id) to one of
 * a few striped accumulators, each behind its own lock, so threads rarely contend; {@link #snapshot()}
 * merges the stripes. With an executor ({@link Builder#executor}), each columnar batch is also split
 * by column across the executor's threads.
 *
 * <p><b>Determinism.</b> Rows given by one thread, in one order, give byte-identical profiles on
 * every run, whatever the batch sizes and whether rows or batches were used; column-parallel batch
 * profiling gives the same bytes as sequential. When several threads feed one profiler, which rows
 * land in which stripe depends on scheduling: counts, min and max are still exact, moments equal
 * up to rounding, and sketches within their bounds, but the bytes can differ between runs.
 *
 * <p>Lifecycle: no resources are held; a profiler can be dropped at any time. The executor belongs
 * to the caller.
 */
public final class Profiler {

    private static final int MIN_ROWS_FOR_PARALLEL = 4096;

    private final Schema schema;
    private final Schema observed;
    private final ProfileConfig config;
    private final Executor executor;
    private final int parallelism;
    private final Stripe[] stripes;

    /** One accumulator behind one lock; the accumulator is created on first use. */
    private final class Stripe {
        final ReentrantLock lock = new ReentrantLock();
        private DatasetAccumulator acc;

        /** The accumulator; call with the lock held. */
        DatasetAccumulator acc() {
            if (acc == null) {
                acc = new DatasetAccumulator(schema, config);
            }
            return acc;
        }

        /** Rows added; call with the lock held. */
        long rows() {
            return acc == null ? 0 : acc.rows();
        }
    }

    private Profiler(Builder b) {
        this.schema = b.schema;
        this.observed = DatasetAccumulator.relax(b.schema);
        this.config = b.config;
        this.executor = b.executor;
        this.parallelism = b.parallelism;
        this.stripes = new Stripe[b.stripes];
        for (int i = 0; i < stripes.length; i++) {
            stripes[i] = new Stripe();
        }
    }

    /**
     * The calling thread's stripe: its id, mixed, modulo the stripe count. Two threads may share a
     * stripe (they then take turns on its lock); nothing is kept per thread, so nothing leaks when
     * pooled threads outlive the profiler.
     */
    private Stripe stripeOfThread() {
        long z = Thread.currentThread().getId() * 0x9E3779B97F4A7C15L;
        return stripes[Math.floorMod((int) (z ^ (z >>> 32)), stripes.length)];
    }

    /** A builder for a profiler of rows of {@code schema}. */
    public static Builder builder(Schema schema) {
        if (schema == null) {
            throw new InvalidArgumentException("schema", "is null");
        }
        return new Builder(schema);
    }

    /** Profiles {@code rows} with the default configuration, on the calling thread. */
    public static DatasetProfile profile(Schema schema, Iterable<? extends Map<String, ?>> rows) {
        Profiler p = builder(schema).build();
        p.addAll(rows);
        return p.snapshot();
    }

    /** Profiles one columnar batch with the default configuration, on the calling thread. */
    public static DatasetProfile profile(Schema schema, ColumnBatch batch) {
        Profiler p = builder(schema).build();
        p.add(batch);
        return p.snapshot();
    }

    public Schema schema() {
        return schema;
    }

    public ProfileConfig config() {
        return config;
    }

    /**
     * Adds one row.
     *
     * @throws InvalidArgumentException for an unknown column or a value of the wrong type; nothing
     *     is added
     */
    public void add(Map<String, ?> row) {
        Map<String, Object> canonical = observed.validateRow(row, 0);
        Stripe s = stripeOfThread();
        s.lock.lock();
        try {
            s.acc().addRow(canonical);
        } finally {
            s.lock.unlock();
        }
    }

    /**
     * Adds rows in order, all or none: every row is validated (and held in canonical form) before
     * the first is added.
     *
     * @throws InvalidArgumentException naming the first bad row and column; nothing is added
     */
    public void addAll(Iterable<? extends Map<String, ?>> rows) {
        if (rows == null) {
            throw new InvalidArgumentException("rows", "is null");
        }
        List<Map<String, Object>> canonical = new ArrayList<>();
        long i = 0;
        for (Map<String, ?> row : rows) {
            canonical.add(observed.validateRow(row, i++));
        }
        Stripe s = stripeOfThread();
        s.lock.lock();
        try {
            for (Map<String, Object> row : canonical) {
                s.acc().addRow(row);
            }
        } finally {
            s.lock.unlock();
        }
    }

    /**
     * Adds a columnar batch.
     *
     * @throws InvalidArgumentException for a column the schema does not have, an array type that
     *     does not fit the field, or a bad value in an object column; nothing is added
     */
    public void add(ColumnBatch batch) {
        apply(DatasetAccumulator.prepare(schema, batch));
    }

    /** Adds a validated batch under the calling thread's stripe (also used by {@link ArrowBatches}). */
    void apply(DatasetAccumulator.PreparedBatch prepared) {
        Stripe s = stripeOfThread();
        boolean parallel = executor != null && prepared.rowCount() >= MIN_ROWS_FOR_PARALLEL;
        s.lock.lock();
        try {
            s.acc().addBatch(prepared, parallel ? executor : null, parallelism);
        } finally {
            s.lock.unlock();
        }
    }

    /** Rows added so far. */
    public long rowCount() {
        long n = 0;
        for (Stripe s : stripes) {
            s.lock.lock();
            try {
                n += s.rows();
            } finally {
                s.lock.unlock();
            }
        }
        return n;
    }

    /**
     * The profile of every row added so far. The profiler keeps accumulating; later snapshots
     * include earlier rows. Stripes are merged in a fixed order; when only one stripe holds rows
     * (one feeding thread) its profile is returned as it is.
     */
    public DatasetProfile snapshot() {
        DatasetProfile result = null;
        for (Stripe s : stripes) {
            DatasetProfile part;
            s.lock.lock();
            try {
                if (s.rows() == 0) {
                    continue;
                }
                part = s.acc().snapshot();
            } finally {
                s.lock.unlock();
            }
            result = result == null ? part : result.merge(part);
        }
        return result == null ? DatasetProfile.empty(schema, config) : result;
    }

    /** Configures a {@link Profiler}; not thread-safe. */
    public static final class Builder {
        private final SetOnce options = new SetOnce();
        private final Schema schema;
        private ProfileConfig config = ProfileConfig.DEFAULTS;
        private Executor executor;
        private int parallelism = 1;
        private int stripes = defaultStripes();

        private Builder(Schema schema) {
            this.schema = schema;
        }

        private static int defaultStripes() {
            return Math.max(4, Integer.highestOneBit(Runtime.getRuntime().availableProcessors()) * 4);
        }

        /** Sketch settings; {@link ProfileConfig#DEFAULTS} unless set. */
        public Builder config(ProfileConfig config) {
            options.mark("config");
            if (config == null) {
                throw new InvalidArgumentException("config", "is null");
            }
            this.config = config;
            return this;
        }

        /**
         * Splits each columnar batch of at least 4096 rows by column into {@code parallelism}
         * groups, one run on the calling thread and the others on {@code executor}. Results are the
         * same bytes as without. The executor stays the caller's to shut down.
         */
        public Builder executor(Executor executor, int parallelism) {
            options.mark("executor");
            if (executor == null) {
                throw new InvalidArgumentException("executor", "is null");
            }
            if (parallelism < 1) {
                throw new InvalidArgumentException("parallelism", "must be >= 1, was " + parallelism);
            }
            this.executor = executor;
            this.parallelism = parallelism;
            return this;
        }

        /** The number of striped accumulators (default: four per processor, at least four). */
        public Builder stripes(int stripes) {
            options.mark("stripes");
            if (stripes < 1 || stripes > 1024) {
                throw new InvalidArgumentException("stripes", "must be in [1, 1024], was " + stripes);
            }
            this.stripes = stripes;
            return this;
        }

        public Profiler build() {
            return new Profiler(this);
        }
    }
}
