package dev.mlops.featurestore;

import dev.mlops.core.Field;
import dev.mlops.core.InvalidArgumentException;
import dev.mlops.core.Names;
import dev.mlops.core.Schema;
import dev.mlops.core.ValueType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Features computed at read time by a Java function over request data and other views' features,
 * used identically by {@code getOnlineFeatures} and {@code getHistoricalFeatures}, so training and
 * serving share one definition.
 *
 * <p>The request fields are values the caller passes with each entity row (an amount, a device
 * type); the sources are {@code view:feature} references to ordinary feature views; the outputs are
 * typed and checked like any feature. Immutable and thread-safe if the transformation is.
 *
 * <p>A registry stores the definition, not the function: {@link #equals} ignores the
 * transformation, and a changed function should come as a new version. A view read back from a
 * persistent registry in another process has no function until that process applies it again.
 */
public final class OnDemandFeatureView implements Definition {

    private final String name;
    private final int version;
    private final List<Field> requestFields;
    private final List<FeatureReference> sources;
    private final List<Field> outputs;
    private final OnDemandTransformation transformation;
    private final String description;
    private final String owner;
    private final Map<String, String> tags;
    private final Schema outputSchema;

    private OnDemandFeatureView(Builder b) {
        this.name = Names.require("on-demand feature view name", b.name);
        if (b.version < 1) {
            throw new InvalidArgumentException("version", "on-demand feature view '" + name
                    + "' version must be >= 1, got " + b.version);
        }
        this.version = b.version;
        this.requestFields = List.copyOf(b.requestFields);
        this.sources = List.copyOf(b.sources);
        if (requestFields.isEmpty() && sources.isEmpty()) {
            throw new InvalidArgumentException("sources", "on-demand feature view '" + name
                    + "' needs a request field or a source feature");
        }
        Set<String> inputs = new HashSet<>();
        for (Field f : requestFields) {
            if (!inputs.add(f.name())) {
                throw new InvalidArgumentException(f.name(), "request field appears twice in on-demand view '"
                        + name + "'");
            }
        }
        for (FeatureReference r : sources) {
            if (r.view().equals(name)) {
                throw new InvalidArgumentException(r.toString(), "on-demand view '" + name + "' cannot read itself");
            }
            if (!inputs.add(r.fullName())) {
                throw new InvalidArgumentException(r.toString(), "input appears twice in on-demand view '" + name
                        + "'");
            }
        }
        if (b.outputs.isEmpty()) {
            throw new InvalidArgumentException("outputs", "on-demand feature view '" + name + "' needs an output");
        }
        this.outputs = List.copyOf(b.outputs);
        this.outputSchema = Schema.of(outputs);
        this.transformation = b.transformation == null ? unbound(name) : b.transformation;
        this.description = b.description;
        this.owner = b.owner;
        this.tags = Collections.unmodifiableMap(new TreeMap<>(b.tags));
    }

    private static OnDemandTransformation unbound(String viewName) {
        return input -> {
            throw new IllegalStateException("on-demand feature view '" + viewName + "' has no transformation in this"
                    + " process; apply the view with its function before reading it");
        };
    }

    /** A builder for an on-demand view of this name, version 1. */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** A builder starting from this view. */
    public Builder toBuilder() {
        Builder b = new Builder(name).version(version).transformation(transformation).description(description)
                .owner(owner);
        b.requestFields.addAll(requestFields);
        b.sources.addAll(sources);
        b.outputs.addAll(outputs);
        b.tags.putAll(tags);
        return b;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String kind() {
        return "on-demand feature view";
    }

    /** The version, 1 or more. */
    public int version() {
        return version;
    }

    /** The request fields the caller supplies with each entity row. */
    public List<Field> requestFields() {
        return requestFields;
    }

    /** The source features, references to ordinary feature views. */
    public List<FeatureReference> sources() {
        return sources;
    }

    /** The output features. */
    public List<Field> outputs() {
        return outputs;
    }

    /** The function. */
    public OnDemandTransformation transformation() {
        return transformation;
    }

    /** Free text. */
    public String description() {
        return description;
    }

    /** The owner. */
    public String owner() {
        return owner;
    }

    /** Tags, sorted by key. */
    public Map<String, String> tags() {
        return tags;
    }

    /**
     * Runs the transformation on one row and checks its result against {@link #outputs()}.
     *
     * @param input request fields by name and source features by full name
     * @param rowNumber the row's position, for messages
     * @return the output values in output order (null where absent)
     * @throws InvalidArgumentException when the function returns an unknown output, a wrong type or
     *     a forbidden NaN, naming the row and the output
     */
    public Object[] compute(Map<String, Object> input, long rowNumber) {
        Map<String, ?> result = transformation.apply(Collections.unmodifiableMap(input));
        if (result == null) {
            throw new InvalidArgumentException(name, "row " + rowNumber + ": the transformation returned null");
        }
        Map<String, Object> checked;
        try {
            checked = outputSchema.validateRow(result, rowNumber);
        } catch (InvalidArgumentException e) {
            throw new InvalidArgumentException(name + FeatureReference.FULL_NAME_SEPARATOR
                    + e.field().orElse("?"), "on-demand view '" + name + "': " + e.getMessage());
        }
        return checked.values().toArray();
    }

    /** The input map of one row, for {@link #compute}, built from request values and source values. */
    public Map<String, Object> input(Map<String, ?> request, Map<String, ?> sourceValuesByFullName) {
        Map<String, Object> in = new LinkedHashMap<>();
        for (Field f : requestFields) {
            in.put(f.name(), request.get(f.name()));
        }
        for (FeatureReference r : sources) {
            in.put(r.fullName(), sourceValuesByFullName.get(r.fullName()));
        }
        return in;
    }

    /** Equal when the definitions are equal; the transformation is not compared. */
    @Override
    public boolean equals(Object o) {
        return o instanceof OnDemandFeatureView v && v.name.equals(name) && v.version == version
                && v.requestFields.equals(requestFields) && v.sources.equals(sources) && v.outputs.equals(outputs)
                && v.description.equals(description) && v.owner.equals(owner) && v.tags.equals(tags);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, version, requestFields, sources, outputs, description, owner, tags);
    }

    @Override
    public String toString() {
        return "OnDemandFeatureView[" + name + " v" + version + ", request=" + requestFields.stream()
                .map(Field::name).toList() + ", sources=" + sources + ", outputs=" + outputs.stream().map(Field::name)
                .toList() + "]";
    }

    /** Builds an {@link OnDemandFeatureView}. Not thread-safe. */
    public static final class Builder {

        private final String name;
        private int version = 1;
        private final List<Field> requestFields = new ArrayList<>();
        private final List<FeatureReference> sources = new ArrayList<>();
        private final List<Field> outputs = new ArrayList<>();
        private OnDemandTransformation transformation;
        private String description = "";
        private String owner = "";
        private final Map<String, String> tags = new TreeMap<>();

        private Builder(String name) {
            this.name = name;
        }

        /** The version; 1 unless set. */
        public Builder version(int value) {
            this.version = value;
            return this;
        }

        /** Adds a request field. */
        public Builder requestField(Field field) {
            requestFields.add(Objects.requireNonNull(field, "field"));
            return this;
        }

        /** Adds a nullable request field. */
        public Builder requestField(String fieldName, ValueType type) {
            return requestField(Field.of(fieldName, type));
        }

        /** Adds a source feature, {@code view:feature}. */
        public Builder source(String reference) {
            sources.add(FeatureReference.parse(reference));
            return this;
        }

        /** Adds an output feature. */
        public Builder output(Field field) {
            outputs.add(Objects.requireNonNull(field, "field"));
            return this;
        }

        /** Adds a nullable output feature that rejects NaN. */
        public Builder output(String outputName, ValueType type) {
            return output(Field.of(outputName, type));
        }

        /** The function. */
        public Builder transformation(OnDemandTransformation value) {
            this.transformation = Objects.requireNonNull(value, "transformation");
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

        /** Adds a tag. */
        public Builder tag(String key, String value) {
            tags.put(Names.require("tag key", key), Objects.requireNonNull(value, "tag value"));
            return this;
        }

        /**
         * The view. A view without a transformation can be registered but not read; it is what a
         * persistent registry returns to a process that has not applied the function.
         */
        public OnDemandFeatureView build() {
            return new OnDemandFeatureView(this);
        }
    }
}
