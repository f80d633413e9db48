package dev.mlops.featurestore.arrow;

import dev.mlops.core.Field;
import dev.mlops.core.ValueType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VarCharVector;

/**
 * A column of entity keys in the store's sort order: a view with one integer join key sorts by its
 * value; any other view sorts by an order-preserving byte encoding of all its keys (integers
 * big-endian with the sign bit flipped, strings as UTF-8 with {@code 0x00} escaped and a
 * terminator), compared as unsigned bytes. Both sides of a merge are built the same way.
 */
abstract sealed class SortKeys permits SortKeys.Longs, SortKeys.Bytes {

    /** The number of keys. */
    abstract int size();

    /** Compares key {@code i} of this column with key {@code j} of {@code other}, a column of the same view. */
    abstract int compare(int i, SortKeys other, int j);

    /** A hashable stand-in for key {@code i}, equal for equal keys. */
    abstract Object identity(int i);

    /** A new column of the same kind for {@code capacity} keys, to be filled by {@link #copy}. */
    abstract SortKeys empty(int capacity);

    /** Copies key {@code from} of this column to index {@code at} of {@code to}, a column of the same kind. */
    abstract void copy(int from, SortKeys to, int at);

    /** Whether a view's keys sort as plain longs. */
    static boolean isLong(List<Field> keys) {
        return keys.size() == 1 && keys.get(0).type() != ValueType.STRING;
    }

    /** The keys of {@code n} rows of Arrow key columns, in join-key order. */
    static SortKeys of(List<Field> keys, FieldVector[] vectors, int n) {
        if (isLong(keys)) {
            long[] values = new long[n];
            FieldVector v = vectors[0];
            if (v instanceof BigIntVector b) {
                ByteBuffer buffer = b.getDataBuffer().nioBuffer(0, n * 8).order(ByteOrder.LITTLE_ENDIAN);
                buffer.asLongBuffer().get(values);
            } else {
                IntVector ints = (IntVector) v;
                for (int i = 0; i < n; i++) {
                    values[i] = ints.get(i);
                }
            }
            return new Longs(values);
        }
        byte[][] encoded = new byte[n][];
        for (int i = 0; i < n; i++) {
            encoded[i] = encode(vectors, i);
        }
        return new Bytes(encoded);
    }

    private static byte[] encode(FieldVector[] vectors, int row) {
        int size = 0;
        byte[][] parts = new byte[vectors.length][];
        for (int k = 0; k < vectors.length; k++) {
            FieldVector v = vectors[k];
            if (v instanceof VarCharVector s) {
                parts[k] = escape(s.get(row));
            } else {
                long value = v instanceof BigIntVector b ? b.get(row) : ((IntVector) v).get(row);
                parts[k] = ByteBuffer.allocate(8).putLong(value ^ Long.MIN_VALUE).array();
            }
            size += parts[k].length;
        }
        byte[] out = new byte[size];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }

    /** UTF-8 bytes with 0x00 as 0x00 0xFF, then 0x00 0x00: prefixes sort first, order is kept. */
    private static byte[] escape(byte[] utf8) {
        int zeros = 0;
        for (byte b : utf8) {
            if (b == 0) {
                zeros++;
            }
        }
        byte[] out = new byte[utf8.length + zeros + 2];
        int at = 0;
        for (byte b : utf8) {
            out[at++] = b;
            if (b == 0) {
                out[at++] = (byte) 0xFF;
            }
        }
        return out;
    }

    /** One integer key per row. */
    static final class Longs extends SortKeys {
        final long[] values;

        Longs(long[] values) {
            this.values = values;
        }

        @Override
        int size() {
            return values.length;
        }

        @Override
        int compare(int i, SortKeys other, int j) {
            return Long.compare(values[i], ((Longs) other).values[j]);
        }

        @Override
        Object identity(int i) {
            return values[i];
        }

        @Override
        Longs empty(int capacity) {
            return new Longs(new long[capacity]);
        }

        @Override
        void copy(int from, SortKeys to, int at) {
            ((Longs) to).values[at] = values[from];
        }
    }

    /** Encoded composite or string keys. */
    static final class Bytes extends SortKeys {
        final byte[][] values;

        Bytes(byte[][] values) {
            this.values = values;
        }

        @Override
        int size() {
            return values.length;
        }

        @Override
        int compare(int i, SortKeys other, int j) {
            return Arrays.compareUnsigned(values[i], ((Bytes) other).values[j]);
        }

        @Override
        Object identity(int i) {
            return ByteBuffer.wrap(values[i]);
        }

        @Override
        Bytes empty(int capacity) {
            return new Bytes(new byte[capacity][]);
        }

        @Override
        void copy(int from, SortKeys to, int at) {
            ((Bytes) to).values[at] = values[from];
        }
    }
}
