package dev.mlops.monitoring.profile;

import dev.mlops.core.Field;
import dev.mlops.core.InvalidArgumentException;
import dev.mlops.core.Schema;
import dev.mlops.core.ValueType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntFunction;
import java.util.function.IntToDoubleFunction;
import java.util.function.IntToLongFunction;
import org.apache.arrow.memory.ArrowBuf;
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
 * Profiles Apache Arrow batches ({@link VectorSchemaRoot}).
 *
 * <pre>{@code
 * DatasetProfile p = ArrowBatches.profile(root);        // schema read from the batch
 * ArrowBatches.add(profiler, root);                     // into a Profiler of a declared schema
 * }</pre>
 *
 * <p>Arrow is an optional dependency of this module: only this class refers to it, so a host that
 * never calls it needs no Arrow on the class path (the rest of the package, reflection included,
 * works without it). Vectors are read in place, without copying numeric data; strings are decoded
 * from UTF-8 per value. Stateless and thread-safe; the caller keeps ownership of the batch and its
 * allocator.
 */
public final class ArrowBatches {

    private ArrowBatches() {}

    /**
     * Profiles one Arrow batch with the default configuration, on the calling thread; the schema
     * comes from {@link #schemaOf}.
     */
    public static DatasetProfile profile(VectorSchemaRoot batch) {
        if (batch == null) {
            throw new InvalidArgumentException("batch", "is null");
        }
        Profiler p = Profiler.builder(schemaOf(batch.getSchema())).build();
        add(p, batch);
        return p.snapshot();
    }

    /**
     * Adds an Arrow batch to {@code profiler}. Vector names must be fields of the profiler's schema
     * and vector types must map to the field types as in {@link #schemaOf}; INT32 vectors may feed
     * INT64 fields. Uses the profiler's stripes and executor like {@link Profiler#add(ColumnBatch)}.
     *
     * @throws InvalidArgumentException for an unknown column or a type mismatch; nothing is added
     */
    public static void add(Profiler profiler, VectorSchemaRoot batch) {
        if (profiler == null) {
            throw new InvalidArgumentException("profiler", "is null");
        }
        profiler.apply(prepare(profiler.schema(), batch));
    }

    /**
     * The schema of an Arrow batch in this library's types: signed 8/16/32-bit integers → INT32,
     * 64-bit → INT64, float → FLOAT32, double → FLOAT64, UTF-8 strings → STRING, booleans → BOOL,
     * timestamps with a time zone → TIMESTAMP. Every field is nullable; floating-point fields accept
     * non-finite values.
     *
     * @throws InvalidArgumentException for an Arrow type with no mapping, and for timestamps
     *     without a time zone (a naive timestamp is an error, not a guess)
     */
    public static Schema schemaOf(org.apache.arrow.vector.types.pojo.Schema arrow) {
        if (arrow == null) {
            throw new InvalidArgumentException("schema", "is null");
        }
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
    private static DatasetAccumulator.PreparedBatch prepare(Schema schema, VectorSchemaRoot root) {
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
            return doubles(v, n, d::get);
        }
        if (v instanceof Float4Vector d) {
            return doubles(v, n, d::get);
        }
        if (v instanceof BigIntVector d) {
            return longs(v, n, d::get);
        }
        if (v instanceof IntVector d) {
            return longs(v, n, d::get);
        }
        if (v instanceof SmallIntVector d) {
            return longs(v, n, d::get);
        }
        if (v instanceof TinyIntVector d) {
            return longs(v, n, d::get);
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
                Utf8Cache cache = new Utf8Cache();
                ArrowBuf data = d.getDataBuffer();
                for (int i = 0; i < n; i++) {
                    if (d.isNull(i)) {
                        a.addNull();
                    } else {
                        int start = d.getStartOffset(i);
                        a.addString(cache.decode(data, start, d.getEndOffset(i) - start));
                    }
                }
            };
        }
        if (v instanceof LargeVarCharVector d) {
            return strings(v, n, d::get);
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

    private static DatasetAccumulator.ColumnFeed doubles(FieldVector v, int n, IntToDoubleFunction get) {
        return a -> {
            for (int i = 0; i < n; i++) {
                if (v.isNull(i)) {
                    a.addNull();
                } else {
                    a.addDouble(get.applyAsDouble(i));
                }
            }
        };
    }

    private static DatasetAccumulator.ColumnFeed longs(FieldVector v, int n, IntToLongFunction get) {
        return a -> {
            for (int i = 0; i < n; i++) {
                if (v.isNull(i)) {
                    a.addNull();
                } else {
                    a.addLong(get.applyAsLong(i));
                }
            }
        };
    }

    private static DatasetAccumulator.ColumnFeed strings(FieldVector v, int n, IntFunction<byte[]> utf8) {
        return a -> {
            for (int i = 0; i < n; i++) {
                if (v.isNull(i)) {
                    a.addNull();
                } else {
                    a.addString(new String(utf8.apply(i), StandardCharsets.UTF_8));
                }
            }
        };
    }

    /**
     * Decodes UTF-8 values, reusing the String of a byte sequence seen before (up to 4096 distinct
     * ones per column and batch): categorical columns repeat few values, and this saves a byte[]
     * and a String per row.
     */
    private static final class Utf8Cache {
        private static final int MAX_ENTRIES = 4096;
        private final byte[][] keys = new byte[2 * MAX_ENTRIES][];
        private final String[] values = new String[2 * MAX_ENTRIES];
        private int size;
        private byte[] scratch = new byte[64];

        String decode(ArrowBuf data, long start, int length) {
            if (scratch.length < length) {
                scratch = new byte[Math.max(length, 2 * scratch.length)];
            }
            data.getBytes(start, scratch, 0, length);
            int h = 1;
            for (int i = 0; i < length; i++) {
                h = 31 * h + scratch[i];
            }
            int mask = keys.length - 1;
            int slot = (h ^ (h >>> 16)) & mask;
            while (keys[slot] != null) {
                if (Arrays.equals(keys[slot], 0, keys[slot].length, scratch, 0, length)) {
                    return values[slot];
                }
                slot = (slot + 1) & mask;
            }
            String s = new String(scratch, 0, length, StandardCharsets.UTF_8);
            if (size < MAX_ENTRIES) {
                keys[slot] = Arrays.copyOf(scratch, length);
                values[slot] = s;
                size++;
            }
            return s;
        }
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
