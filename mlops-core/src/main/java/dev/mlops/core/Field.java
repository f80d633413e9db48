package dev.mlops.core;

import java.util.Objects;

/**
 * A named, typed column of a {@link Schema}: a feature, a join key, a model input or output.
 *
 * <p>{@code nullable} says whether the value may be absent; {@code allowNonFinite} whether NaN and
 * infinities are accepted in floating-point values (they are rejected by default, since a NaN that
 * reaches a model is almost always a bug upstream). Immutable and thread-safe.
 *
 * @param name a valid {@linkplain Names name}
 * @param type the value type
 * @param nullable whether null is accepted
 * @param allowNonFinite whether NaN, +Inf and -Inf are accepted in floating-point values
 */
public record Field(String name, ValueType type, boolean nullable, boolean allowNonFinite) {

    public Field {
        Names.require("field name", name);
        if (type == null) {
            throw new InvalidArgumentException(name, "type is null");
        }
        if (allowNonFinite && !type.isFloatingPoint()) {
            throw new InvalidArgumentException(name, "allowNonFinite only applies to floating-point types, not "
                    + type.jsonName());
        }
    }

    /** A nullable field that rejects NaN and infinities. */
    public static Field of(String name, ValueType type) {
        return new Field(name, type, true, false);
    }

    /** A field that must always have a value. */
    public static Field required(String name, ValueType type) {
        return new Field(name, type, false, false);
    }

    /** This field, accepting NaN and infinities. */
    public Field allowingNonFinite() {
        return new Field(name, type, nullable, true);
    }

    /** This field, rejecting null. */
    public Field notNull() {
        return new Field(name, type, false, allowNonFinite);
    }

    /**
     * Checks {@code value} against this field and returns its canonical representation.
     *
     * @param value the value, possibly null
     * @param where context for the message, such as {@code "row 17"}; may be empty
     * @return the canonical value ({@link ValueType#convert}), or null when null is allowed
     * @throws InvalidArgumentException naming this field and {@code where}
     */
    public Object validate(Object value, String where) {
        Objects.requireNonNull(where, "where");
        String prefix = where.isEmpty() ? "" : where + ": ";
        if (value == null) {
            if (nullable) {
                return null;
            }
            throw new InvalidArgumentException(name, prefix + "null is not allowed");
        }
        Object canonical;
        try {
            canonical = type.convert(value);
        } catch (IllegalArgumentException e) {
            throw new InvalidArgumentException(name, prefix + e.getMessage());
        }
        if (!allowNonFinite && type.containsNonFinite(canonical)) {
            throw new InvalidArgumentException(name, prefix + "NaN or infinite value is not allowed");
        }
        return canonical;
    }
}
