package dev.mlops.featurestore;

import dev.mlops.core.InvalidArgumentException;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * The join key values that identify one entity (or one combination of entities) in a feature view,
 * in the order of {@link FeatureView#joinKeys()}.
 *
 * <p>Values are canonical join key values: {@link Integer} for {@code INT32}, {@link Long} for
 * {@code INT64}, {@link String} for {@code STRING}; never null. Immutable and thread-safe; equal keys
 * have equal values, so an {@code EntityKey} is a hash key in every store; its hash is that of
 * {@code values()}. The hash is computed once, a one-value key holds its value without an array, and
 * a single integer key is compared without touching its boxed value, because online lookups make and
 * compare a key on every call.
 */
public final class EntityKey {

    private static final byte GENERIC = 0;
    private static final byte SINGLE_LONG = 1;
    private static final byte SINGLE_INT = 2;

    /** The value of a one-value key (no array is made for it); null for several values. */
    private final Object single;
    /** The values of a key of several values; null for one value. */
    private final Object[] values;
    private final byte kind;
    private final long number;
    private final int hash;

    /** A key of {@code values}, checked; one value is kept without its array. */
    private static EntityKey checked(Object[] values) {
        if (values.length == 0) {
            throw new InvalidArgumentException("entityKey", "needs at least one value");
        }
        for (Object v : values) {
            requireKeyValue(v);
        }
        return values.length == 1 ? new EntityKey(values[0], null) : new EntityKey(null, values);
    }

    /** Exactly one of {@code single} and {@code several} is non-null; the values are checked. */
    private EntityKey(Object single, Object[] several) {
        this.single = single;
        this.values = several;
        if (single instanceof Long l) {
            kind = SINGLE_LONG;
            number = l;
        } else if (single instanceof Integer i) {
            kind = SINGLE_INT;
            number = i;
        } else {
            kind = GENERIC;
            number = 0;
        }
        // Arrays.hashCode of the values
        this.hash = single != null ? 31 + single.hashCode() : Arrays.hashCode(several);
    }

    private static void requireKeyValue(Object v) {
        if (!(v instanceof Long || v instanceof Integer || v instanceof String)) {
            throw new InvalidArgumentException("entityKey", "join key values are Integer, Long or String, got "
                    + (v == null ? "null" : v.getClass().getSimpleName()));
        }
    }

    /** A key of these values, in join-key order. */
    public static EntityKey of(Object... values) {
        if (values == null) {
            throw new InvalidArgumentException("entityKey", "is null");
        }
        return checked(values.clone());
    }

    /** A key of these values, in join-key order. */
    public static EntityKey of(List<?> values) {
        if (values == null) {
            throw new InvalidArgumentException("entityKey", "is null");
        }
        return checked(values.toArray());
    }

    /** A key of one value. */
    public static EntityKey of(Object value) {
        requireKeyValue(value);
        return new EntityKey(value, null);
    }

    /** The values, in join-key order. */
    public List<Object> values() {
        return values == null ? Collections.singletonList(single) : Collections.unmodifiableList(Arrays.asList(values));
    }

    /** The value at {@code index}. */
    public Object get(int index) {
        if (values == null) {
            Objects.checkIndex(index, 1);
            return single;
        }
        return values[index];
    }

    /** The number of values. */
    public int size() {
        return values == null ? 1 : values.length;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof EntityKey k) || k.hash != hash || k.kind != kind) {
            return false;
        }
        return kind != GENERIC ? number == k.number
                : Objects.equals(single, k.single) && Arrays.equals(values, k.values);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        return "EntityKey" + values();
    }
}
