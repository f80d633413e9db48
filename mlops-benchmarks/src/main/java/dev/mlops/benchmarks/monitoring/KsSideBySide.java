package dev.mlops.benchmarks.monitoring;

import dev.mlops.monitoring.drift.HypothesisTests;
import dev.mlops.monitoring.drift.TestResult;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Times {@link HypothesisTests#kolmogorovSmirnov} on two samples read from a file written by
 * {@code scripts/ks_side_by_side.py} (little-endian: int64 n1, int64 n2, n1 + n2 float64 values),
 * so that SciPy and Java see the same numbers. Also times the sorting step alone with
 * {@link Arrays#sort(double[])} and {@link Arrays#parallelSort(double[])} to show which the
 * implementation should use. Prints one line per measurement; not a unit test.
 *
 * <p>Usage: {@code KsSideBySide <data file> [runs]}.
 */
public final class KsSideBySide {

    private KsSideBySide() {}

    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: KsSideBySide <data file> [runs]");
            System.exit(2);
        }
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        ByteBuffer buffer = ByteBuffer.wrap(Files.readAllBytes(Path.of(args[0]))).order(ByteOrder.LITTLE_ENDIAN);
        int n1 = Math.toIntExact(buffer.getLong());
        int n2 = Math.toIntExact(buffer.getLong());
        double[] a = new double[n1];
        double[] b = new double[n2];
        buffer.asDoubleBuffer().get(a).get(b);

        TestResult result = null;
        for (int i = 0; i < 5; i++) { // warm-up: let the JIT compile the sort and merge
            result = HypothesisTests.kolmogorovSmirnov(a, b);
        }
        double[] ks = new double[runs];
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            result = HypothesisTests.kolmogorovSmirnov(a, b);
            ks[i] = (System.nanoTime() - t0) / 1e6;
        }
        double[] plainSort = timeSort(a, b, runs, false);
        double[] parallelSort = timeSort(a, b, runs, true);
        System.out.printf("java  ks            n1=%d n2=%d D=%.17g p=%.17g%n", n1, n2, result.statistic(), result.pValue());
        report("java  kolmogorovSmirnov", ks);
        report("java  Arrays.sort x2 (copy+sort)", plainSort);
        report("java  Arrays.parallelSort x2 (copy+sort)", parallelSort);
    }

    private static double[] timeSort(double[] a, double[] b, int runs, boolean parallel) {
        double[] times = new double[runs + 3];
        for (int i = 0; i < times.length; i++) {
            long t0 = System.nanoTime();
            double[] x = a.clone();
            double[] y = b.clone();
            if (parallel) {
                Arrays.parallelSort(x);
                Arrays.parallelSort(y);
            } else {
                Arrays.sort(x);
                Arrays.sort(y);
            }
            times[i] = (System.nanoTime() - t0) / 1e6;
            if (x[0] > y[y.length - 1] + 1e300) { // keep the sorted arrays alive
                System.out.println();
            }
        }
        return Arrays.copyOfRange(times, 3, times.length); // first three are warm-up
    }

    private static void report(String label, double[] millis) {
        double[] sorted = millis.clone();
        Arrays.sort(sorted);
        System.out.printf("%-44s median %8.1f ms   min %8.1f ms   (%d runs)%n",
                label, sorted[sorted.length / 2], sorted[0], sorted.length);
    }
}
