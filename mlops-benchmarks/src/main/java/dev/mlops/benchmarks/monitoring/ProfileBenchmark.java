package dev.mlops.benchmarks.monitoring;

import dev.mlops.core.Field;
import dev.mlops.core.Schema;
import dev.mlops.core.ValueType;
import dev.mlops.monitoring.profile.ArrowBatches;
import dev.mlops.monitoring.profile.ColumnBatch;
import dev.mlops.monitoring.profile.DatasetProfile;
import dev.mlops.monitoring.profile.Profiler;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
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
 * Time to profile 1M rows × 50 numeric (FLOAT64) + 10 categorical (STRING) columns, the issue's
 * target (≤ 3 s on a 2-core machine), through each input path, snapshot included:
 *
 * <ul>
 *   <li>{@code columnar}: one {@link ColumnBatch} of {@code double[]}/{@code String[]} arrays;
 *       {@code threads} = 1 on the calling thread, 2 with a second thread from an executor
 *       (column-parallel, same bytes as one thread).</li>
 *   <li>{@code arrow}: the same data in Arrow vectors ({@code Float8Vector}, {@code VarCharVector}),
 *       strings decoded from UTF-8 per value.</li>
 *   <li>{@code rows}: {@code Map<String, Object>} rows validated one by one against the schema
 *       (20 000 distinct {@code HashMap}s, each given 50 times, so 1M rows without 3 GB of maps).</li>
 * </ul>
 *
 * <p>{@link #main} runs each path with one and two threads and prints wall time and each working
 * thread's CPU time: on a shared machine CPU time is the steadier figure (other processes stretch
 * wall time, not CPU), and with two threads the larger CPU time is the idle-machine wall time.
 *
 * <p>Data: numeric columns are N(0, 1) scaled per column with 1 % NaN; categorical columns draw from
 * 50 values with a skewed distribution. Run:
 * {@code java -cp ... org.openjdk.jmh.Main ProfileBenchmark -f 1 -wi 1 -i 3}; the score is seconds
 * per 1M rows.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g", "--add-opens=java.base/java.nio=ALL-UNNAMED"})
public class ProfileBenchmark {

    static final int ROWS = 1_000_000;
    static final int NUMERIC = 50;
    static final int CATEGORICAL = 10;
    static final int DISTINCT_ROW_MAPS = 20_000;

    @Param({"columnar", "arrow", "rows"})
    public String input;

    @Param({"1", "2"})
    public int threads;

    private Schema schema;
    private ColumnBatch batch;
    private List<Map<String, Object>> rowMaps;
    private BufferAllocator allocator;
    private VectorSchemaRoot root;
    private ExecutorService executor;

    @Setup(Level.Trial)
    public void setUp() {
        List<Field> fields = new ArrayList<>();
        for (int c = 0; c < NUMERIC; c++) {
            fields.add(Field.of("num_" + c, ValueType.FLOAT64).allowingNonFinite());
        }
        for (int c = 0; c < CATEGORICAL; c++) {
            fields.add(Field.of("cat_" + c, ValueType.STRING));
        }
        schema = Schema.of(fields);
        SplittableRandom random = new SplittableRandom(42);
        String[] vocabulary = new String[50];
        for (int i = 0; i < vocabulary.length; i++) {
            vocabulary[i] = "category_" + i;
        }
        int rows = input.equals("rows") ? DISTINCT_ROW_MAPS : ROWS;
        double[][] numeric = new double[NUMERIC][rows];
        String[][] categorical = new String[CATEGORICAL][rows];
        for (int c = 0; c < NUMERIC; c++) {
            double scale = 1 + c;
            for (int i = 0; i < rows; i++) {
                numeric[c][i] = random.nextInt(100) == 0 ? Double.NaN : random.nextGaussian() * scale + c;
            }
        }
        for (int c = 0; c < CATEGORICAL; c++) {
            for (int i = 0; i < rows; i++) {
                double u = random.nextDouble();
                categorical[c][i] = vocabulary[(int) (u * u * vocabulary.length)];
            }
        }
        switch (input) {
            case "columnar" -> {
                ColumnBatch.Builder b = ColumnBatch.builder(rows);
                for (int c = 0; c < NUMERIC; c++) {
                    b.doubles("num_" + c, numeric[c]);
                }
                for (int c = 0; c < CATEGORICAL; c++) {
                    b.strings("cat_" + c, categorical[c]);
                }
                batch = b.build();
            }
            case "arrow" -> {
                allocator = newRootAllocator();
                List<FieldVector> vectors = new ArrayList<>();
                for (int c = 0; c < NUMERIC; c++) {
                    Float8Vector v = new Float8Vector("num_" + c, allocator);
                    v.allocateNew(rows);
                    for (int i = 0; i < rows; i++) {
                        v.set(i, numeric[c][i]);
                    }
                    vectors.add(v);
                }
                for (int c = 0; c < CATEGORICAL; c++) {
                    VarCharVector v = new VarCharVector("cat_" + c, allocator);
                    v.allocateNew(rows);
                    for (int i = 0; i < rows; i++) {
                        v.setSafe(i, categorical[c][i].getBytes(StandardCharsets.UTF_8));
                    }
                    vectors.add(v);
                }
                root = new VectorSchemaRoot(vectors);
                root.setRowCount(rows);
            }
            case "rows" -> {
                rowMaps = new ArrayList<>(rows);
                for (int i = 0; i < rows; i++) {
                    Map<String, Object> row = new HashMap<>();
                    for (int c = 0; c < NUMERIC; c++) {
                        row.put("num_" + c, numeric[c][i]);
                    }
                    for (int c = 0; c < CATEGORICAL; c++) {
                        row.put("cat_" + c, categorical[c][i]);
                    }
                    rowMaps.add(row);
                }
            }
            default -> throw new IllegalArgumentException(input);
        }
        if (threads > 1) {
            executor = Executors.newFixedThreadPool(threads - 1);
        }
    }

