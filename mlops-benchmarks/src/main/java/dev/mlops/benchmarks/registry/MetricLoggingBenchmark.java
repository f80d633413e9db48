package dev.mlops.benchmarks.registry;

import dev.mlops.core.jdbc.Database;
import dev.mlops.registry.tracking.AsyncMetricLogger;
import dev.mlops.registry.tracking.Metric;
import dev.mlops.registry.tracking.NewRun;
import dev.mlops.registry.tracking.TrackingStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One million metric points into an embedded H2 file: through {@link AsyncMetricLogger} (bounded queue,
 * batches of 1000, the store's transactional {@code logBatch}), and, as the baseline measured in the same
 * run, a raw JDBC batch insert of the same rows into the same table (1000 rows per transaction).
 *
 * <pre>
 * java -cp ... org.openjdk.jmh.Main MetricLoggingBenchmark
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(value = 1, jvmArgs = {"-Xmx2g"})
public class MetricLoggingBenchmark {

    static final int POINTS = 1_000_000;
    static final int BATCH = 1000;
    static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");

    private Path dir;
    private Database db;
    private TrackingStore store;
    private String runId;
    private Metric[] points;

    @Setup(Level.Trial)
    public void makePoints() {
        points = new Metric[POINTS];
        for (int i = 0; i < POINTS; i++) {
            points[i] = new Metric("loss", 1.0 / (i + 1), T0.plusMillis(i), i);
        }
    }

    @Setup(Level.Iteration)
    public void openDatabase() throws IOException {
        dir = Files.createTempDirectory("mlops-metric-bench");
        db = Database.embedded(dir);
        store = TrackingStore.jdbc(db, InstantSource.system());
        String experiment = store.createExperiment("bench", List.of()).id();
        runId = store.createRun(NewRun.of(experiment, T0, "bench")).id();
    }

    @TearDown(Level.Iteration)
    public void closeDatabase() throws IOException {
        db.close();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** The caller logs every point through the asynchronous logger; close() waits until all are written. */
    @Benchmark
    public long asyncLogger() {
        AsyncMetricLogger logger = AsyncMetricLogger.builder(store).capacity(100_000)
                .overflow(AsyncMetricLogger.Overflow.BLOCK).closeTimeout(Duration.ofMinutes(5)).build();
        for (Metric m : points) {
            logger.log(runId, m);
        }
        logger.close();
        if (logger.dropped() != 0 || logger.written() != POINTS) {
            throw new IllegalStateException("wrote " + logger.written() + ", dropped " + logger.dropped());
        }
        return logger.written();
    }

    /** The baseline: the same rows into the same table with plain JDBC batches. */
    @Benchmark
    public long rawJdbcBatch() {
        return db.withConnection(c -> {
            long runKey;
            try (PreparedStatement ps = c.prepareStatement("SELECT run_key FROM reg_run WHERE run_id = ?")) {
                ps.setString(1, runId);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    runKey = rs.getLong(1);
                }
            }
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO reg_metric (run_key, key_name, value_num,"
                    + " is_nan, ts_ms, step) VALUES (?, ?, ?, ?, ?, ?)")) {
                for (int i = 0; i < POINTS; i++) {
                    Metric m = points[i];
                    ps.setLong(1, runKey);
                    ps.setString(2, m.key());
                    ps.setDouble(3, m.value());
                    ps.setBoolean(4, false);
                    ps.setLong(5, m.timestamp().toEpochMilli());
                    ps.setLong(6, m.step());
                    ps.addBatch();
                    if ((i + 1) % BATCH == 0) {
                        ps.executeBatch();
                        c.commit();
                    }
                }
            } finally {
                c.setAutoCommit(true);
            }
            return (long) POINTS;
        });
    }
}
