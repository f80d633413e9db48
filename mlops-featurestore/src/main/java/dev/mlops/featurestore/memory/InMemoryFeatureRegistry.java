package dev.mlops.featurestore.memory;

import dev.mlops.core.NotFoundException;
import dev.mlops.featurestore.Definition;
import dev.mlops.featurestore.Entity;
import dev.mlops.featurestore.FeatureRegistry;
import dev.mlops.featurestore.FeatureService;
import dev.mlops.featurestore.FeatureView;
import dev.mlops.featurestore.MaterializationInterval;
import dev.mlops.featurestore.OnDemandFeatureView;
import dev.mlops.featurestore.internal.RegistryState;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A {@link FeatureRegistry} held in memory: for tests, notebooks and single-process services whose
 * definitions are applied at start-up. Lost when the process ends.
 *
 * <p>Thread-safe: readers see an immutable snapshot without locking; writers are serialized, and
 * each {@code apply} is atomic.
 */
public final class InMemoryFeatureRegistry implements FeatureRegistry {

    private volatile RegistryState state = RegistryState.empty();
    private final Map<String, List<MaterializationInterval>> materializations = new HashMap<>();

    /** An empty registry. */
    public InMemoryFeatureRegistry() {}

    @Override
    public synchronized void apply(List<? extends Definition> definitions) {
        state = state.apply(definitions).state();
    }

    @Override
    public Optional<Entity> entity(String name) {
        return state.entity(name);
    }

    @Override
    public Optional<FeatureView> featureView(String name) {
        return state.featureView(name);
    }

    @Override
    public Optional<FeatureView> featureView(String name, int version) {
        return state.featureView(name, version);
    }

    @Override
    public Optional<OnDemandFeatureView> onDemandFeatureView(String name) {
        return state.onDemandFeatureView(name);
    }

    @Override
    public Optional<OnDemandFeatureView> onDemandFeatureView(String name, int version) {
        return state.onDemandFeatureView(name, version);
    }

    @Override
    public Optional<FeatureService> featureService(String name) {
        return state.featureService(name);
    }

    @Override
    public Optional<FeatureService> featureService(String name, int version) {
        return state.featureService(name, version);
    }

    @Override
    public List<Entity> entities() {
        return state.entities();
    }

    @Override
    public List<FeatureView> featureViews() {
        return state.featureViews();
    }

    @Override
    public List<OnDemandFeatureView> onDemandFeatureViews() {
        return state.onDemandFeatureViews();
    }

    @Override
    public List<FeatureService> featureServices() {
        return state.featureServices();
    }

    @Override
    public synchronized void recordMaterialization(FeatureView view, MaterializationInterval interval) {
        if (state.featureView(view.name(), view.version()).isEmpty()) {
            throw new NotFoundException("feature view '" + view.name() + "' version " + view.version()
                    + " is not registered");
        }
        materializations.computeIfAbsent(key(view), k -> new ArrayList<>()).add(interval);
    }

    @Override
    public synchronized List<MaterializationInterval> materializations(FeatureView view) {
        return List.copyOf(materializations.getOrDefault(key(view), List.of()));
    }

    private static String key(FeatureView view) {
        return view.name() + "@" + view.version();
    }
}
