package dev.mlops.monitoring.drift;

import dev.mlops.core.InvalidArgumentException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/**
 * Compares a reference dataset with a current one, column by column, and says which columns and
 * whether the dataset as a whole have drifted. The result is a {@link DriftReport} (JSON and a
 * self-contained HTML page). It compares raw {@link Dataset}s, or stored
 * {@link dev.mlops.monitoring.profile.DatasetProfile}s with the same settings
 * ({@link #compare(dev.mlops.monitoring.profile.DatasetProfile, dev.mlops.monitoring.profile.DatasetProfile)},
 * where the statistics come from the profiles' sketches, within the bounds stated there).
 *
 * <pre>{@code
 * DriftReport report = DriftDetector.defaults().compare(reference, current);
 * DriftDetector custom = DriftDetector.builder()
 *     .column("income", DriftTest.PSI, 0.2)       // this column: PSI, drift at >= 0.2
 *     .threshold(DriftTest.KS, 0.01)             // every KS column: drift at p < 0.01
 *     .bins(20)
 *     .build();
 * }</pre>
 *
 * <h2>Which test</h2>
 * Unless a column has its own test, the test follows Evidently's rule, by the number of usable
 * reference values n (null, NaN and infinities are left out and counted, never tested) and the
 * number of distinct usable values d over both sides together:
 * <table>
 *   <caption>Default test per column</caption>
 *   <tr><th></th><th>n &le; {@value #SMALL_REFERENCE_ROWS}</th><th>n &gt; {@value #SMALL_REFERENCE_ROWS}</th></tr>
 *   <tr><td>numeric, d &gt; {@value #MAX_DISCRETE_VALUES}</td><td>KS (drift at p &lt; 0.05)</td>
 *       <td>normed Wasserstein (drift at &ge; 0.1)</td></tr>
 *   <tr><td>categorical, or numeric with d &le; {@value #MAX_DISCRETE_VALUES}</td>
 *       <td>chi-square if d &gt; 2, else two-proportion z (p &lt; 0.05)</td>
 *       <td>Jensen–Shannon distance (&ge; 0.1)</td></tr>
 * </table>
 * Thresholds default to {@link DriftTest#defaultThreshold()} and can be changed per test
 * ({@link Builder#threshold}) or per column ({@link Builder#column(String, DriftTest, double)}).
 * The dataset has drifted when the share of drifted columns among the tested ones is at least
 * {@link Builder#driftShare(double)} (default {@value #DEFAULT_DRIFT_SHARE}).
 *
 * <h2>Frequencies and binning</h2>
 * The frequency tests (chi-square, z, Jensen–Shannon, PSI, KL, Hellinger, L∞) compare counts. A
 * categorical column gives one count per category over the union of both sides' categories; a
 * category the reference never had counts 0 there (chi-square then gives p = 0, a certain drift;
 * the distances handle it as described in {@link Distances}). A numeric column with at most
 * {@value #MAX_DISCRETE_VALUES} distinct values gives one count per value. Any other numeric column
 * is binned by <b>reference-only quantile bins</b>, which depend on the reference alone and so can be
 * stored with it:
 * <ul>
 *   <li>edges: the reference minimum, the reference quantiles at i / B for i = 1 … B − 1
 *       ({@link Builder#bins(int)}, default B = {@value #DEFAULT_BINS}; NumPy's default linear
 *       quantile), and the reference maximum, with repeated edges removed (heavy ties merge bins);</li>
 *   <li>bins: [e<sub>j</sub>, e<sub>j+1</sub>), the last one closed at the maximum, plus an
 *       underflow bin (below the reference minimum) and an overflow bin (above the maximum), which
 *       are empty in the reference by construction and catch current values outside its range;</li>
 *   <li>bins empty on both sides are dropped before any frequency test;</li>
 *   <li>smoothing: none is added by the binning. Jensen–Shannon, Hellinger and L∞ need none. PSI
 *       and KL replace each zero share (typically an overflow bin) by ε = 10<sup>−4</sup>
 *       ({@link Distances#DEFAULT_EPSILON}) and renormalise both sides to sum to 1.</li>
 * </ul>
 * This differs on purpose from Evidently (Sturges bins over the union of both samples, 10<sup>−4</sup>
 * for empty bins without renormalising): union bins move with the current data, so the same
 * reference gives different bins every window and cannot be precomputed.
 *
 * <h2>Bad input</h2>
 * An empty reference or current dataset (0 rows) is an {@link InvalidArgumentException}. A column
 * present on one side only is reported as {@link ColumnStatus#MISSING_IN_CURRENT} or
 * {@link ColumnStatus#MISSING_IN_REFERENCE}; a column without a usable value on a side (all null,
 * NaN or infinite) as {@link ColumnStatus#NO_VALUES_IN_REFERENCE} or
 * {@link ColumnStatus#NO_VALUES_IN_CURRENT}; neither counts towards the drift share. A column that
 * is numeric on one side and categorical on the other, a value test (such as KS) configured for a
 * categorical column, a z-test on more than two categories, a test that cannot run on the data
 * (Anderson–Darling on a constant column), and a column setting that names a column of neither
 * dataset are {@link InvalidArgumentException}s naming the column.
 *
 * <p>Immutable and thread-safe: one detector can compare many dataset pairs concurrently. It owns
 * no thread; with {@link Builder#executor} it spreads one comparison's columns over the host's
 * executor.
 */
