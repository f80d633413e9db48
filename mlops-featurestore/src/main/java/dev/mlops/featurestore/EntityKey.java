package dev.mlops.featurestore;

import dev.mlops.core.InvalidArgumentException;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * The join key values that identify one entity (or one combination of entities) in a feature view,
 * in the order of {@link FeatureView#joinKeys()}.
 *
 * <p>Values are canonical join key values: {@link Integer} for {@code INT32}, {@link Long} for
 * {@code INT64}, {@link String} for {@code STRING}; never null. Immutable and thread-safe; equal keys
 * have equal values, so an {@code EntityKey} is a hash key in every store. The hash is computed once,
 * and a single integer key is compared without touching its boxed value, because online lookups
 * compare keys on every call.
 */
public final class EntityKey {

    private static final byte GENERIC = 0;
    private static final byte SINGLE_LONG = 1;
    private static final byte SINGLE_INT = 2;

    private final Object[] values;
    private final byte kind;
    private final long number;
    private final int hash;

    private EntityKey(Object[] values) {
        if (values.length == 0) {
            throw new InvalidArgumentException("entityKey", "needs at least one value");
        }
        for (Object v : values) {
            if (!(v instanceof Long || v instanceof Integer || v instanceof String)) {
                throw new InvalidArgumentException("entityKey", "join key values are Integer, Long or String, got "
                        + (v == null ? "null" : v.getClass().getSimpleName()));
            }
        }
        this.values = values;
        if (values.length == 1 && values[0] instanceof Long l) {
            kind = SINGLE_LONG;
            number = l;
        } else if (values.length == 1 && values[0] instanceof Integer i) {
            kind = SINGLE_INT;
            number = i;
        } else {
            kind = GENERIC;
            number = 0;
        }
        // Arrays.hashCode(values), without its loop for the common single value
        this.hash = values.length == 1 ? 31 + values[0].hashCode() : Arrays.hashCode(values);
    }

    /** A key of these values, in join-key order. */
    public static EntityKey of(Object... values) {
        if (values == null) {
            throw new InvalidArgumentException("entityKey", "is null");
        }
        return new EntityKey(values.clone());
    }

    /** A key of these values, in join-key order. */
    public static EntityKey of(List<?> values) {
        if (values == null) {
            throw new InvalidArgumentException("entityKey", "is null");
        }
        return new EntityKey(values.toArray());
    }

    /** A key of one value. */
    public static EntityKey of(Object value) {
        return new EntityKey(new Object[] {value});
    }

    /** The values, in join-key order. */
    public List<Object> values() {
        return Collections.unmodifiableList(Arrays.asList(values));
    }

    /** The value at {@code index}. */
    public Object get(int index) {
        return values[index];
    }

    /** The number of values. */
    public int size() {
        return values.length;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof EntityKey k) || k.hash != hash || k.kind != kind) {
            return false;
        }
        return kind == GENERIC ? Arrays.equals(values, k.values) : number == k.number;
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        return "EntityKey" + Arrays.toString(values);
    }
}
