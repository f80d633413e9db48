package dev.mlops.monitoring.drift;

import dev.mlops.core.InvalidArgumentException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * Compares one column of two datasets under a {@link DriftDetector}'s settings: picks the test,
 * builds its input (values, category counts, value counts or reference quantile bins), runs it
 * through {@link HypothesisTests} or {@link Distances}, adds the effect size and the chart
 * distribution. Stateless apart from the settings.
 */
final class ColumnComparison {

    private final DriftDetector settings;

    ColumnComparison(DriftDetector settings) {
        this.settings = settings;
    }

    ColumnDrift compare(String name, Dataset reference, Dataset current) {
        boolean inRef = reference.hasColumn(name);
        boolean inCur = current.hasColumn(name);
        if (!inRef || !inCur) {
            Dataset present = inRef ? reference : current;
            Dataset.Column column = present.column(name);
            Optional<ColumnStats> stats = Optional.of(stats(column));
            return new ColumnDrift(name, column.kind(),
                    inRef ? ColumnStatus.MISSING_IN_CURRENT : ColumnStatus.MISSING_IN_REFERENCE,
                    inRef ? stats : Optional.empty(), inCur ? stats : Optional.empty(),
                    Optional.empty(), Optional.empty());
        }
        Dataset.Column ref = reference.column(name);
        Dataset.Column cur = current.column(name);
        if (ref.kind() != cur.kind()) {
            throw new InvalidArgumentException(name, "is " + ref.kind().jsonName() + " in the reference but "
                    + cur.kind().jsonName() + " in the current data; a column must have one kind on both sides");
        }
        if (ref instanceof Dataset.NumericColumn n) {
            return numeric(name, NumericSample.of(n), NumericSample.of((Dataset.NumericColumn) cur));
        }
        return categorical(name, CategoricalSample.of((Dataset.CategoricalColumn) ref),
                CategoricalSample.of((Dataset.CategoricalColumn) cur));
    }

    private static ColumnStats stats(Dataset.Column column) {
        return column instanceof Dataset.NumericColumn n ? NumericSample.of(n).stats
                : CategoricalSample.of((Dataset.CategoricalColumn) column).stats;
    }

    /** The status of a column present on both sides: untested when a side has no usable value. */
    static ColumnDrift untested(String name, DriftColumnType kind, ColumnStats ref, ColumnStats cur) {
        ColumnStatus status = ref.valid() == 0 ? ColumnStatus.NO_VALUES_IN_REFERENCE
                : ColumnStatus.NO_VALUES_IN_CURRENT;
        return new ColumnDrift(name, kind, status, Optional.of(ref), Optional.of(cur), Optional.empty(),
                Optional.empty());
    }

    // ------------------------------------------------------------------ numeric

    private ColumnDrift numeric(String name, NumericSample ref, NumericSample cur) {
        if (ref.stats.valid() == 0 || cur.stats.valid() == 0) {
            return untested(name, DriftColumnType.NUMERIC, ref.stats, cur.stats);
        }
        double[] discrete = NumericSample.unionDistinct(ref.sorted, cur.sorted, DriftDetector.MAX_DISCRETE_VALUES);
        int distinct = discrete == null ? DriftDetector.MAX_DISCRETE_VALUES + 1 : discrete.length;
        DriftTest test = settings.testFor(name, DriftColumnType.NUMERIC, ref.sorted.length, distinct);
        double threshold = settings.thresholdFor(name, test);
        double effect = Distances.wassersteinNormed(ref.sorted, cur.sorted);

        Frequencies frequencies = discrete != null ? valueCounts(discrete, Binning.ranks(ref.sorted), Binning.ranks(cur.sorted)) : null;
        ColumnTestResult result;
        if (test.comparesValues()) {
            result = valueTest(name, test, ref.sorted, cur.sorted, threshold, effect);
        } else {
            Frequencies f = frequencies != null ? frequencies : quantileBins(ref.sorted, cur.sorted);
            result = frequencyTest(name, test, f, threshold, ColumnTestResult.WASSERSTEIN_NORMED, effect);
        }
        Distribution distribution = frequencies != null ? chart(frequencies)
                : histogram(ref.sorted, cur.sorted, settings.histogramBins());
        return new ColumnDrift(name, DriftColumnType.NUMERIC, ColumnStatus.TESTED, Optional.of(ref.stats),
                Optional.of(cur.stats), Optional.of(result), Optional.of(distribution));
    }

