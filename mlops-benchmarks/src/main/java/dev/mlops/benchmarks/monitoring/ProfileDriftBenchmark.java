package dev.mlops.benchmarks.monitoring;

import dev.mlops.core.Field;
import dev.mlops.core.Schema;
import dev.mlops.core.ValueType;
import dev.mlops.monitoring.drift.DriftDetector;
import dev.mlops.monitoring.drift.DriftReport;
import dev.mlops.monitoring.profile.ColumnBatch;
import dev.mlops.monitoring.profile.DatasetProfile;
import dev.mlops.monitoring.profile.Profiler;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * A drift report from two <b>stored</b> profiles: the reference and current profiles of 1M rows ×
 * 50 numeric (FLOAT64) + 10 categorical (STRING) columns are built once in setup with
 * {@link Profiler} from a {@link ColumnBatch} and kept as bytes; each measured operation is
 * {@code DatasetProfile.fromBytes} of both, then {@link DriftDetector#compare(DatasetProfile,
 * DatasetProfile)} with the defaults (normed Wasserstein and Jensen–Shannon). Target: ≤ 100 ms.
 *
 * <p>Data: numeric columns N(c, 1 + c) with 1 % NaN, every fifth shifted by half a standard
 * deviation in the current data; categorical columns 50 values with skewed shares, every third
 * skewed differently in the current data. Fixed seeds.
 *
 * <p>Run: {@code java -cp ... org.openjdk.jmh.Main ProfileDriftBenchmark -f 1}, milliseconds per
 * report; or {@code java -cp ... dev.mlops.benchmarks.monitoring.ProfileDriftBenchmark 20}, which
 * prints wall and CPU time per report of the calling thread.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g", "--add-opens=java.base/java.nio=ALL-UNNAMED"})
public class ProfileDriftBenchmark {

    static final int ROWS = 1_000_000;
    static final int NUMERIC = 50;
    static final int CATEGORICAL = 10;

    private byte[] reference;
    private byte[] current;

    @Setup(Level.Trial)
    public void setUp() {
        List<Field> fields = new ArrayList<>();
        for (int c = 0; c < NUMERIC; c++) {
            fields.add(Field.of("num_" + c, ValueType.FLOAT64).allowingNonFinite());
        }
        for (int c = 0; c < CATEGORICAL; c++) {
            fields.add(Field.of("cat_" + c, ValueType.STRING));
        }
        Schema schema = Schema.of(fields);
        reference = profile(schema, 42, false).toBytes();
        current = profile(schema, 43, true).toBytes();
    }

    private static DatasetProfile profile(Schema schema, long seed, boolean shifted) {
        SplittableRandom random = new SplittableRandom(seed);
        String[] vocabulary = new String[50];
        for (int i = 0; i < vocabulary.length; i++) {
            vocabulary[i] = "category_" + i;
        }
        ColumnBatch.Builder b = ColumnBatch.builder(ROWS);
        for (int c = 0; c < NUMERIC; c++) {
            double scale = 1 + c;
            double shift = shifted && c % 5 == 0 ? 0.5 * scale : 0;
            double[] values = new double[ROWS];
            for (int i = 0; i < ROWS; i++) {
                values[i] = random.nextInt(100) == 0 ? Double.NaN : random.nextGaussian() * scale + c + shift;
            }
            b.doubles("num_" + c, values);
        }
        for (int c = 0; c < CATEGORICAL; c++) {
            double power = shifted && c % 3 == 0 ? 3 : 2;
            String[] values = new String[ROWS];
            for (int i = 0; i < ROWS; i++) {
                values[i] = vocabulary[(int) (Math.pow(random.nextDouble(), power) * vocabulary.length)];
            }
            b.strings("cat_" + c, values);
        }
        return Profiler.profile(schema, b.build());
    }

    /** fromBytes of both stored profiles, then the report. */
    @Benchmark
    public DriftReport compareStoredProfiles() {
        return DriftDetector.defaults().compare(DatasetProfile.fromBytes(reference), DatasetProfile.fromBytes(current));
    }

    /**
     * Prints wall and CPU time per report over {@code args[0]} reports (default 20) after as many
     * warm-up reports, and the drifted columns.
     */
    public static void main(String[] args) {
        int reps = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        ProfileDriftBenchmark bench = new ProfileDriftBenchmark();
        bench.setUp();
        System.out.printf("stored profiles: %d + %d bytes%n", bench.reference.length, bench.current.length);
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        DriftReport report = null;
        for (int i = 0; i < reps; i++) {
            report = bench.compareStoredProfiles();
        }
        long cpu0 = mx.getCurrentThreadCpuTime();
        long wall0 = System.nanoTime();
        for (int i = 0; i < reps; i++) {
            report = bench.compareStoredProfiles();
        }
        long wall = System.nanoTime() - wall0;
        long cpu = mx.getCurrentThreadCpuTime() - cpu0;
        System.out.printf("per report: %.1f ms wall, %.1f ms CPU (%d reports)%n", wall / 1e6 / reps,
                cpu / 1e6 / reps, reps);
        System.out.println("drifted: " + report.driftedColumnNames());
    }
}
