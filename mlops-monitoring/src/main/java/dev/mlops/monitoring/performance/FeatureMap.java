package dev.mlops.monitoring.performance;

import dev.mlops.core.InvalidArgumentException;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * The immutable feature map of a {@link Prediction}: two parallel arrays, cheap to copy on the logging
 * thread (no hashing), with lookups by linear scan (feature vectors are short; a lookup is not on any
 * hot path). Values are normalised so that they survive storage unchanged: integral numbers become
 * {@link Long}, {@code float} and {@code double} become {@link Double}; strings, booleans and null stay.
 * Iteration follows the source map's order. Thread-safe (immutable).
 */
final class FeatureMap extends AbstractMap<String, Object> {

    static final FeatureMap EMPTY = new FeatureMap(new String[0], new Object[0]);

    private final String[] keys;
    private final Object[] values;

    private FeatureMap(String[] keys, Object[] values) {
        this.keys = keys;
        this.values = values;
    }

    /**
     * Copies and normalises {@code features}.
     *
     * @throws InvalidArgumentException if the map is null, a key is null or blank, or a value is not
     *     null, a {@link Number} of a primitive wrapper type, a {@link String} or a {@link Boolean}
     */
    static FeatureMap copyOf(Map<String, ?> features) {
        if (features instanceof FeatureMap f) {
            return f;
        }
        if (features == null) {
            throw new InvalidArgumentException("features", "is null; pass an empty map for none");
        }
        int n = features.size();
        if (n == 0) {
            return EMPTY;
        }
        String[] keys = new String[n];
        Object[] values = new Object[n];
        int i = 0;
        for (Map.Entry<String, ?> e : features.entrySet()) {
            if (i == n) {
                throw new InvalidArgumentException("features", "changed while being logged");
            }
            String key = e.getKey();
            if (key == null || key.isEmpty()) {
                throw new InvalidArgumentException("features", "has a null or empty feature name");
            }
            keys[i] = key;
            values[i] = normalise(key, e.getValue());
            i++;
        }
        if (i != n) {
            throw new InvalidArgumentException("features", "changed while being logged");
        }
        return new FeatureMap(keys, values);
    }

    private static Object normalise(String key, Object value) {
        if (value == null || value instanceof String || value instanceof Boolean
                || value instanceof Double || value instanceof Long) {
            return value;
        }
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof Float f) {
            return f.doubleValue();
        }
        throw new InvalidArgumentException("features", "feature '" + key + "' has a value of type "
                + value.getClass().getName() + "; expected null, a number (Long, Integer, Short, Byte, Double,"
                + " Float), a String or a Boolean");
    }

    @Override
    public int size() {
        return keys.length;
    }

    @Override
    public boolean containsKey(Object key) {
        return indexOf(key) >= 0;
    }

    @Override
    public Object get(Object key) {
        int i = indexOf(key);
        return i < 0 ? null : values[i];
    }

    private int indexOf(Object key) {
        for (int i = 0; i < keys.length; i++) {
            if (keys[i].equals(key)) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Entry<String, Object>> iterator() {
                return new Iterator<>() {
                    private int next;

                    @Override
                    public boolean hasNext() {
                        return next < keys.length;
                    }

                    @Override
                    public Entry<String, Object> next() {
                        if (next >= keys.length) {
                            throw new NoSuchElementException();
                        }
                        int i = next++;
                        return new SimpleImmutableEntry<>(keys[i], values[i]);
                    }
                };
            }

            @Override
            public int size() {
                return keys.length;
            }
        };
    }
}
