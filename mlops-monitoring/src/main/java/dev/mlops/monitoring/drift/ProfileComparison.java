package dev.mlops.monitoring.drift;

import dev.mlops.core.InvalidArgumentException;
import dev.mlops.monitoring.profile.ColumnKind;
import dev.mlops.monitoring.profile.ColumnProfile;
import dev.mlops.monitoring.profile.DatasetProfile;
import dev.mlops.monitoring.profile.FrequentItem;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.TreeSet;
import org.apache.datasketches.hll.HllSketch;
import org.apache.datasketches.hll.Union;

/**
 * Compares one column of two stored {@link DatasetProfile}s under a {@link DriftDetector}'s
 * settings, the profile counterpart of {@link ColumnComparison}: the same test choice, thresholds
 * and report parts, with the inputs taken from the profiles' exact counts and their sketches (see
 * {@link DriftDetector#compare(DatasetProfile, DatasetProfile)}). Works in memory bounded by the
 * sketch sizes, independent of the rows profiled. Stateless apart from the settings.
 */
final class ProfileComparison {

    /** The category that holds the values a non-exact frequent-items sketch no longer tracks. */
    static final String OTHER_LABEL = "(other)";

    private final DriftDetector settings;
    private final ColumnComparison shared;

    ProfileComparison(DriftDetector settings) {
        this.settings = settings;
        this.shared = new ColumnComparison(settings);
    }

    /** How a profiled column is compared, or null for columns that cannot be (bytes, lists). */
    static DriftColumnType typeOf(ColumnProfile column) {
        return switch (column.kind()) {
            case NUMERIC, TIMESTAMP -> DriftColumnType.NUMERIC;
            case CATEGORICAL, BOOLEAN -> DriftColumnType.CATEGORICAL;
            case OTHER -> null;
        };
    }

    ColumnDrift compare(String name, DatasetProfile reference, DatasetProfile current) {
        Optional<ColumnProfile> r = reference.column(name);
        Optional<ColumnProfile> c = current.column(name);
        if (r.isEmpty() || c.isEmpty()) {
            ColumnProfile present = r.orElseGet(c::orElseThrow);
            DriftColumnType type = typeOf(present);
            Optional<ColumnStats> stats = Optional.of(stats(present, type));
            return new ColumnDrift(name, type,
                    r.isPresent() ? ColumnStatus.MISSING_IN_CURRENT : ColumnStatus.MISSING_IN_REFERENCE,
                    r.isPresent() ? stats : Optional.empty(), c.isPresent() ? stats : Optional.empty(),
                    Optional.empty(), Optional.empty());
        }
        ColumnProfile ref = r.get();
        ColumnProfile cur = c.get();
        DriftColumnType type = typeOf(ref);
        if (type != typeOf(cur)) {
            throw new InvalidArgumentException(name, "is " + ref.kind().jsonName() + " (" + ref.type()
                    + ") in the reference profile but " + cur.kind().jsonName() + " (" + cur.type()
                    + ") in the current one; a column must have one kind on both sides");
        }
        ColumnStats rs = stats(ref, type);
        ColumnStats cs = stats(cur, type);
        if (rs.valid() == 0 || cs.valid() == 0) {
            return ColumnComparison.untested(name, type, rs, cs);
        }
        return type == DriftColumnType.NUMERIC ? numeric(name, ref, cur, rs, cs) : categorical(name, ref, cur, rs, cs);
    }

    /** A side's stats from the profile: exact counts and moments, distinct values from the HLL sketch. */
    static ColumnStats stats(ColumnProfile p, DriftColumnType type) {
        boolean numeric = type == DriftColumnType.NUMERIC;
        long nan = numeric ? p.nanCount() : 0;
        long infinite = numeric ? p.infinityCount() : 0;
        long valid = p.count() - p.nullCount() - nan - infinite;
        long distinct = Math.min(valid, p.distinct().map(d -> Math.round(d.estimate())).orElse(0L));
        if (!numeric || valid == 0) {
            return new ColumnStats(p.count(), p.nullCount(), nan, infinite, distinct, OptionalDouble.empty(),
                    OptionalDouble.empty(), OptionalDouble.empty(), OptionalDouble.empty());
        }
        return new ColumnStats(p.count(), p.nullCount(), nan, infinite, distinct, p.mean(),
                OptionalDouble.of(Math.sqrt(p.populationVariance().getAsDouble())), p.min(), p.max());
    }

    // ------------------------------------------------------------------ numeric

