package dev.mlops.monitoring.profile;

import dev.mlops.core.InvalidArgumentException;
import dev.mlops.core.ValueType;
import dev.mlops.monitoring.internal.profile.DeterministicKll;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.apache.datasketches.common.ArrayOfStringsSerDe;
import org.apache.datasketches.frequencies.ErrorType;
import org.apache.datasketches.frequencies.ItemsSketch;
import org.apache.datasketches.hll.HllSketch;
import org.apache.datasketches.hll.TgtHllType;
import org.apache.datasketches.hll.Union;
import org.apache.datasketches.kll.KllDoublesSketch;
import org.apache.datasketches.memory.Memory;
import org.apache.datasketches.quantilescommon.QuantileSearchCriteria;

/**
 * The profile of one column: exact counts and moments, and mergeable sketches. A value, part of a
 * {@link DatasetProfile}.
 *
 * <p>Counting: {@link #count()} is every row seen, {@link #nullCount()} the rows where the value
 * was null or absent. For numeric and timestamp columns, NaN, +∞ and −∞ are counted apart and are
 * kept out of min, max, moments, quantiles and the distinct count; {@link #finiteCount()} is what
 * remains. Variance is the sample variance (NumPy's {@code ddof=1}); moments are merged with Chan
 * et al.'s parallel formula.
 *
 * <p>Sketches are held in their own serialized forms (DataSketches KLL doubles, HLL_4, frequent
 * items of strings) and are decoded for queries; the accessors that return a sketch return a fresh
 * copy. Immutable and thread-safe.
 */
public final class ColumnProfile {

    private static final ArrayOfStringsSerDe STRINGS = new ArrayOfStringsSerDe();
    private static final int STD_DEVS = 2;

    private final String name;
    private final ValueType type;
    private final ColumnKind kind;
    private final ProfileConfig config;
    private final long count;
    private final long nullCount;
    private final long nanCount;
    private final long posInfCount;
    private final long negInfCount;
    private final long trueCount;
    private final long falseCount;
    private final long finiteCount;
    private final double mean;
    private final double m2;
    private final double min;
    private final double max;
    private final byte[] kll;
    private final byte[] hll;
    private final byte[] items;
    private volatile KllDoublesSketch quantiles;

    ColumnProfile(String name, ValueType type, ProfileConfig config, long[] counts, double[] stats,
            byte[] kll, byte[] hll, byte[] items) {
        this.name = name;
        this.type = type;
        this.kind = ColumnKind.of(type);
        this.config = config;
        this.count = counts[0];
        this.nullCount = counts[1];
        this.nanCount = counts[2];
        this.posInfCount = counts[3];
        this.negInfCount = counts[4];
        this.trueCount = counts[5];
        this.falseCount = counts[6];
        this.finiteCount = counts[7];
        this.mean = stats[0];
        this.m2 = stats[1];
        this.min = stats[2];
        this.max = stats[3];
        this.kll = kll;
        this.hll = hll;
        this.items = items;
    }

    /** The number of {@code long} counters and {@code double} statistics in the binary form. */
    static final int COUNTS = 8;
    static final int STATS = 4;

    long[] counts() {
        return new long[] {count, nullCount, nanCount, posInfCount, negInfCount, trueCount, falseCount, finiteCount};
    }

    double[] stats() {
        return new double[] {mean, m2, min, max};
    }

    byte[] kllBytes() {
        return kll;
    }

    byte[] hllBytes() {
        return hll;
    }

    byte[] itemsBytes() {
        return items;
    }

    public String name() {
        return name;
    }

    public ValueType type() {
        return type;
    }

    public ColumnKind kind() {
        return kind;
    }

    public ProfileConfig config() {
        return config;
    }

    /** Rows seen, nulls included. */
    public long count() {
        return count;
    }

    /** Rows where the value was null or absent. */
    public long nullCount() {
        return nullCount;
    }

    /** Rows with a value: {@code count() - nullCount()}. */
    public long presentCount() {
        return count - nullCount;
    }

    /** Values that were NaN (floating-point columns only). */
    public long nanCount() {
        return nanCount;
    }

    /** Values that were +∞. */
    public long positiveInfinityCount() {
        return posInfCount;
    }

