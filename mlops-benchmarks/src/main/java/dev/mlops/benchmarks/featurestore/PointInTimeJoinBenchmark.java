package dev.mlops.benchmarks.featurestore;

import dev.mlops.core.ValueType;
import dev.mlops.featurestore.ArrowTables;
import dev.mlops.featurestore.Entity;
import dev.mlops.featurestore.FeatureView;
import dev.mlops.featurestore.ViewSelection;
import dev.mlops.featurestore.arrow.ArrowFileOfflineStore;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.TimeStampNanoTZVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Side by side: the point-in-time join of the Arrow IPC file offline store against DuckDB's
 * {@code ASOF LEFT JOIN}, on the same data, in the same JVM run.
 *
 * <p>Data (generated identically on both sides from the row number): {@code F} feature rows over
 * {@code K = E} customers ({@code F / K} rows each, at distinct times within 90 days) with four
 * features (three doubles, one bigint); {@code E} entity rows at pseudo-random customers and
 * times. No TTL, so both sides return the latest row at or before each entity time; the answers
 * are compared by count and sum of a feature column. Timed: the join only, from entity rows in
 * memory to a result of {@code E} rows in memory (DuckDB: {@code CREATE TEMP TABLE ... AS SELECT
 * ... ASOF LEFT JOIN}), the Arrow store with {@code joinThreads} threads (default: the cores) and
 * with one, each run interleaving the three. Data loading is reported separately.
 *
 * <p>Run: {@code java -Xmx2g --add-opens=java.base/java.nio=ALL-UNNAMED -cp ...
 * dev.mlops.benchmarks.featurestore.PointInTimeJoinBenchmark [entityRows] [featureRows] [runs]
 * [joinThreads]} (default 1,000,000 10,000,000 5 and the number of cores).
 */
public final class PointInTimeJoinBenchmark {

    static final long BASE_SECONDS = Instant.parse("2024-01-01T00:00:00Z").getEpochSecond();
    static final long SPAN_SECONDS = 90L * 86_400;
    static final int CHUNK = 1_000_000;

    private PointInTimeJoinBenchmark() {}

    static long featureCustomer(long i, long customers) {
        return i % customers;
    }

    static long featureSecond(long i) {
        return (i * 104_729L) % SPAN_SECONDS;
    }

    static long entityCustomer(long j, long customers) {
        return (j * 7_919L) % customers;
    }

    static long entitySecond(long j) {
        return (j * 15_485_863L) % SPAN_SECONDS;
    }