    private static ColumnTestResult valueTest(String name, DriftTest test, double[] ref, double[] cur,
                                              double threshold, double effect) {
        if (test == DriftTest.WASSERSTEIN_NORMED) {
            return verdict(test, effect, OptionalDouble.empty(), threshold, ColumnTestResult.WASSERSTEIN_NORMED,
                    effect);
        }
        TestResult r;
        try {
            r = switch (test) {
                case KS -> HypothesisTests.kolmogorovSmirnov(ref, cur);
                case ANDERSON_DARLING -> HypothesisTests.andersonDarling(ref, cur);
                case CRAMER_VON_MISES -> HypothesisTests.cramerVonMises(ref, cur);
                case MANN_WHITNEY_U -> HypothesisTests.mannWhitneyU(ref, cur);
                default -> throw new AssertionError(test);
            };
        } catch (InvalidArgumentException e) {
            throw new InvalidArgumentException(name, test.jsonName() + " cannot compare this column: "
                    + e.getMessage());
        }
        return verdict(test, r.statistic(), OptionalDouble.of(r.pValue()), threshold,
                ColumnTestResult.WASSERSTEIN_NORMED, effect);
    }

    /** Counts of each of the few distinct values, labelled by the value. */
    static Frequencies valueCounts(double[] values, Binning.Ranks ref, Binning.Ranks cur) {
        List<String> labels = new ArrayList<>(values.length);
        long[] r = new long[values.length];
        long[] c = new long[values.length];
        for (int i = 0; i < values.length; i++) {
            labels.add(formatValue(values[i]));
            r[i] = ref.atMost(values[i]) - ref.below(values[i]);
            c[i] = cur.atMost(values[i]) - cur.below(values[i]);
        }
        return new Frequencies(labels, r, c, false);
    }

    /** Counts in the reference quantile bins plus the two overflow bins (not labelled). */
    private Frequencies quantileBins(double[] ref, double[] cur) {
        double[] edges = Binning.quantileEdges(ref, settings.bins());
        long[] r = Binning.quantileBinCounts(edges, ref);
        long[] c = Binning.quantileBinCounts(edges, cur);
        return new Frequencies(List.of(), r, c, true);
    }

    private static Distribution.Histogram histogram(double[] ref, double[] cur, int bins) {
        return histogram(Math.min(ref[0], cur[0]), Math.max(ref[ref.length - 1], cur[cur.length - 1]), bins,
                Binning.ranks(ref), Binning.ranks(cur));
    }

    /** The chart histogram: {@code bins} equal-width bins over [lo, hi], which hold every value of both sides. */
    static Distribution.Histogram histogram(double lo, double hi, int bins, Binning.Ranks ref, Binning.Ranks cur) {
        double[] edges = Binning.equalWidthEdges(lo, hi, bins);
        List<Double> e = new ArrayList<>(edges.length);
        for (double x : edges) {
            e.add(x);
        }
        return new Distribution.Histogram(e, boxed(Binning.histogramCounts(edges, ref)),
                boxed(Binning.histogramCounts(edges, cur)));
    }

    /** An integral value without a fraction ("3", not "3.0"); others as {@link Double#toString}. */
    static String formatValue(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return Double.toString(v);
    }

    // ------------------------------------------------------------------ categorical