    /** Values that were −∞. */
    public long negativeInfinityCount() {
        return negInfCount;
    }

    /** Values that were +∞ or −∞. */
    public long infinityCount() {
        return posInfCount + negInfCount;
    }

    /** Finite values of a numeric or timestamp column: the population of min, max, moments and quantiles. */
    public long finiteCount() {
        return finiteCount;
    }

    /** True values of a boolean column. */
    public long trueCount() {
        return trueCount;
    }

    /** False values of a boolean column. */
    public long falseCount() {
        return falseCount;
    }

    /** The smallest finite value (epoch microseconds for timestamps); empty when there is none. */
    public OptionalDouble min() {
        return finiteCount == 0 ? OptionalDouble.empty() : OptionalDouble.of(min);
    }

    /** The largest finite value (epoch microseconds for timestamps); empty when there is none. */
    public OptionalDouble max() {
        return finiteCount == 0 ? OptionalDouble.empty() : OptionalDouble.of(max);
    }

    /** The earliest timestamp of a timestamp column. */
    public Optional<Instant> minTimestamp() {
        return kind == ColumnKind.TIMESTAMP && finiteCount > 0 ? Optional.of(micros(min)) : Optional.empty();
    }

    /** The latest timestamp of a timestamp column. */
    public Optional<Instant> maxTimestamp() {
        return kind == ColumnKind.TIMESTAMP && finiteCount > 0 ? Optional.of(micros(max)) : Optional.empty();
    }

    private static Instant micros(double v) {
        long m = (long) v;
        return Instant.ofEpochSecond(Math.floorDiv(m, 1_000_000L), Math.floorMod(m, 1_000_000L) * 1000L);
    }

    /** The mean of the finite values; empty when there is none. */
    public OptionalDouble mean() {
        return finiteCount == 0 ? OptionalDouble.empty() : OptionalDouble.of(mean);
    }

    /** The sample variance (divisor n − 1) of the finite values; empty below two values. */
    public OptionalDouble variance() {
        return finiteCount < 2 ? OptionalDouble.empty() : OptionalDouble.of(m2 / (finiteCount - 1));
    }

    /** The population variance (divisor n) of the finite values; empty when there is none. */
    public OptionalDouble populationVariance() {
        return finiteCount == 0 ? OptionalDouble.empty() : OptionalDouble.of(m2 / finiteCount);
    }

    /** The sample standard deviation; empty below two values. */
    public OptionalDouble stddev() {
        OptionalDouble v = variance();
        return v.isPresent() ? OptionalDouble.of(Math.sqrt(v.getAsDouble())) : v;
    }

    /** The sum of squared deviations from the mean (Chan et al.'s M2). */
    public double sumOfSquaredDeviations() {
        return m2;
    }

    /**
     * The approximate quantile at normalized rank {@code rank} in [0, 1] (inclusive search, so 0
     * gives the minimum and 1 the maximum); empty when the column has no quantile sketch or no
     * finite value.
     */
    public OptionalDouble quantile(double rank) {
        if (!(rank >= 0 && rank <= 1)) {
            throw new InvalidArgumentException("rank", "must be in [0, 1], was " + rank);
        }
        KllDoublesSketch q = quantiles();
        if (q == null || q.isEmpty()) {
            return OptionalDouble.empty();
        }
        synchronized (q) {
            return OptionalDouble.of(q.getQuantile(rank, QuantileSearchCriteria.INCLUSIVE));
        }
    }

    /**
     * The approximate normalized rank of {@code value}: the fraction of finite values ≤ it; empty
     * when the column has no quantile sketch or no finite value.
     */
    public OptionalDouble rank(double value) {
        KllDoublesSketch q = quantiles();
        if (q == null || q.isEmpty()) {
            return OptionalDouble.empty();
        }
        synchronized (q) {
            return OptionalDouble.of(q.getRank(value, QuantileSearchCriteria.INCLUSIVE));
        }
    }

