package dev.mlops.monitoring.profile;

import dev.mlops.core.Field;
import dev.mlops.core.InvalidArgumentException;
import dev.mlops.core.ValueType;
import dev.mlops.monitoring.internal.profile.DeterministicKll;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.apache.datasketches.common.ArrayOfStringsSerDe;
import org.apache.datasketches.frequencies.ItemsSketch;
import org.apache.datasketches.hll.HllSketch;
import org.apache.datasketches.hll.TgtHllType;

/**
 * The mutable state behind one {@link ColumnProfile}. Not thread-safe: the {@link Profiler} confines
 * each accumulator to one thread at a time.
 *
 * <p>Finite numeric values are gathered in blocks of {@value #BLOCK}. A full block updates the
 * moments (two passes over the block, then Chan et al.'s combination: faster and more accurate
 * than Welford's update) and is fed to the quantile and distinct-count sketches in order. Block
 * boundaries depend only on how many finite values came before, so the row path and the columnar
 * path, with any batch sizes, give the same bits for the same values in the same order; a
 * snapshot folds the partial block into copies and leaves the accumulator as it was.
 */
final class ColumnAccumulator {

    static final int BLOCK = 512;
    private static final ArrayOfStringsSerDe STRINGS = new ArrayOfStringsSerDe();
    /** Strings already given to the HLL sketch; feeding a value twice changes nothing, so we skip it. */
    private static final int SEEN_LIMIT = 4096;

    final Field field;
    final ColumnKind kind;
    private final ProfileConfig config;
    private long count;
    private long nulls;
    private long nan;
    private long posInf;
    private long negInf;
    private long trues;
    private long falses;
    private long finite;
    private double mean;
    private double m2;
    private double min = Double.NaN;
    private double max = Double.NaN;
    private final double[] block;
    private int blockSize;
    private final DeterministicKll kll;
    private final HllSketch hll;
    private final ItemsSketch<String> items;
    private final Set<String> seen;

    ColumnAccumulator(Field field, ProfileConfig config) {
        this.field = field;
        this.kind = ColumnKind.of(field.type());
        this.config = config;
        boolean numeric = kind.hasQuantiles();
        this.block = numeric ? new double[BLOCK] : null;
        this.kll = numeric ? new DeterministicKll(config.kllK()) : null;
        this.hll = kind.hasDistinctSketch() ? new HllSketch(config.hllLgK(), TgtHllType.HLL_8) : null;
        this.items = kind == ColumnKind.CATEGORICAL ? new ItemsSketch<>(config.frequentItemsMaxMapSize()) : null;
        this.seen = kind == ColumnKind.CATEGORICAL ? new HashSet<>() : null;
    }

    /** One canonical value ({@link ValueType#convert}); null counts as null. */
    void add(Object value) {
        if (value == null) {
            addNull();
            return;
        }
        switch (field.type()) {
            case FLOAT64 -> addDouble((Double) value);
            case FLOAT32 -> addDouble((Float) value);
            case INT32 -> addLong((Integer) value);
            case INT64 -> addLong((Long) value);
            case STRING -> addString((String) value);
            case BOOL -> addBoolean((Boolean) value);
            case TIMESTAMP -> addLong(epochMicros((Instant) value, field.name()));
            default -> count++;
        }
    }

    void addNull() {
        count++;
        nulls++;
    }

    void addNulls(int n) {
        count += n;
        nulls += n;
    }

    void addDouble(double v) {
        count++;
        if (v - v != 0) {
            nonFinite(v);
            return;
        }
        finiteValue(v);
    }

    private void nonFinite(double v) {
        if (Double.isNaN(v)) {
            nan++;
        } else if (v > 0) {
            posInf++;
        } else {
            negInf++;
        }
    }

    /** Min, max, then the block; the block feeds moments, the quantile and the distinct sketches. */
    private void finiteValue(double value) {
        double v = value == 0 ? 0.0 : value; // one zero: -0.0 and 0.0 are the same value here
        finite++;
        if (finite == 1) {
            min = v;
            max = v;
        } else if (v < min) {
            min = v;
        } else if (v > max) {
            max = v;
        }
        block[blockSize++] = v;
        if (blockSize == BLOCK) {
            flushBlock();
        }
    }

