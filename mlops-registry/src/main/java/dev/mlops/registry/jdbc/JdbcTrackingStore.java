package dev.mlops.registry.jdbc;

import dev.mlops.core.AlreadyExistsException;
import dev.mlops.core.ConflictException;
import dev.mlops.core.InvalidArgumentException;
import dev.mlops.core.Names;
import dev.mlops.core.NotFoundException;
import dev.mlops.core.Schema;
import dev.mlops.core.artifact.ArtifactRef;
import dev.mlops.core.jdbc.Database;
import dev.mlops.core.jdbc.Dialect;
import dev.mlops.registry.internal.Checks;
import dev.mlops.registry.internal.PageTokens;
import dev.mlops.registry.internal.RunSearchSql;
import dev.mlops.registry.internal.Sql;
import dev.mlops.registry.tracking.DatasetInput;
import dev.mlops.registry.tracking.Experiment;
import dev.mlops.registry.tracking.LifecycleStage;
import dev.mlops.registry.tracking.Metric;
import dev.mlops.registry.tracking.NewRun;
import dev.mlops.registry.tracking.Page;
import dev.mlops.registry.tracking.Param;
import dev.mlops.registry.tracking.Run;
import dev.mlops.registry.tracking.RunArtifact;
import dev.mlops.registry.tracking.RunSearch;
import dev.mlops.registry.tracking.RunStatus;
import dev.mlops.registry.tracking.Tag;
import dev.mlops.registry.tracking.TrackingLimits;
import dev.mlops.registry.tracking.TrackingStore;
import dev.mlops.registry.tracking.ViewType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

/**
 * A {@link TrackingStore} in a relational database (H2 or PostgreSQL) through core's {@link Database}.
 *
 * <p>Creating the store applies the registry module's migrations. Every call is one transaction; a
 * write to a run first locks the run's row, so concurrent writers to one run are serialized and the
 * latest value of a metric never goes backwards. Metric history goes to {@code reg_metric}, the latest
 * point per key (by {@link Metric#compareRecency}) to {@code reg_latest_metric}, which is what search
 * compares and orders by. Runs are stored under an internal integer key besides their public id, and
 * every per-run table is keyed by it. Searches are one parameterized SQL query (see {@link RunSearch})
 * whose comparisons use primary keys and the {@code (key_name, value_num, run_key)} index, followed by
 * one query per table for the page's runs. Thread-safe; the database's lifecycle is the host's.
 */
public final class JdbcTrackingStore implements TrackingStore {

    private static final int ID_CHUNK = 500;

    private final Database db;
    private final Dialect dialect;
    private final InstantSource clock;

    /**
     * A store on {@code db}, taking creation and update times from {@code clock}; applies the migrations.
     *
     * @throws InvalidArgumentException for a database other than H2 or PostgreSQL
     */
    public JdbcTrackingStore(Database db, InstantSource clock) {
        this.db = Checks.notNull("database", db);
        this.clock = Checks.notNull("clock", clock);
        this.dialect = RegistryMigrations.apply(db);
    }

    // ---------------------------------------------------------------- experiments

