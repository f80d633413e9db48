package dev.mlops.featurestore.internal;

import dev.mlops.core.ConflictException;
import dev.mlops.core.Field;
import dev.mlops.core.InvalidArgumentException;
import dev.mlops.featurestore.Definition;
import dev.mlops.featurestore.Entity;
import dev.mlops.featurestore.FeatureReference;
import dev.mlops.featurestore.FeatureService;
import dev.mlops.featurestore.FeatureView;
import dev.mlops.featurestore.OnDemandFeatureView;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.BiFunction;

/**
 * An immutable snapshot of every registered definition, and the one implementation of the apply
 * rules documented on {@link dev.mlops.featurestore.FeatureRegistry}: every registry adapter loads
 * or keeps a snapshot, calls {@link #apply}, and stores what it reports as changed. Not API.
 */
public final class RegistryState {

    private static final RegistryState EMPTY = new RegistryState(new TreeMap<>(), new TreeMap<>(), new TreeMap<>(),
            new TreeMap<>());

    private final Map<String, Entity> entities;
    private final Map<String, NavigableMap<Integer, FeatureView>> views;
    private final Map<String, NavigableMap<Integer, OnDemandFeatureView>> onDemand;
    private final Map<String, NavigableMap<Integer, FeatureService>> services;

    private RegistryState(TreeMap<String, Entity> entities, TreeMap<String, NavigableMap<Integer, FeatureView>> views,
            TreeMap<String, NavigableMap<Integer, OnDemandFeatureView>> onDemand,
            TreeMap<String, NavigableMap<Integer, FeatureService>> services) {
        this.entities = Collections.unmodifiableMap(entities);
        this.views = Collections.unmodifiableMap(views);
        this.onDemand = Collections.unmodifiableMap(onDemand);
        this.services = Collections.unmodifiableMap(services);
    }

    /** The state with nothing registered. */
    public static RegistryState empty() {
        return EMPTY;
    }

    /** A state holding exactly these definitions, as loaded from storage (no rules applied). */
    public static RegistryState of(Collection<? extends Definition> definitions) {
        Builder b = new Builder(EMPTY);
        definitions.forEach(b::put);
        return b.build();
    }

    /** The outcome of {@link #apply}: the new state and the definitions that were added or replaced. */
    public record Applied(RegistryState state, List<Definition> changed) {}

    /**
     * Applies a batch by the registry's rules.
     *
     * @throws InvalidArgumentException for a null definition, two different definitions of one name
     *     and version in the batch, or a broken reference
     * @throws ConflictException for an incompatible change without a new version, or an older version
     */
    public Applied apply(List<? extends Definition> batch) {
        if (batch == null) {
            throw new InvalidArgumentException("definitions", "is null");
        }
        Map<String, Definition> inBatch = new LinkedHashMap<>();
        for (Definition d : batch) {
            if (d == null) {
                throw new InvalidArgumentException("definitions", "contains null");
            }
            Definition before = inBatch.putIfAbsent(d.kind() + "/" + d.name() + "/" + version(d), d);
            if (before != null && !before.equals(d)) {
                throw new InvalidArgumentException(d.name(), "the batch holds two different definitions of "
                        + d.kind() + " '" + d.name() + "'" + (d instanceof Entity ? "" : " version " + version(d)));
            }
        }
        Builder next = new Builder(this);
        List<Definition> changed = new ArrayList<>();
        for (Definition d : inBatch.values()) {
            if (next.admit(d)) {
                changed.add(d);
            }
        }
        if (changed.isEmpty()) {
            return new Applied(this, List.of());
        }
        RegistryState state = next.build();
        state.checkReferences();
        return new Applied(state, List.copyOf(changed));
    }

    private static int version(Definition d) {
        if (d instanceof FeatureView v) {
            return v.version();
        }
        if (d instanceof OnDemandFeatureView v) {
            return v.version();
        }
        if (d instanceof FeatureService s) {
            return s.version();
        }
        return 1;
    }

