package dev.mlops.featurestore;

import dev.mlops.core.ConflictException;
import dev.mlops.core.InvalidArgumentException;
import dev.mlops.core.jdbc.Database;
import dev.mlops.featurestore.jdbc.JdbcFeatureRegistry;
import dev.mlops.featurestore.memory.InMemoryFeatureRegistry;
import java.util.List;
import java.util.Optional;

/**
 * Where definitions live: entities, feature views, on-demand feature views and feature services,
 * and the materialization intervals of each view version.
 *
 * <p><b>Apply rules.</b> {@link #apply(List)} is atomic (all definitions or none) and idempotent
 * (applying what is registered changes nothing). For a name and version already registered:
 * <ul>
 *   <li>an entity's join keys never change;</li>
 *   <li>a feature view may change its TTL, tags, description and owner, and append nullable
 *       features; its join keys, and the names, types and order of its existing features, stay, a
 *       feature does not become non-null and does not start rejecting NaN;</li>
 *   <li>an on-demand view or a feature service may change its description, owner and tags only.</li>
 * </ul>
 * Anything else is a {@link ConflictException} unless it comes as a higher version, which is
 * registered beside the old ones; versions only grow. References are checked against the state
 * after the batch: a view's entities must be registered with the same join keys, an on-demand
 * view's sources and a service's features must name existing features (of the latest version of
 * their view), and a view and an on-demand view cannot share a name. A broken reference is an
 * {@link InvalidArgumentException} naming it.
 *
 * <p>Lookups without a version return the latest. Implementations are thread-safe; list methods
 * return latest versions sorted by name. Adapters: {@link #inMemory()}, JDBC. Every adapter passes
 * the conformance suite in {@code mlops-testkit}.
 */
public interface FeatureRegistry extends AutoCloseable {

    /** A registry held in memory, empty, lost on exit. */
    static FeatureRegistry inMemory() {
        return new InMemoryFeatureRegistry();
    }

    /** A registry in database tables; see {@link JdbcFeatureRegistry}. The database stays the caller's. */
    static FeatureRegistry jdbc(Database database) {
        return JdbcFeatureRegistry.create(database);
    }

    /**
     * Registers definitions, all or none.
     *
     * @throws InvalidArgumentException for a null definition, two different definitions of one name
     *     and version in the batch, or a broken reference
     * @throws ConflictException for an incompatible change without a new version, or an older version
     */
    void apply(List<? extends Definition> definitions);

    /** Registers definitions, all or none; see {@link #apply(List)}. */
    default void apply(Definition... definitions) {
        apply(List.of(definitions));
    }

    /** The entity of this name. */
    Optional<Entity> entity(String name);

    /** The latest version of the feature view of this name. */
    Optional<FeatureView> featureView(String name);

    /** One version of a feature view. */
    Optional<FeatureView> featureView(String name, int version);

    /** The latest version of the on-demand feature view of this name. */
    Optional<OnDemandFeatureView> onDemandFeatureView(String name);

    /** One version of an on-demand feature view. */
    Optional<OnDemandFeatureView> onDemandFeatureView(String name, int version);

    /** The latest version of the feature service of this name. */
    Optional<FeatureService> featureService(String name);

    /** One version of a feature service. */
    Optional<FeatureService> featureService(String name, int version);

    /** All entities, sorted by name. */
    List<Entity> entities();

    /** The latest version of every feature view, sorted by name. */
    List<FeatureView> featureViews();

    /** The latest version of every on-demand feature view, sorted by name. */
    List<OnDemandFeatureView> onDemandFeatureViews();

    /** The latest version of every feature service, sorted by name. */
    List<FeatureService> featureServices();

    /**
     * Records that an interval of a view version was materialized.
     *
     * @throws dev.mlops.core.NotFoundException when that view version is not registered
     */
    void recordMaterialization(FeatureView view, MaterializationInterval interval);

    /** The intervals recorded for a view version, oldest record first. */
    List<MaterializationInterval> materializations(FeatureView view);

    /** Releases what the registry holds; the in-memory one holds nothing. */
    @Override
    default void close() {}
}
