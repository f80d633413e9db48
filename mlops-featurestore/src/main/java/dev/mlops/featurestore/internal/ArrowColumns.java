package dev.mlops.featurestore.internal;

import dev.mlops.core.InvalidArgumentException;
import dev.mlops.core.ValueType;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.TimeStampNanoTZVector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;

/**
 * The mapping between {@link ValueType}s and Arrow columns, used wherever feature data becomes
 * Arrow: timestamps are {@code timestamp[ns, tz=UTC]}, strings UTF-8, lists Arrow lists of their
 * element type. Not API.
 */
public final class ArrowColumns {

    /** The zone of every timestamp column. */
    public static final String UTC = "UTC";
    /** The Arrow type of timestamps. */
    public static final ArrowType TIMESTAMP = new ArrowType.Timestamp(TimeUnit.NANOSECOND, UTC);

    private ArrowColumns() {}

    /** The Arrow type of scalar values of {@code type} (for lists, the element type). */
    private static ArrowType scalarType(ValueType type) {
        return switch (type) {
            case BOOL -> ArrowType.Bool.INSTANCE;
            case INT32 -> new ArrowType.Int(32, true);
            case INT64, INT64_LIST -> new ArrowType.Int(64, true);
            case FLOAT32, FLOAT32_LIST -> new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE);
            case FLOAT64, FLOAT64_LIST -> new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE);
            case STRING, STRING_LIST -> ArrowType.Utf8.INSTANCE;
            case BYTES -> ArrowType.Binary.INSTANCE;
            case TIMESTAMP -> TIMESTAMP;
        };
    }

    /** The Arrow field of a column named {@code name} holding {@code type}. */
    public static Field field(String name, ValueType type, boolean nullable) {
        if (type.isList()) {
            Field element = new Field("item", new FieldType(false, scalarType(type), null), null);
            return new Field(name, new FieldType(nullable, ArrowType.List.INSTANCE, null), List.of(element));
        }
        return new Field(name, new FieldType(nullable, scalarType(type), null), null);
    }

    /** The value type an Arrow field holds, if it is one this library writes. */
    public static ValueType valueType(Field field) {
        for (ValueType t : ValueType.values()) {
            if (field(field.getName(), t, field.isNullable()).getType().equals(field.getType())
                    && (!t.isList() || field.getChildren().size() == 1
                            && field.getChildren().get(0).getType().equals(scalarType(t)))) {
                return t;
            }
        }
        throw new InvalidArgumentException(field.getName(), "Arrow type " + field.getType()
                + " does not map to a value type (timestamps must be timestamp[ns, tz=UTC])");
    }

    /** A new, empty vector for a column. */
    public static FieldVector newVector(String name, ValueType type, BufferAllocator allocator) {
        return field(name, type, true).createVector(allocator);
    }

    /** Sets a canonical value (or null) at {@code index}, growing the vector as needed. */
    public static void set(FieldVector vector, int index, ValueType type, Object value) {
        if (value == null) {
            setNull(vector, index);
            return;
        }
        switch (type) {
            case BOOL -> ((BitVector) vector).setSafe(index, (Boolean) value ? 1 : 0);
            case INT32 -> ((IntVector) vector).setSafe(index, (Integer) value);
            case INT64 -> ((BigIntVector) vector).setSafe(index, (Long) value);
            case FLOAT32 -> ((Float4Vector) vector).setSafe(index, (Float) value);
            case FLOAT64 -> ((Float8Vector) vector).setSafe(index, (Double) value);
            case STRING -> ((VarCharVector) vector).setSafe(index, ((String) value).getBytes(StandardCharsets.UTF_8));
            case BYTES -> ((VarBinaryVector) vector).setSafe(index, (byte[]) value);
            case TIMESTAMP -> ((TimeStampNanoTZVector) vector).setSafe(index, Timestamps.toNanos((Instant) value));
            case FLOAT32_LIST -> {
                ListVector list = (ListVector) vector;
                float[] a = (float[]) value;
                int start = list.startNewValue(index);
                Float4Vector data = (Float4Vector) list.getDataVector();
                for (int i = 0; i < a.length; i++) {
                    data.setSafe(start + i, a[i]);
                }
                list.endValue(index, a.length);
            }
            case FLOAT64_LIST -> {
                ListVector list = (ListVector) vector;
                double[] a = (double[]) value;
                int start = list.startNewValue(index);
                Float8Vector data = (Float8Vector) list.getDataVector();
                for (int i = 0; i < a.length; i++) {
                    data.setSafe(start + i, a[i]);
                }
                list.endValue(index, a.length);
            }
            case INT64_LIST -> {
                ListVector list = (ListVector) vector;
                long[] a = (long[]) value;
                int start = list.startNewValue(index);
                BigIntVector data = (BigIntVector) list.getDataVector();
                for (int i = 0; i < a.length; i++) {
                    data.setSafe(start + i, a[i]);
                }
                list.endValue(index, a.length);
            }
            case STRING_LIST -> {
                ListVector list = (ListVector) vector;
                List<?> a = (List<?>) value;
                int start = list.startNewValue(index);
                VarCharVector data = (VarCharVector) list.getDataVector();
                for (int i = 0; i < a.size(); i++) {
                    data.setSafe(start + i, ((String) a.get(i)).getBytes(StandardCharsets.UTF_8));
                }
                list.endValue(index, a.size());
            }
        }
    }

    /** Marks {@code index} null, growing the vector as needed. */
    public static void setNull(FieldVector vector, int index) {
        while (index >= vector.getValueCapacity()) {
            vector.reAlloc();
        }
        vector.setNull(index);
    }

    /** The canonical value at {@code index}, or null. */
    public static Object get(FieldVector vector, int index, ValueType type) {
        if (vector.isNull(index)) {
            return null;
        }
        return switch (type) {
            case BOOL -> ((BitVector) vector).get(index) != 0;
            case INT32 -> ((IntVector) vector).get(index);
            case INT64 -> ((BigIntVector) vector).get(index);
            case FLOAT32 -> ((Float4Vector) vector).get(index);
            case FLOAT64 -> ((Float8Vector) vector).get(index);
            case STRING -> new String(((VarCharVector) vector).get(index), StandardCharsets.UTF_8);
            case BYTES -> ((VarBinaryVector) vector).get(index);
            case TIMESTAMP -> Timestamps.fromNanos(((TimeStampNanoTZVector) vector).get(index));
            case FLOAT32_LIST -> {
                ListVector list = (ListVector) vector;
                Float4Vector data = (Float4Vector) list.getDataVector();
                int start = list.getElementStartIndex(index);
                float[] out = new float[list.getElementEndIndex(index) - start];
                for (int i = 0; i < out.length; i++) {
                    out[i] = data.get(start + i);
                }
                yield out;
            }
            case FLOAT64_LIST -> {
                ListVector list = (ListVector) vector;
                Float8Vector data = (Float8Vector) list.getDataVector();
                int start = list.getElementStartIndex(index);
                double[] out = new double[list.getElementEndIndex(index) - start];
                for (int i = 0; i < out.length; i++) {
                    out[i] = data.get(start + i);
                }
                yield out;
            }
            case INT64_LIST -> {
                ListVector list = (ListVector) vector;
                BigIntVector data = (BigIntVector) list.getDataVector();
                int start = list.getElementStartIndex(index);
                long[] out = new long[list.getElementEndIndex(index) - start];
                for (int i = 0; i < out.length; i++) {
                    out[i] = data.get(start + i);
                }
                yield out;
            }
            case STRING_LIST -> {
                ListVector list = (ListVector) vector;
                VarCharVector data = (VarCharVector) list.getDataVector();
                int start = list.getElementStartIndex(index);
                int end = list.getElementEndIndex(index);
                List<String> out = new ArrayList<>(end - start);
                for (int i = start; i < end; i++) {
                    out.add(new String(data.get(i), StandardCharsets.UTF_8));
                }
                yield Collections.unmodifiableList(out);
            }
        };
    }
}