    private ColumnDrift categorical(String name, CategoricalSample ref, CategoricalSample cur) {
        if (ref.stats.valid() == 0 || cur.stats.valid() == 0) {
            return untested(name, DriftColumnType.CATEGORICAL, ref.stats, cur.stats);
        }
        Frequencies f = categoryCounts(ref.counts, cur.counts);
        DriftTest test = settings.testFor(name, DriftColumnType.CATEGORICAL, ref.stats.valid(), f.labels().size());
        if (test.comparesValues()) {
            throw new InvalidArgumentException(name, test.jsonName()
                    + " compares numeric values, but the column is categorical");
        }
        double threshold = settings.thresholdFor(name, test);
        ColumnTestResult result = frequencyTest(name, test, f, threshold, ColumnTestResult.CRAMERS_V,
                cramersV(f.reference(), f.current()));
        return new ColumnDrift(name, DriftColumnType.CATEGORICAL, ColumnStatus.TESTED, Optional.of(ref.stats),
                Optional.of(cur.stats), Optional.of(result), Optional.of(chart(f)));
    }

    /**
     * Counts over the union of categories, in the column's category order: reference count
     * descending, then current count descending, then label (so categories the reference never saw
     * come last).
     */
    static Frequencies categoryCounts(Map<String, Long> ref, Map<String, Long> cur) {
        Set<String> union = new LinkedHashSet<>(ref.keySet());
        union.addAll(cur.keySet());
        List<String> labels = new ArrayList<>(union);
        labels.sort(Comparator.<String>comparingLong(k -> -ref.getOrDefault(k, 0L))
                .thenComparingLong(k -> -cur.getOrDefault(k, 0L))
                .thenComparing(Comparator.naturalOrder()));
        long[] r = new long[labels.size()];
        long[] c = new long[labels.size()];
        for (int i = 0; i < r.length; i++) {
            r[i] = ref.getOrDefault(labels.get(i), 0L);
            c[i] = cur.getOrDefault(labels.get(i), 0L);
        }
        return new Frequencies(labels, r, c, false);
    }

    /**
     * Cramér's V of the 2 × k table {reference, current}: sqrt(χ² / N), Pearson's χ² without
     * continuity correction, N the grand total; 0 with a single category.
     */
    static double cramersV(long[] ref, long[] cur) {
        TestResult chi = HypothesisTests.chiSquareContingency(new long[][] {ref, cur}, false);
        double total = Samples.sum(ref) + (double) Samples.sum(cur);
        return Math.min(1.0, Math.sqrt(chi.statistic() / total));
    }

    // ------------------------------------------------------------------ frequency tests

    /**
     * Runs a frequency test on counts with the bins or categories that are empty on both sides
     * dropped (they carry no information; dropping them keeps PSI and KL, which smooth empty bins,
     * independent of how many empty bins there are).
     */
    static ColumnTestResult frequencyTest(String name, DriftTest test, Frequencies f, double threshold,
                                                  String effectName, double effect) {
        long[][] kept = dropEmpty(f.reference(), f.current());
        long[] r = kept[0];
        long[] c = kept[1];
        return switch (test) {
            case CHI_SQUARE -> verdict(HypothesisTests.chiSquare(r, c), test, threshold, effectName, effect);
            case Z -> {
                if (f.binned() || r.length > 2) {
                    throw new InvalidArgumentException(name, "the z-test compares two categories, but the column has "
                            + (f.binned() ? "more than " + DriftDetector.MAX_DISCRETE_VALUES + " distinct values"
                            : r.length + " categories") + "; use chi_square or a distance");
                }
                long refTotal = Samples.sum(r);
                long curTotal = Samples.sum(c);
                yield verdict(HypothesisTests.twoProportionZ(r[0], refTotal, c[0], curTotal), test, threshold,
                        effectName, effect);
            }
            case JENSEN_SHANNON -> verdict(test, Distances.jensenShannon(r, c), OptionalDouble.empty(), threshold,
                    effectName, effect);
            case PSI -> verdict(test, Distances.psi(r, c), OptionalDouble.empty(), threshold, effectName, effect);
            case KL_DIVERGENCE -> verdict(test, Distances.klDivergence(r, c), OptionalDouble.empty(), threshold,
                    effectName, effect);
            case HELLINGER -> verdict(test, Distances.hellinger(r, c), OptionalDouble.empty(), threshold,
                    effectName, effect);
            case L_INFINITY -> verdict(test, Distances.lInfinity(r, c), OptionalDouble.empty(), threshold,
                    effectName, effect);
            default -> throw new AssertionError(test);
        };
    }