    public static void main(String[] args) throws Exception {
        int entities = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        long features = args.length > 1 ? Long.parseLong(args[1]) : 10_000_000L;
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        int joinThreads = args.length > 3 ? Integer.parseInt(args[3]) : Runtime.getRuntime().availableProcessors();
        long customers = entities;
        PrintStream out = System.out;
        out.printf("point-in-time join: %,d entity rows x %,d feature rows (%,d customers, 4 features), %d runs,"
                + " %d join threads (and 1), max heap %,d MB, %d cores%n", entities, features, customers, runs, joinThreads,
                Runtime.getRuntime().maxMemory() >> 20, Runtime.getRuntime().availableProcessors());

        FeatureView view = FeatureView.builder("txn_stats")
                .entity(Entity.of("customer", "customer_id", ValueType.INT64))
                .feature("f0", ValueType.FLOAT64).feature("f1", ValueType.FLOAT64).feature("f2", ValueType.FLOAT64)
                .feature("f3", ValueType.INT64).build();
        Path dir = Files.createTempDirectory("pit-bench");
        List<Double> ours = new ArrayList<>();
        List<Double> oursSingle = new ArrayList<>();
        List<Double> duck = new ArrayList<>();
        try (BufferAllocator allocator = new RootAllocator()) {
            long t0 = System.nanoTime();
            try (ArrowFileOfflineStore store = ArrowFileOfflineStore.builder(dir).compactAfter(64).build()) {
                for (long from = 0; from < features; from += CHUNK) {
                    try (VectorSchemaRoot chunk = featureChunk(allocator, from, Math.min(features, from + CHUNK),
                            customers)) {
                        store.appendArrow(view, chunk, Instant.EPOCH);
                    }
                }
                store.compact(view);
                out.printf("  loaded into the Arrow store in %.1f s (%d parts)%n", (System.nanoTime() - t0) / 1e9,
                        store.partCount(view));
            }

            try (Connection duckdb = DriverManager.getConnection("jdbc:duckdb:");
                    Statement sql = duckdb.createStatement()) {
                t0 = System.nanoTime();
                sql.execute("CREATE TABLE features AS SELECT (i % " + customers + ")::BIGINT AS customer_id,"
                        + " to_timestamp(" + BASE_SECONDS + " + (i * 104729) % " + SPAN_SECONDS + ")::TIMESTAMP"
                        + " AS event_ts, (i % 1000) * 0.5 AS f0, i * 1.0 AS f1, (i % 7) * 1.0 AS f2, i AS f3"
                        + " FROM range(" + features + ") t(i)");
                sql.execute("CREATE TABLE entities AS SELECT j AS row_id, ((j * 7919) % " + customers + ")::BIGINT"
                        + " AS customer_id, to_timestamp(" + BASE_SECONDS + " + (j * 15485863) % " + SPAN_SECONDS
                        + ")::TIMESTAMP AS ts FROM range(" + entities + ") t(j)");
                out.printf("  loaded into DuckDB in %.1f s (%s threads)%n", (System.nanoTime() - t0) / 1e9,
                        scalar(sql, "SELECT current_setting('threads')"));

                try (VectorSchemaRoot entityRows = entityRows(allocator, entities, customers)) {
                    for (int run = 0; run < runs; run++) {
                        String check = ourJoin(dir, view, joinThreads, entityRows, allocator, ours);
                        String singleCheck = ourJoin(dir, view, 1, entityRows, allocator, oursSingle);
                        long s = System.nanoTime();
                        sql.execute("CREATE OR REPLACE TEMP TABLE result AS SELECT e.row_id, e.customer_id, e.ts,"
                                + " f.f0, f.f1, f.f2, f.f3 FROM entities e ASOF LEFT JOIN features f"
                                + " ON e.customer_id = f.customer_id AND e.ts >= f.event_ts");
                        duck.add((System.nanoTime() - s) / 1e9);
                        String duckCheck = scalar(sql, "SELECT count(f3) || ' ' || sum(f3) FROM result");
                        boolean agree = check.equals(duckCheck) && singleCheck.equals(duckCheck);
                        out.printf("  run %d: arrow store %.3f s (1 thread %.3f s), duckdb %.3f s; answers %s%n",
                                run + 1, ours.get(run), oursSingle.get(run), duck.get(run), agree
                                        ? "agree (" + check + ")"
                                        : "DIFFER: ours " + check + " / " + singleCheck + ", duckdb " + duckCheck);
                    }
                }
            }
            out.printf("  median: arrow store %.3f s (1 thread %.3f s), duckdb %.3f s; ratio %.2f;"
                    + " best: %.3f s (1 thread %.3f s) vs %.3f s%n", median(ours), median(oursSingle), median(duck),
                    median(ours) / median(duck), Collections.min(ours), Collections.min(oursSingle),
                    Collections.min(duck));
            out.printf("  peak heap used %,d MB; Arrow memory peak (entity rows and results) %,d MB%n",
                    peakHeap() >> 20, allocator.getPeakMemoryAllocation() >> 20);
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException ignored) {
                // a temp dir left behind is harmless
            }
        }
    }

    /**
     * Opens the store with {@code threads} join threads, times one join (opening excluded), adds
     * the time to {@code times}, and returns "count sum" of the non-null {@code f3} values.
     */
    private static String ourJoin(Path dir, FeatureView view, int threads, VectorSchemaRoot entityRows,
            BufferAllocator allocator, List<Double> times) {
        try (ArrowFileOfflineStore store = ArrowFileOfflineStore.builder(dir).joinThreads(threads).build()) {
            long s = System.nanoTime();
            try (VectorSchemaRoot result = store.pointInTimeJoin(entityRows,
                    List.of(ViewSelection.of(view, "f0", "f1", "f2", "f3")), allocator)) {
                times.add((System.nanoTime() - s) / 1e9);
                BigIntVector f3 = (BigIntVector) result.getVector("f3");
                long count = 0;
                long sum = 0;
                for (int i = 0; i < result.getRowCount(); i++) {
                    if (!f3.isNull(i)) {
                        count++;
                        sum += f3.get(i);
                    }
                }
                return count + " " + sum;
            }
        }
    }

    private static VectorSchemaRoot featureChunk(BufferAllocator allocator, long from, long to, long customers) {
        int n = (int) (to - from);
        List<FieldVector> vectors = List.of(
                ArrowTables.newVector("customer_id", ValueType.INT64, allocator),
                ArrowTables.newVector("event_timestamp", ValueType.TIMESTAMP, allocator),
                ArrowTables.newVector("f0", ValueType.FLOAT64, allocator),
                ArrowTables.newVector("f1", ValueType.FLOAT64, allocator),
                ArrowTables.newVector("f2", ValueType.FLOAT64, allocator),
                ArrowTables.newVector("f3", ValueType.INT64, allocator));
        VectorSchemaRoot root = new VectorSchemaRoot(vectors);
        for (FieldVector v : vectors) {
            v.setInitialCapacity(n);
            v.allocateNew();
        }
        BigIntVector key = (BigIntVector) vectors.get(0);
        TimeStampNanoTZVector event = (TimeStampNanoTZVector) vectors.get(1);
        Float8Vector f0 = (Float8Vector) vectors.get(2);
        Float8Vector f1 = (Float8Vector) vectors.get(3);
        Float8Vector f2 = (Float8Vector) vectors.get(4);
        BigIntVector f3 = (BigIntVector) vectors.get(5);
        for (int r = 0; r < n; r++) {
            long i = from + r;
            key.set(r, featureCustomer(i, customers));
            event.set(r, (BASE_SECONDS + featureSecond(i)) * 1_000_000_000L);
            f0.set(r, (i % 1000) * 0.5);
            f1.set(r, i * 1.0);
            f2.set(r, (i % 7) * 1.0);
            f3.set(r, i);
        }
        root.setRowCount(n);
        return root;
    }

    private static VectorSchemaRoot entityRows(BufferAllocator allocator, int n, long customers) {
        List<FieldVector> vectors = List.of(ArrowTables.newVector("customer_id", ValueType.INT64, allocator),
                ArrowTables.newVector("event_timestamp", ValueType.TIMESTAMP, allocator));
        VectorSchemaRoot root = new VectorSchemaRoot(vectors);
        for (FieldVector v : vectors) {
            v.setInitialCapacity(n);
            v.allocateNew();
        }
        BigIntVector key = (BigIntVector) vectors.get(0);
        TimeStampNanoTZVector ts = (TimeStampNanoTZVector) vectors.get(1);
        for (int j = 0; j < n; j++) {
            key.set(j, entityCustomer(j, customers));
            ts.set(j, (BASE_SECONDS + entitySecond(j)) * 1_000_000_000L);
        }
        root.setRowCount(n);
        return root;
    }

    private static String scalar(Statement sql, String query) throws SQLException {
        try (ResultSet rs = sql.executeQuery(query)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static long peakHeap() {
        long total = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                total += pool.getPeakUsage().getUsed();
            }
        }
        return total;
    }
}
