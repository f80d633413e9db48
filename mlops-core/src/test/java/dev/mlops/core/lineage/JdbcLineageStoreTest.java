package dev.mlops.core.lineage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import dev.mlops.core.AlreadyExistsException;
import dev.mlops.core.StorageException;
import dev.mlops.core.jdbc.Database;
import dev.mlops.core.jdbc.Dialect;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * What the conformance suite in mlops-testkit cannot see from outside: how the JDBC store talks to the
 * database. Runs on in-memory H2 through a data source that counts statements and can slip a competing
 * write in just before one of ours.
 */
class JdbcLineageStoreTest {

    private static final InstantSource CLOCK = InstantSource.fixed(Instant.parse("2024-03-01T12:00:00Z"));

    private String url;
    private HikariDataSource pool;
    private Database db;
    private final AtomicInteger statements = new AtomicInteger();
    /** Runs, once, before the next statement whose SQL starts with the given prefix is prepared. */
    private final AtomicReference<Interception> interception = new AtomicReference<>();

    private record Interception(String sqlPrefix, Runnable action) {}

    @BeforeEach
    void open() {
        url = "jdbc:h2:mem:lineage_" + UUID.randomUUID().toString().replace("-", "") + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=5000";
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL(url);
        pool = new HikariDataSource();
        pool.setDataSource(counting(h2));
        pool.setMaximumPoolSize(4);
        db = Database.of(pool, Dialect.H2);
    }