    @Override
    public Experiment createExperiment(String name, List<Tag> tags) {
        Names.require("experiment name", name);
        List<Tag> checked = Checks.list("tags", tags);
        TrackingLimits.checkBatch(0, 0, checked.size());
        return db.inTransaction(c -> {
            if (experimentIdByName(c, name).isPresent()) {
                throw new AlreadyExistsException("experiment '" + name + "' already exists");
            }
            long now = clock.millis();
            long id;
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO reg_experiment (name, lifecycle_stage,"
                    + " creation_time, last_update_time) VALUES (?, ?, ?, ?)", new String[] {"id"})) {
                ps.setString(1, name);
                ps.setString(2, LifecycleStage.ACTIVE.name());
                ps.setLong(3, now);
                ps.setLong(4, now);
                ps.executeUpdate();
                try (ResultSet keys = ps.getGeneratedKeys()) {
                    keys.next();
                    id = keys.getLong(1);
                }
            } catch (SQLException e) {
                if (dialect.isUniqueViolation(e)) {
                    throw new AlreadyExistsException("experiment '" + name + "' already exists");
                }
                throw e;
            }
            for (Tag t : checked) {
                upsertExperimentTag(c, id, t);
            }
            return experiment(c, id).orElseThrow();
        });
    }

    @Override
    public Optional<Experiment> getExperiment(String experimentId) {
        Optional<Long> id = parseId(experimentId);
        return id.isEmpty() ? Optional.empty() : db.withConnection(c -> experiment(c, id.get()));
    }

    @Override
    public Optional<Experiment> getExperimentByName(String name) {
        return db.withConnection(c -> {
            Optional<Long> id = experimentIdByName(c, name);
            return id.isEmpty() ? Optional.empty() : experiment(c, id.get());
        });
    }

    @Override
    public List<Experiment> listExperiments(ViewType viewType) {
        Checks.notNull("viewType", viewType);
        return db.withConnection(c -> {
            List<Long> ids = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT id, lifecycle_stage FROM reg_experiment ORDER BY id");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (viewType.includes(LifecycleStage.valueOf(rs.getString(2)))) {
                        ids.add(rs.getLong(1));
                    }
                }
            }
            List<Experiment> out = new ArrayList<>();
            for (long id : ids) {
                out.add(experiment(c, id).orElseThrow());
            }
            return out;
        });
    }

    @Override
    public Experiment renameExperiment(String experimentId, String newName) {
        Names.require("experiment name", newName);
        return db.inTransaction(c -> {
            long id = lockExperiment(c, experimentId).id;
            Optional<Long> holder = experimentIdByName(c, newName);
            if (holder.isPresent() && holder.get() != id) {
                throw new AlreadyExistsException("experiment '" + newName + "' already exists");
            }
            if (holder.isEmpty()) {
                try {
                    Sql.update(c, "UPDATE reg_experiment SET name = ?, last_update_time = ? WHERE id = ?", newName,
                            clock.millis(), id);
                } catch (SQLException e) {
                    if (dialect.isUniqueViolation(e)) {
                        throw new AlreadyExistsException("experiment '" + newName + "' already exists");
                    }
                    throw e;
                }
            }
            return experiment(c, id).orElseThrow();
        });
    }

    @Override
    public Experiment deleteExperiment(String experimentId) {
        return db.inTransaction(c -> {
            ExperimentRow e = lockExperiment(c, experimentId);
            if (e.stage == LifecycleStage.DELETED) {
                throw new ConflictException("experiment " + experimentId + " is already deleted");
            }
            Sql.update(c, "UPDATE reg_experiment SET lifecycle_stage = ?, last_update_time = ? WHERE id = ?",
                    LifecycleStage.DELETED.name(), clock.millis(), e.id);
            Sql.update(c, "UPDATE reg_run SET lifecycle_stage = ?, deleted_with_experiment = TRUE WHERE experiment_id = ?"
                    + " AND lifecycle_stage = ?", LifecycleStage.DELETED.name(), e.id, LifecycleStage.ACTIVE.name());
            return experiment(c, e.id).orElseThrow();
        });
    }

    @Override
    public Experiment restoreExperiment(String experimentId) {
        return db.inTransaction(c -> {
            ExperimentRow e = lockExperiment(c, experimentId);
            if (e.stage == LifecycleStage.ACTIVE) {
                throw new ConflictException("experiment " + experimentId + " is not deleted");
            }
            Sql.update(c, "UPDATE reg_experiment SET lifecycle_stage = ?, last_update_time = ? WHERE id = ?",
                    LifecycleStage.ACTIVE.name(), clock.millis(), e.id);
            Sql.update(c, "UPDATE reg_run SET lifecycle_stage = ?, deleted_with_experiment = FALSE WHERE experiment_id = ?"
                    + " AND deleted_with_experiment = TRUE", LifecycleStage.ACTIVE.name(), e.id);
            return experiment(c, e.id).orElseThrow();
        });
    }

    @Override
    public Experiment setExperimentTag(String experimentId, Tag tag) {
        Checks.notNull("tag", tag);
        return db.inTransaction(c -> {
            long id = lockExperiment(c, experimentId).id;
            upsertExperimentTag(c, id, tag);
            Sql.update(c, "UPDATE reg_experiment SET last_update_time = ? WHERE id = ?", clock.millis(), id);
            return experiment(c, id).orElseThrow();
        });
    }

    @Override
    public Experiment deleteExperimentTag(String experimentId, String key) {
        return db.inTransaction(c -> {
            long id = lockExperiment(c, experimentId).id;
            if (Sql.update(c, "DELETE FROM reg_experiment_tag WHERE experiment_id = ? AND key_name = ?", id, key) == 0) {
                throw new NotFoundException("experiment " + experimentId + " has no tag '" + key + "'");
            }
            Sql.update(c, "UPDATE reg_experiment SET last_update_time = ? WHERE id = ?", clock.millis(), id);
            return experiment(c, id).orElseThrow();
        });
    }

    private void upsertExperimentTag(Connection c, long id, Tag t) throws SQLException {
        Sql.update(c, Sql.upsert(dialect, "reg_experiment_tag", List.of("experiment_id", "key_name"), List.of("value_text")),
                id, t.key(), t.value());
    }

    private record ExperimentRow(long id, LifecycleStage stage) {}

    private ExperimentRow lockExperiment(Connection c, String experimentId) throws SQLException {
        Optional<Long> id = parseId(experimentId);
        if (id.isPresent()) {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT lifecycle_stage FROM reg_experiment WHERE id = ? FOR UPDATE")) {
                ps.setLong(1, id.get());
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        return new ExperimentRow(id.get(), LifecycleStage.valueOf(rs.getString(1)));
                    }
                }
            }
        }
        throw new NotFoundException("experiment " + experimentId + " does not exist");
    }

    private static Optional<Long> experimentIdByName(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT id FROM reg_experiment WHERE name = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
            }
        }
    }

    private Optional<Experiment> experiment(Connection c, long id) throws SQLException {
        String name;
        LifecycleStage stage;
        long created;
        long updated;
        try (PreparedStatement ps = c.prepareStatement("SELECT name, lifecycle_stage, creation_time, last_update_time"
                + " FROM reg_experiment WHERE id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                name = rs.getString(1);
                stage = LifecycleStage.valueOf(rs.getString(2));
                created = rs.getLong(3);
                updated = rs.getLong(4);
            }
        }
        Map<String, String> tags = new TreeMap<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT key_name, value_text FROM reg_experiment_tag WHERE experiment_id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    tags.put(rs.getString(1), rs.getString(2));
                }
            }
        }
        return Optional.of(new Experiment(Long.toString(id), name, stage, tags, Instant.ofEpochMilli(created),
                Instant.ofEpochMilli(updated)));
    }

    // ---------------------------------------------------------------- runs

    @Override
    public Run createRun(NewRun spec) {
        Checks.notNull("run", spec);
        String runId = UUID.randomUUID().toString().replace("-", "");
        return db.inTransaction(c -> {
            ExperimentRow e = lockExperiment(c, spec.experimentId());
            if (e.stage != LifecycleStage.ACTIVE) {
                throw new ConflictException("experiment " + e.id + " is deleted; restore it to add runs");
            }
            if (spec.parentRunId().isPresent() && runRow(c, spec.parentRunId().get(), false).isEmpty()) {
                throw new NotFoundException("run " + spec.parentRunId().get() + " does not exist");
            }
            long runKey;
            try (PreparedStatement ps = new Sql().append("INSERT INTO reg_run (run_id, experiment_id, run_name, status,"
                    + " start_time, end_time, parent_run_id, user_id, lifecycle_stage, deleted_with_experiment)"
                    + " VALUES (?, ?, ?, ?, ?, NULL, ?, ?, ?, FALSE)", runId, e.id, spec.name().orElse(null),
                    spec.status().name(), spec.startTime().toEpochMilli(), spec.parentRunId().orElse(null),
                    spec.userId(), LifecycleStage.ACTIVE.name()).prepare(c, "run_key")) {
                ps.executeUpdate();
                try (ResultSet keys = ps.getGeneratedKeys()) {
                    keys.next();
                    runKey = keys.getLong(1);
                }
            }
            writeTags(c, runKey, spec.tags());
            return loadRuns(c, List.of(runId)).get(runId);
        });
    }

    @Override
    public Optional<Run> getRun(String runId) {
        if (runId == null) {
            return Optional.empty();
        }
        return db.withConnection(c -> Optional.ofNullable(loadRuns(c, List.of(runId)).get(runId)));
    }

    @Override
    public Run setRunStatus(String runId, RunStatus status, Optional<Instant> endTime) {
        Checks.notNull("status", status);
        Optional<Instant> end = Checks.notNull("endTime", endTime).map(t -> Checks.timestamp("endTime", t));
        if (status.isTerminal() && end.isEmpty()) {
            throw new InvalidArgumentException("endTime", "is required to end a run with " + status);
        }
        return db.inTransaction(c -> {
            RunRow r = lockRun(c, runId, false);
            if (!r.status.canMoveTo(status)) {
                throw new ConflictException("run " + runId + " is " + r.status + " and cannot become " + status);
            }
            if (r.status != status) {
                if (status.isTerminal()) {
                    Sql.update(c, "UPDATE reg_run SET status = ?, end_time = ? WHERE run_id = ?", status.name(),
                            end.orElseThrow().toEpochMilli(), runId);
                } else {
                    Sql.update(c, "UPDATE reg_run SET status = ? WHERE run_id = ?", status.name(), runId);
                }
            }
            return loadRuns(c, List.of(runId)).get(runId);
        });
    }

    @Override
    public Run renameRun(String runId, String name) {
        Names.require("run name", name);
        return db.inTransaction(c -> {
            lockRun(c, runId, true);
            Sql.update(c, "UPDATE reg_run SET run_name = ? WHERE run_id = ?", name, runId);
            return loadRuns(c, List.of(runId)).get(runId);
        });
    }

    @Override
    public Run deleteRun(String runId) {
        return db.inTransaction(c -> {
            RunRow r = lockRun(c, runId, false);
            if (r.stage == LifecycleStage.DELETED) {
                throw new ConflictException("run " + runId + " is already deleted");
            }
            Sql.update(c, "UPDATE reg_run SET lifecycle_stage = ? WHERE run_id = ?", LifecycleStage.DELETED.name(), runId);
            return loadRuns(c, List.of(runId)).get(runId);
        });
    }

    @Override
    public Run restoreRun(String runId) {
        return db.inTransaction(c -> {
            RunRow r = lockRun(c, runId, false);
            if (r.stage == LifecycleStage.ACTIVE) {
                throw new ConflictException("run " + runId + " is not deleted");
            }
            if (experiment(c, Long.parseLong(r.experimentId)).orElseThrow().lifecycleStage() == LifecycleStage.DELETED) {
                throw new ConflictException("run " + runId + " belongs to deleted experiment " + r.experimentId
                        + "; restore the experiment");
            }
            Sql.update(c, "UPDATE reg_run SET lifecycle_stage = ?, deleted_with_experiment = FALSE WHERE run_id = ?",
                    LifecycleStage.ACTIVE.name(), runId);
            return loadRuns(c, List.of(runId)).get(runId);
        });
    }

    @Override
    public void logBatch(String runId, List<Metric> metrics, List<Param> params, List<Tag> tags) {
        List<Metric> ms = Checks.list("metrics", metrics);
        List<Param> ps = Checks.list("params", params);
        List<Tag> ts = Checks.list("tags", tags);
        TrackingLimits.checkBatch(ms.size(), ps.size(), ts.size());
        Map<String, String> newParams = distinctParams(ps);
        db.inTransaction(c -> {
            RunRow r = lockRun(c, runId, true);
            if (!newParams.isEmpty()) {
                writeParams(c, r, newParams);
            }
            writeTags(c, r.key, ts);
            if (!ms.isEmpty()) {
                writeMetrics(c, r.key, ms);
            }
            return null;
        });
    }

    private static Map<String, String> distinctParams(List<Param> params) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Param p : params) {
            String prev = out.putIfAbsent(p.key(), p.value());
            if (prev != null && !prev.equals(p.value())) {
                throw new InvalidArgumentException("params", "param '" + p.key()
                        + "' appears twice in the batch with different values");
            }
        }
        return out;
    }

    private void writeParams(Connection c, RunRow run, Map<String, String> params) throws SQLException {
        Sql select = new Sql().append("SELECT key_name, value_text FROM reg_param WHERE run_key = ? AND key_name IN ",
                run.key).inList(params.keySet());
        Map<String, String> existing = new HashMap<>();
        try (PreparedStatement ps = select.prepare(c); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                existing.put(rs.getString(1), rs.getString(2));
            }
        }
        try (PreparedStatement ins = c.prepareStatement(
                "INSERT INTO reg_param (run_key, key_name, value_text) VALUES (?, ?, ?)")) {
            int n = 0;
            for (Map.Entry<String, String> p : params.entrySet()) {
                String old = existing.get(p.getKey());
                if (old != null) {
                    if (!old.equals(p.getValue())) {
                        throw new ConflictException("param '" + p.getKey() + "' of run " + run.id + " is '" + old
                                + "'; params are immutable and cannot become '" + p.getValue() + "'");
                    }
                    continue;
                }
                ins.setLong(1, run.key);
                ins.setString(2, p.getKey());
                ins.setString(3, p.getValue());
                ins.addBatch();
                n++;
            }
            if (n > 0) {
                ins.executeBatch();
            }
        }
    }

    private void writeTags(Connection c, long runKey, List<Tag> tags) throws SQLException {
        if (tags.isEmpty()) {
            return;
        }
        Map<String, String> last = new LinkedHashMap<>();
        tags.forEach(t -> last.put(t.key(), t.value()));
        try (PreparedStatement ps = c.prepareStatement(Sql.upsert(dialect, "reg_run_tag",
                List.of("run_key", "key_name"), List.of("value_text")))) {
            for (Map.Entry<String, String> t : last.entrySet()) {
                ps.setLong(1, runKey);
                ps.setString(2, t.getKey());
                ps.setString(3, t.getValue());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private void writeMetrics(Connection c, long runKey, List<Metric> metrics) throws SQLException {
        Map<String, Metric> newest = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO reg_metric (run_key, key_name, value_num, is_nan,"
                + " ts_ms, step) VALUES (?, ?, ?, ?, ?, ?)")) {
            for (Metric m : metrics) {
                ps.setLong(1, runKey);
                ps.setString(2, m.key());
                setValue(ps, 3, m.value());
                ps.setBoolean(4, Double.isNaN(m.value()));
                ps.setLong(5, m.timestamp().toEpochMilli());
                ps.setLong(6, m.step());
                ps.addBatch();
                newest.merge(m.key(), m, (a, b) -> b.compareRecency(a) > 0 ? b : a);
            }
            ps.executeBatch();
        }
        Sql select = new Sql().append("SELECT key_name, value_num, is_nan, ts_ms, step FROM reg_latest_metric"
                + " WHERE run_key = ? AND key_name IN ", runKey).inList(newest.keySet());
        Map<String, Metric> latest = new HashMap<>();
        try (PreparedStatement ps = select.prepare(c); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                latest.put(rs.getString(1), readMetric(rs, rs.getString(1), 2));
            }
        }
        try (PreparedStatement ps = c.prepareStatement(Sql.upsert(dialect, "reg_latest_metric",
                List.of("run_key", "key_name"), List.of("value_num", "is_nan", "ts_ms", "step")))) {
            int n = 0;
            for (Metric m : newest.values()) {
                Metric old = latest.get(m.key());
                if (old != null && m.compareRecency(old) <= 0) {
                    continue;
                }
                ps.setLong(1, runKey);
                ps.setString(2, m.key());
                setValue(ps, 3, m.value());
                ps.setBoolean(4, Double.isNaN(m.value()));
                ps.setLong(5, m.timestamp().toEpochMilli());
                ps.setLong(6, m.step());
                ps.addBatch();
                n++;
            }
            if (n > 0) {
                ps.executeBatch();
            }
        }
    }

    private static void setValue(PreparedStatement ps, int index, double value) throws SQLException {
        if (Double.isNaN(value)) {
            ps.setNull(index, Types.DOUBLE);
        } else {
            ps.setDouble(index, value);
        }
    }

    /** Reads (value_num, is_nan, ts_ms, step) starting at column {@code from}. */
    private static Metric readMetric(ResultSet rs, String key, int from) throws SQLException {
        double v = rs.getDouble(from);
        if (rs.getBoolean(from + 1)) {
            v = Double.NaN;
        }
        return new Metric(key, v, Instant.ofEpochMilli(rs.getLong(from + 2)), rs.getLong(from + 3));
    }

    @Override
    public void deleteTag(String runId, String key) {
        db.inTransaction(c -> {
            RunRow r = lockRun(c, runId, true);
            if (Sql.update(c, "DELETE FROM reg_run_tag WHERE run_key = ? AND key_name = ?", r.key, key) == 0) {
                throw new NotFoundException("run " + runId + " has no tag '" + key + "'");
            }
            return null;
        });
    }

    @Override
    public void logInputs(String runId, List<DatasetInput> inputs) {
        List<DatasetInput> checked = Checks.list("inputs", inputs);
        db.inTransaction(c -> {
            RunRow r = lockRun(c, runId, true);
            for (DatasetInput in : checked) {
                String context = in.context().orElse("");
                try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM reg_run_input WHERE run_key = ? AND"
                        + " dataset_name = ? AND digest = ? AND context = ?")) {
                    ps.setLong(1, r.key);
                    ps.setString(2, in.name());
                    ps.setString(3, in.digest());
                    ps.setString(4, context);
                    try (ResultSet rs = ps.executeQuery()) {
                        if (rs.next()) {
                            continue;
                        }
                    }
                }
                Sql.update(c, "INSERT INTO reg_run_input (run_key, dataset_name, digest, source_text, schema_json,"
                        + " context) VALUES (?, ?, ?, ?, ?, ?)", r.key, in.name(), in.digest(), in.source(),
                        in.schema().map(Schema::toJson).orElse(null), context);
            }
            return null;
        });
    }

    @Override
    public void logArtifact(String runId, RunArtifact artifact) {
        Checks.notNull("artifact", artifact);
        db.inTransaction(c -> {
            RunRow r = lockRun(c, runId, true);
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT digest FROM reg_run_artifact WHERE run_key = ? AND path = ?")) {
                ps.setLong(1, r.key);
                ps.setString(2, artifact.path());
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        if (!rs.getString(1).equals(artifact.ref().digest())) {
                            throw new ConflictException("run " + runId + " already has artifact '" + artifact.path()
                                    + "' with digest " + rs.getString(1) + "; run artifacts are immutable");
                        }
                        return null;
                    }
                }
            }
            ArtifactRef ref = artifact.ref();
            Sql.update(c, "INSERT INTO reg_run_artifact (run_key, path, digest, size_bytes, media_type)"
                    + " VALUES (?, ?, ?, ?, ?)", r.key, artifact.path(), ref.digest(), ref.size(), ref.mediaType());
            return null;
        });
    }

    @Override
    public List<RunArtifact> listArtifacts(String runId) {
        return db.withConnection(c -> {
            RunRow r = runRow(c, runId, false)
                    .orElseThrow(() -> new NotFoundException("run " + runId + " does not exist"));
            List<RunArtifact> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT path, digest, size_bytes, media_type FROM"
                    + " reg_run_artifact WHERE run_key = ? ORDER BY " + Sql.binaryOrder(dialect, "path"))) {
                ps.setLong(1, r.key);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new RunArtifact(rs.getString(1), new ArtifactRef(rs.getString(2), rs.getLong(3),
                                rs.getString(4))));
                    }
                }
            }
            return out;
        });
    }

    @Override
    public List<Metric> getMetricHistory(String runId, String key) {
        return db.withConnection(c -> {
            RunRow r = runRow(c, runId, false)
                    .orElseThrow(() -> new NotFoundException("run " + runId + " does not exist"));
            List<Metric> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT value_num, is_nan, ts_ms, step FROM reg_metric"
                    + " WHERE run_key = ? AND key_name = ? ORDER BY step, ts_ms, id")) {
                ps.setLong(1, r.key);
                ps.setString(2, key);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(readMetric(rs, key, 1));
                    }
                }
            }
            return out;
        });
    }

    @Override
    public Page<Run> searchRuns(RunSearch search) {
        Checks.notNull("search", search);
        long offset = search.pageToken().map(t -> PageTokens.decode(t, search.queryKey())).orElse(0L);
        if (dialect == Dialect.POSTGRESQL) {
            // The JDBC driver turns a statement it has run five times on a connection into a server-side
            // prepared statement, and PostgreSQL may then switch to one generic plan for every value.
            // Without values the planner cannot tell a selective clause from a broad one (a generic plan
            // drove the benchmark search from a tag matching half the runs: 150 ms instead of 25 ms), so
            // the search asks for a plan made for its own values, for this transaction only (the setting
            // exists from PostgreSQL 12 on; the driver knows the server's version without a round trip).
            return db.inTransaction(c -> {
                if (c.getMetaData().getDatabaseMajorVersion() >= 12) {
                    try (Statement st = c.createStatement()) {
                        st.execute("SET LOCAL plan_cache_mode = force_custom_plan");
                    }
                }
                return searchPage(c, search, offset);
            });
        }
        return db.withConnection(c -> searchPage(c, search, offset));
    }

    private Page<Run> searchPage(Connection c, RunSearch search, long offset) throws SQLException {
        List<Long> keys = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        try (PreparedStatement ps = RunSearchSql.pageQuery(dialect, search, offset, search.maxResults() + 1)
                .prepare(c); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                keys.add(rs.getLong(1));
                ids.add(rs.getString(2));
            }
        }
        boolean more = ids.size() > search.maxResults();
        if (more) {
            keys.remove(keys.size() - 1);
            ids.remove(ids.size() - 1);
        }
        Map<String, Run> runs = loadRuns(c, "run_key", keys);
        List<Run> page = ids.stream().map(runs::get).toList();
        return new Page<>(page, more ? Optional.of(PageTokens.encode(offset + ids.size(), search.queryKey()))
                : Optional.empty());
    }

    // ---------------------------------------------------------------- run rows

    private record RunRow(long key, String id, String experimentId, RunStatus status, LifecycleStage stage) {}

    private static Optional<RunRow> runRow(Connection c, String runId, boolean forUpdate) throws SQLException {
        if (runId == null) {
            return Optional.empty();
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT run_key, experiment_id, status, lifecycle_stage FROM"
                + " reg_run WHERE run_id = ?" + (forUpdate ? " FOR UPDATE" : ""))) {
            ps.setString(1, runId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new RunRow(rs.getLong(1), runId, Long.toString(rs.getLong(2)),
                        RunStatus.valueOf(rs.getString(3)), LifecycleStage.valueOf(rs.getString(4))));
            }
        }
    }

    /** Locks the run's row for the rest of the transaction; with {@code active}, refuses deleted runs. */
    private static RunRow lockRun(Connection c, String runId, boolean active) throws SQLException {
        RunRow r = runRow(c, runId, true).orElseThrow(() -> new NotFoundException("run " + runId + " does not exist"));
        if (active && r.stage != LifecycleStage.ACTIVE) {
            throw new ConflictException("run " + runId + " is deleted; restore it before writing to it");
        }
        return r;
    }

    /** Full snapshots of the given runs, keyed by id; unknown ids are absent. */
    private Map<String, Run> loadRuns(Connection c, List<String> ids) throws SQLException {
        return loadRuns(c, "run_id", ids);
    }

    /**
     * Full snapshots of the runs whose {@code column} ({@code run_id} or {@code run_key}) is one of
     * {@code values}, keyed by run id; the per-run tables are read by run key.
     */
    private Map<String, Run> loadRuns(Connection c, String column, List<?> values) throws SQLException {
        Map<String, Run> out = new HashMap<>();
        for (int from = 0; from < values.size(); from += ID_CHUNK) {
            List<?> chunk = values.subList(from, Math.min(values.size(), from + ID_CHUNK));
            Map<Long, RunHead> heads = new LinkedHashMap<>();
            try (PreparedStatement ps = new Sql().append("SELECT run_key, run_id, experiment_id, run_name, status,"
                    + " start_time, end_time, parent_run_id, user_id, lifecycle_stage FROM reg_run WHERE " + column
                    + " IN ").inList(chunk).prepare(c); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long end = rs.getLong(7);
                    Optional<Instant> endTime = rs.wasNull() ? Optional.empty()
                            : Optional.of(Instant.ofEpochMilli(end));
                    heads.put(rs.getLong(1), new RunHead(rs.getString(2), Long.toString(rs.getLong(3)),
                            Optional.ofNullable(rs.getString(4)), RunStatus.valueOf(rs.getString(5)),
                            Instant.ofEpochMilli(rs.getLong(6)), endTime, Optional.ofNullable(rs.getString(8)),
                            rs.getString(9), LifecycleStage.valueOf(rs.getString(10))));
                }
            }
            if (heads.isEmpty()) {
                continue;
            }
            List<Long> keys = new ArrayList<>(heads.keySet());
            Map<Long, Map<String, String>> params = keyValues(c, "reg_param", keys);
            Map<Long, Map<String, String>> tags = keyValues(c, "reg_run_tag", keys);
            Map<Long, Map<String, Metric>> metrics = new HashMap<>();
            try (PreparedStatement ps = new Sql().append("SELECT run_key, key_name, value_num, is_nan, ts_ms, step"
                    + " FROM reg_latest_metric WHERE run_key IN ").inList(keys).prepare(c);
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    metrics.computeIfAbsent(rs.getLong(1), k -> new HashMap<>())
                            .put(rs.getString(2), readMetric(rs, rs.getString(2), 3));
                }
            }
            Map<Long, List<DatasetInput>> inputs = new HashMap<>();
            try (PreparedStatement ps = new Sql().append("SELECT run_key, dataset_name, digest, source_text,"
                    + " schema_json, context FROM reg_run_input WHERE run_key IN ").inList(keys).append(" ORDER BY id")
                    .prepare(c);
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String schema = rs.getString(5);
                    String context = rs.getString(6);
                    inputs.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(new DatasetInput(
                            rs.getString(2), rs.getString(3), rs.getString(4),
                            schema == null ? Optional.empty() : Optional.of(Schema.fromJson(schema)),
                            context.isEmpty() ? Optional.empty() : Optional.of(context)));
                }
            }
            heads.forEach((key, h) -> out.put(h.id, new Run(h.id, h.experimentId, h.name, h.status, h.startTime,
                    h.endTime, h.parentRunId, h.userId, h.stage, params.getOrDefault(key, Map.of()),
                    metrics.getOrDefault(key, Map.of()), tags.getOrDefault(key, Map.of()),
                    inputs.getOrDefault(key, List.of()))));
        }
        return out;
    }

    /** The columns of a run's own row. */
    private record RunHead(String id, String experimentId, Optional<String> name, RunStatus status, Instant startTime,
            Optional<Instant> endTime, Optional<String> parentRunId, String userId, LifecycleStage stage) {}

    private static Map<Long, Map<String, String>> keyValues(Connection c, String table, List<Long> keys)
            throws SQLException {
        Map<Long, Map<String, String>> out = new HashMap<>();
        try (PreparedStatement ps = new Sql().append("SELECT run_key, key_name, value_text FROM " + table
                + " WHERE run_key IN ").inList(keys).prepare(c); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.computeIfAbsent(rs.getLong(1), k -> new TreeMap<>()).put(rs.getString(2), rs.getString(3));
            }
        }
        return out;
    }

    private static Optional<Long> parseId(String id) {
        if (id == null || id.isEmpty() || id.length() > 18 || !id.chars().allMatch(Character::isDigit)) {
            return Optional.empty();
        }
        return Optional.of(Long.parseLong(id));
    }
}
