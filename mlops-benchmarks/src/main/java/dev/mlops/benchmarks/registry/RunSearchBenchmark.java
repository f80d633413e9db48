package dev.mlops.benchmarks.registry;

import dev.mlops.core.jdbc.Database;
import dev.mlops.core.jdbc.Dialect;
import dev.mlops.registry.tracking.Metric;
import dev.mlops.registry.tracking.NewRun;
import dev.mlops.registry.tracking.Run;
import dev.mlops.registry.tracking.RunSearch;
import dev.mlops.registry.tracking.Tag;
import dev.mlops.registry.tracking.TrackingStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Run search over 30 000 runs with 20 metrics and 20 params each (MLflow issue #2730: 15 minutes for
 * the same size): a three-clause filter plus an order by, first page of 100, on an embedded H2 file and
 * on PostgreSQL. Each call uses a slightly different metric threshold (from a fixed set of 256), so
 * every call runs the query.
 *
 * <p>PostgreSQL needs a server: pass {@code -Dmlops.bench.postgres.url=jdbc:postgresql://host:port/db?user=u}
 * (through {@code -jvmArgsAppend}), or set the environment variable {@code MLOPS_TEST_POSTGRES_URL} as for
 * the tests; without either, the PostgreSQL trials fail saying so and the H2 ones still run. Each trial
 * loads the runs through {@link TrackingStore#logBatch} into a fresh database (or schema).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = {"-Xmx2g"})
public class RunSearchBenchmark {

    static final int RUNS = 30_000;
    static final int KEYS = 20;
    static final String FILTER = "metrics.m0 > 0.9 and params.p1 = 'v3' and tags.team LIKE 'risk%'";
    static final String ORDER = "metrics.m2 DESC";
    static final String[] TEAMS = {"risk-core", "risk-ops", "growth", "platform"};

    @Param({"h2", "postgresql"})
    public String database;

    /**
     * For H2: whether the file is compacted ({@code SHUTDOWN COMPACT}) after loading. Loading through
     * 60 000 small transactions leaves an H2 file several times larger than its data (550 MB for 72 MB)
     * until H2's background compaction catches up; both states are measured.
     */
    @Param({"false", "true"})
    public boolean compacted;

    private Path dir;
    private Database db;
    private TrackingStore store;
    private RunSearch[] searches;
    private int next;

    /** The PostgreSQL server and the schema this trial loaded, dropped when it ends. */
    private String postgresUrl;
    private String schema;

    @Setup(Level.Trial)
    public void load() throws Exception {
        if (database.equals("h2")) {
            dir = Files.createTempDirectory("mlops-search-bench");
            db = Database.embedded(dir);
        } else {
            String url = System.getProperty("mlops.bench.postgres.url", System.getenv("MLOPS_TEST_POSTGRES_URL"));
            if (url == null) {
                throw new IllegalStateException("set -Dmlops.bench.postgres.url or MLOPS_TEST_POSTGRES_URL to benchmark"
                        + " PostgreSQL");
            }
            postgresUrl = url;
            schema = "bench_" + Long.toHexString(System.nanoTime());
            try (var c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
                s.execute("CREATE SCHEMA " + schema);
            }
            db = Database.builder(Dialect.POSTGRESQL, url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema)
                    .build();
        }
        store = TrackingStore.jdbc(db, InstantSource.system());
        String experiment = store.createExperiment("bench", List.of()).id();
        Instant t0 = Instant.parse("2024-01-01T00:00:00Z");
        List<Loaded> loaded = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int part = 0; part < 2; part++) {
                int first = part;
                done.add(pool.submit(() -> {
                    SplittableRandom random = new SplittableRandom(42 + first);
                    for (int i = first; i < RUNS; i += 2) {
                        String run = store.createRun(NewRun.of(experiment, t0.plusSeconds(i), "bench")).id();
                        List<Metric> metrics = new ArrayList<>();
                        List<dev.mlops.registry.tracking.Param> params = new ArrayList<>();
                        for (int k = 0; k < KEYS; k++) {
                            metrics.add(new Metric("m" + k, random.nextDouble(), t0, 0));
                            params.add(new dev.mlops.registry.tracking.Param("p" + k, "v" + random.nextInt(10)));
                        }
                        String team = TEAMS[random.nextInt(4)];
                        store.logBatch(run, metrics, params, List.of(new Tag("team", team)));
                        loaded.add(new Loaded(run, metrics.get(0).value(), params.get(1).value(), team,
                                metrics.get(2).value()));
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        if (database.equals("h2") && compacted) {
            db.close();
            String url = "jdbc:h2:file:" + dir.toAbsolutePath().resolve("mlops");
            try (var c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
                s.execute("SHUTDOWN COMPACT");
            }
            db = Database.embedded(dir);
            store = TrackingStore.jdbc(db, InstantSource.system());
        }
        // Thresholds differ in the last digits, so that no database can answer from a cache of the
        // previous identical query (H2 reuses the result of a repeated query on unchanged tables).
        searches = new RunSearch[256];
        for (int i = 0; i < searches.length; i++) {
            String filter = FILTER.replace("0.9", Double.toString(0.9 + i * 1e-7));
            searches[i] = RunSearch.builder().experimentIds(experiment).filter(filter).orderBy(ORDER).maxResults(100)
                    .build();
        }
        // The same page computed in memory from what was loaded: every database must return exactly it.
        List<String> expected = loaded.stream()
                .filter(r -> r.m0 > 0.9 && r.p1.equals("v3") && r.team.startsWith("risk"))
                .sorted(Comparator.comparingDouble(Loaded::m2).reversed()).limit(100).map(Loaded::id).toList();
        List<String> page = store.searchRuns(searches[0]).items().stream().map(Run::id).toList();
        if (expected.isEmpty() || !page.equals(expected)) {
            throw new IllegalStateException("the first page (" + page.size() + " runs) is not the " + expected.size()
                    + " runs computed in memory");
        }
    }

    /** What the search looks at in one loaded run. */
    private record Loaded(String id, double m0, String p1, String team, double m2) {}

    @TearDown(Level.Trial)
    public void close() throws IOException, SQLException {
        db.close();
        if (schema != null) {
            try (var c = DriverManager.getConnection(postgresUrl); Statement s = c.createStatement()) {
                s.execute("DROP SCHEMA " + schema + " CASCADE");
            }
        }
        if (dir != null) {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    /** The first page: the matching runs with all their params, metrics and tags. */
    @Benchmark
    public int searchFirstPage() {
        RunSearch search = searches[next++ & (searches.length - 1)];
        return store.searchRuns(search).items().size();
    }
}