    /**
     * Integers (and timestamps as epoch microseconds): every statistic over the double value, so
     * integers beyond 2^53 are rounded to the nearest double.
     */
    void addLong(long v) {
        count++;
        finiteValue(v);
    }

    void addString(String s) {
        count++;
        items.update(s);
        if (seen.size() < SEEN_LIMIT) {
            if (seen.add(s)) {
                hll.update(s);
            }
        } else if (!seen.contains(s)) {
            hll.update(s);
        }
    }

    void addBoolean(boolean b) {
        count++;
        if (b) {
            trues++;
        } else {
            falses++;
        }
    }

    void addDoubles(double[] values, boolean[] isNull, int from, int to) {
        for (int i = from; i < to; i++) {
            if (isNull != null && isNull[i]) {
                addNull();
            } else {
                addDouble(values[i]);
            }
        }
    }

    void addFloats(float[] values, boolean[] isNull, int from, int to) {
        for (int i = from; i < to; i++) {
            if (isNull != null && isNull[i]) {
                addNull();
            } else {
                addDouble(values[i]);
            }
        }
    }

    void addLongs(long[] values, boolean[] isNull, int from, int to) {
        for (int i = from; i < to; i++) {
            if (isNull != null && isNull[i]) {
                addNull();
            } else {
                addLong(values[i]);
            }
        }
    }

    void addInts(int[] values, boolean[] isNull, int from, int to) {
        for (int i = from; i < to; i++) {
            if (isNull != null && isNull[i]) {
                addNull();
            } else {
                addLong(values[i]);
            }
        }
    }

    private void flushBlock() {
        double[] merged = blockMoments(finite - blockSize, mean, m2);
        mean = merged[0];
        m2 = merged[1];
        feedSketches(kll, hll);
        blockSize = 0;
    }

    /** Chan et al.'s combination of (n, mean, m2) with the block's own two-pass mean and M2. */
    private double[] blockMoments(long before, double meanBefore, double m2Before) {
        int nb = blockSize;
        double sum = 0;
        for (int i = 0; i < nb; i++) {
            sum += block[i];
        }
        double blockMean = sum / nb;
        double ss = 0;
        for (int i = 0; i < nb; i++) {
            double d = block[i] - blockMean;
            ss += d * d;
        }
        return ColumnProfile.mergeStats(before, meanBefore, m2Before, 0, 0, nb, blockMean, ss, 0, 0);
    }

    private void feedSketches(DeterministicKll k, HllSketch h) {
        k.update(block, 0, blockSize);
        for (int i = 0; i < blockSize; i++) {
            h.update(block[i]);
        }
    }

    /** An immutable profile of everything added so far; the accumulator is not changed. */
    ColumnProfile snapshot() {
        double snapMean = mean;
        double snapM2 = m2;
        byte[] kllBytes = null;
        byte[] hllBytes = null;
        if (kind.hasQuantiles()) {
            DeterministicKll k = kll;
            HllSketch h = hll;
            if (blockSize > 0) {
                double[] merged = blockMoments(finite - blockSize, mean, m2);
                snapMean = merged[0];
                snapM2 = merged[1];
                k = kll.copy();
                h = hll.copy();
                feedSketches(k, h);
            }
            kllBytes = k.toByteArray();
            hllBytes = h.copyAs(TgtHllType.HLL_4).toCompactByteArray();
        } else if (hll != null) {
            hllBytes = hll.copyAs(TgtHllType.HLL_4).toCompactByteArray();
        }
        long[] counts = {count, nulls, nan, posInf, negInf, trues, falses, finite};
        double[] stats = {snapMean, snapM2, min, max};
        return new ColumnProfile(field.name(), field.type(), config, counts, stats, kllBytes, hllBytes,
                items == null ? null : items.toByteArray(STRINGS));
    }

    static long epochMicros(Instant t, String field) {
        try {
            return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1000);
        } catch (ArithmeticException e) {
            throw new InvalidArgumentException(field, "timestamp " + t + " is outside the profiled range"
                    + " (epoch microseconds must fit in a long)");
        }
    }
}