    private ColumnDrift numeric(String name, ColumnProfile ref, ColumnProfile cur, ColumnStats rs, ColumnStats cs) {
        SketchSample r = SketchSample.of(ref);
        SketchSample c = SketchSample.of(cur);
        double[] discrete = discreteValues(ref, cur, r, c);
        int distinct = discrete == null ? DriftDetector.MAX_DISCRETE_VALUES + 1 : discrete.length;
        DriftTest test = settings.testFor(name, DriftColumnType.NUMERIC, rs.valid(), distinct);
        double threshold = settings.thresholdFor(name, test);
        double std = Math.max(rs.std().getAsDouble(), Distances.MIN_NORMALIZING_STD);
        double effect = Distances.wassersteinFromCdfs(r.points, r.cdf, c.points, c.cdf) / std;

        ColumnComparison.Frequencies frequencies = discrete != null
                ? ColumnComparison.valueCounts(discrete, r, c) : null;
        ColumnTestResult result;
        if (test == DriftTest.WASSERSTEIN_NORMED) {
            result = ColumnComparison.verdict(test, effect, OptionalDouble.empty(), threshold,
                    ColumnTestResult.WASSERSTEIN_NORMED, effect);
        } else if (test == DriftTest.KS) {
            result = ColumnComparison.verdict(HypothesisTests.kolmogorovSmirnovFromCdfs(r.points, r.cdf, rs.valid(),
                    c.points, c.cdf, cs.valid()), test, threshold, ColumnTestResult.WASSERSTEIN_NORMED, effect);
        } else if (test.comparesValues()) {
            throw new InvalidArgumentException(name, test.jsonName() + " needs the raw values; from profiles only "
                    + DriftTest.KS.jsonName() + " and " + DriftTest.WASSERSTEIN_NORMED.jsonName()
                    + " compare numeric values (frequency tests and distances work too)");
        } else {
            ColumnComparison.Frequencies f = frequencies != null ? frequencies : quantileBins(ref, r, c);
            result = ColumnComparison.frequencyTest(name, test, f, threshold, ColumnTestResult.WASSERSTEIN_NORMED,
                    effect);
        }
        Distribution distribution = frequencies != null ? shared.chart(frequencies)
                : ColumnComparison.histogram(Math.min(rs.min().getAsDouble(), cs.min().getAsDouble()),
                        Math.max(rs.max().getAsDouble(), cs.max().getAsDouble()), settings.histogramBins(), r, c);
        return new ColumnDrift(name, DriftColumnType.NUMERIC, ColumnStatus.TESTED, Optional.of(rs), Optional.of(cs),
                Optional.of(result.withErrorBound(r.rankError + c.rankError)), Optional.of(distribution));
    }

    /**
     * The distinct values of both sides, ascending, when the union of the two distinct-count
     * sketches estimates at most {@link DriftDetector#MAX_DISCRETE_VALUES} (the values are then the
     * sketches' retained items); otherwise null.
     */
    private static double[] discreteValues(ColumnProfile ref, ColumnProfile cur, SketchSample r, SketchSample c) {
        HllSketch a = ref.distinctSketch().orElseThrow();
        Union union = new Union(a.getLgConfigK());
        union.update(a);
        union.update(cur.distinctSketch().orElseThrow());
        if (Math.round(union.getEstimate()) > DriftDetector.MAX_DISCRETE_VALUES) {
            return null;
        }
        TreeSet<Double> values = new TreeSet<>();
        for (double v : r.points) {
            values.add(v == 0 ? 0.0 : v);
        }
        for (double v : c.points) {
            values.add(v == 0 ? 0.0 : v);
        }
        if (values.size() > DriftDetector.MAX_DISCRETE_VALUES) {
            return null;
        }
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /**
     * Counts in the reference quantile bins: edges at the reference's exact minimum, its sketch
     * quantiles at i / B and its exact maximum; sketch weights per bin on both sides.
     */
    private ColumnComparison.Frequencies quantileBins(ColumnProfile ref, SketchSample r, SketchSample c) {
        int bins = settings.bins();
        double[] raw = new double[bins + 1];
        raw[0] = ref.min().getAsDouble();
        raw[bins] = ref.max().getAsDouble();
        for (int i = 1; i < bins; i++) {
            raw[i] = Math.min(Math.max(ref.quantile((double) i / bins).getAsDouble(), raw[0]), raw[bins]);
        }
        double[] edges = Binning.distinctAscending(raw);
        return new ColumnComparison.Frequencies(java.util.List.of(), Binning.quantileBinCounts(edges, r),
                Binning.quantileBinCounts(edges, c), true);
    }

    // ------------------------------------------------------------------ categorical

    private ColumnDrift categorical(String name, ColumnProfile ref, ColumnProfile cur, ColumnStats rs,
                                    ColumnStats cs) {
        ColumnComparison.Frequencies f = ColumnComparison.categoryCounts(itemCounts(ref, rs.valid()),
                itemCounts(cur, cs.valid()));
        DriftTest test = settings.testFor(name, DriftColumnType.CATEGORICAL, rs.valid(), f.labels().size());
        if (test.comparesValues()) {
            throw new InvalidArgumentException(name, test.jsonName()
                    + " compares numeric values, but the column is categorical");
        }
        double threshold = settings.thresholdFor(name, test);
        ColumnTestResult result = ColumnComparison.frequencyTest(name, test, f, threshold,
                ColumnTestResult.CRAMERS_V, ColumnComparison.cramersV(f.reference(), f.current()));
        double bound = shareError(ref, rs.valid()) + shareError(cur, cs.valid());
        return new ColumnDrift(name, DriftColumnType.CATEGORICAL, ColumnStatus.TESTED, Optional.of(rs),
                Optional.of(cs), Optional.of(result.withErrorBound(bound)), Optional.of(shared.chart(f)));
    }

    /**
     * The count of each category: every value with its exact count when the sketch is exact;
     * otherwise the tracked values with their estimates, and the rest of the column's values
     * lumped into {@link #OTHER_LABEL}.
     */
    static Map<String, Long> itemCounts(ColumnProfile p, long valid) {
        Map<String, Long> counts = new HashMap<>();
        long listed = 0;
        for (FrequentItem item : p.frequentItems()) {
            counts.merge(item.value(), item.estimate(), Long::sum);
            listed += item.estimate();
        }
        if (!p.frequentItemsExact() && valid > listed) {
            counts.merge(OTHER_LABEL, valid - listed, Long::sum);
        }
        return counts;
    }

    /** The largest error of any category share of a side: the sketch's maximum count error over the count. */
    private static double shareError(ColumnProfile p, long valid) {
        if (p.frequentItemsExact() || p.kind() == ColumnKind.BOOLEAN) {
            return 0;
        }
        return (double) p.frequentItemsSketch().orElseThrow().getMaximumError() / valid;
    }
}
