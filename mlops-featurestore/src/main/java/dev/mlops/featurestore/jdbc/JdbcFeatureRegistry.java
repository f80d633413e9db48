package dev.mlops.featurestore.jdbc;

import dev.mlops.core.NotFoundException;
import dev.mlops.core.jdbc.Database;
import dev.mlops.featurestore.Definition;
import dev.mlops.featurestore.Entity;
import dev.mlops.featurestore.FeatureRegistry;
import dev.mlops.featurestore.FeatureService;
import dev.mlops.featurestore.FeatureView;
import dev.mlops.featurestore.MaterializationInterval;
import dev.mlops.featurestore.OnDemandFeatureView;
import dev.mlops.featurestore.internal.DefinitionJson;
import dev.mlops.featurestore.internal.RegistryState;
import dev.mlops.featurestore.internal.Timestamps;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A {@link FeatureRegistry} in database tables ({@code mlops_fs_definition},
 * {@code mlops_fs_materialization}), shared by every process that opens the database.
 *
 * <p>An apply locks one row ({@code mlops_fs_registry_lock}), reads every definition, applies the
 * batch by the registry's rules and writes what changed, in one transaction: applies from many
 * processes are serialized and each is all or nothing. Definitions are stored as JSON; an on-demand
 * view reads back without its function, which each process supplies by applying the view itself.
 * Lookups read the database each time (the {@code FeatureStore} caches what it resolves).
 *
 * <p>Thread-safe. The database belongs to the caller; {@link #close()} leaves it open.
 */
public final class JdbcFeatureRegistry implements FeatureRegistry {

    private final Database db;

    private JdbcFeatureRegistry(Database db) {
        this.db = FeatureStoreTables.migrated(db);
    }

    /** A registry in {@code db}, creating its tables if needed. */
    public static JdbcFeatureRegistry create(Database db) {
        return new JdbcFeatureRegistry(db);
    }

    @Override
    public void apply(List<? extends Definition> definitions) {
        db.inTransaction(c -> {
            try (PreparedStatement lock = c.prepareStatement("UPDATE mlops_fs_registry_lock SET id = id WHERE id = 1")) {
                lock.executeUpdate();
            }
            RegistryState.Applied applied = load(c).apply(definitions);
            try (PreparedStatement delete = c.prepareStatement(
                    "DELETE FROM mlops_fs_definition WHERE kind = ? AND name = ? AND version = ?");
                    PreparedStatement insert = c.prepareStatement(
                            "INSERT INTO mlops_fs_definition (kind, name, version, definition) VALUES (?, ?, ?, ?)")) {
                for (Definition d : applied.changed()) {
                    int version = DefinitionJson.version(d);
                    delete.setString(1, d.kind());
                    delete.setString(2, d.name());
                    delete.setInt(3, version);
                    delete.executeUpdate();
                    insert.setString(1, d.kind());
                    insert.setString(2, d.name());
                    insert.setInt(3, version);
                    insert.setString(4, DefinitionJson.write(d));
                    insert.executeUpdate();
                }
            }
            return null;
        });
    }

    private static RegistryState load(Connection c) throws SQLException {
        List<Definition> all = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT definition FROM mlops_fs_definition");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                all.add(DefinitionJson.read(rs.getString(1)));
            }
        }
        return RegistryState.of(all);
    }

    private RegistryState state() {
        return db.withConnection(JdbcFeatureRegistry::load);
    }

    private <T extends Definition> Optional<T> find(String kind, String name, Integer version, Class<T> type) {
        return db.withConnection(c -> {
            String sql = "SELECT definition FROM mlops_fs_definition WHERE kind = ? AND name = ?"
                    + (version == null ? " ORDER BY version DESC LIMIT 1" : " AND version = ?");
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setString(1, kind);
                ps.setString(2, name);
                if (version != null) {
                    ps.setInt(3, version);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(type.cast(DefinitionJson.read(rs.getString(1)))) : Optional.empty();
                }
            }
        });
    }

    @Override
    public Optional<Entity> entity(String name) {
        return find("entity", name, null, Entity.class);
    }

    @Override
    public Optional<FeatureView> featureView(String name) {
        return find("feature view", name, null, FeatureView.class);
    }

    @Override
    public Optional<FeatureView> featureView(String name, int version) {
        return find("feature view", name, version, FeatureView.class);
    }

    @Override
    public Optional<OnDemandFeatureView> onDemandFeatureView(String name) {
        return find("on-demand feature view", name, null, OnDemandFeatureView.class);
    }

    @Override
    public Optional<OnDemandFeatureView> onDemandFeatureView(String name, int version) {
        return find("on-demand feature view", name, version, OnDemandFeatureView.class);
    }

    @Override
    public Optional<FeatureService> featureService(String name) {
        return find("feature service", name, null, FeatureService.class);
    }

    @Override
    public Optional<FeatureService> featureService(String name, int version) {
        return find("feature service", name, version, FeatureService.class);
    }

    @Override
    public List<Entity> entities() {
        return state().entities();
    }

    @Override
    public List<FeatureView> featureViews() {
        return state().featureViews();
    }

    @Override
    public List<OnDemandFeatureView> onDemandFeatureViews() {
        return state().onDemandFeatureViews();
    }

    @Override
    public List<FeatureService> featureServices() {
        return state().featureServices();
    }

    @Override
    public void recordMaterialization(FeatureView view, MaterializationInterval interval) {
        db.inTransaction(c -> {
            try (PreparedStatement exists = c.prepareStatement("SELECT 1 FROM mlops_fs_definition"
                    + " WHERE kind = 'feature view' AND name = ? AND version = ?")) {
                exists.setString(1, view.name());
                exists.setInt(2, view.version());
                try (ResultSet rs = exists.executeQuery()) {
                    if (!rs.next()) {
                        throw new NotFoundException("feature view '" + view.name() + "' version " + view.version()
                                + " is not registered");
                    }
                }
            }
            long seq;
            try (PreparedStatement max = c.prepareStatement("SELECT COALESCE(MAX(seq), 0) FROM mlops_fs_materialization"
                    + " WHERE view_name = ? AND view_version = ?")) {
                max.setString(1, view.name());
                max.setInt(2, view.version());
                try (ResultSet rs = max.executeQuery()) {
                    rs.next();
                    seq = rs.getLong(1) + 1;
                }
            }
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO mlops_fs_materialization"
                    + " (view_name, view_version, seq, start_ts, end_ts) VALUES (?, ?, ?, ?, ?)")) {
                insert.setString(1, view.name());
                insert.setInt(2, view.version());
                insert.setLong(3, seq);
                insert.setLong(4, Timestamps.toNanosSaturated(interval.start()));
                insert.setLong(5, Timestamps.toNanosSaturated(interval.end()));
                insert.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public List<MaterializationInterval> materializations(FeatureView view) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT start_ts, end_ts FROM mlops_fs_materialization"
                    + " WHERE view_name = ? AND view_version = ? ORDER BY seq")) {
                ps.setString(1, view.name());
                ps.setInt(2, view.version());
                List<MaterializationInterval> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new MaterializationInterval(Timestamps.fromNanos(rs.getLong(1)),
                                Timestamps.fromNanos(rs.getLong(2))));
                    }
                }
                return out;
            }
        });
    }

    /** Leaves the database open: it belongs to the caller. */
    @Override
    public void close() {}
}
