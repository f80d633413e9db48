package dev.mlops.registry.jdbc;

import dev.mlops.core.AlreadyExistsException;
import dev.mlops.core.ConflictException;
import dev.mlops.core.Names;
import dev.mlops.core.NotFoundException;
import dev.mlops.core.artifact.ArtifactRef;
import dev.mlops.core.jdbc.Database;
import dev.mlops.core.jdbc.Dialect;
import dev.mlops.registry.internal.Checks;
import dev.mlops.registry.internal.Sql;
import dev.mlops.registry.model.Aliases;
import dev.mlops.registry.model.AuditAction;
import dev.mlops.registry.model.AuditEvent;
import dev.mlops.registry.model.ModelRegistryStore;
import dev.mlops.registry.model.ModelSignature;
import dev.mlops.registry.model.ModelVersion;
import dev.mlops.registry.model.ModelVersionStatus;
import dev.mlops.registry.model.NewModelVersion;
import dev.mlops.registry.model.RegisteredModel;
import dev.mlops.registry.model.Stage;
import dev.mlops.registry.tracking.Tag;
import dev.mlops.registry.tracking.TrackingLimits;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A {@link ModelRegistryStore} in a relational database (H2 or PostgreSQL) through core's
 * {@link Database}.
 *
 * <p>Creating the store applies the registry module's migrations. Every change is one transaction
 * that first locks the registered model's row ({@code SELECT … FOR UPDATE}), so changes to one model
 * are serialized across threads and JVMs: version numbers are {@code latest + 1} without gaps, an
 * alias move and its audit event commit together, and audit sequence numbers follow the order in which
 * the changes were applied. Thread-safe; the database's lifecycle is the host's.
 */
public final class JdbcModelRegistryStore implements ModelRegistryStore {

    private final Database db;
    private final Dialect dialect;
    private final InstantSource clock;

    /** A store on {@code db}, taking event times from {@code clock}; applies the migrations. */
    public JdbcModelRegistryStore(Database db, InstantSource clock) {
        this.db = Checks.notNull("database", db);
        this.clock = Checks.notNull("clock", clock);
        this.dialect = RegistryMigrations.apply(db);
    }

    @Override
    public RegisteredModel createRegisteredModel(String name, String description, List<Tag> tags, String actor) {
        Names.require("model name", name);
        description(description);
        List<Tag> checked = Checks.list("tags", tags);
        TrackingLimits.checkBatch(0, 0, checked.size());
        actor(actor);
        return db.inTransaction(c -> {
            long now = clock.millis();
            if (exists(c, "SELECT 1 FROM reg_model WHERE name = ?", name)) {
                throw new AlreadyExistsException("registered model '" + name + "' already exists");
            }
            try {
                Sql.update(c, "INSERT INTO reg_model (name, description, latest_version, creation_time, last_updated_time)"
                        + " VALUES (?, ?, 0, ?, ?)", name, description, now, now);
            } catch (SQLException e) {
                if (dialect.isUniqueViolation(e)) {
                    throw new AlreadyExistsException("registered model '" + name + "' already exists");
                }
                throw e;
            }
            for (Tag t : checked) {
                Sql.update(c, Sql.upsert(dialect, "reg_model_tag", List.of("model_name", "key_name"), List.of("value_text")),
                        name, t.key(), t.value());
            }
            audit(c, name, now, actor, null, AuditAction.MODEL_CREATED, null, null, null);
            return model(c, name).orElseThrow();
        });
    }

    @Override
    public Optional<RegisteredModel> getRegisteredModel(String name) {
        return name == null ? Optional.empty() : db.withConnection(c -> model(c, name));
    }

