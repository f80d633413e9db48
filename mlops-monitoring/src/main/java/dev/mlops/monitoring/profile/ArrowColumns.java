package dev.mlops.monitoring.profile;

import dev.mlops.core.Field;
import dev.mlops.core.InvalidArgumentException;
import dev.mlops.core.Schema;
import dev.mlops.core.ValueType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.LargeVarCharVector;
import org.apache.arrow.vector.SmallIntVector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.TinyIntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;

/**
 * Reads Arrow vectors into column accumulators. Only this class touches Arrow, which is an optional
 * dependency: a host that never profiles Arrow batches does not need it on the class path.
 */
final class ArrowColumns {

    private ArrowColumns() {}

    /**
     * The schema of an Arrow batch in this library's types: signed 8/16/32-bit integers → INT32,
     * 64-bit → INT64, float → FLOAT32, double → FLOAT64, UTF-8 strings → STRING, booleans → BOOL,
     * timestamps with a time zone → TIMESTAMP. Every field is nullable; floating-point fields accept
     * non-finite values.
     *
     * @throws InvalidArgumentException for an Arrow type with no mapping, and for timestamps
     *     without a time zone (a naive timestamp is an error, not a guess)
     */
    static Schema schemaOf(org.apache.arrow.vector.types.pojo.Schema arrow) {
        List<Field> fields = new ArrayList<>();
        for (org.apache.arrow.vector.types.pojo.Field f : arrow.getFields()) {
            ValueType t = typeOf(f.getName(), f.getType());
            fields.add(new Field(f.getName(), t, true, t.isFloatingPoint()));
        }
        return Schema.of(fields);
    }

    private static ValueType typeOf(String name, ArrowType type) {
        if (type instanceof ArrowType.Int i && i.getIsSigned()) {
            return i.getBitWidth() == 64 ? ValueType.INT64 : ValueType.INT32;
        }
        if (type instanceof ArrowType.FloatingPoint fp) {
            if (fp.getPrecision() == FloatingPointPrecision.DOUBLE) {
                return ValueType.FLOAT64;
            }
            if (fp.getPrecision() == FloatingPointPrecision.SINGLE) {
                return ValueType.FLOAT32;
            }
        }
        if (type instanceof ArrowType.Utf8 || type instanceof ArrowType.LargeUtf8) {
            return ValueType.STRING;
        }
        if (type instanceof ArrowType.Bool) {
            return ValueType.BOOL;
        }
        if (type instanceof ArrowType.Timestamp ts) {
            if (ts.getTimezone() == null) {
                throw new InvalidArgumentException(name, "Arrow timestamp without a time zone; profiles need UTC"
                        + " instants, so give the vector a time zone");
            }
            return ValueType.TIMESTAMP;
        }
        throw new InvalidArgumentException(name, "Arrow type " + type + " cannot be profiled");
    }

    /** Checks the batch against {@code schema} and turns its vectors into feeds. */
    static DatasetAccumulator.PreparedBatch prepare(Schema schema, VectorSchemaRoot root) {
        if (root == null) {
            throw new InvalidArgumentException("batch", "is null");
        }
        int n = root.getRowCount();
        DatasetAccumulator.ColumnFeed[] feeds = new DatasetAccumulator.ColumnFeed[schema.size()];
        for (FieldVector v : root.getFieldVectors()) {
            String name = v.getName();
            int idx = schema.indexOf(name);
            if (idx < 0) {
                throw new InvalidArgumentException(name, "unknown column; the schema has " + schema.names());
            }
            ValueType expected = schema.fields().get(idx).type();
            ValueType actual = typeOf(name, v.getField().getType());
            boolean widening = expected == ValueType.INT64 && actual == ValueType.INT32;
            if (actual != expected && !widening) {
                throw new InvalidArgumentException(name, "Arrow column is " + actual.jsonName() + ", the schema says "
                        + expected.jsonName());
            }
            feeds[idx] = feed(v, n);
        }
        return new DatasetAccumulator.PreparedBatch(n, feeds);
    }

    private static DatasetAccumulator.ColumnFeed feed(FieldVector v, int n) {
        if (v instanceof Float8Vector d) {
            return a -> {
                for (int i = 0; i < n; i++) {
                    if (d.isNull(i)) {
                        a.addNull();
                    } else {
                        a.addDouble(d.get(i));
                    }
                }
            };
        }
        if (v instanceof Float4Vector d) {
            return a -> {
                for (int i = 0; i < n; i++) {
                    if (d.isNull(i)) {
                        a.addNull();
                    } else {
                        a.addDouble(d.get(i));
                    }
                }
            };
        }
        if (v instanceof BigIntVector d) {
            return a -> {
                for (int i = 0; i < n; i++) {
                    if (d.isNull(i)) {
                        a.addNull();
                    } else {
                        a.addLong(d.get(i));
                    }
                }
            };
        }
        if (v instanceof IntVector || v instanceof SmallIntVector || v instanceof TinyIntVector) {
            return a -> {
                for (int i = 0; i < n; i++) {
                    Object o = v.getObject(i);
                    if (o == null) {
                        a.addNull();
                    } else {
                        a.addLong(((Number) o).longValue());
                    }
                }
            };
        }
        if (v instanceof BitVector d) {
            return a -> {
                for (int i = 0; i < n; i++) {
                    if (d.isNull(i)) {
                        a.addNull();
                    } else {
                        a.addBoolean(d.get(i) != 0);
                    }
                }
            };
        }
        if (v instanceof VarCharVector d) {
            return a -> {
                for (int i = 0; i < n; i++) {
                    if (d.isNull(i)) {
                        a.addNull();
                    } else {
                        a.addString(new String(d.get(i), StandardCharsets.UTF_8));
                    }
                }
            };
        }
        if (v instanceof LargeVarCharVector d) {
            return a -> {
                for (int i = 0; i < n; i++) {
                    if (d.isNull(i)) {
                        a.addNull();
                    } else {
                        a.addString(new String(d.get(i), StandardCharsets.UTF_8));
                    }
                }
            };
        }
        if (v instanceof TimeStampVector d) {
            ArrowType.Timestamp ts = (ArrowType.Timestamp) d.getField().getType();
            long[] micros = new long[n];
            boolean[] nulls = new boolean[n];
            for (int i = 0; i < n; i++) {
                if (d.isNull(i)) {
                    nulls[i] = true;
                } else {
                    micros[i] = toMicros(d.get(i), ts, d.getName());
                }
            }
            return a -> a.addLongs(micros, nulls, 0, n);
        }
        throw new InvalidArgumentException(v.getName(), "Arrow vector " + v.getClass().getSimpleName()
                + " cannot be profiled");
    }

    private static long toMicros(long value, ArrowType.Timestamp ts, String name) {
        try {
            return switch (ts.getUnit()) {
                case SECOND -> Math.multiplyExact(value, 1_000_000L);
                case MILLISECOND -> Math.multiplyExact(value, 1_000L);
                case MICROSECOND -> value;
                case NANOSECOND -> Math.floorDiv(value, 1_000L);
            };
        } catch (ArithmeticException e) {
            throw new InvalidArgumentException(name, "timestamp " + value + " " + ts.getUnit() + " overflows epoch"
                    + " microseconds");
        }
    }
}
