package dev.mlops.monitoring.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mlops.core.InvalidArgumentException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Test selection, thresholds, the dataset verdict, bad input, determinism and concurrent use. */
class DriftDetectorTest {

    static double[] normal(long seed, int n, double mean, double sd) {
        Random r = new Random(seed);
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = mean + sd * r.nextGaussian();
        }
        return out;
    }

    /** {@code n} values cycling through {@code k} distinct integers. */
    static double[] cycle(int n, int k) {
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = i % k;
        }
        return out;
    }

    static String[] labels(int n, String... values) {
        String[] out = new String[n];
        for (int i = 0; i < n; i++) {
            out[i] = values[i % values.length];
        }
        return out;
    }

    static DriftTest testOf(DriftReport report, String column) {
        return report.column(column).orElseThrow().result().orElseThrow().test();
    }

    @Nested
    @DisplayName("the default test follows Evidently's rule")
    class DefaultTest {

        @ParameterizedTest(name = "{0} reference values, {1} distinct numbers -> {2}")
        @CsvSource({
            "1000, 6, KS", "1001, 6, WASSERSTEIN_NORMED", "1000, 5, CHI_SQUARE", "1000, 3, CHI_SQUARE",
            "1000, 2, Z", "1000, 1, Z", "1001, 5, JENSEN_SHANNON", "1001, 2, JENSEN_SHANNON", "20, 400, KS"})
        void numeric(int n, int distinct, DriftTest expected) {
            Dataset ref = Dataset.builder().numeric("x", cycle(n, distinct)).build();
            Dataset cur = Dataset.builder().numeric("x", cycle(50, distinct)).build();
            assertThat(testOf(DriftDetector.defaults().compare(ref, cur), "x")).isEqualTo(expected);
        }

        @ParameterizedTest(name = "{0} reference values, {1} categories -> {2}")
        @CsvSource({"1000, 3, CHI_SQUARE", "1000, 2, Z", "1001, 2, JENSEN_SHANNON", "1001, 40, JENSEN_SHANNON",
                "5, 1, Z"})
        void categorical(int n, int categories, DriftTest expected) {
            String[] values = new String[categories];
            for (int i = 0; i < categories; i++) {
                values[i] = "c" + i;
            }
            Dataset ref = Dataset.builder().categorical("c", labels(n, values)).build();
            Dataset cur = Dataset.builder().categorical("c", labels(30, values[0])).build();
            assertThat(testOf(DriftDetector.defaults().compare(ref, cur), "c")).isEqualTo(expected);
        }

        @Test
        @DisplayName("the reference size counts usable values only, and distinct values count both sides")
        void usableValuesAndUnion() {
            Double[] ref = new Double[1500];
            for (int i = 0; i < ref.length; i++) {
                ref[i] = i < 1000 ? i * 0.5 : null; // 1000 usable values, 500 nulls
            }
            Double[] twoValues = new Double[1500];
            for (int i = 0; i < 800; i++) {
                twoValues[i] = (double) (i % 2);
            }
            Dataset r = Dataset.builder().numeric("x", ref).numeric("y", twoValues).build();
            Dataset c = Dataset.builder().numeric("x", normal(1, 100, 0, 1)).numeric("y", cycle(100, 4)).build();
            DriftReport report = DriftDetector.defaults().compare(r, c);
            assertThat(testOf(report, "x")).isEqualTo(DriftTest.KS);
            assertThat(testOf(report, "y")).as("2 values in reference, 4 over both").isEqualTo(DriftTest.CHI_SQUARE);
        }
    }

    @Nested
    @DisplayName("verdicts and settings")
    class Verdicts {

        @Test
        @DisplayName("identical data does not drift; a shifted mean does, with a matching effect size")
        void identicalAndShifted() {
            double[] a = normal(1, 5000, 0, 1);
            Dataset ref = Dataset.builder().numeric("same", a).numeric("shifted", a).build();
            Dataset cur = Dataset.builder().numeric("same", a.clone())
                    .numeric("shifted", Arrays.stream(a).map(v -> v + 0.5).toArray()).build();
            DriftReport report = DriftDetector.defaults().compare(ref, cur);
            ColumnTestResult same = report.column("same").orElseThrow().result().orElseThrow();
            ColumnTestResult shifted = report.column("shifted").orElseThrow().result().orElseThrow();
            assertThat(same.statistic()).isZero();
            assertThat(same.drifted()).isFalse();
            assertThat(shifted.drifted()).isTrue();
            double mean = Arrays.stream(a).average().orElseThrow();
            double std = Math.sqrt(Arrays.stream(a).map(v -> (v - mean) * (v - mean)).sum() / a.length);
            assertThat(shifted.effectSize()).as("W1 = 0.5 in reference standard deviations")
                    .isCloseTo(0.5 / std, org.assertj.core.data.Offset.offset(1e-9));
            assertThat(report.driftShare()).isEqualTo(0.5);
            assertThat(report.datasetDrift()).as("share 0.5 >= 0.5").isTrue();
        }

        @Test
        @DisplayName("the drift share threshold, per-test and per-column thresholds are applied")
        void thresholds() {
            double[] a = normal(1, 500, 0, 1);
            double[] b = normal(2, 400, 0.4, 1);
            Dataset ref = Dataset.builder().numeric("a", a).numeric("b", a).numeric("c", a).build();
            Dataset cur = Dataset.builder().numeric("a", b).numeric("b", b).numeric("c", b).build();
            DriftReport defaults = DriftDetector.defaults().compare(ref, cur);
            double p = defaults.column("a").orElseThrow().result().orElseThrow().pValue().orElseThrow();
            assertThat(p).as("a clear shift").isLessThan(0.05);
            assertThat(defaults.driftedColumns()).isEqualTo(3);

            DriftDetector.Builder strict = DriftDetector.builder().threshold(DriftTest.KS, p)
                    .column("c", DriftTest.KS, Math.nextUp(p));
            DriftReport report = strict.driftShare(0.34).build().compare(ref, cur);
            assertThat(report.driftedColumnNames()).as("drift only when p < threshold").containsExactly("c");
            assertThat(report.column("a").orElseThrow().result().orElseThrow().threshold()).isEqualTo(p);
            assertThat(report.driftShare()).isEqualTo(1.0 / 3);
            assertThat(report.datasetDrift()).isFalse();
            assertThat(strict.driftShare(1.0 / 3).build().compare(ref, cur).datasetDrift()).as("share >= threshold")
                    .isTrue();
        }

        @Test
        @DisplayName("more quantile bins resolve a change in shape that fewer bins hide")
        void bins() {
            double[] a = normal(3, 20000, 0, 1);
            double[] b = Arrays.stream(normal(4, 20000, 0, 1)).map(v -> Math.abs(v) < 0.2 ? v * 3 : v).toArray();
            Dataset ref = Dataset.builder().numeric("x", a).build();
            Dataset cur = Dataset.builder().numeric("x", b).build();
            double psi2 = psi(DriftDetector.builder().bins(2).column("x", DriftTest.PSI).build().compare(ref, cur));
            double psi20 = psi(DriftDetector.builder().bins(20).column("x", DriftTest.PSI).build().compare(ref, cur));
            assertThat(psi2).as("symmetric change, median unchanged").isLessThan(0.001);
            assertThat(psi20).isGreaterThan(psi2 * 10);
        }

        private static double psi(DriftReport r) {
            return r.column("x").orElseThrow().result().orElseThrow().statistic();
        }

        @Test
        @DisplayName("a category the reference never saw is counted; chi-square calls it certain drift")
        void unseenCategory() {
            Dataset ref = Dataset.builder().categorical("c", labels(300, "a", "b", "c")).build();
            String[] cur = labels(300, "a", "b", "c");
            cur[0] = "new";
            cur[1] = "new";
            DriftReport report = DriftDetector.defaults().compare(ref, Dataset.builder().categorical("c", cur).build());
            ColumnDrift c = report.column("c").orElseThrow();
            assertThat(c.result().orElseThrow().statistic()).isInfinite();
            assertThat(c.result().orElseThrow().pValue().orElseThrow()).isZero();
            Distribution.Categories d = (Distribution.Categories) c.distribution().orElseThrow();
            assertThat(d.unseenCategories()).isEqualTo(1);
            assertThat(d.unseenCurrent()).isEqualTo(2);
            assertThat(d.labels()).last().isEqualTo("new");
            DriftReport js = DriftDetector.builder().column("c", DriftTest.JENSEN_SHANNON).build()
                    .compare(ref, Dataset.builder().categorical("c", cur).build());
            assertThat(js.column("c").orElseThrow().result().orElseThrow().statistic()).isBetween(0.0, 0.1);
        }

        @Test
        @DisplayName("null, NaN and infinities are left out of the test and counted")
        void missingValues() {
            Double[] ref = {1.0, 2.0, null, Double.NaN, 3.0, Double.POSITIVE_INFINITY, 4.0, 5.0, 6.0, 7.0};
            double[] cur = {1.0, 2.0, 3.0, Double.NEGATIVE_INFINITY, 4.0, 5.0, 6.0, 7.0, Double.NaN, Double.NaN};
            DriftReport report = DriftDetector.defaults().compare(Dataset.builder().numeric("x", ref).build(),
                    Dataset.builder().numeric("x", cur).build());
            ColumnDrift x = report.column("x").orElseThrow();
            ColumnStats r = x.reference().orElseThrow();
            ColumnStats c = x.current().orElseThrow();
            assertThat(new long[] {r.rows(), r.nulls(), r.nan(), r.infinite(), r.valid()}).containsExactly(10, 1, 1, 1, 7);
            assertThat(new long[] {c.rows(), c.nulls(), c.nan(), c.infinite(), c.valid()}).containsExactly(10, 0, 2, 1, 7);
            assertThat(x.result().orElseThrow().statistic()).as("same 7 usable values").isZero();
            assertThat(r.missingShare()).isEqualTo(0.3);
        }
    }

    @Nested
    @DisplayName("bad input")
    class BadInput {

        final Dataset numbers = Dataset.builder().numeric("x", normal(1, 50, 0, 1)).build();

        @Test
        @DisplayName("an empty reference or current dataset is rejected")
        void emptyDatasets() {
            Dataset empty = Dataset.builder().numeric("x", new double[0]).build();
            assertThatThrownBy(() -> DriftDetector.defaults().compare(empty, numbers))
                    .isInstanceOf(InvalidArgumentException.class).hasMessageStartingWith("reference: has no rows");
            assertThatThrownBy(() -> DriftDetector.defaults().compare(numbers, empty))
                    .isInstanceOf(InvalidArgumentException.class).hasMessageStartingWith("current: has no rows");
            assertThatThrownBy(() -> DriftDetector.defaults().compare(Dataset.builder().build(), numbers))
                    .isInstanceOf(InvalidArgumentException.class);
            assertThatThrownBy(() -> DriftDetector.defaults().compare(null, numbers))
                    .isInstanceOf(InvalidArgumentException.class);
        }

        @Test
        @DisplayName("all-null and all-NaN columns are reported, not tested, and do not count")
        void emptyColumns() {
            Dataset ref = Dataset.builder().numeric("x", normal(1, 50, 0, 1)).numeric("n", new Double[50])
                    .categorical("c", new String[50]).numeric("nan", normal(2, 50, 0, 1)).build();
            double[] nan = new double[40];
            Arrays.fill(nan, Double.NaN);
            Dataset cur = Dataset.builder().numeric("x", normal(3, 40, 5, 1)).numeric("n", normal(4, 40, 0, 1))
                    .categorical("c", labels(40, "a")).numeric("nan", nan).build();
            DriftReport report = DriftDetector.defaults().compare(ref, cur);
            assertThat(report.column("n").orElseThrow().status()).isEqualTo(ColumnStatus.NO_VALUES_IN_REFERENCE);
            assertThat(report.column("c").orElseThrow().status()).isEqualTo(ColumnStatus.NO_VALUES_IN_REFERENCE);
            assertThat(report.column("nan").orElseThrow().status()).isEqualTo(ColumnStatus.NO_VALUES_IN_CURRENT);
            assertThat(report.column("nan").orElseThrow().current().orElseThrow().nan()).isEqualTo(40);
            assertThat(report.testedColumns()).isEqualTo(1);
            assertThat(report.driftShare()).isEqualTo(1.0);
        }

        @Test
        @DisplayName("columns on one side only are reported with their stats; nothing tested gives share 0")
        void schemasDiffer() {
            Dataset ref = Dataset.builder().numeric("a", normal(1, 50, 0, 1)).build();
            Dataset cur = Dataset.builder().categorical("b", labels(40, "x", "y")).build();
            DriftReport report = DriftDetector.defaults().compare(ref, cur);
            assertThat(report.columns()).extracting(ColumnDrift::column, ColumnDrift::status).containsExactly(
                    org.assertj.core.groups.Tuple.tuple("a", ColumnStatus.MISSING_IN_CURRENT),
                    org.assertj.core.groups.Tuple.tuple("b", ColumnStatus.MISSING_IN_REFERENCE));
            assertThat(report.column("b").orElseThrow().current().orElseThrow().distinct()).isEqualTo(2);
            assertThat(report.column("b").orElseThrow().reference()).isEmpty();
            assertThat(report.testedColumns()).isZero();
            assertThat(report.driftShare()).isZero();
            assertThat(report.datasetDrift()).isFalse();
        }

        @Test
        @DisplayName("a column numeric on one side and categorical on the other is rejected, naming both kinds")
        void kindMismatch() {
            Dataset cur = Dataset.builder().categorical("x", labels(30, "1", "2")).build();
            assertThatThrownBy(() -> DriftDetector.defaults().compare(numbers, cur))
                    .isInstanceOf(InvalidArgumentException.class)
                    .hasMessage("x: is numeric in the reference but categorical in the current data;"
                            + " a column must have one kind on both sides")
                    .satisfies(e -> assertThat(((InvalidArgumentException) e).field()).contains("x"));
        }

        @Test
        @DisplayName("tests that cannot apply to a column are rejected, naming the column")
        void inapplicableTests() {
            Dataset cats = Dataset.builder().categorical("c", labels(30, "a", "b", "c")).build();
            assertThatThrownBy(() -> DriftDetector.builder().column("c", DriftTest.KS).build().compare(cats, cats))
                    .isInstanceOf(InvalidArgumentException.class).hasMessageStartingWith("c: ks compares numeric values");
            assertThatThrownBy(() -> DriftDetector.builder().column("c", DriftTest.Z).build().compare(cats, cats))
                    .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("c: the z-test compares two")
                    .hasMessageContaining("3 categories");
            assertThatThrownBy(() -> DriftDetector.builder().column("x", DriftTest.Z).build().compare(numbers, numbers))
                    .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("more than 5 distinct values");
            Dataset constant = Dataset.builder().numeric("k", new double[] {1, 1, 1, 1, 1}).build();
            assertThatThrownBy(() -> DriftDetector.builder().column("k", DriftTest.ANDERSON_DARLING).build()
                    .compare(constant, constant))
                    .isInstanceOf(InvalidArgumentException.class)
                    .hasMessageStartingWith("k: anderson_darling cannot compare this column");
            assertThatThrownBy(() -> DriftDetector.builder().column("typo", DriftTest.PSI).build()
                    .compare(numbers, numbers))
                    .isInstanceOf(InvalidArgumentException.class).hasMessageStartingWith("typo: has a test configured");
        }

        @Test
        @DisplayName("builder settings are validated, naming the setting")
        void builderValidation() {
            DriftDetector.Builder b = DriftDetector.builder();
            assertThatThrownBy(() -> b.bins(1)).hasMessageStartingWith("bins: must be in [2, 1000]");
            assertThatThrownBy(() -> b.bins(1001)).isInstanceOf(InvalidArgumentException.class);
            assertThatThrownBy(() -> b.histogramBins(0)).hasMessageStartingWith("histogramBins");
            assertThatThrownBy(() -> b.chartCategories(0)).hasMessageStartingWith("chartCategories");
            assertThatThrownBy(() -> b.driftShare(0)).hasMessageStartingWith("driftShare");
            assertThatThrownBy(() -> b.driftShare(1.01)).hasMessageStartingWith("driftShare");
            assertThatThrownBy(() -> b.driftShare(Double.NaN)).hasMessageStartingWith("driftShare");
            assertThatThrownBy(() -> b.threshold(DriftTest.KS, 1.0)).hasMessageContaining("in (0, 1)");
            assertThatThrownBy(() -> b.threshold(DriftTest.PSI, 0)).hasMessageContaining("positive and finite");
            assertThatThrownBy(() -> b.threshold(DriftTest.PSI, Double.POSITIVE_INFINITY))
                    .isInstanceOf(InvalidArgumentException.class);
            assertThatThrownBy(() -> b.threshold(null, 0.1)).isInstanceOf(InvalidArgumentException.class);
            assertThatThrownBy(() -> b.column(" ", DriftTest.KS)).isInstanceOf(InvalidArgumentException.class);
            assertThatThrownBy(() -> b.column("x", null)).isInstanceOf(InvalidArgumentException.class);
            assertThatThrownBy(() -> b.column("x", DriftTest.KS, -0.1)).hasMessageStartingWith("x: threshold");
            b.column("x", DriftTest.KS);
            assertThatThrownBy(() -> b.column("x", DriftTest.PSI)).hasMessage("x: already has a test configured");
            DriftDetector d = b.build();
            assertThat(d.columnTest("x")).contains(DriftTest.KS);
            assertThat(d.bins()).isEqualTo(DriftDetector.DEFAULT_BINS);
        }
    }

    @Nested
    @DisplayName("determinism and concurrency")
    class Concurrency {

        @Test
        @DisplayName("arrays changed after they were added do not change the dataset")
        void defensiveCopies() {
            double[] values = normal(1, 100, 0, 1);
            Dataset ref = Dataset.builder().numeric("x", values).build();
            String before = DriftDetector.defaults().compare(ref, ref).toJson();
            Arrays.fill(values, 42.0);
            assertThat(DriftDetector.defaults().compare(ref, ref).toJson()).isEqualTo(before);
        }

        @Test
        @DisplayName("columns compared on an executor give the same report; a failing column is thrown")
        void executor() {
            Dataset ref = Dataset.builder().numeric("a", normal(1, 3000, 0, 1)).numeric("b", normal(2, 3000, 0, 1))
                    .categorical("c", labels(3000, "x", "y", "z")).numeric("d", normal(5, 3000, 0, 1)).build();
            Dataset cur = Dataset.builder().numeric("a", normal(3, 2000, 0.1, 1)).numeric("b", normal(4, 2000, 0, 2))
                    .categorical("c", labels(2000, "x", "y")).categorical("d", labels(2000, "q")).build();
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                Dataset refAbc = Dataset.builder().numeric("a", normal(1, 3000, 0, 1))
                        .numeric("b", normal(2, 3000, 0, 1)).categorical("c", labels(3000, "x", "y", "z")).build();
                DriftDetector serial = DriftDetector.builder().column("b", DriftTest.PSI).build();
                DriftDetector parallel = DriftDetector.builder().column("b", DriftTest.PSI).executor(pool).build();
                assertThat(parallel.compare(refAbc, cur).toJson()).isEqualTo(serial.compare(refAbc, cur).toJson());
                assertThatThrownBy(() -> parallel.compare(ref, cur)).isInstanceOf(InvalidArgumentException.class)
                        .hasMessageStartingWith("d: is numeric in the reference but categorical");
                assertThatThrownBy(() -> DriftDetector.builder().executor(null))
                        .isInstanceOf(InvalidArgumentException.class);
            } finally {
                pool.shutdownNow();
            }
        }

        @Test
        @DisplayName("one detector used by 8 threads at once gives every thread the same report")
        void concurrentCompare() throws Exception {
            DriftDetector detector = DriftDetector.builder().column("b", DriftTest.PSI).build();
            Dataset ref = Dataset.builder().numeric("a", normal(1, 3000, 0, 1)).numeric("b", normal(2, 3000, 0, 1))
                    .categorical("c", labels(3000, "x", "y", "z")).build();
            Dataset cur = Dataset.builder().numeric("a", normal(3, 2000, 0.1, 1)).numeric("b", normal(4, 2000, 0, 2))
                    .categorical("c", labels(2000, "x", "y")).build();
            String expected = detector.compare(ref, cur).toJson();
            int threads = 8;
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                CountDownLatch start = new CountDownLatch(1);
                List<Future<String>> results = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    results.add(pool.submit(() -> {
                        start.await();
                        return detector.compare(ref, cur).toJson();
                    }));
                }
                start.countDown();
                for (Future<String> f : results) {
                    assertThat(f.get(60, TimeUnit.SECONDS)).isEqualTo(expected);
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }
}