public final class DriftDetector {

    /** References with at most this many usable values get hypothesis tests by default, larger ones distances. */
    public static final int SMALL_REFERENCE_ROWS = 1000;
    /** Numeric columns with at most this many distinct values are compared like categories. */
    public static final int MAX_DISCRETE_VALUES = 5;
    /** Default number of reference quantile bins for binned distances: 10. */
    public static final int DEFAULT_BINS = 10;
    /** Default number of equal-width bins of the numeric charts: 30. */
    public static final int DEFAULT_HISTOGRAM_BINS = 30;
    /** Default number of categories shown per chart: 20. */
    public static final int DEFAULT_CHART_CATEGORIES = 20;
    /** Default share of drifted columns at which the dataset counts as drifted: 0.5. */
    public static final double DEFAULT_DRIFT_SHARE = 0.5;
    /** Largest number of bins accepted by {@link Builder#bins} and {@link Builder#histogramBins}. */
    public static final int MAX_BINS = 1000;

    private static final DriftDetector DEFAULTS = builder().build();

    private final int bins;
    private final int histogramBins;
    private final int chartCategories;
    private final double driftShare;
    private final Map<DriftTest, Double> thresholds;
    private final Map<String, ColumnSetting> columns;
    private final Optional<Executor> executor;

    private DriftDetector(Builder b) {
        this.bins = b.bins;
        this.histogramBins = b.histogramBins;
        this.chartCategories = b.chartCategories;
        this.driftShare = b.driftShare;
        this.thresholds = Collections.unmodifiableMap(new EnumMap<>(b.thresholds));
        this.columns = Collections.unmodifiableMap(new LinkedHashMap<>(b.columns));
        this.executor = Optional.ofNullable(b.executor);
    }

    /** A detector with every default: Evidently's test choice, thresholds 0.05 / 0.1, share 0.5, 10 bins. */
    public static DriftDetector defaults() {
        return DEFAULTS;
    }

    /** A builder preset with the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Compares every column of {@code current} with the column of the same name in
     * {@code reference}.
     *
     * @return the report: the reference's columns in order, then columns only in the current data
     * @throws InvalidArgumentException for empty datasets and the column problems listed in the
     *     class comment
     */
    public DriftReport compare(Dataset reference, Dataset current) {
        if (reference == null) {
            throw new InvalidArgumentException("reference", "is null");
        }
        if (current == null) {
            throw new InvalidArgumentException("current", "is null");
        }
        if (reference.rowCount() == 0) {
            throw new InvalidArgumentException("reference", "has no rows; drift needs reference data");
        }
        if (current.rowCount() == 0) {
            throw new InvalidArgumentException("current", "has no rows; there is nothing to compare");
        }
        Set<String> names = new LinkedHashSet<>(reference.columnNames());
        names.addAll(current.columnNames());
        ColumnComparison comparison = new ColumnComparison(this);
        return report(names, reference.rowCount(), current.rowCount(),
                name -> comparison.compare(name, reference, current));
    }

