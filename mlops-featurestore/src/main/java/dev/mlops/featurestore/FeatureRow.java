package dev.mlops.featurestore;

import dev.mlops.core.InvalidArgumentException;
import java.time.Instant;
import java.util.AbstractList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.RandomAccess;

/**
 * One validated row of a {@link FeatureView}: the entity key, the event and creation times, and the
 * feature values in the order of {@link FeatureView#features()}.
 *
 * <p>Values are canonical ({@link dev.mlops.core.ValueType#convert}) or null. Rows come from
 * {@link FeatureView#validateRows}, which is how every write path builds them; a row stored under an
 * older compatible version of a view may have fewer values than the view has features, and readers
 * treat the missing trailing values as null ({@link #value(int)}).
 *
 * <p>Immutable and thread-safe as long as nobody mutates the array values it holds (bytes and lists
 * are copied on validation). Equality compares array values by content.
 *
 * @param key the entity key
 * @param eventTimestamp when the values were true
 * @param createdTimestamp when the row was produced; breaks ties between equal event times
 * @param values the feature values, in view order; may contain null
 */
public record FeatureRow(EntityKey key, Instant eventTimestamp, Instant createdTimestamp, List<Object> values) {

    public FeatureRow {
        if (key == null) {
            throw new InvalidArgumentException("key", "is null");
        }
        if (eventTimestamp == null) {
            throw new InvalidArgumentException(FeatureView.EVENT_TIMESTAMP, "is null");
        }
        if (createdTimestamp == null) {
            throw new InvalidArgumentException(FeatureView.CREATED_TIMESTAMP, "is null");
        }
        if (values == null) {
            throw new InvalidArgumentException("values", "is null");
        }
        values = new Values(values.toArray());
    }

    /** A row of these values, in view order. */
    public static FeatureRow of(EntityKey key, Instant eventTimestamp, Instant createdTimestamp, Object... values) {
        return new FeatureRow(key, eventTimestamp, createdTimestamp, Arrays.asList(values));
    }

    /** The value of the feature at {@code index}, null when absent or beyond this row's values. */
    public Object value(int index) {
        return values instanceof Values v ? v.valueAt(index) : index < values.size() ? values.get(index) : null;
    }

    /**
     * Whether this row wins over {@code other} for the same key: a later event time, or an equal
     * event time and a creation time no earlier.
     */
    public boolean supersedes(FeatureRow other) {
        int c = eventTimestamp.compareTo(other.eventTimestamp);
        return c > 0 || (c == 0 && createdTimestamp.compareTo(other.createdTimestamp) >= 0);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof FeatureRow r) || !r.key.equals(key) || !r.eventTimestamp.equals(eventTimestamp)
                || !r.createdTimestamp.equals(createdTimestamp) || r.values.size() != values.size()) {
            return false;
        }
        for (int i = 0; i < values.size(); i++) {
            if (!Objects.deepEquals(values.get(i), r.values.get(i))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int h = Objects.hash(key, eventTimestamp, createdTimestamp);
        for (Object v : values) {
            h = 31 * h + Arrays.deepHashCode(new Object[] {v});
        }
        return h;
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("FeatureRow[").append(key.values()).append(" @").append(eventTimestamp)
                .append(" created ").append(createdTimestamp).append(':');
        for (Object v : values) {
            b.append(' ').append(v != null && v.getClass().isArray() ? Arrays.deepToString(new Object[] {v})
                    : String.valueOf(v));
        }
        return b.append(']').toString();
    }

    /**
     * The values: an unmodifiable list directly over a private copy of the array, so that a read of
     * one value (on every online lookup) goes through one object, not a wrapper of a wrapper.
     */
    private static final class Values extends AbstractList<Object> implements RandomAccess {

        private final Object[] array;

        Values(Object[] array) {
            this.array = array;
        }

        Object valueAt(int index) {
            return index < array.length ? array[index] : null;
        }

        @Override
        public Object get(int index) {
            return array[index];
        }

        @Override
        public int size() {
            return array.length;
        }

        @Override
        public Object[] toArray() {
            return array.clone();
        }
    }
}
