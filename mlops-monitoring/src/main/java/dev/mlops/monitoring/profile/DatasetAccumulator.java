package dev.mlops.monitoring.profile;

import dev.mlops.core.Field;
import dev.mlops.core.InvalidArgumentException;
import dev.mlops.core.Schema;
import dev.mlops.core.ValueType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * The mutable state behind one {@link DatasetProfile}: one {@link ColumnAccumulator} per field. Not
 * thread-safe; callers confine it (the {@link Profiler} under a stripe lock).
 */
final class DatasetAccumulator {

    /** Work for one column that cannot fail: everything that can be rejected was checked before. */
    @FunctionalInterface
    interface ColumnFeed extends Consumer<ColumnAccumulator> {
    }

    /** A validated batch: its row count and a feed per schema column (null = all rows null). */
    record PreparedBatch(int rowCount, ColumnFeed[] feeds) {
    }

    private final Schema schema;
    private final ProfileConfig config;
    private final ColumnAccumulator[] columns;
    private long rows;

    DatasetAccumulator(Schema schema, ProfileConfig config) {
        this.schema = schema;
        this.config = config;
        this.columns = new ColumnAccumulator[schema.size()];
        for (int i = 0; i < columns.length; i++) {
            columns[i] = new ColumnAccumulator(schema.fields().get(i), config);
        }
    }

    long rows() {
        return rows;
    }

    /** Adds one row already validated by {@link Schema#validateRow} (canonical values in schema order). */
    void addRow(Map<String, Object> canonical) {
        int i = 0;
        for (Object v : canonical.values()) {
            columns[i++].add(v);
        }
        rows++;
    }

    /**
     * Adds a prepared batch. With an executor and more than one group, columns are split round-robin
     * into {@code parallelism} groups; each column is still fed by exactly one thread, in row order,
     * so the result is the same as feeding it on one thread.
     */
    void addBatch(PreparedBatch batch, Executor executor, int parallelism) {
        int groups = executor == null ? 1 : Math.min(parallelism, columns.length);
        if (groups <= 1) {
            feedGroup(batch, 0, 1);
        } else {
            List<CompletableFuture<Void>> others = new ArrayList<>(groups - 1);
            for (int g = 1; g < groups; g++) {
                int group = g;
                others.add(CompletableFuture.runAsync(() -> feedGroup(batch, group, groups), executor));
            }
            feedGroup(batch, 0, groups);
            try {
                CompletableFuture.allOf(others.toArray(CompletableFuture[]::new)).join();
            } catch (CompletionException e) {
                if (e.getCause() instanceof RuntimeException r) {
                    throw r;
                }
                throw e;
            }
        }
        rows += batch.rowCount();
    }

    private void feedGroup(PreparedBatch batch, int group, int groups) {
        for (int c = group; c < columns.length; c += groups) {
            ColumnFeed feed = batch.feeds()[c];
            if (feed == null) {
                columns[c].addNulls(batch.rowCount());
            } else {
                feed.accept(columns[c]);
            }
        }
    }

    DatasetProfile snapshot() {
        List<ColumnProfile> out = new ArrayList<>(columns.length);
        for (ColumnAccumulator c : columns) {
            out.add(c.snapshot());
        }
        return new DatasetProfile(schema, config, rows, out);
    }

    /**
     * Checks a {@link ColumnBatch} against the schema and turns it into feeds. Everything that can be
     * rejected is rejected here, before any accumulator changes.
     */
    static PreparedBatch prepare(Schema schema, ColumnBatch batch) {
        if (batch == null) {
            throw new InvalidArgumentException("batch", "is null");
        }
        int n = batch.rowCount();
        ColumnFeed[] feeds = new ColumnFeed[schema.size()];
        for (ColumnBatch.Column col : batch.columns().values()) {
            int idx = schema.indexOf(col.name());
            if (idx < 0) {
                throw new InvalidArgumentException(col.name(), "unknown column; the schema has " + schema.names());
            }
            Field f = schema.fields().get(idx);
            feeds[idx] = feed(f, col, n);
        }
        return new PreparedBatch(n, feeds);
    }

    private static ColumnFeed feed(Field f, ColumnBatch.Column col, int n) {
        Object v = col.values();
        boolean[] isNull = col.isNull();
        ValueType t = f.type();
        if (t == ValueType.FLOAT64 && v instanceof double[] d) {
            return a -> a.addDoubles(d, isNull, 0, n);
        }
        if (t == ValueType.FLOAT32 && v instanceof float[] d) {
            return a -> a.addFloats(d, isNull, 0, n);
        }
        if (t == ValueType.INT64 && v instanceof long[] d) {
            return a -> a.addLongs(d, isNull, 0, n);
        }
        if ((t == ValueType.INT32 || t == ValueType.INT64) && v instanceof int[] d) {
            return a -> a.addInts(d, isNull, 0, n);
        }
        if (t == ValueType.BOOL && v instanceof boolean[] d) {
            return a -> {
                for (int i = 0; i < n; i++) {
                    if (isNull != null && isNull[i]) {
                        a.addNull();
                    } else {
                        a.addBoolean(d[i]);
                    }
                }
            };
        }
        if (t == ValueType.STRING && v instanceof String[] d) {
            return a -> {
                for (int i = 0; i < n; i++) {
                    if (d[i] == null) {
                        a.addNull();
                    } else {
                        a.addString(d[i]);
                    }
                }
            };
        }
        if (t == ValueType.TIMESTAMP && v instanceof Instant[] d) {
            long[] micros = new long[n];
            boolean[] nulls = new boolean[n];
            for (int i = 0; i < n; i++) {
                if (d[i] == null) {
                    nulls[i] = true;
                } else {
                    micros[i] = ColumnAccumulator.epochMicros(d[i], f.name());
                }
            }
            return a -> a.addLongs(micros, nulls, 0, n);
        }
        if (v instanceof Object[] objects && !(v instanceof String[]) && !(v instanceof Instant[])) {
            Field relaxed = relax(f);
            Object[] canonical = new Object[n];
            for (int i = 0; i < n; i++) {
                canonical[i] = relaxed.validate(objects[i], "row " + i);
            }
            return a -> {
                for (Object o : canonical) {
                    a.add(o);
                }
            };
        }
        throw new InvalidArgumentException(f.name(), "a " + v.getClass().getSimpleName() + " column does not fit the "
                + t.jsonName() + " field");
    }

    /** The field as the profiler reads it: nulls and non-finite values are observed, not rejected. */
    static Field relax(Field f) {
        return new Field(f.name(), f.type(), true, f.type().isFloatingPoint());
    }

    static Schema relax(Schema s) {
        return Schema.of(s.fields().stream().map(DatasetAccumulator::relax).toList());
    }
}
