package dev.mlops.featurestore;

import dev.mlops.core.ValueType;
import dev.mlops.featurestore.internal.ArrowColumns;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * How feature values are laid out in Arrow, for code that hands entity rows to the store or reads a
 * training set column by column.
 *
 * <table>
 *   <caption>Arrow types</caption>
 *   <tr><th>value type</th><th>Arrow</th></tr>
 *   <tr><td>BOOL</td><td>bool</td></tr>
 *   <tr><td>INT32, INT64</td><td>int32, int64</td></tr>
 *   <tr><td>FLOAT32, FLOAT64</td><td>float, double</td></tr>
 *   <tr><td>STRING, BYTES</td><td>utf8, binary</td></tr>
 *   <tr><td>TIMESTAMP</td><td>timestamp[ns, tz=UTC]</td></tr>
 *   <tr><td>FLOAT32_LIST, FLOAT64_LIST, INT64_LIST, STRING_LIST</td><td>list of the element type</td></tr>
 * </table>
 *
 * <p>Stateless and thread-safe; the vectors passed in are not.
 */
public final class ArrowTables {

    private ArrowTables() {}

    /** The Arrow field of a nullable column of {@code type}. */
    public static Field field(String name, ValueType type) {
        return ArrowColumns.field(name, type, true);
    }

    /** The value type an Arrow field holds. */
    public static ValueType valueType(Field field) {
        return ArrowColumns.valueType(field);
    }

    /** A new, empty vector for a column of {@code type}; the caller closes it. */
    public static FieldVector newVector(String name, ValueType type, BufferAllocator allocator) {
        return ArrowColumns.newVector(name, type, allocator);
    }

    /** The canonical value at {@code row} (as {@link ValueType#convert} would give it), or null. */
    public static Object value(FieldVector vector, int row, ValueType type) {
        return ArrowColumns.get(vector, row, type);
    }

    /** The canonical value at {@code row} of a column written by this library, or null. */
    public static Object value(FieldVector vector, int row) {
        return ArrowColumns.get(vector, row, ArrowColumns.valueType(vector.getField()));
    }

    /**
     * Sets a value at {@code row}, growing the vector as needed; the value is converted as by
     * {@link ValueType#convert}.
     */
    public static void set(FieldVector vector, int row, ValueType type, Object value) {
        ArrowColumns.set(vector, row, type, value == null ? null : type.convert(value));
    }
}