    @Override
    public List<RegisteredModel> listRegisteredModels() {
        return db.withConnection(c -> {
            List<String> names = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT name FROM reg_model ORDER BY "
                    + Sql.binaryOrder(dialect, "name")); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
            List<RegisteredModel> out = new ArrayList<>();
            for (String n : names) {
                out.add(model(c, n).orElseThrow());
            }
            return out;
        });
    }

    @Override
    public RegisteredModel setModelDescription(String name, String description, String actor) {
        description(description);
        actor(actor);
        return db.inTransaction(c -> {
            ModelRow m = lockModel(c, name);
            long now = clock.millis();
            Sql.update(c, "UPDATE reg_model SET description = ? WHERE name = ?", description, name);
            audit(c, name, now, actor, null, AuditAction.MODEL_DESCRIPTION_SET, null, m.description, description);
            return model(c, name).orElseThrow();
        });
    }

    @Override
    public RegisteredModel setModelTag(String name, Tag tag, String actor) {
        Checks.notNull("tag", tag);
        actor(actor);
        return db.inTransaction(c -> {
            lockModel(c, name);
            String previous = Sql.queryText(c, "SELECT value_text FROM reg_model_tag WHERE model_name = ? AND key_name = ?",
                    name, tag.key());
            Sql.update(c, Sql.upsert(dialect, "reg_model_tag", List.of("model_name", "key_name"), List.of("value_text")),
                    name, tag.key(), tag.value());
            audit(c, name, clock.millis(), actor, null, AuditAction.MODEL_TAG_SET, tag.key(), previous, tag.value());
            return model(c, name).orElseThrow();
        });
    }

    @Override
    public RegisteredModel deleteModelTag(String name, String key, String actor) {
        actor(actor);
        return db.inTransaction(c -> {
            lockModel(c, name);
            String previous = Sql.queryText(c, "SELECT value_text FROM reg_model_tag WHERE model_name = ? AND key_name = ?",
                    name, key);
            if (previous == null) {
                throw new NotFoundException("model '" + name + "' has no tag '" + key + "'");
            }
            Sql.update(c, "DELETE FROM reg_model_tag WHERE model_name = ? AND key_name = ?", name, key);
            audit(c, name, clock.millis(), actor, null, AuditAction.MODEL_TAG_DELETED, key, previous, null);
            return model(c, name).orElseThrow();
        });
    }

    @Override
    public ModelVersion createModelVersion(NewModelVersion spec, String actor) {
        Checks.notNull("version", spec);
        actor(actor);
        return db.inTransaction(c -> {
            ModelRow m = lockModel(c, spec.name());
            int number = m.latestVersion + 1;
            long now = clock.millis();
            ArtifactRef ref = spec.artifact();
            Sql.update(c, "INSERT INTO reg_model_version (model_name, version_number, source_run_id, digest, size_bytes,"
                    + " media_type, signature_json, status, stage, description, user_id, creation_time,"
                    + " last_updated_time) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", spec.name(), number,
                    spec.sourceRunId().orElse(null), ref.digest(), ref.size(), ref.mediaType(),
                    spec.signature().toJson(), spec.status().name(), Stage.NONE.name(), spec.description(), actor,
                    now, now);
            Sql.update(c, "UPDATE reg_model SET latest_version = ? WHERE name = ?", number, spec.name());
            for (Tag t : spec.tags()) {
                Sql.update(c, "INSERT INTO reg_version_tag (model_name, version_number, key_name, value_text)"
                        + " VALUES (?, ?, ?, ?)", spec.name(), number, t.key(), t.value());
            }
            audit(c, spec.name(), now, actor, number, AuditAction.VERSION_CREATED, null, null, ref.uri());
            return version(c, spec.name(), number).orElseThrow();
        });
    }

    @Override
    public Optional<ModelVersion> getModelVersion(String name, int version) {
        return name == null ? Optional.empty() : db.withConnection(c -> version(c, name, version));
    }

    @Override
    public List<ModelVersion> listModelVersions(String name) {
        return db.withConnection(c -> {
            ModelRow m = modelRow(c, name, false);
            List<ModelVersion> out = new ArrayList<>();
            for (int v = 1; v <= m.latestVersion; v++) {
                out.add(version(c, name, v).orElseThrow());
            }
            return out;
        });
    }

    @Override
    public ModelVersion setVersionStatus(String name, int version, ModelVersionStatus status, String actor) {
        Checks.notNull("status", status);
        actor(actor);
        return db.inTransaction(c -> {
            lockModel(c, name);
            ModelVersion v = requireVersion(c, name, version);
            if (v.status() == status) {
                return v;
            }
            if (v.status() != ModelVersionStatus.PENDING_REGISTRATION
                    || status == ModelVersionStatus.PENDING_REGISTRATION) {
                throw new ConflictException("version " + version + " of '" + name + "' is " + v.status()
                        + " and cannot become " + status);
            }
            changeVersion(c, name, version, "status", status.name(), actor, AuditAction.VERSION_STATUS_SET, null,
                    v.status().name());
            return version(c, name, version).orElseThrow();
        });
    }

    @Override
    public ModelVersion setVersionDescription(String name, int version, String description, String actor) {
        description(description);
        actor(actor);
        return db.inTransaction(c -> {
            lockModel(c, name);
            ModelVersion v = requireVersion(c, name, version);
            changeVersion(c, name, version, "description", description, actor, AuditAction.VERSION_DESCRIPTION_SET,
                    null, v.description());
            return version(c, name, version).orElseThrow();
        });
    }

    @Override
    public ModelVersion setVersionTag(String name, int version, Tag tag, String actor) {
        Checks.notNull("tag", tag);
        actor(actor);
        return db.inTransaction(c -> {
            lockModel(c, name);
            ModelVersion v = requireVersion(c, name, version);
            Sql.update(c, Sql.upsert(dialect, "reg_version_tag", List.of("model_name", "version_number", "key_name"),
                    List.of("value_text")), name, version, tag.key(), tag.value());
            touchVersion(c, name, version, actor, AuditAction.VERSION_TAG_SET, tag.key(), v.tags().get(tag.key()),
                    tag.value());
            return version(c, name, version).orElseThrow();
        });
    }

    @Override
    public ModelVersion deleteVersionTag(String name, int version, String key, String actor) {
        actor(actor);
        return db.inTransaction(c -> {
            lockModel(c, name);
            ModelVersion v = requireVersion(c, name, version);
            String previous = v.tags().get(key);
            if (previous == null) {
                throw new NotFoundException("version " + version + " of '" + name + "' has no tag '" + key + "'");
            }
            Sql.update(c, "DELETE FROM reg_version_tag WHERE model_name = ? AND version_number = ? AND key_name = ?",
                    name, version, key);
            touchVersion(c, name, version, actor, AuditAction.VERSION_TAG_DELETED, key, previous, null);
            return version(c, name, version).orElseThrow();
        });
    }

    @Override
    public ModelVersion transitionStage(String name, int version, Stage stage, boolean archiveExisting,
            String actor) {
        Checks.notNull("stage", stage);
        actor(actor);
        return db.inTransaction(c -> {
            ModelRow m = lockModel(c, name);
            ModelVersion target = requireVersion(c, name, version);
            if (archiveExisting && stage.archivesOthers()) {
                for (int other = 1; other <= m.latestVersion; other++) {
                    if (other != version && version(c, name, other).orElseThrow().stage() == stage) {
                        changeVersion(c, name, other, "stage", Stage.ARCHIVED.name(), actor,
                                AuditAction.VERSION_STAGE_SET, null, stage.name());
                    }
                }
            }
            if (target.stage() != stage) {
                changeVersion(c, name, version, "stage", stage.name(), actor, AuditAction.VERSION_STAGE_SET, null,
                        target.stage().name());
            }
            return version(c, name, version).orElseThrow();
        });
    }

    @Override
    public ModelVersion setAlias(String name, String alias, int version, Optional<Integer> expectedCurrent,
            String actor) {
        Aliases.require(alias);
        Checks.notNull("expectedCurrent", expectedCurrent);
        actor(actor);
        return db.inTransaction(c -> {
            lockModel(c, name);
            requireVersion(c, name, version);
            Integer current = aliasTarget(c, name, alias);
            if (expectedCurrent.isPresent() && expectedCurrent.get() != (current == null ? 0 : current)) {
                throw new ConflictException("alias '" + alias + "' of '" + name + "' points at "
                        + (current == null ? "nothing" : "version " + current) + ", not at version "
                        + expectedCurrent.get());
            }
            if (current == null || current != version) {
                Sql.update(c, Sql.upsert(dialect, "reg_alias", List.of("model_name", "alias_name"),
                        List.of("version_number")), name, alias, version);
                long now = clock.millis();
                if (current != null) {
                    Sql.update(c, "UPDATE reg_model_version SET last_updated_time = ? WHERE model_name = ? AND"
                            + " version_number = ?", now, name, current);
                }
                touchVersion(c, name, version, actor, AuditAction.ALIAS_SET, alias,
                        current == null ? null : current.toString(), Integer.toString(version));
            }
            return version(c, name, version).orElseThrow();
        });
    }

    @Override
    public void deleteAlias(String name, String alias, String actor) {
        actor(actor);
        db.inTransaction(c -> {
            lockModel(c, name);
            Integer previous = aliasTarget(c, name, alias);
            if (previous == null) {
                throw new NotFoundException("model '" + name + "' has no alias '" + alias + "'");
            }
            Sql.update(c, "DELETE FROM reg_alias WHERE model_name = ? AND alias_name = ?", name, alias);
            touchVersion(c, name, previous, actor, AuditAction.ALIAS_DELETED, alias, previous.toString(), null);
            return null;
        });
    }

    @Override
    public Optional<ModelVersion> getVersionByAlias(String name, String alias) {
        if (name == null || alias == null) {
            return Optional.empty();
        }
        return db.withConnection(c -> {
            Integer v = aliasTarget(c, name, alias);
            return v == null ? Optional.empty() : version(c, name, v);
        });
    }

    @Override
    public List<AuditEvent> auditLog(String name) {
        return db.withConnection(c -> {
            modelRow(c, name, false);
            List<AuditEvent> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT seq, event_time, actor, version_number, action_type,"
                    + " key_name, previous_value, new_value FROM reg_audit WHERE model_name = ? ORDER BY seq")) {
                ps.setString(1, name);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        int v = rs.getInt(4);
                        Optional<Integer> version = rs.wasNull() ? Optional.empty() : Optional.of(v);
                        out.add(new AuditEvent(rs.getLong(1), Instant.ofEpochMilli(rs.getLong(2)), rs.getString(3),
                                name, version, AuditAction.valueOf(rs.getString(5)),
                                Optional.ofNullable(rs.getString(6)), Optional.ofNullable(rs.getString(7)),
                                Optional.ofNullable(rs.getString(8))));
                    }
                }
            }
            return out;
        });
    }

    @Override
    public Optional<Integer> aliasAt(String name, String alias, Instant at) {
        Checks.notNull("at", at);
        if (name == null || alias == null) {
            return Optional.empty();
        }
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT action_type, new_value FROM reg_audit"
                    + " WHERE model_name = ? AND key_name = ? AND action_type IN (?, ?) AND event_time <= ?"
                    + " ORDER BY seq DESC FETCH FIRST 1 ROWS ONLY")) {
                ps.setString(1, name);
                ps.setString(2, alias);
                ps.setString(3, AuditAction.ALIAS_SET.name());
                ps.setString(4, AuditAction.ALIAS_DELETED.name());
                ps.setLong(5, at.toEpochMilli());
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next() || !rs.getString(1).equals(AuditAction.ALIAS_SET.name())) {
                        return Optional.empty();
                    }
                    return Optional.of(Integer.valueOf(rs.getString(2)));
                }
            }
        });
    }

    // ---------------------------------------------------------------- helpers

    private record ModelRow(String description, int latestVersion) {}

    private static ModelRow modelRow(Connection c, String name, boolean forUpdate) throws SQLException {
        if (name != null) {
            try (PreparedStatement ps = c.prepareStatement("SELECT description, latest_version FROM reg_model"
                    + " WHERE name = ?" + (forUpdate ? " FOR UPDATE" : ""))) {
                ps.setString(1, name);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        return new ModelRow(rs.getString(1), rs.getInt(2));
                    }
                }
            }
        }
        throw new NotFoundException("registered model '" + name + "' does not exist");
    }

    /** Locks the model's row for the rest of the transaction: all changes to one model are serialized. */
    private static ModelRow lockModel(Connection c, String name) throws SQLException {
        return modelRow(c, name, true);
    }

    private ModelVersion requireVersion(Connection c, String name, int version) throws SQLException {
        return version(c, name, version).orElseThrow(() -> new NotFoundException("model '" + name
                + "' has no version " + version));
    }

    /** Sets one column of a version (a constant name), bumps its update time and audits the change. */
    private void changeVersion(Connection c, String name, int version, String column, String value, String actor,
            AuditAction action, String key, String previous) throws SQLException {
        Sql.update(c, "UPDATE reg_model_version SET " + column + " = ? WHERE model_name = ? AND version_number = ?",
                value, name, version);
        String shown = column.equals("stage") ? Stage.valueOf(value).displayName() : value;
        String shownPrevious = column.equals("stage") && previous != null ? Stage.valueOf(previous).displayName()
                : previous;
        touchVersion(c, name, version, actor, action, key, shownPrevious, shown);
    }

    private void touchVersion(Connection c, String name, int version, String actor, AuditAction action, String key,
            String previous, String next) throws SQLException {
        long now = clock.millis();
        Sql.update(c, "UPDATE reg_model_version SET last_updated_time = ? WHERE model_name = ? AND version_number = ?",
                now, name, version);
        audit(c, name, now, actor, version, action, key, previous, next);
    }

    private void audit(Connection c, String name, long now, String actor, Integer version, AuditAction action,
            String key, String previous, String next) throws SQLException {
        Sql.update(c, "INSERT INTO reg_audit (model_name, event_time, actor, version_number, action_type, key_name,"
                + " previous_value, new_value) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", name, now, actor, version,
                action.name(), key, previous, next);
        Sql.update(c, "UPDATE reg_model SET last_updated_time = ? WHERE name = ?", now, name);
    }

    private static Integer aliasTarget(Connection c, String name, String alias) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT version_number FROM reg_alias WHERE model_name = ? AND alias_name = ?")) {
            ps.setString(1, name);
            ps.setString(2, alias);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getInt(1) : null;
            }
        }
    }

    private Optional<RegisteredModel> model(Connection c, String name) throws SQLException {
        String description;
        int latest;
        long created;
        long updated;
        try (PreparedStatement ps = c.prepareStatement("SELECT description, latest_version, creation_time,"
                + " last_updated_time FROM reg_model WHERE name = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                description = rs.getString(1);
                latest = rs.getInt(2);
                created = rs.getLong(3);
                updated = rs.getLong(4);
            }
        }
        Map<String, String> tags = pairs(c, "SELECT key_name, value_text FROM reg_model_tag WHERE model_name = ?", name);
        Map<String, Integer> aliases = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT alias_name, version_number FROM reg_alias WHERE model_name = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    aliases.put(rs.getString(1), rs.getInt(2));
                }
            }
        }
        return Optional.of(new RegisteredModel(name, description, tags, aliases, latest, Instant.ofEpochMilli(created),
                Instant.ofEpochMilli(updated)));
    }

    private Optional<ModelVersion> version(Connection c, String name, int version) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT source_run_id, digest, size_bytes, media_type,"
                + " signature_json, status, stage, description, user_id, creation_time, last_updated_time"
                + " FROM reg_model_version WHERE model_name = ? AND version_number = ?")) {
            ps.setString(1, name);
            ps.setInt(2, version);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                Map<String, String> tags = pairs(c, "SELECT key_name, value_text FROM reg_version_tag WHERE"
                        + " model_name = ? AND version_number = ?", name, version);
                List<String> aliases = new ArrayList<>(pairs(c, "SELECT alias_name, alias_name FROM reg_alias"
                        + " WHERE model_name = ? AND version_number = ?", name, version).keySet());
                return Optional.of(new ModelVersion(name, version, Optional.ofNullable(rs.getString(1)),
                        new ArtifactRef(rs.getString(2), rs.getLong(3), rs.getString(4)),
                        ModelSignature.fromJson(rs.getString(5)), ModelVersionStatus.valueOf(rs.getString(6)),
                        Stage.valueOf(rs.getString(7)), rs.getString(8), tags, aliases, rs.getString(9),
                        Instant.ofEpochMilli(rs.getLong(10)), Instant.ofEpochMilli(rs.getLong(11))));
            }
        }
    }

    /** Rows of (key, value) text pairs of a query, sorted by key. */
    private static Map<String, String> pairs(Connection c, String sql, Object... values) throws SQLException {
        Map<String, String> out = new TreeMap<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                Sql.bind(ps, i + 1, values[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getString(2));
                }
            }
        }
        return out;
    }

    private static boolean exists(Connection c, String sql, String value) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, value);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }



    private static void description(String description) {
        Checks.text("description", description, TrackingLimits.MAX_TAG_VALUE_LENGTH);
    }

    private static void actor(String actor) {
        Checks.text("actor", actor, 250);
    }
}
