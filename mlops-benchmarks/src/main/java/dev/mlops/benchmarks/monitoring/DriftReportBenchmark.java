package dev.mlops.benchmarks.monitoring;

import dev.mlops.monitoring.drift.Dataset;
import dev.mlops.monitoring.drift.DriftDetector;
import dev.mlops.monitoring.drift.DriftReport;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
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
 * A whole drift report on raw data: {@code rows} reference rows against {@code rows} current rows
 * of 50 numeric and 10 categorical columns, with {@link DriftDetector#defaults()} (so normed
 * Wasserstein on the numeric columns and Jensen–Shannon on the categorical ones), plus the JSON and
 * HTML output of that report.
 *
 * <p>Data: numeric columns are normal, log-normal, uniform or rounded (few distinct values) by
 * column index; every fifth numeric column and every third categorical column is shifted in the
 * current data. Categorical columns have 20 categories with Zipf-like shares. Generated once per
 * trial with fixed seeds.
 *
 * <p>Run: {@code java -cp ... org.openjdk.jmh.Main DriftReportBenchmark}; single-shot times in
 * milliseconds. {@code -p rows=100000} for a smaller shape; {@code -p threads=0} for the calling
 * thread only ({@code threads=2} spreads the columns over a pool via
 * {@link DriftDetector.Builder#executor}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xmx8g"})
public class DriftReportBenchmark {

    static final int NUMERIC = 50;
    static final int CATEGORICAL = 10;
    static final int CATEGORIES = 20;

    @Param({"1000000"})
    public int rows;

    /** 0: columns compared on the calling thread; n: on a fixed pool of n threads. */
    @Param({"0", "2"})
    public int threads;

    private Dataset reference;
    private Dataset current;
    private DriftDetector detector;
    private ExecutorService pool;
    private DriftReport report;

    @Setup(Level.Trial)
    public void setUp() {
        reference = dataset(rows, false, 1);
        current = dataset(rows, true, 2);
        if (threads > 0) {
            pool = Executors.newFixedThreadPool(threads);
            detector = DriftDetector.builder().executor(pool).build();
        } else {
            detector = DriftDetector.defaults();
        }
        report = detector.compare(reference, current);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }

    static Dataset dataset(int rows, boolean shifted, long seed) {
        Dataset.Builder b = Dataset.builder();
        for (int c = 0; c < NUMERIC; c++) {
            SplittableRandom rnd = new SplittableRandom(seed * 1_000 + c);
            double shift = shifted && c % 5 == 0 ? 0.3 : 0.0;
            double[] v = new double[rows];
            for (int i = 0; i < rows; i++) {
                double g = gaussian(rnd);
                v[i] = switch (c % 4) {
                    case 0 -> g + shift;
                    case 1 -> Math.exp(0.5 * g + shift);
                    case 2 -> rnd.nextDouble() * 100 + shift * 30;
                    default -> Math.rint(2 * g + shift * 4);
                };
            }
            b.numeric("num_" + c, v);
        }
        String[] labels = new String[CATEGORIES];
        for (int k = 0; k < CATEGORIES; k++) {
            labels[k] = "category_" + k;
        }
        for (int c = 0; c < CATEGORICAL; c++) {
            SplittableRandom rnd = new SplittableRandom(seed * 1_000 + 500 + c);
            double exponent = shifted && c % 3 == 0 ? 1.4 : 1.0;
            double[] cumulative = zipf(exponent);
            String[] v = new String[rows];
            for (int i = 0; i < rows; i++) {
                double u = rnd.nextDouble();
                int k = 0;
                while (k < CATEGORIES - 1 && u > cumulative[k]) {
                    k++;
                }
                v[i] = labels[k];
            }
            b.categorical("cat_" + c, v);
        }
        return b.build();
    }

    private static double[] zipf(double exponent) {
        double[] w = new double[CATEGORIES];
        double total = 0;
        for (int k = 0; k < CATEGORIES; k++) {
            w[k] = 1 / Math.pow(k + 1, exponent);
            total += w[k];
        }
        double running = 0;
        for (int k = 0; k < CATEGORIES; k++) {
            running += w[k] / total;
            w[k] = running;
        }
        return w;
    }

    private static double gaussian(SplittableRandom rnd) {
        // Box–Muller; one value per call is enough here
        double u = 1 - rnd.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rnd.nextDouble());
    }

    /** The raw-data report: per column a copy, a sort, the test and the chart counts. */
    @Benchmark
    public DriftReport compareRawData() {
        return detector.compare(reference, current);
    }

    /**
     * CPU time of the same report on the calling thread, for machines where other work competes for
     * the cores (wall-clock single shots then mostly measure the wait):
     * {@code java -cp ... dev.mlops.benchmarks.monitoring.DriftReportBenchmark [rows] [repeats]}.
     */
    public static void main(String[] args) {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        Dataset reference = dataset(rows, false, 1);
        Dataset current = dataset(rows, true, 2);
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        DriftDetector detector = DriftDetector.defaults();
        for (int r = -1; r < repeats; r++) { // one warm-up round
            long wall = System.nanoTime();
            long cpu0 = cpu.getCurrentThreadCpuTime();
            DriftReport report = detector.compare(reference, current);
            long cpuMs = (cpu.getCurrentThreadCpuTime() - cpu0) / 1_000_000;
            long wallMs = (System.nanoTime() - wall) / 1_000_000;
            long outCpu0 = cpu.getCurrentThreadCpuTime();
            int chars = report.toJson().length() + report.toHtml().length();
            long outCpuMs = (cpu.getCurrentThreadCpuTime() - outCpu0) / 1_000_000;
            System.out.printf("%s compare: cpu %d ms, wall %d ms; json+html: cpu %d ms (%d chars); drifted %d/%d%n",
                    r < 0 ? "warm-up" : "run " + r, cpuMs, wallMs, outCpuMs, chars, report.driftedColumns(),
                    report.testedColumns());
        }
    }

    /** JSON and HTML of the report (60 columns). */
    @Benchmark
    public int jsonAndHtml() {
        return report.toJson().length() + report.toHtml().length();
    }
}
