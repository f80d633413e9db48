package dev.mlops.core;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * The value types a {@link Field} can hold, each with one canonical Java representation.
 *
 * <table>
 *   <caption>Canonical representations</caption>
 *   <tr><th>type</th><th>Java</th><th>also accepted (converted without loss)</th></tr>
 *   <tr><td>BOOL</td><td>{@link Boolean}</td><td></td></tr>
 *   <tr><td>INT32</td><td>{@link Integer}</td><td>Byte, Short; Long in range</td></tr>
 *   <tr><td>INT64</td><td>{@link Long}</td><td>Byte, Short, Integer</td></tr>
 *   <tr><td>FLOAT32</td><td>{@link Float}</td><td>Double exactly representable as float; integers up to 2^24</td></tr>
 *   <tr><td>FLOAT64</td><td>{@link Double}</td><td>Float; integers up to 2^53</td></tr>
 *   <tr><td>STRING</td><td>{@link String}</td><td></td></tr>
 *   <tr><td>BYTES</td><td>{@code byte[]}</td><td></td></tr>
 *   <tr><td>TIMESTAMP</td><td>{@link Instant}</td><td>OffsetDateTime, ZonedDateTime; never a zoneless LocalDateTime</td></tr>
 *   <tr><td>FLOAT32_LIST</td><td>{@code float[]}</td><td>a List of numbers, each as for FLOAT32</td></tr>
 *   <tr><td>FLOAT64_LIST</td><td>{@code double[]}</td><td>float[], a List of numbers</td></tr>
 *   <tr><td>INT64_LIST</td><td>{@code long[]}</td><td>int[], a List of integers</td></tr>
 *   <tr><td>STRING_LIST</td><td>an unmodifiable {@code List<String>}</td><td>any List or String[] without nulls</td></tr>
 * </table>
 *
 * <p>Conversions never lose information: a double that is not exactly a float is rejected, not
 * rounded. A zoneless {@link LocalDateTime} is rejected rather than guessed at, because a timestamp
 * read in the wrong zone silently breaks point-in-time correctness.
 */
public enum ValueType {
    BOOL,
    INT32,
    INT64,
    FLOAT32,
    FLOAT64,
    STRING,
    BYTES,
    TIMESTAMP,
    /** Embeddings. */
    FLOAT32_LIST,
    FLOAT64_LIST,
    INT64_LIST,
    STRING_LIST;

    private static final long MAX_EXACT_FLOAT_INT = 1L << 24;
    private static final long MAX_EXACT_DOUBLE_INT = 1L << 53;

    /** The lower-case name used in JSON and in messages, such as {@code float32_list}. */
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The type with the given {@linkplain #jsonName() JSON name} (case-insensitive).
     *
     * @throws InvalidArgumentException for an unknown name, listing the known ones
     */
    public static ValueType fromJsonName(String name) {
        if (name != null) {
            for (ValueType t : values()) {
                if (t.jsonName().equalsIgnoreCase(name)) {
                    return t;
                }
            }
        }
        throw new InvalidArgumentException("type", "unknown value type '" + name + "', expected one of "
                + Arrays.stream(values()).map(ValueType::jsonName).toList());
    }

    /** Whether values are lists. */
    public boolean isList() {
        return this == FLOAT32_LIST || this == FLOAT64_LIST || this == INT64_LIST || this == STRING_LIST;
    }

    /** Whether values (or list elements) are floating point, so that NaN and infinities can occur. */
    public boolean isFloatingPoint() {
        return this == FLOAT32 || this == FLOAT64 || this == FLOAT32_LIST || this == FLOAT64_LIST;
    }

    /** Whether scalar values are numbers (INT32, INT64, FLOAT32, FLOAT64). */
    public boolean isNumeric() {
        return this == INT32 || this == INT64 || this == FLOAT32 || this == FLOAT64;
    }

    /**
     * Converts {@code value} to this type's canonical representation without loss.
     *
     * @param value a non-null value
     * @return the canonical value; lists are copied so later changes by the caller do not leak in
     * @throws IllegalArgumentException with a message saying why the value does not fit; callers
     *     that know the field wrap it into an {@link InvalidArgumentException}
     */
    public Object convert(Object value) {
        switch (this) {
            case BOOL:
                if (value instanceof Boolean) {
                    return value;
                }
                break;
            case INT32:
                if (value instanceof Integer) {
                    return value;
                }
                if (value instanceof Short || value instanceof Byte) {
                    return ((Number) value).intValue();
                }
                if (value instanceof Long l) {
                    if (l >= Integer.MIN_VALUE && l <= Integer.MAX_VALUE) {
                        return l.intValue();
                    }
                    throw new IllegalArgumentException("value " + l + " does not fit in int32");
                }
                break;
            case INT64:
                if (value instanceof Long) {
                    return value;
                }
                if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
                    return ((Number) value).longValue();
                }
                break;
            case FLOAT32:
                return toFloat(value);
            case FLOAT64:
                return toDouble(value);
            case STRING:
                if (value instanceof String) {
                    return value;
                }
                break;
            case BYTES:
                if (value instanceof byte[] b) {
                    return b.clone();
                }
                break;
            case TIMESTAMP:
                return toInstant(value);
            case FLOAT32_LIST:
                if (value instanceof float[] f) {
                    return f.clone();
                }
                if (value instanceof List<?> list) {
                    float[] out = new float[list.size()];
                    for (int i = 0; i < out.length; i++) {
                        out[i] = toFloat(element(list, i));
                    }
                    return out;
                }
                break;
            case FLOAT64_LIST:
                if (value instanceof double[] d) {
                    return d.clone();
                }
                if (value instanceof float[] f) {
                    double[] out = new double[f.length];
                    for (int i = 0; i < f.length; i++) {
                        out[i] = f[i];
                    }
                    return out;
                }
                if (value instanceof List<?> list) {
                    double[] out = new double[list.size()];
                    for (int i = 0; i < out.length; i++) {
                        out[i] = toDouble(element(list, i));
                    }
                    return out;
                }
                break;
            case INT64_LIST:
                if (value instanceof long[] l) {
                    return l.clone();
                }
                if (value instanceof int[] ints) {
                    return Arrays.stream(ints).asLongStream().toArray();
                }
                if (value instanceof List<?> list) {
                    long[] out = new long[list.size()];
                    for (int i = 0; i < out.length; i++) {
                        out[i] = (Long) INT64.convert(element(list, i));
                    }
                    return out;
                }
                break;
            case STRING_LIST:
                List<?> source = value instanceof String[] array ? Arrays.asList(array)
                        : value instanceof List<?> list ? list : null;
                if (source != null) {
                    List<String> out = new ArrayList<>(source.size());
                    for (int i = 0; i < source.size(); i++) {
                        if (!(element(source, i) instanceof String s)) {
                            throw new IllegalArgumentException("element " + i + " is a "
                                    + source.get(i).getClass().getSimpleName() + ", expected string");
                        }
                        out.add(s);
                    }
                    return Collections.unmodifiableList(out);
                }
                break;
            default:
                throw new AssertionError(this);
        }
        throw new IllegalArgumentException("expected " + jsonName() + " but got "
                + value.getClass().getSimpleName());
    }

