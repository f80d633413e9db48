package dev.mlops.core.lineage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mlops.core.ConflictException;
import dev.mlops.core.InvalidArgumentException;
import dev.mlops.core.Json;
import dev.mlops.core.NotFoundException;
import dev.mlops.core.StorageException;
import dev.mlops.core.jdbc.Database;
import dev.mlops.core.jdbc.Dialect;
import dev.mlops.core.jdbc.SqlWork;
import dev.mlops.core.lineage.LineageNode.Kind;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * The lineage graph in the {@code mlops_lineage_*} tables of a {@link Database}; see
 * {@link LineageStore#jdbc(Database, InstantSource)} and the core migration {@code V2__lineage.sql}.
 *
 * <p>Every write runs in one transaction that reads what is stored, checks, then inserts. Two writers
 * inserting the same {@code (type, name)}, event or membership at once both reach the insert; the
 * unique constraint lets one commit and fails the other, whose whole transaction then runs again, now
 * finds the committed row, and returns it (or reports the conflict). Walks run one query per hop level
 * and per chunk of {@value #DEFAULT_CHUNK_SIZE} ids.
 *
 * <p>Thread-safe; several processes may share the database. The store holds no state of its own beside
 * the database, which stays the caller's to close.
 */
final class JdbcLineageStore implements LineageStore {

    /** Ids per {@code IN (...)} list: far below every dialect's bound on bind parameters. */
    static final int DEFAULT_CHUNK_SIZE = 500;
    /** Runs of a write that lost a race on a unique constraint, before giving up. */
    private static final int RACE_ATTEMPTS = 4;
    private static final TypeReference<Map<String, String>> PROPERTIES = new TypeReference<>() {};

    private final Database db;
    private final InstantSource clock;
    private final int chunkSize;
    private final ObjectMapper json = Json.newMapper();
    private final Table<Artifact> artifacts;
    private final Table<Execution> executions;
    private final Table<Context> contexts;

    JdbcLineageStore(Database db, InstantSource clock) {
        this(db, clock, DEFAULT_CHUNK_SIZE);
    }

    /** A store with a custom {@code IN (...)} chunk size, so tests can exercise chunking on small graphs. */
    JdbcLineageStore(Database db, InstantSource clock, int chunkSize) {
        if (db == null) {
            throw new InvalidArgumentException("database", "is null");
        }
        if (clock == null) {
            throw new InvalidArgumentException("clock", "is null");
        }
        if (chunkSize < 1) {
            throw new InvalidArgumentException("chunkSize", "must be >= 1, got " + chunkSize);
        }
        this.db = db;
        this.clock = clock;
        this.chunkSize = chunkSize;
        this.artifacts = new Table<>("artifact", "mlops_lineage_artifact", "uri",
                (rs, p) -> new Artifact(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), p,
                        Instant.ofEpochMilli(rs.getLong(6))));
        this.executions = new Table<>("execution", "mlops_lineage_execution", "state",
                (rs, p) -> new Execution(rs.getLong(1), rs.getString(2), rs.getString(3), state(rs.getString(4)), p,
                        Instant.ofEpochMilli(rs.getLong(6))));
        this.contexts = new Table<>("context", "mlops_lineage_context", null,
                (rs, p) -> new Context(rs.getLong(1), rs.getString(2), rs.getString(3), p,
                        Instant.ofEpochMilli(rs.getLong(6))));
    }

    @Override
    public Artifact putArtifact(String type, String name, String uri, Map<String, String> properties) {
        LineageRules.artifact(type, name, uri, properties);
        Instant now = LineageRules.now(clock);
        return write(c -> findOrInsert(c, artifacts, type, name, uri, properties, now,
                stored -> LineageRules.same(stored, uri, properties)));
    }

    @Override
    public Execution putExecution(String type, String name, ExecutionState state, Map<String, String> properties) {
        LineageRules.execution(type, name, state, properties);
        Instant now = LineageRules.now(clock);
        return write(c -> findOrInsertExecution(c, type, name, state, properties, now));
    }

    private Execution findOrInsertExecution(Connection c, String type, String name, ExecutionState state,
            Map<String, String> properties, Instant now) throws SQLException {
        return findOrInsert(c, executions, type, name, state.name(), properties, now,
                stored -> LineageRules.same(stored, state, properties));
    }

    /** The stored node with this (type, name) if {@code same} accepts it, else a new one. */
    private static <T> T findOrInsert(Connection c, Table<T> table, String type, String name, String detail,
            Map<String, String> properties, Instant now, UnaryOperator<T> same) throws SQLException {
        Optional<T> stored = table.find(c, type, name);
        return stored.isPresent() ? same.apply(stored.get()) : table.insert(c, type, name, detail, properties, now);
    }

    @Override
    public Execution updateExecutionState(long executionId, ExecutionState state) {
        LineageRules.notNull("state", state);
        return write(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE mlops_lineage_execution SET state = ? WHERE id = ?")) {
                ps.setString(1, state.name());
                ps.setLong(2, executionId);
                if (ps.executeUpdate() == 0) {
                    throw new NotFoundException(LineageRules.missing("execution", List.of(executionId)));
                }
            }
            return executions.require(c, executionId);
        });
    }

    @Override
    public Context putContext(String type, String name, Map<String, String> properties) {
        LineageRules.context(type, name, properties);
        Instant now = LineageRules.now(clock);
        return write(c -> findOrInsert(c, contexts, type, name, null, properties, now,
                stored -> LineageRules.same(stored, properties)));
    }

    @Override
    public Event putEvent(long artifactId, long executionId, EventType type) {
        LineageRules.notNull("type", type);
        Instant now = LineageRules.now(clock);
        return write(c -> {
            artifacts.requireAll(c, List.of(artifactId));
            executions.requireAll(c, List.of(executionId));
            Map<EventKey, Event> stored = eventsOf(c, executionId);
            Event existing = stored.get(new EventKey(artifactId, type));
            if (existing != null) {
                return existing;
            }
            Event event = new Event(artifactId, executionId, type, now);
            insertEvents(c, List.of(event));
            return event;
        });
    }

    @Override
    public Execution recordExecution(String type, String name, ExecutionState state, Map<String, String> properties,
            List<Long> inputArtifactIds, List<Long> outputArtifactIds, List<Long> contextIds) {
        LineageRules.execution(type, name, state, properties);
        List<Long> inputs = LineageRules.ids("inputArtifactIds", inputArtifactIds);
        List<Long> outputs = LineageRules.ids("outputArtifactIds", outputArtifactIds);
        Set<Long> contextSet = new LinkedHashSet<>(LineageRules.ids("contextIds", contextIds));
        Set<Long> artifactSet = new LinkedHashSet<>(inputs);
        artifactSet.addAll(outputs);
        Instant now = LineageRules.now(clock);
        return write(c -> {
            artifacts.requireAll(c, artifactSet);
            contexts.requireAll(c, contextSet);
            Execution execution = findOrInsertExecution(c, type, name, state, properties, now);
            Map<EventKey, Event> stored = eventsOf(c, execution.id());
            Map<EventKey, Event> added = new TreeMap<>();
            for (long a : inputs) {
                added.putIfAbsent(new EventKey(a, EventType.INPUT), new Event(a, execution.id(), EventType.INPUT, now));
            }
            for (long a : outputs) {
                added.putIfAbsent(new EventKey(a, EventType.OUTPUT),
                        new Event(a, execution.id(), EventType.OUTPUT, now));
            }
            added.keySet().removeAll(stored.keySet());
            insertEvents(c, orderedAsGiven(added.values(), inputs, outputs));
            for (long context : contextSet) {
                addMembers(c, Membership.ASSOCIATION, context, List.of(execution.id()));
                addMembers(c, Membership.ATTRIBUTION, context, artifactSet);
            }
            return execution;
        });
    }

    /** The new events, inputs first then outputs, each in the order the caller listed them. */
    private static List<Event> orderedAsGiven(Collection<Event> events, List<Long> inputs, List<Long> outputs) {
        Map<EventKey, Event> byKey = new TreeMap<>();
        for (Event e : events) {
            byKey.put(new EventKey(e.artifactId(), e.type()), e);
        }
        List<Event> ordered = new ArrayList<>(events.size());
        for (long a : inputs) {
            Event e = byKey.remove(new EventKey(a, EventType.INPUT));
            if (e != null) {
                ordered.add(e);
            }
        }
        for (long a : outputs) {
            Event e = byKey.remove(new EventKey(a, EventType.OUTPUT));
            if (e != null) {
                ordered.add(e);
            }
        }
        return ordered;
    }

    @Override
    public void attribute(long contextId, long artifactId) {
        write(c -> {
            contexts.requireAll(c, List.of(contextId));
            artifacts.requireAll(c, List.of(artifactId));
            addMembers(c, Membership.ATTRIBUTION, contextId, List.of(artifactId));
            return null;
        });
    }

    @Override
    public void associate(long contextId, long executionId) {
        write(c -> {
            contexts.requireAll(c, List.of(contextId));
            executions.requireAll(c, List.of(executionId));
            addMembers(c, Membership.ASSOCIATION, contextId, List.of(executionId));
            return null;
        });
    }

    @Override
    public Optional<Artifact> artifact(long id) {
        return db.withConnection(c -> artifacts.byId(c, id));
    }

    @Override
    public Optional<Artifact> artifact(String type, String name) {
        LineageRules.key(type, name);
        return db.withConnection(c -> artifacts.find(c, type, name));
    }

    @Override
    public Optional<Execution> execution(long id) {
        return db.withConnection(c -> executions.byId(c, id));
    }

    @Override
    public Optional<Execution> execution(String type, String name) {
        LineageRules.key(type, name);
        return db.withConnection(c -> executions.find(c, type, name));
    }

    @Override
    public Optional<Context> context(long id) {
        return db.withConnection(c -> contexts.byId(c, id));
    }

    @Override
    public Optional<Context> context(String type, String name) {
        LineageRules.key(type, name);
        return db.withConnection(c -> contexts.find(c, type, name));
    }

    @Override
    public List<Artifact> artifactsOfType(String type) {
        LineageRules.type("type", type);
        return db.withConnection(c -> artifacts.ofType(c, type));
    }

    @Override
    public List<Execution> executionsOfType(String type) {
        LineageRules.type("type", type);
        return db.withConnection(c -> executions.ofType(c, type));
    }

    @Override
    public List<Artifact> artifactsInContext(long contextId) {
        return db.withConnection(c -> {
            contexts.requireAll(c, List.of(contextId));
            return artifacts.inContext(c, Membership.ATTRIBUTION, contextId);
        });
    }

    @Override
    public List<Execution> executionsInContext(long contextId) {
        return db.withConnection(c -> {
            contexts.requireAll(c, List.of(contextId));
            return executions.inContext(c, Membership.ASSOCIATION, contextId);
        });
    }

    @Override
    public List<Event> eventsOfArtifact(long artifactId) {
        return db.withConnection(c -> {
            artifacts.requireAll(c, List.of(artifactId));
            return events(c, "artifact_id", artifactId);
        });
    }

    @Override
    public List<Event> eventsOfExecution(long executionId) {
        return db.withConnection(c -> {
            executions.requireAll(c, List.of(executionId));
            return events(c, "execution_id", executionId);
        });
    }

    private static final String EVENT_COLUMNS = "artifact_id, execution_id, type, recorded_at";

    /** The events of one node, oldest first; {@code column} is a constant of this class. */
    private List<Event> events(Connection c, String column, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + EVENT_COLUMNS + " FROM mlops_lineage_event WHERE "
                + column + " = ? ORDER BY recorded_at, id")) {
            ps.setLong(1, id);
            return readEvents(ps);
        }
    }

    private Map<EventKey, Event> eventsOf(Connection c, long executionId) throws SQLException {
        Map<EventKey, Event> byKey = new TreeMap<>();
        for (Event e : events(c, "execution_id", executionId)) {
            byKey.put(new EventKey(e.artifactId(), e.type()), e);
        }
        return byKey;
    }

    private static List<Event> readEvents(PreparedStatement ps) throws SQLException {
        List<Event> events = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                events.add(new Event(rs.getLong(1), rs.getLong(2), eventType(rs.getString(3)),
                        Instant.ofEpochMilli(rs.getLong(4))));
            }
        }
        return events;
    }

    private static void insertEvents(Connection c, List<Event> events) throws SQLException {
        if (events.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO mlops_lineage_event (artifact_id, execution_id, type, recorded_at) VALUES (?, ?, ?, ?)")) {
            for (Event e : events) {
                ps.setLong(1, e.artifactId());
                ps.setLong(2, e.executionId());
                ps.setString(3, e.type().name());
                ps.setLong(4, e.recordedAt().toEpochMilli());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** Adds members to a context, skipping those it already has. */
    private void addMembers(Connection c, Membership m, long contextId, Collection<Long> memberIds)
            throws SQLException {
        Set<Long> missing = new LinkedHashSet<>(memberIds);
        for (List<Long> chunk : chunks(memberIds)) {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + m.memberColumn + " FROM " + m.table
                    + " WHERE context_id = ? AND " + m.memberColumn + " IN (" + placeholders(chunk.size()) + ")")) {
                ps.setLong(1, contextId);
                bind(ps, 2, chunk);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        missing.remove(rs.getLong(1));
                    }
                }
            }
        }
        if (missing.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO " + m.table + " (context_id, " + m.memberColumn + ") VALUES (?, ?)")) {
            for (long member : missing) {
                ps.setLong(1, contextId);
                ps.setLong(2, member);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    @Override
    public LineageGraph upstream(LineageNode start, int maxHops) {
        return LineageWalker.walk(new TableSource(), start, maxHops, LineageWalker.Direction.UPSTREAM);
    }

    @Override
    public LineageGraph downstream(LineageNode start, int maxHops) {
        return LineageWalker.walk(new TableSource(), start, maxHops, LineageWalker.Direction.DOWNSTREAM);
    }

    /** The walker's view of the tables: one connection per question, one query per chunk of ids. */
    private final class TableSource implements LineageWalker.Source {

        @Override
        public boolean exists(LineageNode node) {
            Table<?> table = node.kind() == Kind.ARTIFACT ? artifacts : executions;
            return db.withConnection(c -> table.existing(c, List.of(node.id())).contains(node.id()));
        }

        @Override
        public List<Event> events(Kind kind, Collection<Long> ids, EventType type) {
            String column = kind == Kind.ARTIFACT ? "artifact_id" : "execution_id";
            return db.withConnection(c -> {
                List<Event> found = new ArrayList<>();
                for (List<Long> chunk : chunks(ids)) {
                    try (PreparedStatement ps = c.prepareStatement("SELECT " + EVENT_COLUMNS
                            + " FROM mlops_lineage_event WHERE type = ? AND " + column + " IN ("
                            + placeholders(chunk.size()) + ")")) {
                        ps.setString(1, type.name());
                        bind(ps, 2, chunk);
                        found.addAll(readEvents(ps));
                    }
                }
                return found;
            });
        }

        @Override
        public List<Artifact> artifacts(Collection<Long> ids) {
            return db.withConnection(c -> artifacts.byIds(c, ids));
        }

        @Override
        public List<Execution> executions(Collection<Long> ids) {
            return db.withConnection(c -> executions.byIds(c, ids));
        }
    }

    /**
     * Runs a write in a transaction (which {@link Database} retries on serialization failures and lock
     * timeouts), and runs it again when it lost a race on a unique constraint: the rerun reads the row
     * the winner committed.
     */
    private <T> T write(SqlWork<T> work) {
        Dialect dialect = db.dialect();
        for (int attempt = 1; ; attempt++) {
            try {
                return db.inTransaction(c -> {
                    try {
                        return work.run(c);
                    } catch (SQLException e) {
                        if (dialect.isUniqueViolation(e)) {
                            throw new LostRace(e);
                        }
                        throw e;
                    }
                });
            } catch (LostRace race) {
                if (attempt >= RACE_ATTEMPTS) {
                    throw new ConflictException("a lineage write lost to concurrent writers " + attempt
                            + " times: " + race.getCause().getMessage(), race.getCause());
                }
            }
        }
    }

    /** A write's insert hit a unique constraint that a concurrent transaction satisfied first. */
    private static final class LostRace extends RuntimeException {
        private static final long serialVersionUID = 1L;

        LostRace(SQLException cause) {
            super(null, cause, false, false);
        }
    }

    private String writeProperties(Map<String, String> properties) {
        try {
            return json.writeValueAsString(new TreeMap<>(properties));
        } catch (JsonProcessingException e) {
            throw new StorageException("could not encode lineage properties as JSON: " + e.getOriginalMessage(), e);
        }
    }

    private Map<String, String> readProperties(String kind, long id, String text) {
        try {
            Map<String, String> properties = json.readValue(text, PROPERTIES);
            if (properties == null || properties.containsKey(null) || properties.containsValue(null)) {
                throw new StorageException("the stored properties of " + kind + " " + id + " are not a JSON object"
                        + " of strings");
            }
            return properties;
        } catch (JsonProcessingException e) {
            throw new StorageException("the stored properties of " + kind + " " + id + " are not a JSON object of"
                    + " strings: " + e.getOriginalMessage(), e);
        }
    }

    private static ExecutionState state(String stored) {
        try {
            return ExecutionState.valueOf(stored);
        } catch (IllegalArgumentException e) {
            throw new StorageException("unknown execution state '" + stored + "' stored", e);
        }
    }

    private static EventType eventType(String stored) {
        try {
            return EventType.valueOf(stored);
        } catch (IllegalArgumentException e) {
            throw new StorageException("unknown event type '" + stored + "' stored", e);
        }
    }

    /** The hex SHA-256 of a name's UTF-8 bytes: the unique key of a name of any length and script. */
    static String nameKey(String name) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha.digest(name.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    private List<List<Long>> chunks(Collection<Long> ids) {
        List<Long> all = List.copyOf(new LinkedHashSet<>(ids));
        List<List<Long>> chunks = new ArrayList<>();
        for (int from = 0; from < all.size(); from += chunkSize) {
            chunks.add(all.subList(from, Math.min(all.size(), from + chunkSize)));
        }
        return chunks;
    }

    private static String placeholders(int n) {
        return String.join(", ", Collections.nCopies(n, "?"));
    }

    private static void bind(PreparedStatement ps, int first, List<Long> ids) throws SQLException {
        for (int i = 0; i < ids.size(); i++) {
            ps.setLong(first + i, ids.get(i));
        }
    }

    @Override
    public String toString() {
        return "JdbcLineageStore[" + db + "]";
    }

    /** An event of one execution, by its artifact and type. */
    private record EventKey(long artifactId, EventType type) implements Comparable<EventKey> {
        @Override
        public int compareTo(EventKey o) {
            int c = Long.compare(artifactId, o.artifactId);
            return c != 0 ? c : type.compareTo(o.type);
        }
    }

    /** The two membership tables of contexts. */
    private enum Membership {
        ATTRIBUTION("mlops_lineage_attribution", "artifact_id"),
        ASSOCIATION("mlops_lineage_association", "execution_id");

        final String table;
        final String memberColumn;

        Membership(String table, String memberColumn) {
            this.table = table;
            this.memberColumn = memberColumn;
        }
    }

    /** Reads one node from a row of {@code id, type, name, <detail>, properties, created_at}. */
    @FunctionalInterface
    private interface RowMapper<T> {
        T map(ResultSet rs, Map<String, String> properties) throws SQLException;
    }

    /**
     * One node table. Its columns are {@code id, type, name, name_key, [detail,] properties, created_at},
     * where the detail column is the artifact's uri, the execution's state, or absent for contexts (then
     * selected as an empty string so every table reads alike). Table and column names are constants.
     */
    private final class Table<T> {
        private final String kind;
        private final String table;
        private final String detail;
        private final RowMapper<T> mapper;
        private final String select;

        Table(String kind, String table, String detail, RowMapper<T> mapper) {
            this.kind = kind;
            this.table = table;
            this.detail = detail;
            this.mapper = mapper;
            this.select = "SELECT n.id, n.type, n.name, " + (detail == null ? "''" : "n." + detail)
                    + ", n.properties, n.created_at FROM " + table + " n";
        }

        Optional<T> find(Connection c, String type, String name) throws SQLException {
            try (PreparedStatement ps = c.prepareStatement(select
                    + " WHERE n.type = ? AND n.name_key = ? AND n.name = ?")) {
                ps.setString(1, type);
                ps.setString(2, nameKey(name));
                ps.setString(3, name);
                List<T> found = read(ps);
                return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
            }
        }

        Optional<T> byId(Connection c, long id) throws SQLException {
            List<T> found = byIds(c, List.of(id));
            return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
        }

        T require(Connection c, long id) throws SQLException {
            return byId(c, id).orElseThrow(() -> new NotFoundException(LineageRules.missing(kind, List.of(id))));
        }

        List<T> byIds(Connection c, Collection<Long> ids) throws SQLException {
            List<T> found = new ArrayList<>();
            for (List<Long> chunk : chunks(ids)) {
                try (PreparedStatement ps = c.prepareStatement(select + " WHERE n.id IN ("
                        + placeholders(chunk.size()) + ") ORDER BY n.id")) {
                    bind(ps, 1, chunk);
                    found.addAll(read(ps));
                }
            }
            return found;
        }

        List<T> ofType(Connection c, String type) throws SQLException {
            try (PreparedStatement ps = c.prepareStatement(select + " WHERE n.type = ? ORDER BY n.id")) {
                ps.setString(1, type);
                return read(ps);
            }
        }

        List<T> inContext(Connection c, Membership m, long contextId) throws SQLException {
            try (PreparedStatement ps = c.prepareStatement(select + " JOIN " + m.table + " m ON m." + m.memberColumn
                    + " = n.id WHERE m.context_id = ? ORDER BY n.id")) {
                ps.setLong(1, contextId);
                return read(ps);
            }
        }

        /** Which of these ids exist. */
        Set<Long> existing(Connection c, Collection<Long> ids) throws SQLException {
            Set<Long> found = new HashSet<>();
            for (List<Long> chunk : chunks(ids)) {
                try (PreparedStatement ps = c.prepareStatement("SELECT id FROM " + table + " WHERE id IN ("
                        + placeholders(chunk.size()) + ")")) {
                    bind(ps, 1, chunk);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            found.add(rs.getLong(1));
                        }
                    }
                }
            }
            return found;
        }

        /** Throws {@link NotFoundException} naming every id of these that does not exist. */
        void requireAll(Connection c, Collection<Long> ids) throws SQLException {
            Set<Long> found = existing(c, ids);
            List<Long> missing = ids.stream().filter(id -> !found.contains(id)).toList();
            if (!missing.isEmpty()) {
                throw new NotFoundException(LineageRules.missing(kind, missing));
            }
        }

        T insert(Connection c, String type, String name, String detailValue, Map<String, String> properties,
                Instant now) throws SQLException {
            String columns = "type, name, name_key, " + (detail == null ? "" : detail + ", ")
                    + "properties, created_at";
            String values = detail == null ? "?, ?, ?, ?, ?" : "?, ?, ?, ?, ?, ?";
            String sql = "INSERT INTO " + table + " (" + columns + ") VALUES (" + values + ")";
            try (PreparedStatement ps = db.dialect() == Dialect.POSTGRESQL
                    ? c.prepareStatement(sql, new String[] {"id"})
                    : c.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS)) {
                int i = 1;
                ps.setString(i++, type);
                ps.setString(i++, name);
                ps.setString(i++, nameKey(name));
                if (detail != null) {
                    ps.setString(i++, detailValue);
                }
                ps.setString(i++, writeProperties(properties));
                ps.setLong(i, now.toEpochMilli());
                ps.executeUpdate();
                long id;
                try (ResultSet keys = ps.getGeneratedKeys()) {
                    if (!keys.next()) {
                        throw new StorageException("the database returned no id for the new " + kind);
                    }
                    id = keys.getLong(1);
                }
                return require(c, id);
            }
        }

        private List<T> read(PreparedStatement ps) throws SQLException {
            List<T> found = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    found.add(mapper.map(rs, readProperties(kind, rs.getLong(1), rs.getString(5))));
                }
            }
            return found;
        }
    }
}
