package dev.mlops.monitoring.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.mlops.core.Field;
import dev.mlops.core.InvalidArgumentException;
import dev.mlops.core.Schema;
import dev.mlops.core.ValueType;
import dev.mlops.monitoring.profile.ColumnBatch;
import dev.mlops.monitoring.profile.DatasetProfile;
import dev.mlops.monitoring.profile.ProfileConfig;
import dev.mlops.monitoring.profile.Profiler;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Drift from stored profiles against drift from the raw data behind them. */
class ProfileDriftTest {

    private static final String[] NUMERIC = {"normal", "lognormal", "uniform"};
    private static final String[] CATEGORICAL = {"color"};

    /** The same data as a raw dataset and as a profile. */
    private record Side(Dataset data, DatasetProfile profile) {}

    private static Side side(long seed, int rows, double shift, ProfileConfig config) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] num = new double[NUMERIC.length][rows];
        String[] cat = new String[rows];
        for (int i = 0; i < rows; i++) {
            num[0][i] = i % 97 == 0 ? Double.NaN : random.nextGaussian() + shift;
            num[1][i] = Math.exp(random.nextGaussian() * 0.5 + shift);
            num[2][i] = random.nextDouble() * 10 + shift * 3;
            double u = random.nextDouble();
            int k = (int) (u * u * 30 + shift * 8) % 30;
            cat[i] = "c" + k;
        }
        List<Field> fields = new ArrayList<>();
        ColumnBatch.Builder batch = ColumnBatch.builder(rows);
        Dataset.Builder data = Dataset.builder();
        for (int c = 0; c < NUMERIC.length; c++) {
            fields.add(Field.of(NUMERIC[c], ValueType.FLOAT64).allowingNonFinite());
            batch.doubles(NUMERIC[c], num[c]);
            data.numeric(NUMERIC[c], num[c]);
        }
        fields.add(Field.of(CATEGORICAL[0], ValueType.STRING));
        batch.strings(CATEGORICAL[0], cat);
        data.categorical(CATEGORICAL[0], cat);
        Profiler profiler = Profiler.builder(Schema.of(fields)).config(config).build();
        profiler.add(batch.build());
        return new Side(data.build(), profiler.snapshot());
    }

    private static Side side(long seed, int rows, double shift) {
        return side(seed, rows, shift, ProfileConfig.defaults());
    }

    @ParameterizedTest(name = "seed {0}, {1} rows, shift {2}")
    @CsvSource({"1, 20000, 0", "2, 20000, 0.05", "3, 20000, 0.3", "4, 30000, 1.0", "5, 800, 0", "6, 800, 0.5",
                "7, 5000, 0.1"})
    void agreesWithRawDataWithinTheDocumentedBounds(long seed, int rows, double shift) {
        Side ref = side(seed, rows, 0);
        Side cur = side(seed + 1000, rows + rows / 3, shift);
        for (DriftDetector detector : List.of(DriftDetector.defaults(),
                DriftDetector.builder().column("normal", DriftTest.KS).column("lognormal", DriftTest.KS)
                        .column("uniform", DriftTest.PSI).column("color", DriftTest.CHI_SQUARE).build())) {
            DriftReport raw = detector.compare(ref.data(), cur.data());
            DriftReport sketched = detector.compare(ref.profile(), cur.profile());
            assertThat(sketched.columns()).hasSameSizeAs(raw.columns());
            for (ColumnDrift r : raw.columns()) {
                ColumnDrift s = sketched.column(r.column()).orElseThrow();
                compareColumn(r, s);
            }
            assertThat(raw.columns().get(0).result().orElseThrow().errorBound()).isEmpty();
        }
    }

    private static void compareColumn(ColumnDrift raw, ColumnDrift sketched) {
        assertThat(sketched.kind()).isEqualTo(raw.kind());
        assertThat(sketched.status()).isEqualTo(raw.status());
        ColumnStats rs = raw.reference().orElseThrow();
        ColumnStats ss = sketched.reference().orElseThrow();
        assertThat(ss.rows()).isEqualTo(rs.rows());
        assertThat(ss.nan()).isEqualTo(rs.nan());
        assertThat(ss.valid()).isEqualTo(rs.valid());
        assertThat(ss.min()).isEqualTo(rs.min());
        assertThat(ss.max()).isEqualTo(rs.max());
        ColumnTestResult r = raw.result().orElseThrow();
        ColumnTestResult s = sketched.result().orElseThrow();
        assertThat(s.test()).isEqualTo(r.test());
        assertThat(s.threshold()).isEqualTo(r.threshold());
        double eps = s.errorBound().orElseThrow();
        if (raw.kind() == DriftColumnType.CATEGORICAL) {
            // 30 categories: the frequent-items sketch is exact, so is everything else
            assertThat(eps).isZero();
            assertThat(s.statistic()).isCloseTo(r.statistic(), within(1e-9 * Math.max(1, r.statistic())));
            assertThat(s.drifted()).isEqualTo(r.drifted());
            assertThat(s.effectSize()).isCloseTo(r.effectSize(), within(1e-12));
            return;
        }
        double std = Math.max(rs.std().getAsDouble(), Distances.MIN_NORMALIZING_STD);
        assertThat(ss.std().getAsDouble()).isCloseTo(rs.std().getAsDouble(), within(1e-9 * std));
        double lo = Math.min(rs.min().getAsDouble(), raw.current().orElseThrow().min().getAsDouble());
        double hi = Math.max(rs.max().getAsDouble(), raw.current().orElseThrow().max().getAsDouble());
        double wassersteinBound = eps * (hi - lo) / std;
        assertThat(s.effectSize()).isCloseTo(r.effectSize(), within(wassersteinBound));
        double bound;
        if (r.test() == DriftTest.KS) {
            bound = eps;
            assertThat(s.statistic()).isCloseTo(r.statistic(), within(bound));
            // the verdict may differ only when D is within the bound of the D at which p = threshold
            if (s.drifted() != r.drifted()) {
                double dAtThreshold = criticalD(r.threshold(), ss.valid(), sketched.current().orElseThrow().valid());
                assertThat(Math.abs(r.statistic() - dAtThreshold)).isLessThanOrEqualTo(bound);
            }
            return;
        }
        if (r.test() == DriftTest.WASSERSTEIN_NORMED) {
            bound = wassersteinBound;
            assertThat(s.statistic()).isCloseTo(r.statistic(), within(bound));
        } else {
            // PSI over reference quantile bins: each bin share is off by at most 2ε on a side, and
            // the bin edges themselves move; the statistic is compared loosely
            bound = Math.max(0.05, 0.5 * r.statistic());
            assertThat(s.statistic()).isCloseTo(r.statistic(), within(bound));
        }
        if (Math.abs(r.statistic() - r.threshold()) > bound) {
            assertThat(s.drifted()).isEqualTo(r.drifted());
        }
        // the chart histogram shares the raw path's edges; its shares are off by at most 2ε per bin
        Distribution.Histogram rh = (Distribution.Histogram) raw.distribution().orElseThrow();
        Distribution.Histogram sh = (Distribution.Histogram) sketched.distribution().orElseThrow();
        assertThat(sh.edges()).isEqualTo(rh.edges());
        double total = rs.valid();
        for (int i = 0; i < rh.reference().size(); i++) {
            assertThat(sh.reference().get(i) / total).isCloseTo(rh.reference().get(i) / total, within(2 * eps));
        }
    }

    /** The D at which the asymptotic KS p-value crosses {@code alpha}, by bisection. */
    private static double criticalD(double alpha, long n, long m) {
        double lo = 0;
        double hi = 1;
        for (int i = 0; i < 60; i++) {
            double mid = (lo + hi) / 2;
            if (HypothesisTests.ksAsymptoticPValue(mid, n, m) > alpha) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    @Test
    void strongShiftIsFoundAndNoShiftIsNot() {
        DriftReport drifted = DriftDetector.defaults().compare(side(11, 50_000, 0).profile(),
                side(12, 50_000, 1.0).profile());
        assertThat(drifted.driftedColumnNames()).containsExactly("normal", "lognormal", "uniform", "color");
        assertThat(drifted.datasetDrift()).isTrue();
        DriftReport same = DriftDetector.defaults().compare(side(13, 50_000, 0).profile(),
                side(14, 50_000, 0).profile());
        assertThat(same.driftedColumnNames()).isEmpty();
    }

    @Test
    void sameBytesGiveTheSameReport() {
        byte[] ref = side(21, 40_000, 0).profile().toBytes();
        byte[] cur = side(22, 40_000, 0.2).profile().toBytes();
        String first = DriftDetector.defaults().compare(DatasetProfile.fromBytes(ref), DatasetProfile.fromBytes(cur))
                .toJson();
        String second = DriftDetector.defaults().compare(DatasetProfile.fromBytes(ref.clone()),
                DatasetProfile.fromBytes(cur.clone())).toJson();
        assertThat(second).isEqualTo(first);
        assertThat(first).contains("\"errorBound\":");
        assertThat(DriftReport.fromJson(first).toJson()).isEqualTo(first);
    }

    @Test
    void columnsSpreadOverAnExecutorGiveTheSameReport() throws Exception {
        DatasetProfile ref = side(61, 30_000, 0).profile();
        DatasetProfile cur = side(62, 30_000, 0.2).profile();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(3);
        try {
            DriftDetector parallel = DriftDetector.builder().executor(pool).build();
            assertThat(parallel.compare(ref, cur).toJson()).isEqualTo(DriftDetector.defaults().compare(ref, cur)
                    .toJson());
        } finally {
            pool.shutdown();
            assertThat(pool.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void rawReportJsonHasNoErrorBound() {
        Side a = side(31, 2000, 0);
        Side b = side(32, 2000, 0);
        assertThat(DriftDetector.defaults().compare(a.data(), b.data()).toJson()).doesNotContain("errorBound");
    }

    @Test
    void inexactFrequentItemsLumpTheRestIntoOther() {
        int rows = 20_000;
        SplittableRandom random = new SplittableRandom(41);
        Schema schema = Schema.of(Field.of("id", ValueType.STRING));
        ProfileConfig small = ProfileConfig.defaults().withFrequentItemsLgMaxMapSize(4);
        DatasetProfile[] sides = new DatasetProfile[2];
        for (int s = 0; s < 2; s++) {
            String[] values = new String[rows];
            for (int i = 0; i < rows; i++) {
                values[i] = random.nextInt(4) == 0 ? "common" + random.nextInt(3) : "rare" + random.nextInt(5000);
            }
            Profiler p = Profiler.builder(schema).config(small).build();
            p.add(ColumnBatch.builder(rows).strings("id", values).build());
            sides[s] = p.snapshot();
        }
        assertThat(sides[0].column("id").orElseThrow().frequentItemsExact()).isFalse();
        ColumnDrift c = DriftDetector.defaults().compare(sides[0], sides[1]).column("id").orElseThrow();
        assertThat(c.result().orElseThrow().errorBound().orElseThrow()).isPositive();
        Distribution.Categories chart = (Distribution.Categories) c.distribution().orElseThrow();
        assertThat(chart.labels()).contains(ProfileComparison.OTHER_LABEL);
        long refTotal = chart.reference().stream().mapToLong(Long::longValue).sum() + chart.otherReference();
        assertThat(refTotal).isEqualTo(rows);
    }

    @Test
    void columnOnOneSideIsReportedMissing() {
        Schema both = Schema.of(Field.of("x", ValueType.FLOAT64), Field.of("only_ref", ValueType.FLOAT64));
        Schema curSchema = Schema.of(Field.of("x", ValueType.FLOAT64), Field.of("only_cur", ValueType.STRING));
        DatasetProfile ref = Profiler.profile(both, ColumnBatch.builder(3).doubles("x", new double[] {1, 2, 3})
                .doubles("only_ref", new double[] {1, 2, 3}).build());
        DatasetProfile cur = Profiler.profile(curSchema, ColumnBatch.builder(3).doubles("x", new double[] {1, 2, 4})
                .strings("only_cur", new String[] {"a", "b", "a"}).build());
        DriftReport report = DriftDetector.defaults().compare(ref, cur);
        assertThat(report.columns()).extracting(ColumnDrift::column).containsExactly("x", "only_ref", "only_cur");
        assertThat(report.column("only_ref").orElseThrow().status()).isEqualTo(ColumnStatus.MISSING_IN_CURRENT);
        assertThat(report.column("only_cur").orElseThrow().status()).isEqualTo(ColumnStatus.MISSING_IN_REFERENCE);
        assertThat(report.column("only_cur").orElseThrow().kind()).isEqualTo(DriftColumnType.CATEGORICAL);
        assertThat(report.testedColumns()).isEqualTo(1);
    }

    @Test
    void differentColumnTypesAreRejected() {
        DatasetProfile ref = Profiler.profile(Schema.of(Field.of("x", ValueType.FLOAT64)),
                ColumnBatch.builder(2).doubles("x", new double[] {1, 2}).build());
        DatasetProfile cur = Profiler.profile(Schema.of(Field.of("x", ValueType.STRING)),
                ColumnBatch.builder(2).strings("x", new String[] {"1", "2"}).build());
        assertThatThrownBy(() -> DriftDetector.defaults().compare(ref, cur))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("x")
                .hasMessageContaining("numeric").hasMessageContaining("categorical");
    }

    @Test
    void emptyProfilesAndNullsAreRejected() {
        Schema schema = Schema.of(Field.of("x", ValueType.FLOAT64));
        DatasetProfile empty = DatasetProfile.empty(schema, ProfileConfig.defaults());
        DatasetProfile some = Profiler.profile(schema, ColumnBatch.builder(2).doubles("x", new double[] {1, 2})
                .build());
        DriftDetector d = DriftDetector.defaults();
        assertThatThrownBy(() -> d.compare(empty, some)).isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("reference");
        assertThatThrownBy(() -> d.compare(some, empty)).isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("current");
        assertThatThrownBy(() -> d.compare((DatasetProfile) null, some)).isInstanceOf(InvalidArgumentException.class);
    }

    @Test
    void testsThatNeedRawValuesAreRejected() {
        Side a = side(51, 500, 0);
        Side b = side(52, 500, 0);
        DriftDetector ad = DriftDetector.builder().column("normal", DriftTest.ANDERSON_DARLING).build();
        assertThatThrownBy(() -> ad.compare(a.profile(), b.profile())).isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("normal").hasMessageContaining("raw values");
    }

    @Test
    void allNaNColumnIsUntested() {
        Schema schema = Schema.of(Field.of("x", ValueType.FLOAT64).allowingNonFinite());
        DatasetProfile ref = Profiler.profile(schema, ColumnBatch.builder(2).doubles("x",
                new double[] {Double.NaN, Double.NaN}).build());
        DatasetProfile cur = Profiler.profile(schema, ColumnBatch.builder(2).doubles("x", new double[] {1, 2})
                .build());
        assertThat(DriftDetector.defaults().compare(ref, cur).column("x").orElseThrow().status())
                .isEqualTo(ColumnStatus.NO_VALUES_IN_REFERENCE);
    }
}