    /**
     * The approximate CDF at the given strictly increasing, finite split points: entry i is the
     * fraction of finite values ≤ {@code splitPoints[i]} and the last entry is 1 (DataSketches'
     * {@code getCDF}, inclusive). Empty when the column has no quantile sketch or no finite value.
     * For binned drift measures over bins that a reference profile defines.
     */
    public Optional<double[]> cdf(double... splitPoints) {
        KllDoublesSketch q = quantiles();
        if (q == null || q.isEmpty()) {
            return Optional.empty();
        }
        try {
            synchronized (q) {
                return Optional.of(q.getCDF(splitPoints, QuantileSearchCriteria.INCLUSIVE));
            }
        } catch (RuntimeException e) {
            throw new InvalidArgumentException("splitPoints", "must be finite and strictly increasing: "
                    + e.getMessage());
        }
    }

    /**
     * The quantile sketch as a DataSketches {@link KllDoublesSketch} (a fresh copy the caller may
     * change); empty for columns without one.
     */
    public Optional<KllDoublesSketch> quantileSketch() {
        return kll == null ? Optional.empty() : Optional.of(KllDoublesSketch.heapify(Memory.wrap(kll)));
    }

    /** The quantile sketch in DataSketches' compact serial form (a copy). */
    public Optional<byte[]> quantileSketchBytes() {
        return kll == null ? Optional.empty() : Optional.of(kll.clone());
    }

    /** DataSketches' normalized rank error (99 % confidence, single rank) of the quantile sketch. */
    public OptionalDouble quantileRankError() {
        KllDoublesSketch q = quantiles();
        return q == null || q.isEmpty() ? OptionalDouble.empty()
                : OptionalDouble.of(q.getNormalizedRankError(false));
    }

    private KllDoublesSketch quantiles() {
        if (kll == null) {
            return null;
        }
        KllDoublesSketch q = quantiles;
        if (q == null) {
            q = KllDoublesSketch.heapify(Memory.wrap(kll));
            quantiles = q;
        }
        return q;
    }

    /**
     * The number of distinct non-null values: from the HLL sketch for numeric, timestamp and
     * categorical columns, exact for booleans; empty for other columns.
     */
    public Optional<DistinctCount> distinct() {
        if (kind == ColumnKind.BOOLEAN) {
            double d = (trueCount > 0 ? 1 : 0) + (falseCount > 0 ? 1 : 0);
            return Optional.of(new DistinctCount(d, d, d));
        }
        if (hll == null) {
            return Optional.empty();
        }
        HllSketch h = HllSketch.heapify(hll);
        return Optional.of(new DistinctCount(h.getEstimate(), h.getLowerBound(STD_DEVS), h.getUpperBound(STD_DEVS)));
    }

    /** The distinct-count sketch (a fresh HLL_4 copy); empty for columns without one. */
    public Optional<HllSketch> distinctSketch() {
        return hll == null ? Optional.empty() : Optional.of(HllSketch.heapify(hll));
    }

    /**
     * The frequent values, most frequent first (ties by value): every value the sketch tracks for a
     * categorical column (without false positives), {@code "true"}/{@code "false"} for a boolean
     * column, nothing for other kinds.
     */
    public List<FrequentItem> frequentItems() {
        if (kind == ColumnKind.BOOLEAN) {
            List<FrequentItem> out = new ArrayList<>(2);
            if (trueCount > 0) {
                out.add(new FrequentItem("true", trueCount, trueCount, trueCount));
            }
            if (falseCount > 0) {
                out.add(new FrequentItem("false", falseCount, falseCount, falseCount));
            }
            out.sort(ORDER);
            return out;
        }
        if (items == null) {
            return List.of();
        }
        ItemsSketch<String> s = itemsSketch();
        List<FrequentItem> out = new ArrayList<>();
        for (ItemsSketch.Row<String> row : s.getFrequentItems(0, ErrorType.NO_FALSE_POSITIVES)) {
            out.add(new FrequentItem(row.getItem(), row.getEstimate(), row.getLowerBound(), row.getUpperBound()));
        }
        out.sort(ORDER);
        return out;
    }

    private static final java.util.Comparator<FrequentItem> ORDER =
            java.util.Comparator.comparingLong(FrequentItem::estimate).reversed().thenComparing(FrequentItem::value);