    /**
     * Whether {@code canonical} (a value already {@linkplain #convert converted} to this type)
     * contains NaN or an infinity. Always false for types that are not floating point.
     */
    public boolean containsNonFinite(Object canonical) {
        return switch (this) {
            case FLOAT32 -> !Float.isFinite((Float) canonical);
            case FLOAT64 -> !Double.isFinite((Double) canonical);
            case FLOAT32_LIST -> {
                for (float f : (float[]) canonical) {
                    if (!Float.isFinite(f)) {
                        yield true;
                    }
                }
                yield false;
            }
            case FLOAT64_LIST -> {
                for (double d : (double[]) canonical) {
                    if (!Double.isFinite(d)) {
                        yield true;
                    }
                }
                yield false;
            }
            default -> false;
        };
    }

    private static Object element(List<?> list, int i) {
        Object e = list.get(i);
        if (e == null) {
            throw new IllegalArgumentException("element " + i + " is null; list elements may not be null");
        }
        return e;
    }

    private static Float toFloat(Object value) {
        if (value instanceof Float f) {
            return f;
        }
        if (value instanceof Double d) {
            float f = d.floatValue();
            if (Double.isNaN(d) || (double) f == d) {
                return f;
            }
            throw new IllegalArgumentException("value " + d + " is not exactly representable as float32");
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            long l = ((Number) value).longValue();
            if (Math.abs(l) <= MAX_EXACT_FLOAT_INT) {
                return (float) l;
            }
            throw new IllegalArgumentException("integer " + l + " is not exactly representable as float32");
        }
        throw new IllegalArgumentException("expected float32 but got " + value.getClass().getSimpleName());
    }

    private static Double toDouble(Object value) {
        if (value instanceof Double d) {
            return d;
        }
        if (value instanceof Float f) {
            return f.doubleValue();
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            long l = ((Number) value).longValue();
            if (Math.abs(l) <= MAX_EXACT_DOUBLE_INT) {
                return (double) l;
            }
            throw new IllegalArgumentException("integer " + l + " is not exactly representable as float64");
        }
        throw new IllegalArgumentException("expected float64 but got " + value.getClass().getSimpleName());
    }

    private static Instant toInstant(Object value) {
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        if (value instanceof ZonedDateTime z) {
            return z.toInstant();
        }
        if (value instanceof LocalDateTime || value instanceof LocalDate) {
            throw new IllegalArgumentException("timestamp " + value + " has no zone; pass an Instant or an"
                    + " OffsetDateTime so that it is not read in the wrong zone");
        }
        throw new IllegalArgumentException("expected timestamp (Instant) but got " + value.getClass().getSimpleName());
    }
}