    private void checkReferences() {
        for (NavigableMap<Integer, FeatureView> versions : views.values()) {
            for (FeatureView v : versions.values()) {
                if (onDemand.containsKey(v.name())) {
                    throw new InvalidArgumentException(v.name(), "is the name of both a feature view and an on-demand"
                            + " feature view");
                }
                for (Entity e : v.entities()) {
                    Entity registered = entities.get(e.name());
                    if (registered == null) {
                        throw new InvalidArgumentException(e.name(), "feature view '" + v.name() + "' version "
                                + v.version() + " uses entity '" + e.name() + "', which is not registered");
                    }
                    if (!registered.joinKeys().equals(e.joinKeys())) {
                        throw new InvalidArgumentException(e.name(), "feature view '" + v.name() + "' uses entity '"
                                + e.name() + "' with join keys " + e.joinKeys() + ", but it is registered with "
                                + registered.joinKeys());
                    }
                }
            }
        }
        for (NavigableMap<Integer, OnDemandFeatureView> versions : onDemand.values()) {
            OnDemandFeatureView latest = versions.lastEntry().getValue();
            for (FeatureReference ref : latest.sources()) {
                FeatureView source = latest(views, ref.view());
                if (source == null || source.featureIndex(ref.feature()) < 0) {
                    throw new InvalidArgumentException(ref.toString(), "on-demand feature view '" + latest.name()
                            + "' reads an unknown feature" + (onDemand.containsKey(ref.view())
                                    ? " (sources must be ordinary feature views)" : ""));
                }
            }
        }
        for (NavigableMap<Integer, FeatureService> versions : services.values()) {
            FeatureService latest = versions.lastEntry().getValue();
            for (FeatureReference ref : latest.features()) {
                if (!resolves(ref)) {
                    throw new InvalidArgumentException(ref.toString(), "feature service '" + latest.name()
                            + "' version " + latest.version() + " references an unknown feature");
                }
            }
        }
    }

    /** Whether a reference names a feature of the latest view or on-demand view of its name. */
    public boolean resolves(FeatureReference ref) {
        FeatureView view = latest(views, ref.view());
        if (view != null) {
            return view.featureIndex(ref.feature()) >= 0;
        }
        OnDemandFeatureView odfv = latest(onDemand, ref.view());
        return odfv != null && odfv.outputs().stream().anyMatch(f -> f.name().equals(ref.feature()));
    }

    private static <T> T latest(Map<String, NavigableMap<Integer, T>> byName, String name) {
        NavigableMap<Integer, T> versions = byName.get(name);
        return versions == null ? null : versions.lastEntry().getValue();
    }

    private static <T> Optional<T> version(Map<String, NavigableMap<Integer, T>> byName, String name, int version) {
        NavigableMap<Integer, T> versions = byName.get(name);
        return versions == null ? Optional.empty() : Optional.ofNullable(versions.get(version));
    }

    /** The entity of this name. */
    public Optional<Entity> entity(String name) {
        return Optional.ofNullable(entities.get(name));
    }

    /** The latest version of a feature view. */
    public Optional<FeatureView> featureView(String name) {
        return Optional.ofNullable(latest(views, name));
    }

    /** One version of a feature view. */
    public Optional<FeatureView> featureView(String name, int version) {
        return version(views, name, version);
    }

    /** The latest version of an on-demand view. */
    public Optional<OnDemandFeatureView> onDemandFeatureView(String name) {
        return Optional.ofNullable(latest(onDemand, name));
    }

    /** One version of an on-demand view. */
    public Optional<OnDemandFeatureView> onDemandFeatureView(String name, int version) {
        return version(onDemand, name, version);
    }

    /** The latest version of a feature service. */
    public Optional<FeatureService> featureService(String name) {
        return Optional.ofNullable(latest(services, name));
    }

    /** One version of a feature service. */
    public Optional<FeatureService> featureService(String name, int version) {
        return version(services, name, version);
    }

    /** Every entity, sorted by name. */
    public List<Entity> entities() {
        return List.copyOf(entities.values());
    }

    /** The latest version of each feature view, sorted by name. */
    public List<FeatureView> featureViews() {
        return latestOfEach(views);
    }

    /** The latest version of each on-demand view, sorted by name. */
    public List<OnDemandFeatureView> onDemandFeatureViews() {
        return latestOfEach(onDemand);
    }

    /** The latest version of each feature service, sorted by name. */
    public List<FeatureService> featureServices() {
        return latestOfEach(services);
    }

    private static <T> List<T> latestOfEach(Map<String, NavigableMap<Integer, T>> byName) {
        return byName.values().stream().map(m -> m.lastEntry().getValue()).toList();
    }

    /**
     * Why {@code next} cannot replace {@code registered} under the same name and version, if it
     * cannot.
     */
    public static Optional<String> incompatibility(FeatureView registered, FeatureView next) {
        if (!registered.entities().stream().map(Entity::name).toList()
                .equals(next.entities().stream().map(Entity::name).toList())
                || !registered.joinKeys().equals(next.joinKeys())) {
            return Optional.of("its entities or join keys change from " + registered.joinKeys() + " to "
                    + next.joinKeys());
        }
        List<Field> before = registered.features();
        List<Field> after = next.features();
        for (int i = 0; i < before.size(); i++) {
            Field old = before.get(i);
            if (i >= after.size() || !after.get(i).name().equals(old.name())) {
                return Optional.of("feature '" + old.name() + "' is removed, renamed or moved"
                        + " (features may only be appended)");
            }
            Field now = after.get(i);
            if (now.type() != old.type()) {
                return Optional.of("feature '" + old.name() + "' changes type from " + old.type().jsonName() + " to "
                        + now.type().jsonName());
            }
            if (old.nullable() && !now.nullable()) {
                return Optional.of("feature '" + old.name() + "' no longer accepts null");
            }
            if (old.allowNonFinite() && !now.allowNonFinite()) {
                return Optional.of("feature '" + old.name() + "' no longer accepts NaN or infinities");
            }
        }
        for (int i = before.size(); i < after.size(); i++) {
            if (!after.get(i).nullable()) {
                return Optional.of("added feature '" + after.get(i).name()
                        + "' must be nullable, since rows stored before have no value for it");
            }
        }
        return Optional.empty();
    }