    /**
     * Whether {@link #frequentItems()} lists every value with its exact count: true for booleans,
     * and for categorical columns whose frequent-items sketch never had to purge (fewer distinct
     * values than about three quarters of its map size).
     */
    public boolean frequentItemsExact() {
        if (kind == ColumnKind.BOOLEAN) {
            return true;
        }
        return items != null && itemsSketch().getMaximumError() == 0;
    }

    /** The frequent-items sketch (a fresh copy); empty for columns without one. */
    public Optional<ItemsSketch<String>> frequentItemsSketch() {
        return items == null ? Optional.empty() : Optional.of(itemsSketch());
    }

    ItemsSketch<String> itemsSketch() {
        return ItemsSketch.getInstance(Memory.wrap(items), STRINGS);
    }

    /**
     * The profile of the union of the rows behind this profile and {@code other}: counts, min and
     * max exactly; moments by Chan et al.'s formula (equal to the one-pass result up to rounding);
     * sketches by their own merge, within their error bounds. Deterministic: the same two profiles
     * give the same bytes.
     *
     * @throws InvalidArgumentException when the columns differ in name, type or configuration
     */
    public ColumnProfile merge(ColumnProfile other) {
        if (!name.equals(other.name)) {
            throw new InvalidArgumentException(name, "cannot merge with the profile of column '" + other.name + "'");
        }
        if (type != other.type) {
            throw new InvalidArgumentException(name, "cannot merge a " + type.jsonName() + " column profile with a "
                    + other.type.jsonName() + " one");
        }
        if (!config.equals(other.config)) {
            throw new InvalidArgumentException(name, "cannot merge profiles made with different sketch settings: "
                    + config + " and " + other.config);
        }
        long[] a = counts();
        long[] b = other.counts();
        long[] c = new long[COUNTS];
        for (int i = 0; i < COUNTS; i++) {
            c[i] = a[i] + b[i];
        }
        double[] s = mergeStats(finiteCount, mean, m2, min, max, other.finiteCount, other.mean, other.m2, other.min,
                other.max);
        byte[] mergedKll = null;
        if (kll != null) {
            DeterministicKll k = DeterministicKll.fromBytes(kll, name);
            k.merge(DeterministicKll.fromBytes(other.kll, name));
            mergedKll = k.toByteArray();
        }
        byte[] mergedHll = null;
        if (hll != null) {
            Union u = new Union(config.hllLgK());
            u.update(HllSketch.heapify(hll));
            u.update(HllSketch.heapify(other.hll));
            mergedHll = u.getResult(TgtHllType.HLL_4).toCompactByteArray();
        }
        byte[] mergedItems = null;
        if (items != null) {
            ItemsSketch<String> i = itemsSketch();
            i.merge(other.itemsSketch());
            mergedItems = i.toByteArray(STRINGS);
        }
        return new ColumnProfile(name, type, config, c, s, mergedKll, mergedHll, mergedItems);
    }

    /** Chan et al.: combine (n, mean, M2, min, max) of two disjoint parts. */
    static double[] mergeStats(long na, double meanA, double m2A, double minA, double maxA,
            long nb, double meanB, double m2B, double minB, double maxB) {
        if (nb == 0) {
            return new double[] {meanA, m2A, minA, maxA};
        }
        if (na == 0) {
            return new double[] {meanB, m2B, minB, maxB};
        }
        double n = (double) na + nb;
        double delta = meanB - meanA;
        double mean = meanA + delta * (nb / n);
        double m2 = m2A + m2B + delta * delta * ((double) na * nb / n);
        return new double[] {mean, m2, Math.min(minA, minB), Math.max(maxA, maxB)};
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ColumnProfile p && name.equals(p.name) && type == p.type && config.equals(p.config)
                && Arrays.equals(counts(), p.counts()) && Arrays.equals(stats(), p.stats())
                && Arrays.equals(kll, p.kll) && Arrays.equals(hll, p.hll) && Arrays.equals(items, p.items);
    }

    @Override
    public int hashCode() {
        return 31 * name.hashCode() + Arrays.hashCode(counts());
    }

    @Override
    public String toString() {
        return "ColumnProfile[" + name + " " + type.jsonName() + ", count=" + count + ", nulls=" + nullCount
                + (kind.hasQuantiles() ? ", mean=" + mean + ", min=" + min + ", max=" + max : "") + "]";
    }
}