    /**
     * Compares two stored profiles (see {@link dev.mlops.monitoring.profile.DatasetProfile}) as
     * {@link #compare(Dataset, Dataset)} compares raw data: the same test choice (Evidently's rule,
     * with n the exact finite or non-null count and d the distinct-count sketches' estimate over both
     * sides), thresholds, column settings, drift share and report, in memory bounded by the sketch
     * sizes whatever the rows profiled. Every statistic is a deterministic function of the two
     * profiles: the same bytes give the same report.
     *
     * <ul>
     *   <li>Numeric and timestamp columns (timestamps as epoch microseconds) use the KLL quantile
     *       sketch. Its retained items with their weights give each side's CDF as a step function.
     *       KS: D = sup |F_ref − F_cur| over the union of both sketches' retained items, and
     *       |D̂ − D| ≤ ε_ref + ε_cur, ε being {@code quantileRankError()} (99 % confidence); the
     *       p-value is the asymptotic one ({@code kstwo.sf}) from the exact finite counts.
     *       Normed Wasserstein: the integral of |F_ref − F_cur| over the merged breakpoints,
     *       divided by the exact population standard deviation of the reference (floored at
     *       {@value Distances#MIN_NORMALIZING_STD}); off by at most (ε_ref + ε_cur)(max − min) / std.
     *       Binned distances and frequency tests: the reference quantile bins have the exact
     *       reference minimum and maximum and the reference sketch's quantiles at i / B as edges,
     *       and each side's counts per bin are its sketch weights there (each bin's share is off by
     *       at most 2ε). Anderson–Darling, Cramér–von Mises and Mann–Whitney need raw values and
     *       are rejected.</li>
     *   <li>Categorical and boolean columns use the frequent items. When
     *       {@code frequentItemsExact()} the counts are exact and so is every test. Otherwise the
     *       tracked items carry their estimated counts (each off by at most the sketch's maximum
     *       error) and the rest of the column's values are lumped into one category
     *       {@value ProfileComparison#OTHER_LABEL}, which hides drift among the rare values.</li>
     *   <li>Columns profiled as bytes or lists cannot be compared and are left out of the report.</li>
     * </ul>
     * Every tested column's {@link ColumnTestResult#errorBound()} is present: ε_ref + ε_cur for
     * numeric columns, the sum of both sides' largest category-share errors for categorical ones
     * (0 when both are exact).
     *
     * @return the report: the reference's columns in schema order, then columns only in the current
     *     profile
     * @throws InvalidArgumentException for null or empty (0-row) profiles, a column profiled as
     *     numeric on one side and categorical on the other, a test that needs raw values, and the
     *     column problems listed in the class comment
     */
    public DriftReport compare(dev.mlops.monitoring.profile.DatasetProfile reference,
                               dev.mlops.monitoring.profile.DatasetProfile current) {
        if (reference == null) {
            throw new InvalidArgumentException("reference", "is null");
        }
        if (current == null) {
            throw new InvalidArgumentException("current", "is null");
        }
        if (reference.rowCount() == 0) {
            throw new InvalidArgumentException("reference", "profile has no rows; drift needs reference data");
        }
        if (current.rowCount() == 0) {
            throw new InvalidArgumentException("current", "profile has no rows; there is nothing to compare");
        }
        Set<String> names = new LinkedHashSet<>();
        for (var side : List.of(reference, current)) {
            for (var column : side.columns()) {
                if (ProfileComparison.typeOf(column) != null) {
                    names.add(column.name());
                } else if (reference.column(column.name()).map(ProfileComparison::typeOf).isPresent()
                        || current.column(column.name()).map(ProfileComparison::typeOf).isPresent()) {
                    names.add(column.name()); // comparable on the other side: reported as a kind mismatch
                }
            }
        }
        ProfileComparison comparison = new ProfileComparison(this);
        return report(names, reference.rowCount(), current.rowCount(),
                name -> comparison.compare(name, reference, current));
    }