    /** Why an on-demand view cannot be replaced under the same version, if it cannot. */
    public static Optional<String> incompatibility(OnDemandFeatureView registered, OnDemandFeatureView next) {
        if (!registered.requestFields().equals(next.requestFields()) || !registered.sources().equals(next.sources())
                || !registered.outputs().equals(next.outputs())) {
            return Optional.of("its request fields, sources or outputs change");
        }
        return Optional.empty();
    }

    /** Why a feature service cannot be replaced under the same version, if it cannot. */
    public static Optional<String> incompatibility(FeatureService registered, FeatureService next) {
        if (!registered.features().equals(next.features())) {
            return Optional.of("its features change from " + registered.features() + " to " + next.features());
        }
        return Optional.empty();
    }

    /** A mutable copy used while applying a batch. */
    private static final class Builder {

        private final TreeMap<String, Entity> entities;
        private final TreeMap<String, NavigableMap<Integer, FeatureView>> views;
        private final TreeMap<String, NavigableMap<Integer, OnDemandFeatureView>> onDemand;
        private final TreeMap<String, NavigableMap<Integer, FeatureService>> services;

        Builder(RegistryState from) {
            entities = new TreeMap<>(from.entities);
            views = deepCopy(from.views);
            onDemand = deepCopy(from.onDemand);
            services = deepCopy(from.services);
        }

        private static <T> TreeMap<String, NavigableMap<Integer, T>> deepCopy(Map<String, NavigableMap<Integer, T>> m) {
            TreeMap<String, NavigableMap<Integer, T>> copy = new TreeMap<>();
            m.forEach((k, v) -> copy.put(k, new TreeMap<>(v)));
            return copy;
        }

        void put(Definition d) {
            if (d instanceof Entity e) {
                entities.put(e.name(), e);
            } else if (d instanceof FeatureView v) {
                views.computeIfAbsent(v.name(), k -> new TreeMap<>()).put(v.version(), v);
            } else if (d instanceof OnDemandFeatureView v) {
                onDemand.computeIfAbsent(v.name(), k -> new TreeMap<>()).put(v.version(), v);
            } else if (d instanceof FeatureService s) {
                services.computeIfAbsent(s.name(), k -> new TreeMap<>()).put(s.version(), s);
            }
        }

        /** Adds or replaces {@code d} when the rules allow; returns whether anything changed. */
        boolean admit(Definition d) {
            if (d instanceof Entity e) {
                Entity registered = entities.get(e.name());
                if (registered != null && !registered.joinKeys().equals(e.joinKeys())) {
                    throw new ConflictException("entity '" + e.name() + "' is registered with join keys "
                            + registered.joinKeys() + "; its join keys cannot change to " + e.joinKeys()
                            + " (define an entity of another name)");
                }
                if (e.equals(registered)) {
                    return false;
                }
                entities.put(e.name(), e);
                return true;
            }
            if (d instanceof FeatureView v) {
                return admitVersioned(views, v, v.version(), RegistryState::incompatibility);
            }
            if (d instanceof OnDemandFeatureView v) {
                return admitVersioned(onDemand, v, v.version(), RegistryState::incompatibility);
            }
            FeatureService s = (FeatureService) d;
            return admitVersioned(services, s, s.version(), RegistryState::incompatibility);
        }

        private static <T extends Definition> boolean admitVersioned(Map<String, NavigableMap<Integer, T>> byName,
                T d, int version, BiFunction<T, T, Optional<String>> incompatibility) {
            NavigableMap<Integer, T> versions = byName.computeIfAbsent(d.name(), k -> new TreeMap<>());
            T registered = versions.get(version);
            if (registered != null) {
                if (registered.equals(d)) {
                    return false;
                }
                Optional<String> why = incompatibility.apply(registered, d);
                if (why.isPresent()) {
                    throw new ConflictException(d.kind() + " '" + d.name() + "' version " + version
                            + " is registered and cannot change: " + why.get() + ". Apply it as version "
                            + (versions.lastKey() + 1) + " instead.");
                }
            } else if (!versions.isEmpty() && versions.lastKey() > version) {
                throw new ConflictException(d.kind() + " '" + d.name() + "' version " + version
                        + " is older than the registered version " + versions.lastKey() + "; versions only grow");
            }
            versions.put(version, d);
            return true;
        }

        RegistryState build() {
            return new RegistryState(entities, views, onDemand, services);
        }
    }
}
