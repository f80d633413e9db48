package dev.mlops.featurestore;

import dev.mlops.core.InvalidArgumentException;
import java.util.Arrays;
import java.util.List;

/**
 * The join key values that identify one entity (or one combination of entities) in a feature view,
 * in the order of {@link FeatureView#joinKeys()}.
 *
 * <p>Values are canonical join key values: {@link Integer} for {@code INT32}, {@link Long} for
 * {@code INT64}, {@link String} for {@code STRING}; never null. Immutable and thread-safe; equal keys
 * have equal values, so an {@code EntityKey} is a hash key in every store.
 *
 * @param values the join key values, in order
 */
public record EntityKey(List<Object> values) {

    public EntityKey {
        if (values == null || values.isEmpty()) {
            throw new InvalidArgumentException("entityKey", "needs at least one value");
        }
        for (Object v : values) {
            if (!(v instanceof Long || v instanceof Integer || v instanceof String)) {
                throw new InvalidArgumentException("entityKey", "join key values are Integer, Long or String, got "
                        + (v == null ? "null" : v.getClass().getSimpleName()));
            }
        }
        values = List.copyOf(values);
    }

    /** A key of these values. */
    public static EntityKey of(Object... values) {
        if (values == null) {
            throw new InvalidArgumentException("entityKey", "is null");
        }
        return new EntityKey(Arrays.asList(values));
    }

    /** The value at {@code index}. */
    public Object get(int index) {
        return values.get(index);
    }

    /** The number of values. */
    public int size() {
        return values.size();
    }
}