    private static long[][] dropEmpty(long[] ref, long[] cur) {
        int k = 0;
        for (int i = 0; i < ref.length; i++) {
            if (ref[i] != 0 || cur[i] != 0) {
                k++;
            }
        }
        if (k == ref.length) {
            return new long[][] {ref, cur};
        }
        long[] r = new long[k];
        long[] c = new long[k];
        int j = 0;
        for (int i = 0; i < ref.length; i++) {
            if (ref[i] != 0 || cur[i] != 0) {
                r[j] = ref[i];
                c[j++] = cur[i];
            }
        }
        return new long[][] {r, c};
    }

    static ColumnTestResult verdict(TestResult r, DriftTest test, double threshold, String effectName,
                                            double effect) {
        return verdict(test, r.statistic(), OptionalDouble.of(r.pValue()), threshold, effectName, effect);
    }

    static ColumnTestResult verdict(DriftTest test, double statistic, OptionalDouble pValue,
                                            double threshold, String effectName, double effect) {
        boolean drifted = test.isDrift(statistic, pValue.orElse(Double.NaN), threshold);
        return new ColumnTestResult(test, statistic, pValue, threshold, drifted, effectName, effect);
    }

    // ------------------------------------------------------------------ charts

    /**
     * The categories to chart: all if there are few, else the {@code chartCategories} largest by
     * max(reference share, current share), kept in category order, the rest summed as "other".
     */
    Distribution.Categories chart(Frequencies f) {
        long[] r = f.reference();
        long[] c = f.current();
        double rt = Samples.sum(r);
        double ct = Samples.sum(c);
        int n = r.length;
        int unseen = 0;
        long unseenCount = 0;
        for (int i = 0; i < n; i++) {
            if (r[i] == 0) {
                unseen++;
                unseenCount += c[i];
            }
        }
        int limit = settings.chartCategories();
        Set<Integer> shown = new HashSet<>();
        if (n <= limit) {
            for (int i = 0; i < n; i++) {
                shown.add(i);
            }
        } else {
            List<Integer> byShare = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                byShare.add(i);
            }
            byShare.sort(Comparator.<Integer>comparingDouble(i -> -Math.max(r[i] / rt, c[i] / ct))
                    .thenComparingInt(i -> i));
            shown.addAll(byShare.subList(0, limit));
        }
        List<String> labels = new ArrayList<>();
        List<Long> rs = new ArrayList<>();
        List<Long> cs = new ArrayList<>();
        long otherR = 0;
        long otherC = 0;
        for (int i = 0; i < n; i++) {
            if (shown.contains(i)) {
                labels.add(f.labels().get(i));
                rs.add(r[i]);
                cs.add(c[i]);
            } else {
                otherR += r[i];
                otherC += c[i];
            }
        }
        return new Distribution.Categories(labels, rs, cs, n - shown.size(), otherR, otherC, unseen, unseenCount);
    }

    private static List<Long> boxed(long[] counts) {
        List<Long> out = new ArrayList<>(counts.length);
        for (long v : counts) {
            out.add(v);
        }
        return out;
    }

    /**
     * Aligned reference and current counts: per category or value (with its label), or per
     * reference quantile bin ({@code binned}, no labels).
     */
    record Frequencies(List<String> labels, long[] reference, long[] current, boolean binned) {}
}