    private DriftReport report(Set<String> names, long referenceRows, long currentRows,
                               java.util.function.Function<String, ColumnDrift> compareColumn) {
        for (String configured : columns.keySet()) {
            if (!names.contains(configured)) {
                throw new InvalidArgumentException(configured, "has a test configured but is in neither dataset;"
                        + " columns are " + names);
            }
        }
        List<ColumnDrift> out = new ArrayList<>(names.size());
        if (executor.isEmpty()) {
            for (String name : names) {
                out.add(compareColumn.apply(name));
            }
        } else {
            List<CompletableFuture<ColumnDrift>> futures = new ArrayList<>(names.size());
            for (String name : names) {
                futures.add(CompletableFuture.supplyAsync(() -> compareColumn.apply(name), executor.get()));
            }
            for (CompletableFuture<ColumnDrift> f : futures) {
                out.add(join(f));
            }
        }
        return new DriftReport(referenceRows, currentRows, driftShare, out);
    }

    /** The column's result, or its exception as thrown on the calling thread. */
    private static ColumnDrift join(CompletableFuture<ColumnDrift> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw e;
        }
    }

    /** The number of reference quantile bins for binned distances. */
    public int bins() {
        return bins;
    }

    /** The number of equal-width bins of the numeric charts. */
    public int histogramBins() {
        return histogramBins;
    }

    /** The most categories shown per chart. */
    public int chartCategories() {
        return chartCategories;
    }

    /** The share of drifted columns at which the dataset counts as drifted. */
    public double driftShare() {
        return driftShare;
    }

    /** The threshold used for {@code test} where a column sets none. */
    public double threshold(DriftTest test) {
        return thresholds.getOrDefault(test, test.defaultThreshold());
    }

    /** The test configured for a column, if any (else the default rule picks one). */
    public Optional<DriftTest> columnTest(String column) {
        return Optional.ofNullable(columns.get(column)).map(ColumnSetting::test);
    }

    /** The test for a column, by its setting or by the default rule. */
    DriftTest testFor(String column, DriftColumnType kind, long referenceValues, int distinctValues) {
        ColumnSetting s = columns.get(column);
        if (s != null) {
            return s.test();
        }
        boolean discrete = kind == DriftColumnType.CATEGORICAL || distinctValues <= MAX_DISCRETE_VALUES;
        if (referenceValues <= SMALL_REFERENCE_ROWS) {
            if (!discrete) {
                return DriftTest.KS;
            }
            return distinctValues > 2 ? DriftTest.CHI_SQUARE : DriftTest.Z;
        }
        return discrete ? DriftTest.JENSEN_SHANNON : DriftTest.WASSERSTEIN_NORMED;
    }

    /** The threshold for a column: its own, else the test's. */
    double thresholdFor(String column, DriftTest test) {
        ColumnSetting s = columns.get(column);
        if (s != null && s.threshold().isPresent()) {
            return s.threshold().getAsDouble();
        }
        return threshold(test);
    }

    static double checkDriftShare(double share) {
        if (!(share > 0 && share <= 1)) {
            throw new InvalidArgumentException("driftShare", "must be in (0, 1], got " + share);
        }
        return share;
    }

    @Override
    public String toString() {
        return "DriftDetector[bins=" + bins + ", histogramBins=" + histogramBins + ", chartCategories="
                + chartCategories + ", driftShare=" + driftShare + ", thresholds=" + thresholds + ", columns="
                + columns + (executor.isPresent() ? ", executor" : "") + "]";
    }

    /** A column's own test, and optionally its own threshold. */
    private record ColumnSetting(DriftTest test, OptionalDouble threshold) {}

    /**
     * Collects settings for a {@link DriftDetector}; every setter validates its argument and throws
     * {@link InvalidArgumentException} naming it. Not thread-safe; {@link #build()} may be called
     * more than once.
     */
    public static final class Builder {

        private int bins = DEFAULT_BINS;
        private int histogramBins = DEFAULT_HISTOGRAM_BINS;
        private int chartCategories = DEFAULT_CHART_CATEGORIES;
        private double driftShare = DEFAULT_DRIFT_SHARE;
        private final Map<DriftTest, Double> thresholds = new EnumMap<>(DriftTest.class);
        private final Map<String, ColumnSetting> columns = new LinkedHashMap<>();
        private Executor executor;

        private Builder() {}

        /** Reference quantile bins for binned distances on numeric columns, 2 to 1000; default 10. */
        public Builder bins(int bins) {
            this.bins = checkBins("bins", bins, 2);
            return this;
        }

        /** Equal-width bins of the numeric charts, 1 to 1000; default 30. Display only. */
        public Builder histogramBins(int bins) {
            this.histogramBins = checkBins("histogramBins", bins, 1);
            return this;
        }

        /** The most categories listed per chart and in the report's distribution, 1 to 1000; default 20. */
        public Builder chartCategories(int categories) {
            this.chartCategories = checkBins("chartCategories", categories, 1);
            return this;
        }

        /** The share of drifted columns, in (0, 1], at which the dataset counts as drifted; default 0.5. */
        public Builder driftShare(double share) {
            this.driftShare = checkDriftShare(share);
            return this;
        }

        /**
         * The threshold of {@code test} wherever it runs without a column threshold: a p-value in
         * (0, 1) for hypothesis tests, a positive distance otherwise.
         */
        public Builder threshold(DriftTest test, double threshold) {
            if (test == null) {
                throw new InvalidArgumentException("test", "is null");
            }
            thresholds.put(test, test.checkThreshold("threshold", threshold));
            return this;
        }

        /**
         * Runs {@code test} on this column, with the test's threshold.
         *
         * @throws InvalidArgumentException if the column already has a setting
         */
        public Builder column(String column, DriftTest test) {
            return putColumn(column, test, OptionalDouble.empty());
        }

        /**
         * Runs {@code test} on this column with its own threshold.
         *
         * @throws InvalidArgumentException if the column already has a setting, or the threshold is
         *     out of range for the test
         */
        public Builder column(String column, DriftTest test, double threshold) {
            if (test == null) {
                throw new InvalidArgumentException("test", "is null");
            }
            return putColumn(column, test, OptionalDouble.of(test.checkThreshold(String.valueOf(column), threshold)));
        }

        /**
         * Compares columns concurrently on this executor (the host's; the detector never shuts it
         * down). Without one, {@code compare} works on the calling thread. The report is the same
         * either way; if columns fail, the first failing column in report order is thrown.
         */
        public Builder executor(Executor executor) {
            if (executor == null) {
                throw new InvalidArgumentException("executor", "is null");
            }
            this.executor = executor;
            return this;
        }

        /** A new detector with these settings. */
        public DriftDetector build() {
            return new DriftDetector(this);
        }

        private Builder putColumn(String column, DriftTest test, OptionalDouble threshold) {
            if (column == null || column.isBlank()) {
                throw new InvalidArgumentException("column", "name must not be null or blank");
            }
            if (test == null) {
                throw new InvalidArgumentException("test", "is null");
            }
            if (columns.containsKey(column)) {
                throw new InvalidArgumentException(column, "already has a test configured");
            }
            columns.put(column, new ColumnSetting(test, threshold));
            return this;
        }

        private static int checkBins(String name, int value, int min) {
            if (value < min || value > MAX_BINS) {
                throw new InvalidArgumentException(name, "must be in [" + min + ", " + MAX_BINS + "], got " + value);
            }
            return value;
        }
    }
}
