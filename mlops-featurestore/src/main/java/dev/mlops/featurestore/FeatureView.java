package dev.mlops.featurestore;

import dev.mlops.core.Field;
import dev.mlops.core.InvalidArgumentException;
import dev.mlops.core.Names;
import dev.mlops.core.Schema;
import dev.mlops.core.ValueType;
import dev.mlops.featurestore.internal.Timestamps;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * A named, versioned group of typed features about one or more {@link Entity entities}, with the
 * time-to-live that bounds how old a value may be and still be served.
 *
 * <p>A row of a view carries the entities' join keys, {@value #EVENT_TIMESTAMP} (when the values
 * were true), optionally {@value #CREATED_TIMESTAMP} (when the row was produced; it breaks ties
 * between rows with the same event time), and the feature values; {@link #schema()} is that row
 * shape. Rows are checked and converted with {@link #validateRows}.
 *
 * <p>{@link #ttl()} is the lookback of point-in-time joins and the max age of online values; zero
 * means unbounded. Within one version a view may only evolve compatibly: see
 * {@link FeatureRegistry#apply}. The stores keep each version's data apart.
 *
 * <p>Immutable and thread-safe; build one with {@link #builder(String)}.
 */
public final class FeatureView implements Definition {

    /** The column holding a row's event time. */
    public static final String EVENT_TIMESTAMP = "event_timestamp";
    /** The column holding a row's creation time, the tie-breaker between equal event times. */
    public static final String CREATED_TIMESTAMP = "created_timestamp";

    private final String name;
    private final int version;
    private final List<Entity> entities;
    private final List<Field> features;
    private final Duration ttl;
    private final Map<String, String> tags;
    private final String description;
    private final String owner;

    private final List<Field> joinKeys;
    private final List<String> joinKeyNames;
    private final List<String> featureNames;
    private final Map<String, Integer> featureIndex;
    private final Schema schema;

    private FeatureView(Builder b) {
        this.name = Names.require("feature view name", b.name);
        if (b.version < 1) {
            throw new InvalidArgumentException("version", "feature view '" + name + "' version must be >= 1, got "
                    + b.version);
        }
        this.version = b.version;
        if (b.entities.isEmpty()) {
            throw new InvalidArgumentException("entities", "feature view '" + name + "' needs at least one entity");
        }
        this.entities = List.copyOf(b.entities);
        if (b.features.isEmpty()) {
            throw new InvalidArgumentException("features", "feature view '" + name + "' needs at least one feature");
        }
        this.features = List.copyOf(b.features);
        if (b.ttl.isNegative()) {
            throw new InvalidArgumentException("ttl", "feature view '" + name + "' ttl must not be negative, got "
                    + b.ttl);
        }
        this.ttl = b.ttl;
        this.tags = Collections.unmodifiableMap(new TreeMap<>(b.tags));
        this.description = b.description;
        this.owner = b.owner;

        List<Field> keys = new ArrayList<>();
        Set<String> used = new LinkedHashSet<>();
        Set<String> entityNames = new LinkedHashSet<>();
        for (Entity e : entities) {
            if (!entityNames.add(e.name())) {
                throw new InvalidArgumentException("entities", "feature view '" + name + "' lists entity '"
                        + e.name() + "' twice");
            }
            for (Field k : e.joinKeys()) {
                if (!used.add(k.name())) {
                    throw new InvalidArgumentException(k.name(), "feature view '" + name
                            + "': two entities have a join key of this name");
                }
                keys.add(k);
            }
        }
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < features.size(); i++) {
            Field f = features.get(i);
            requireNotReserved(f.name());
            if (used.contains(f.name())) {
                throw new InvalidArgumentException(f.name(), "feature view '" + name
                        + "': a feature may not have the name of a join key or another feature");
            }
            used.add(f.name());
            index.put(f.name(), i);
        }
        this.joinKeys = List.copyOf(keys);
        this.joinKeyNames = keys.stream().map(Field::name).toList();
        this.featureNames = features.stream().map(Field::name).toList();
        this.featureIndex = Map.copyOf(index);
        List<Field> columns = new ArrayList<>(keys);
        columns.add(Field.required(EVENT_TIMESTAMP, ValueType.TIMESTAMP));
        columns.add(Field.of(CREATED_TIMESTAMP, ValueType.TIMESTAMP));
        columns.addAll(features);
        this.schema = Schema.of(columns);
    }

    static void requireNotReserved(String column) {
        if (EVENT_TIMESTAMP.equals(column) || CREATED_TIMESTAMP.equals(column)) {
            throw new InvalidArgumentException(column, "is a reserved column name");
        }
    }

    /** A builder for a view of this name, version 1, no TTL. */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** A builder starting from this view, for a changed copy (for example the next version). */
    public Builder toBuilder() {
        Builder b = new Builder(name).version(version).ttl(ttl).description(description).owner(owner);
        b.entities.addAll(entities);
        b.features.addAll(features);
        b.tags.putAll(tags);
        return b;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String kind() {
        return "feature view";
    }

    /** The version, 1 or more. */
    public int version() {
        return version;
    }

    /** The entities, in order. */
    public List<Entity> entities() {
        return entities;
    }

    /** The features, in order. */
    public List<Field> features() {
        return features;
    }

    /** The feature names, in order. */
    public List<String> featureNames() {
        return featureNames;
    }

    /** The feature of this name. */
    public Optional<Field> feature(String featureName) {
        Integer i = featureIndex.get(featureName);
        return i == null ? Optional.empty() : Optional.of(features.get(i));
    }

    /** The position of the named feature in {@link #features()}, or -1. */
    public int featureIndex(String featureName) {
        Integer i = featureIndex.get(featureName);
        return i == null ? -1 : i;
    }

    /** The join keys of all entities, in order. */
    public List<Field> joinKeys() {
        return joinKeys;
    }

    /** The join key names of all entities, in order. */
    public List<String> joinKeyNames() {
        return joinKeyNames;
    }

    /** The time-to-live; {@link Duration#ZERO} means unbounded. */
    public Duration ttl() {
        return ttl;
    }

    /** Whether the view has a positive TTL. */
    public boolean hasTtl() {
        return !ttl.isZero();
    }

    /** The tags, sorted by key. */
    public Map<String, String> tags() {
        return tags;
    }

    /** Free text, never null. */
    public String description() {
        return description;
    }

    /** Who owns the view (a team, an address), never null. */
    public String owner() {
        return owner;
    }

    /**
     * The shape of a row: the join keys (non-null), {@value #EVENT_TIMESTAMP} (non-null),
     * {@value #CREATED_TIMESTAMP} (nullable), then the features.
     */
    public Schema schema() {
        return schema;
    }

    /**
     * Checks rows against {@link #schema()} and converts them to {@link FeatureRow}s. Either every row
     * is valid and all are returned, or nothing is and the first problem is thrown.
     *
     * @param rows column values by name; a missing nullable column counts as null
     * @param defaultCreated the creation time of rows that do not give {@value #CREATED_TIMESTAMP}
     * @throws InvalidArgumentException naming the row (its position in {@code rows}, from 0) and the
     *     field: a missing join key or event timestamp, an unknown column, a wrong type, a timestamp
     *     without a zone, NaN or infinity in a feature that does not allow it
     */
    public List<FeatureRow> validateRows(List<? extends Map<String, ?>> rows, Instant defaultCreated) {
        return validateRows(rows, defaultCreated, 0);
    }

    /** As {@link #validateRows(List, Instant)}, numbering rows in messages from {@code firstRowNumber}. */
    List<FeatureRow> validateRows(List<? extends Map<String, ?>> rows, Instant defaultCreated, long firstRowNumber) {
        if (rows == null) {
            throw new InvalidArgumentException("rows", "is null");
        }
        Objects.requireNonNull(defaultCreated, "defaultCreated");
        List<FeatureRow> out = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            out.add(validateRow(rows.get(i), firstRowNumber + i, defaultCreated));
        }
        return out;
    }

    private FeatureRow validateRow(Map<String, ?> row, long rowNumber, Instant defaultCreated) {
        if (row == null) {
            throw new InvalidArgumentException("row", "row " + rowNumber + " is null");
        }
        for (String key : joinKeyNames) {
            if (row.get(key) == null) {
                throw new InvalidArgumentException(key, "row " + rowNumber + ": join key is missing");
            }
        }
        if (row.get(EVENT_TIMESTAMP) == null) {
            throw new InvalidArgumentException(EVENT_TIMESTAMP, "row " + rowNumber + ": event timestamp is missing");
        }
        Map<String, Object> canonical = schema.validateRow(row, rowNumber);
        Object[] keyValues = new Object[joinKeys.size()];
        for (int k = 0; k < keyValues.length; k++) {
            keyValues[k] = canonical.get(joinKeyNames.get(k));
        }
        Instant event = (Instant) canonical.get(EVENT_TIMESTAMP);
        Timestamps.requireRepresentable(event, EVENT_TIMESTAMP, rowNumber);
        Instant created = (Instant) canonical.get(CREATED_TIMESTAMP);
        if (created == null) {
            created = defaultCreated;
        }
        Timestamps.requireRepresentable(created, CREATED_TIMESTAMP, rowNumber);
        Object[] values = new Object[features.size()];
        for (int f = 0; f < values.length; f++) {
            Field field = features.get(f);
            values[f] = canonical.get(field.name());
            if (field.type() == ValueType.TIMESTAMP && values[f] != null) {
                Timestamps.requireRepresentable((Instant) values[f], field.name(), rowNumber);
            }
        }
        return FeatureRow.of(EntityKey.of(keyValues), event, created, values);
    }

    /** Equal when every part of the definition is equal. */
    @Override
    public boolean equals(Object o) {
        return o instanceof FeatureView v && v.name.equals(name) && v.version == version
                && v.entities.equals(entities) && v.features.equals(features) && v.ttl.equals(ttl)
                && v.tags.equals(tags) && v.description.equals(description) && v.owner.equals(owner);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, version, entities, features, ttl, tags, description, owner);
    }

    @Override
    public String toString() {
        return "FeatureView[" + name + " v" + version + ", keys=" + joinKeyNames + ", features=" + featureNames
                + ", ttl=" + ttl + "]";
    }

    /**
     * Builds a {@link FeatureView}. Not thread-safe; {@link #build()} validates everything and may be
     * called more than once.
     */
    public static final class Builder {

        private final String name;
        private int version = 1;
        private final List<Entity> entities = new ArrayList<>();
        private final List<Field> features = new ArrayList<>();
        private Duration ttl = Duration.ZERO;
        private final Map<String, String> tags = new TreeMap<>();
        private String description = "";
        private String owner = "";

        private Builder(String name) {
            this.name = name;
        }

        /** The version; 1 unless set. */
        public Builder version(int value) {
            this.version = value;
            return this;
        }

        /** Adds an entity; its join keys become the view's, in order. */
        public Builder entity(Entity entity) {
            entities.add(Objects.requireNonNull(entity, "entity"));
            return this;
        }

        /** Replaces the entities. */
        public Builder entities(List<Entity> values) {
            entities.clear();
            values.forEach(this::entity);
            return this;
        }

        /** Adds a nullable feature that rejects NaN and infinities. */
        public Builder feature(String featureName, ValueType type) {
            return feature(Field.of(featureName, type));
        }

        /** Adds a feature. */
        public Builder feature(Field field) {
            features.add(Objects.requireNonNull(field, "field"));
            return this;
        }

        /** Replaces the features. */
        public Builder features(List<Field> values) {
            features.clear();
            values.forEach(this::feature);
            return this;
        }

        /** The time-to-live; zero (the default) means unbounded. */
        public Builder ttl(Duration value) {
            this.ttl = Objects.requireNonNull(value, "ttl");
            return this;
        }

        /** Adds a tag; the key must be a valid name. */
        public Builder tag(String key, String value) {
            Names.require("tag key", key);
            if (value == null) {
                throw new InvalidArgumentException(key, "tag value is null");
            }
            tags.put(key, value);
            return this;
        }

        /** Free text. */
        public Builder description(String value) {
            this.description = Objects.requireNonNullElse(value, "");
            return this;
        }

        /** The owner. */
        public Builder owner(String value) {
            this.owner = Objects.requireNonNullElse(value, "");
            return this;
        }

        /**
         * The view.
         *
         * @throws InvalidArgumentException for an invalid name or version, no entity or feature, a
         *     negative TTL, or a column name used twice or reserved
         */
        public FeatureView build() {
            return new FeatureView(this);
        }
    }
}