    @AfterEach
    void close() throws Exception {
        db.close();
        pool.close();
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute("SHUTDOWN");
        }
    }

    private DataSource counting(DataSource target) {
        return (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                    Object result = invoke(target, method, args);
                    if (method.getName().equals("getConnection")) {
                        return connection((Connection) result);
                    }
                    return result;
                });
    }

    private Connection connection(Connection target) {
        return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("prepareStatement")) {
                        statements.incrementAndGet();
                        String sql = (String) args[0];
                        Interception i = interception.get();
                        if (i != null && sql.startsWith(i.sqlPrefix()) && interception.compareAndSet(i, null)) {
                            i.action().run();
                        }
                    }
                    return invoke(target, method, args);
                });
    }

    private static Object invoke(Object target, java.lang.reflect.Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private int countStatements(Runnable work) {
        int before = statements.get();
        work.run();
        return statements.get() - before;
    }

    @Test
    @DisplayName("a put that loses the insert race to a concurrent writer returns the winner's artifact")
    void lostRaceSameContent() {
        LineageStore store = new JdbcLineageStore(db, CLOCK);
        LineageStore competitor = new JdbcLineageStore(db, CLOCK);
        AtomicReference<Artifact> winner = new AtomicReference<>();
        interception.set(new Interception("INSERT INTO mlops_lineage_artifact",
                () -> winner.set(competitor.putArtifact("Dataset", "d", "file:/d", Map.of("k", "v")))));
        Artifact mine = store.putArtifact("Dataset", "d", "file:/d", Map.of("k", "v"));
        assertThat(winner.get()).isNotNull();
        assertThat(mine).isEqualTo(winner.get());
        assertThat(store.artifactsOfType("Dataset")).containsExactly(mine);
    }

    @Test
    @DisplayName("a put that loses the insert race to a writer with other content is a conflict")
    void lostRaceOtherContent() {
        LineageStore store = new JdbcLineageStore(db, CLOCK);
        LineageStore competitor = new JdbcLineageStore(db, CLOCK);
        interception.set(new Interception("INSERT INTO mlops_lineage_execution",
                () -> competitor.putExecution("Training", "run-1", ExecutionState.FAILED, Map.of())));
        assertThatThrownBy(() -> store.putExecution("Training", "run-1", ExecutionState.RUNNING, Map.of()))
                .isInstanceOf(AlreadyExistsException.class).hasMessageContaining("state");
        assertThat(store.executionsOfType("Training")).extracting(Execution::state)
                .containsExactly(ExecutionState.FAILED);
    }

    @Test
    @DisplayName("recordExecution that loses an event race reruns whole and records each event once")
    void lostRaceInRecordExecution() {
        LineageStore store = new JdbcLineageStore(db, CLOCK);
        LineageStore competitor = new JdbcLineageStore(db, CLOCK);
        Artifact d = store.putArtifact("Dataset", "d", "", Map.of());
        Execution e = store.putExecution("Training", "run-1", ExecutionState.COMPLETE, Map.of());
        interception.set(new Interception("INSERT INTO mlops_lineage_event",
                () -> competitor.putEvent(d.id(), e.id(), EventType.INPUT)));
        store.recordExecution("Training", "run-1", ExecutionState.COMPLETE, Map.of(), List.of(d.id()), List.of(),
                List.of());
        assertThat(store.eventsOfExecution(e.id())).containsExactly(
                new Event(d.id(), e.id(), EventType.INPUT, CLOCK.instant()));
    }

    @Test
    @DisplayName("walks issue one query per hop level and chunk, however many nodes a level has")
    void queriesPerLevel() {
        LineageStore store = new JdbcLineageStore(db, CLOCK);
        List<Long> datasets = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            datasets.add(store.putArtifact("Dataset", "d" + i, "", Map.of()).id());
        }
        List<Long> models = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            long model = store.putArtifact("Model", "m" + i, "", Map.of()).id();
            models.add(model);
            store.recordExecution("Training", "run-" + i, ExecutionState.COMPLETE, Map.of(), datasets,
                    List.of(model), List.of());
        }
        // Downstream of d0 over 2 hops: level 0 (d0), level 1 (30 runs), level 2 (30 models, edges back only),
        // plus the existence check and loading artifacts and executions.
        AtomicReference<LineageGraph> graph = new AtomicReference<>();
        int queries = countStatements(() -> graph.set(store.downstream(LineageNode.artifact(datasets.get(0)), 2)));
        assertThat(graph.get().executions()).hasSize(30);
        assertThat(graph.get().artifacts()).hasSize(31);
        assertThat(queries).isEqualTo(1 + 3 + 2);

        int upstreamQueries = countStatements(() -> store.upstream(LineageNode.artifact(models.get(0)), 2));
        assertThat(upstreamQueries).isEqualTo(1 + 3 + 2);
    }

    @Test
    @DisplayName("with small IN-list chunks, walks and recordExecution give the in-memory store's answers")
    void chunkedMatchesInMemory() {
        LineageStore jdbc = new JdbcLineageStore(db, CLOCK, 3);
        LineageStore memory = new InMemoryLineageStore(CLOCK);
        Random random = new Random(20240301);
        List<String> artifacts = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            String name = "a" + i;
            artifacts.add(name);
            both(jdbc, memory, s -> s.putArtifact("Dataset", name, "", Map.of()));
        }
        Context ctx = jdbc.putContext("Pipeline", "p", Map.of());
        memory.putContext("Pipeline", "p", Map.of());
        List<String> executions = new ArrayList<>();
        for (int i = 0; i < 15; i++) {
            List<String> in = sample(random, artifacts, 1 + random.nextInt(8));
            List<String> out = sample(random, artifacts, 1 + random.nextInt(4)); // cycles allowed
            String name = "e" + i;
            executions.add(name);
            both(jdbc, memory, s -> s.recordExecution("Step", name, ExecutionState.COMPLETE, Map.of(),
                    ids(s, in), ids(s, out), List.of(s.context("Pipeline", "p").orElseThrow().id())));
        }
        assertThat(names(jdbc.artifactsInContext(ctx.id())))
                .isEqualTo(names(memory.artifactsInContext(memory.context("Pipeline", "p").orElseThrow().id())));
        for (int hops : new int[] {0, 1, 2, 3, 4, 6, LineageStore.MAX_HOPS}) {
            for (String a : artifacts) {
                assertThat(describe(jdbc.upstream(node(jdbc, a), hops)))
                        .as("upstream of %s, %d hops", a, hops)
                        .isEqualTo(describe(memory.upstream(node(memory, a), hops)));
                assertThat(describe(jdbc.downstream(node(jdbc, a), hops)))
                        .as("downstream of %s, %d hops", a, hops)
                        .isEqualTo(describe(memory.downstream(node(memory, a), hops)));
            }
            for (String e : executions) {
                LineageNode j = jdbc.execution("Step", e).orElseThrow().node();
                LineageNode m = memory.execution("Step", e).orElseThrow().node();
                assertThat(describe(jdbc.upstream(j, hops))).isEqualTo(describe(memory.upstream(m, hops)));
                assertThat(describe(jdbc.downstream(j, hops)))
                        .isEqualTo(describe(memory.downstream(m, hops)));
            }
        }
    }

    private static void both(LineageStore a, LineageStore b, Consumer<LineageStore> op) {
        op.accept(a);
        op.accept(b);
    }

    private static List<String> sample(Random random, List<String> from, int n) {
        List<String> picked = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            picked.add(from.get(random.nextInt(from.size())));
        }
        return picked;
    }

    private static List<Long> ids(LineageStore s, List<String> names) {
        return names.stream().map(n -> s.artifact("Dataset", n).orElseThrow().id()).toList();
    }

    private static LineageNode node(LineageStore s, String artifact) {
        return s.artifact("Dataset", artifact).orElseThrow().node();
    }

    private static Set<String> names(List<Artifact> artifacts) {
        Set<String> names = new TreeSet<>();
        artifacts.forEach(a -> names.add(a.name()));
        return names;
    }

    /** A graph by names, so that stores with different ids compare; every event's ends are in the graph. */
    private static Set<String> describe(LineageGraph g) {
        Set<String> d = new TreeSet<>();
        g.artifacts().forEach(a -> d.add("A " + a.name()));
        g.executions().forEach(e -> d.add("E " + e.name()));
        g.events().forEach(e -> d.add("V " + g.artifact(e.artifactId()).orElseThrow().name() + " " + e.type() + " "
                + g.executions().stream().filter(x -> x.id() == e.executionId()).findFirst().orElseThrow().name()));
        return d;
    }

    @Test
    @DisplayName("stored properties that are not a JSON object of strings fail as a storage error")
    void corruptProperties() {
        LineageStore store = new JdbcLineageStore(db, CLOCK);
        Artifact a = store.putArtifact("Dataset", "d", "", Map.of("k", "v"));
        for (String corrupt : List.of("not json", "[1,2]", "{\"k\": null}", "{\"k\": {\"nested\": 1}}")) {
            db.inTransaction(c -> {
                try (PreparedStatement ps = c.prepareStatement(
                        "UPDATE mlops_lineage_artifact SET properties = ? WHERE id = ?")) {
                    ps.setString(1, corrupt);
                    ps.setLong(2, a.id());
                    return ps.executeUpdate();
                }
            });
            assertThatThrownBy(() -> store.artifact(a.id())).as(corrupt).isInstanceOf(StorageException.class)
                    .hasMessageContaining("artifact " + a.id());
        }
    }

    @Test
    @DisplayName("names are keyed by the SHA-256 of their UTF-8 bytes")
    void nameKey() {
        // FIPS 180-2 test vector.
        assertThat(JdbcLineageStore.nameKey("abc"))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    @DisplayName("rejects a null database or clock and a chunk size below one")
    void constructor() {
        assertThatThrownBy(() -> LineageStore.jdbc(null, CLOCK)).hasMessageContaining("database");
        assertThatThrownBy(() -> LineageStore.jdbc(db, null)).hasMessageContaining("clock");
        assertThatThrownBy(() -> LineageStore.inMemory(null)).hasMessageContaining("clock");
        assertThatThrownBy(() -> new JdbcLineageStore(db, CLOCK, 0)).hasMessageContaining("chunkSize");
    }
}
