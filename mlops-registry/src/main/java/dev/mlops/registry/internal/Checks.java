package dev.mlops.registry.internal;

import dev.mlops.core.InvalidArgumentException;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Argument checks shared by the value types and stores of this module. Not API. */
public final class Checks {

    private Checks() {}

    /** Returns {@code value} when it is non-null and at most {@code max} characters long. */
    public static String text(String field, String value, int max) {
        if (value == null) {
            throw new InvalidArgumentException(field, "is null");
        }
        if (value.length() > max) {
            throw new InvalidArgumentException(field, "is " + value.length() + " characters long, the limit is "
                    + max);
        }
        return value;
    }

    /** Returns {@code value} when it is non-null, non-blank, at most {@code max} chars and has no control characters. */
    public static String label(String field, String value, int max) {
        text(field, value, max);
        if (value.isBlank()) {
            throw new InvalidArgumentException(field, "is blank");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                throw new InvalidArgumentException(field, "contains a control character at index " + i);
            }
        }
        return value;
    }

    /** Returns {@code value} when it is non-null. */
    public static <T> T notNull(String field, T value) {
        if (value == null) {
            throw new InvalidArgumentException(field, "is null");
        }
        return value;
    }

    /** Returns {@code t} when it is non-null and not before the epoch, truncated to milliseconds. */
    public static Instant timestamp(String field, Instant t) {
        notNull(field, t);
        if (t.isBefore(Instant.EPOCH)) {
            throw new InvalidArgumentException(field, "timestamp " + t + " is before 1970-01-01T00:00:00Z");
        }
        return Instant.ofEpochMilli(t.toEpochMilli());
    }

    /** An unmodifiable copy of a collection that must not be null nor contain null. */
    public static <T> List<T> list(String field, Collection<? extends T> values) {
        notNull(field, values);
        for (T v : values) {
            if (v == null) {
                throw new InvalidArgumentException(field, "contains null");
            }
        }
        return List.copyOf(values);
    }

    /** An unmodifiable, insertion-ordered copy of a string map without null keys or values. */
    public static Map<String, String> stringMap(String field, Map<String, String> map) {
        notNull(field, map);
        Map<String, String> copy = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : map.entrySet()) {
            if (e.getKey() == null || e.getValue() == null) {
                throw new InvalidArgumentException(field, "contains a null key or value");
            }
            copy.put(e.getKey(), e.getValue());
        }
        return java.util.Collections.unmodifiableMap(copy);
    }

    /** Throws unless {@code a} and {@code b} are equal; used for immutable fields. */
    public static void same(String field, Object a, Object b) {
        if (!Objects.equals(a, b)) {
            throw new InvalidArgumentException(field, "expected " + a + " but got " + b);
        }
    }
}
