package dev.mlops.featurestore;

import dev.mlops.core.InvalidArgumentException;
import dev.mlops.core.Names;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * A named, versioned set of feature references: what one model reads, online and for training.
 * Retrieval by service is the norm, so that training and serving ask for exactly the same features.
 *
 * <p>A version never changes its references once registered; a different set is a new version.
 * Immutable and thread-safe.
 *
 * @param name the service's name
 * @param version 1 or more
 * @param features the references, in output order, without duplicates
 * @param description free text
 * @param owner who owns it
 * @param tags tags, sorted by key
 */
public record FeatureService(String name, int version, List<FeatureReference> features, String description,
        String owner, Map<String, String> tags) implements Definition {

    public FeatureService {
        Names.require("feature service name", name);
        if (version < 1) {
            throw new InvalidArgumentException("version", "feature service '" + name + "' version must be >= 1, got "
                    + version);
        }
        if (features == null || features.isEmpty()) {
            throw new InvalidArgumentException("features", "feature service '" + name + "' needs at least one feature");
        }
        Set<FeatureReference> seen = new HashSet<>();
        for (FeatureReference ref : features) {
            if (ref == null) {
                throw new InvalidArgumentException("features", "feature service '" + name + "' has a null reference");
            }
            if (!seen.add(ref)) {
                throw new InvalidArgumentException(ref.toString(), "feature service '" + name
                        + "' lists this feature twice");
            }
        }
        features = List.copyOf(features);
        description = Objects.requireNonNullElse(description, "");
        owner = Objects.requireNonNullElse(owner, "");
        tags = Collections.unmodifiableMap(new TreeMap<>(Objects.requireNonNullElse(tags, Map.of())));
        tags.forEach((k, v) -> {
            Names.require("tag key", k);
            if (v == null) {
                throw new InvalidArgumentException(k, "tag value is null");
            }
        });
    }

    /** Version 1 of a service over the given {@code view:feature} references. */
    public static FeatureService of(String name, String... references) {
        Builder b = builder(name);
        for (String r : references) {
            b.feature(r);
        }
        return b.build();
    }

    /** A builder for a service of this name, version 1. */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    @Override
    public String kind() {
        return "feature service";
    }

    /** Builds a {@link FeatureService}. Not thread-safe. */
    public static final class Builder {

        private final String name;
        private int version = 1;
        private final List<FeatureReference> features = new ArrayList<>();
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

        /** Adds a {@code view:feature} reference. */
        public Builder feature(String reference) {
            features.add(FeatureReference.parse(reference));
            return this;
        }

        /** Adds a reference. */
        public Builder feature(FeatureReference reference) {
            features.add(Objects.requireNonNull(reference, "reference"));
            return this;
        }

        /** Adds every feature of a view, in order. */
        public Builder features(FeatureView view) {
            view.featureNames().forEach(f -> features.add(new FeatureReference(view.name(), f)));
            return this;
        }

        /** Adds every output of an on-demand view, in order. */
        public Builder features(OnDemandFeatureView view) {
            view.outputs().forEach(f -> features.add(new FeatureReference(view.name(), f.name())));
            return this;
        }

        /** Free text. */
        public Builder description(String value) {
            this.description = value;
            return this;
        }

        /** The owner. */
        public Builder owner(String value) {
            this.owner = value;
            return this;
        }

        /** Adds a tag. */
        public Builder tag(String key, String value) {
            tags.put(Names.require("tag key", key), Objects.requireNonNull(value, "tag value"));
            return this;
        }

        /** The service; validates the name, version and references. */
        public FeatureService build() {
            return new FeatureService(name, version, features, description, owner, tags);
        }
    }
}