    /**
     * {@code new RootAllocator()}, made reflectively: naming {@code RootAllocator} in source makes javac
     * read {@code BaseAllocator}'s Checker Framework annotations, and checker-qual (a provided
     * dependency of Arrow) is not on this module's class path, so -Werror fails the build.
     */
    private static BufferAllocator newRootAllocator() {
        try {
            return (BufferAllocator) Class.forName("org.apache.arrow.memory.RootAllocator").getConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Arrow's RootAllocator is not available", e);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        if (root != null) {
            root.close();
        }
        if (allocator != null) {
            allocator.close();
        }
        if (executor != null) {
            executor.shutdownNow();
        }
    }

    @Benchmark
    public DatasetProfile profileOneMillionRows() throws Exception {
        Profiler.Builder builder = Profiler.builder(schema);
        if (executor != null) {
            builder.executor(executor, threads);
        }
        Profiler profiler = builder.build();
        switch (input) {
            case "columnar" -> profiler.add(batch);
            case "arrow" -> ArrowBatches.add(profiler, root);
            default -> rowsInParallel(profiler);
        }
        return profiler.snapshot();
    }

    /**
     * Prints, per input path on one thread, the wall time and CPU time of profiling 1M rows (best of
     * {@code args[0]} runs, default 3, after one warm-up).
     */
    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        for (String path : new String[] {"columnar", "arrow", "rows"}) {
            for (int threads = 1; threads <= 2; threads++) {
                measure(path, threads, runs);
            }
        }
    }

    /**
     * Best of {@code runs}: wall time, and the CPU time of each thread that worked (the caller and,
     * with two threads, the executor's thread). With two threads the larger of the two CPU times is
     * the wall time an otherwise idle two-core machine would need.
     */
    private static void measure(String path, int threads, int runs) throws Exception {
        java.lang.management.ThreadMXBean cpu = java.lang.management.ManagementFactory.getThreadMXBean();
        ProfileBenchmark b = new ProfileBenchmark();
        b.input = path;
        b.threads = threads;
        b.setUp();
        try {
            long[] ids = {Thread.currentThread().getId(),
                    threads > 1 ? b.executor.submit(() -> Thread.currentThread().getId()).get() : -1};
            b.profileOneMillionRows();
            long bestWall = Long.MAX_VALUE;
            long bestCaller = Long.MAX_VALUE;
            long bestWorker = Long.MAX_VALUE;
            for (int r = 0; r < runs; r++) {
                long w0 = System.nanoTime();
                long c0 = cpu.getThreadCpuTime(ids[0]);
                long k0 = ids[1] < 0 ? 0 : cpu.getThreadCpuTime(ids[1]);
                b.profileOneMillionRows();
                bestWall = Math.min(bestWall, System.nanoTime() - w0);
                bestCaller = Math.min(bestCaller, cpu.getThreadCpuTime(ids[0]) - c0);
                bestWorker = Math.min(bestWorker, ids[1] < 0 ? 0 : cpu.getThreadCpuTime(ids[1]) - k0);
            }
            System.out.printf(java.util.Locale.ROOT,
                    "%-9s %d thread(s): wall %.2f s; cpu caller %.2f s, executor thread %.2f s (per 1M rows)%n",
                    path, threads, bestWall / 1e9, bestCaller / 1e9, bestWorker / 1e9);
        } finally {
            b.tearDown();
        }
    }

    /** The row path: {@code threads} callers each add their share of the 1M rows (striped accumulators). */
    private void rowsInParallel(Profiler profiler) throws Exception {
        int perThread = ROWS / threads;
        List<java.util.concurrent.Future<?>> others = new ArrayList<>();
        for (int t = 1; t < threads; t++) {
            others.add(executor.submit(() -> addRows(profiler, perThread)));
        }
        addRows(profiler, perThread);
        for (java.util.concurrent.Future<?> f : others) {
            f.get();
        }
    }

    private void addRows(Profiler profiler, int count) {
        for (int i = 0; i < count; i++) {
            profiler.add(rowMaps.get(i % DISTINCT_ROW_MAPS));
        }
    }
}
