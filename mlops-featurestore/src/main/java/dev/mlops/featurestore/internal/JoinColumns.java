package dev.mlops.featurestore.internal;

import dev.mlops.core.Field;
import dev.mlops.core.InvalidArgumentException;
import dev.mlops.core.ValueType;
import dev.mlops.featurestore.EntityKey;
import dev.mlops.featurestore.FeatureView;
import dev.mlops.featurestore.ViewSelection;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.TimeStampNanoTZVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * What every offline adapter's point-in-time join needs around the join itself: checked access to
 * the entity rows' key and timestamp columns, and the empty output table. Not API.
 */
public final class JoinColumns {

    private JoinColumns() {}

    /**
     * The entity rows' event timestamps in nanoseconds since the epoch.
     *
     * @throws InvalidArgumentException when the column is missing, not {@code timestamp[ns, UTC]},
     *     or holds a null, naming the row
     */
    public static long[] timestamps(VectorSchemaRoot entityRows) {
        FieldVector v = entityRows.getVector(FeatureView.EVENT_TIMESTAMP);
        if (v == null) {
            throw new InvalidArgumentException(FeatureView.EVENT_TIMESTAMP, "the entity rows have no such column");
        }
        if (!(v instanceof TimeStampNanoTZVector ts) || !ArrowColumns.UTC.equals(ts.getTimeZone())) {
            throw new InvalidArgumentException(FeatureView.EVENT_TIMESTAMP, "must be timestamp[ns, tz=UTC], is "
                    + v.getField().getType());
        }
        int n = entityRows.getRowCount();
        long[] out = new long[n];
        for (int i = 0; i < n; i++) {
            if (ts.isNull(i)) {
                throw new InvalidArgumentException(FeatureView.EVENT_TIMESTAMP, "row " + i + ": is null");
            }
            out[i] = ts.get(i);
        }
        return out;
    }

    /**
     * The entity rows' columns for the view's join keys, checked for type and nulls.
     *
     * @throws InvalidArgumentException when a join key column is missing, of another type, or null
     */
    public static FieldVector[] keyVectors(VectorSchemaRoot entityRows, FeatureView view) {
        List<Field> keys = view.joinKeys();
        FieldVector[] out = new FieldVector[keys.size()];
        int n = entityRows.getRowCount();
        for (int k = 0; k < out.length; k++) {
            Field key = keys.get(k);
            FieldVector v = entityRows.getVector(key.name());
            if (v == null) {
                throw new InvalidArgumentException(key.name(), "join key of view '" + view.name()
                        + "' is missing from the entity rows");
            }
            boolean typed = switch (key.type()) {
                case INT32 -> v instanceof IntVector;
                case INT64 -> v instanceof BigIntVector;
                case STRING -> v instanceof VarCharVector;
                default -> false;
            };
            if (!typed) {
                throw new InvalidArgumentException(key.name(), "join key must be " + key.type().jsonName()
                        + " in the entity rows, is " + v.getField().getType());
            }
            for (int i = 0; i < n; i++) {
                if (v.isNull(i)) {
                    throw new InvalidArgumentException(key.name(), "row " + i + ": join key is missing");
                }
            }
            out[k] = v;
        }
        return out;
    }

    /** The entity key of row {@code row}, from vectors returned by {@link #keyVectors}. */
    public static EntityKey key(FieldVector[] keyVectors, int row) {
        Object[] values = new Object[keyVectors.length];
        for (int k = 0; k < values.length; k++) {
            FieldVector v = keyVectors[k];
            if (v instanceof BigIntVector b) {
                values[k] = b.get(row);
            } else if (v instanceof IntVector i) {
                values[k] = i.get(row);
            } else {
                values[k] = new String(((VarCharVector) v).get(row), StandardCharsets.UTF_8);
            }
        }
        return EntityKey.of(values);
    }

    /**
     * An output table with one empty (all-null) column per selected feature, sized for
     * {@code rowCount} rows; the caller fills it and calls {@code setRowCount(rowCount)}.
     */
    public static VectorSchemaRoot newOutput(List<ViewSelection> selections, int rowCount, BufferAllocator allocator) {
        List<FieldVector> vectors = new ArrayList<>();
        try {
            for (ViewSelection s : selections) {
                for (int f = 0; f < s.features().size(); f++) {
                    ValueType type = s.view().feature(s.features().get(f)).orElseThrow().type();
                    FieldVector v = ArrowColumns.newVector(s.outputNames().get(f), type, allocator);
                    vectors.add(v);
                    v.setInitialCapacity(Math.max(rowCount, 1));
                    v.allocateNew();
                }
            }
        } catch (RuntimeException e) {
            vectors.forEach(FieldVector::close);
            throw e;
        }
        return new VectorSchemaRoot(vectors);
    }

    /** Fills the output columns of one view for every entity row. */
    @FunctionalInterface
    public interface ViewJoin {
        /**
         * @param selection the view and features
         * @param keyVectors the entity rows' join key columns of the view
         * @param timestamps the entity rows' times in nanoseconds
         * @param out the output table
         * @param firstColumn the output column of the selection's first feature
         */
        void fill(ViewSelection selection, FieldVector[] keyVectors, long[] timestamps, VectorSchemaRoot out,
                int firstColumn);
    }

    /**
     * The frame of every adapter's point-in-time join: checks the entity rows, allocates the output,
     * lets {@code join} fill each view's columns, and releases the output if anything fails.
     */
    public static VectorSchemaRoot join(VectorSchemaRoot entityRows, List<ViewSelection> selections,
            BufferAllocator allocator, ViewJoin join) {
        int n = entityRows.getRowCount();
        long[] timestamps = timestamps(entityRows);
        List<FieldVector[]> keyColumns = new ArrayList<>();
        for (ViewSelection s : selections) {
            keyColumns.add(keyVectors(entityRows, s.view()));
        }
        VectorSchemaRoot out = newOutput(selections, n, allocator);
        try {
            int column = 0;
            for (int s = 0; s < selections.size(); s++) {
                join.fill(selections.get(s), keyColumns.get(s), timestamps, out, column);
                column += selections.get(s).features().size();
            }
            out.setRowCount(n);
            return out;
        } catch (RuntimeException e) {
            out.close();
            throw e;
        }
    }

    /** A TTL in nanoseconds, saturated; {@link Long#MAX_VALUE} when the view has none. */
    public static long ttlNanos(FeatureView view) {
        return view.hasTtl() ? nanos(view.ttl()) : Long.MAX_VALUE;
    }

    /** A non-negative duration in nanoseconds, saturated at {@link Long#MAX_VALUE}. */
    public static long nanos(Duration duration) {
        try {
            return duration.toNanos();
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }

    /** {@code ts - ttl}, saturated at {@link Long#MIN_VALUE}. */
    public static long lowerBound(long ts, long ttlNanos) {
        long lower = ts - ttlNanos;
        return ((ts ^ ttlNanos) & (ts ^ lower)) < 0 ? Long.MIN_VALUE : lower;
    }
}
