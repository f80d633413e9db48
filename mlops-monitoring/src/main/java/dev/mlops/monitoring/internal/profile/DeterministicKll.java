package dev.mlops.monitoring.internal.profile;

import dev.mlops.core.InvalidArgumentException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.apache.datasketches.kll.KllDoublesSketch;
import org.apache.datasketches.memory.Memory;

/**
 * A KLL quantile sketch of doubles (Karnin, Lang &amp; Liberty 2016) whose compactions draw their coin
 * from a pure function of the sketch's state instead of a shared random generator, so the same
 * stream gives the same sketch, byte for byte, in every run and on every JVM.
 *
 * <p>Why it exists: DataSketches 6.2.0's {@link KllDoublesSketch} takes every compaction's coin
 * from {@code KllSketch.random}, a package-private {@code static final java.util.Random} created
 * without a seed and shared by every KLL sketch in the JVM. It cannot be seeded per sketch, and
 * seeding it globally would still interleave draws between threads. This class follows the same
 * algorithm as DataSketches (same level capacities with {@code m = 8}, the same compaction order,
 * the same merge), keeps the same memory layout, and writes DataSketches' compact serial format, so
 * {@link #toSketch()} hands back an ordinary read-only {@link KllDoublesSketch} for queries and
 * other tools (including DataSketches in Python or C++) can read the bytes. Only the source of the
 * coin differs: {@link Coin#DETERMINISTIC} mixes the stream length and the level with SplitMix64's
 * finaliser. The coin depends on counts only, never on the values, which is what KLL's error bound
 * needs. A test checks that, given DataSketches' own coin sequence, this class produces exactly
 * DataSketches' bytes after updates and merges.
 *
 * <p>NaN is ignored, as DataSketches does. Not thread-safe: confine an instance to one thread.
 */
public final class DeterministicKll {

    /** The source of the offset (0 or 1) that decides which half of a level survives a compaction. */
    @FunctionalInterface
    public interface Coin {
        /**
         * The offset for compacting {@code level} when the sketch has seen {@code n} items.
         *
         * @return 0 or 1
         */
        int flip(long n, int level);

        /** A pure function of {@code n} and {@code level}: the production coin. */
        Coin DETERMINISTIC = (n, level) -> {
            long z = n * 0x9E3779B97F4A7C15L + (level + 1L) * 0xC2B2AE3D27D4EB4FL;
            z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
            z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
            z ^= z >>> 31;
            return (int) (z >>> 63);
        };
    }

    /** DataSketches' minimum level width; fixed here. */
    public static final int M = 8;
    /** DataSketches' bounds for k. */
    public static final int MIN_K = M;
    public static final int MAX_K = (1 << 16) - 1;

    private static final long[] POWERS_OF_THREE = powersOfThree();
    private static final int HEADER_BYTES = 20;
    private static final int PREAMBLE_INTS_EMPTY_SINGLE = 2;
    private static final int PREAMBLE_INTS_FULL = 5;
    private static final int SER_VER_EMPTY_FULL = 1;
    private static final int SER_VER_SINGLE = 2;
    private static final int FAMILY_KLL = 15;
    private static final int FLAG_EMPTY = 1;
    private static final int FLAG_SINGLE_ITEM = 4;

    private final int k;
    private final Coin coin;
    private int minK;
    private long n;
    private int numLevels;
    /** levels[i] is where level i starts in items; levels[numLevels] == items.length. */
    private int[] levels;
    private double[] items;
    private double min = Double.NaN;
    private double max = Double.NaN;
    /** levelCapacity(k, numLevels, i) for the current numLevels, cached for the update path. */
    private int[] capacities;

    /** An empty sketch with the production coin. */
    public DeterministicKll(int k) {
        this(k, Coin.DETERMINISTIC);
    }

    /** An empty sketch with the given coin (tests use DataSketches' own sequence). */
    public DeterministicKll(int k, Coin coin) {
        if (k < MIN_K || k > MAX_K) {
            throw new InvalidArgumentException("kllK", "must be in [" + MIN_K + ", " + MAX_K + "], was " + k);
        }
        this.k = k;
        this.coin = coin;
        this.minK = k;
        this.numLevels = 1;
        this.levels = new int[] {k, k};
        this.items = new double[k];
        this.capacities = capacities(k, 1);
    }

    private DeterministicKll(DeterministicKll other) {
        this.k = other.k;
        this.coin = other.coin;
        this.minK = other.minK;
        this.n = other.n;
        this.numLevels = other.numLevels;
        this.levels = other.levels.clone();
        this.items = other.items.clone();
        this.min = other.min;
        this.max = other.max;
        this.capacities = other.capacities;
    }

    /** An independent copy. */
    public DeterministicKll copy() {
        return new DeterministicKll(this);
    }

    public int k() {
        return k;
    }

    public long n() {
        return n;
    }

    public boolean isEmpty() {
        return n == 0;
    }

    /** The smallest item seen, NaN when empty. */
    public double min() {
        return min;
    }

    /** The largest item seen, NaN when empty. */
    public double max() {
        return max;
    }

    public int numRetained() {
        return levels[numLevels] - levels[0];
    }

    /** Adds one item; NaN is ignored. */
    public void update(double item) {
        if (Double.isNaN(item)) {
            return;
        }
        if (n == 0) {
            min = item;
            max = item;
        } else {
            min = Math.min(min, item);
            max = Math.max(max, item);
        }
        if (levels[0] == 0) {
            compactWhileUpdating();
        }
        n++;
        int pos = --levels[0];
        items[pos] = item;
    }

    /**
     * Adds {@code values[from, to)} in order; NaN is ignored. Equivalent to calling
     * {@link #update(double)} for each value (same state, same bytes), but fills level 0 in runs.
     */
    public void update(double[] values, int from, int to) {
        int i = from;
        while (i < to) {
            if (levels[0] == 0) {
                compactWhileUpdating();
            }
            int pos = levels[0];
            double lo = min;
            double hi = max;
            long count = n;
            while (pos > 0 && i < to) {
                double x = values[i++];
                if (Double.isNaN(x)) {
                    continue;
                }
                if (count == 0) {
                    lo = x;
                    hi = x;
                } else {
                    lo = Math.min(lo, x);
                    hi = Math.max(hi, x);
                }
                items[--pos] = x;
                count++;
            }
            levels[0] = pos;
            min = lo;
            max = hi;
            n = count;
        }
    }

    /**
     * Merges {@code other} into this sketch, in DataSketches' way: the other's level 0 is added item
     * by item, then all higher levels are merged and compacted in one pass. {@code other} is not
     * changed.
     */
    public void merge(DeterministicKll other) {
        if (other.n == 0) {
            return;
        }
        boolean wasEmpty = n == 0;
        double myMin = min;
        double myMax = max;
        long finalN = n + other.n;
        for (int i = other.levels[0]; i < other.levels[1]; i++) {
            update(other.items[i]);
        }
        if (other.numLevels > 1) {
            mergeHigherLevels(other, finalN);
        }
        n = finalN;
        if (other.numLevels > 1) {
            minK = Math.min(minK, other.minK);
        }
        if (wasEmpty) {
            min = other.min;
            max = other.max;
        } else {
            min = Math.min(myMin, other.min);
            max = Math.max(myMax, other.max);
        }
    }

    private void mergeHigherLevels(DeterministicKll other, long finalN) {
        int provisional = Math.max(numLevels, other.numLevels);
        int space = numRetained() + (other.levels[other.numLevels] - other.levels[1]);
        double[] work = new double[space];
        int bound = Math.max(upperBoundOnLevels(finalN), provisional);
        int[] workLevels = new int[bound + 2];
        int[] outLevels = new int[bound + 2];
        // level 0: this sketch's (already holds the other's level 0); higher levels: sorted merges
        int pop0 = levelSize(levels, numLevels, 0);
        System.arraycopy(items, levels[0], work, 0, pop0);
        workLevels[1] = pop0;
        for (int lvl = 1; lvl < provisional; lvl++) {
            int mine = levelSize(levels, numLevels, lvl);
            int theirs = levelSize(other.levels, other.numLevels, lvl);
            int at = workLevels[lvl];
            workLevels[lvl + 1] = at + mine + theirs;
            if (theirs == 0) {
                System.arraycopy(items, mine == 0 ? 0 : levels[lvl], work, at, mine);
            } else if (mine == 0) {
                System.arraycopy(other.items, other.levels[lvl], work, at, theirs);
            } else {
                mergeSorted(items, levels[lvl], mine, other.items, other.levels[lvl], theirs, work, at);
            }
        }
        int[] result = generalCompress(provisional, work, workLevels, outLevels, finalN);
        int newNumLevels = result[0];
        int capacity = result[1];
        int population = result[2];
        double[] newItems = capacity == items.length ? items : new double[capacity];
        int freeAtBottom = capacity - population;
        System.arraycopy(work, outLevels[0], newItems, freeAtBottom, population);
        int shift = freeAtBottom - outLevels[0];
        int[] newLevels = new int[newNumLevels + 1];
        for (int lvl = 0; lvl <= newNumLevels; lvl++) {
            newLevels[lvl] = outLevels[lvl] + shift;
        }
        numLevels = newNumLevels;
        levels = newLevels;
        items = newItems;
        capacities = capacities(k, numLevels);
    }

    /** Compacts the levels of {@code buf} described by {@code inLevels} into {@code outLevels}, in place. */
    private int[] generalCompress(int numLevelsIn, double[] buf, int[] inLevels, int[] outLevels, long finalN) {
        int nl = numLevelsIn;
        int population = inLevels[nl] - inLevels[0];
        int target = totalCapacity(k, nl);
        outLevels[0] = 0;
        int lvl = -1;
        boolean done = false;
        while (!done) {
            lvl++;
            if (lvl == nl - 1) {
                inLevels[lvl + 2] = inLevels[lvl + 1];
            }
            int beg = inLevels[lvl];
            int lim = inLevels[lvl + 1];
            int pop = lim - beg;
            if (population < target || pop < levelCapacity(k, nl, lvl)) {
                System.arraycopy(buf, beg, buf, outLevels[lvl], pop);
                outLevels[lvl + 1] = outLevels[lvl] + pop;
            } else {
                int popAbove = inLevels[lvl + 2] - lim;
                boolean odd = (pop & 1) == 1;
                int adjBeg = odd ? beg + 1 : beg;
                int adjPop = odd ? pop - 1 : pop;
                int half = adjPop / 2;
                if (odd) {
                    buf[outLevels[lvl]] = buf[beg];
                    outLevels[lvl + 1] = outLevels[lvl] + 1;
                } else {
                    outLevels[lvl + 1] = outLevels[lvl];
                }
                if (lvl == 0) {
                    Arrays.sort(buf, adjBeg, adjBeg + adjPop);
                }
                if (popAbove == 0) {
                    halveUp(buf, adjBeg, adjPop, coin.flip(finalN, lvl));
                } else {
                    halveDown(buf, adjBeg, adjPop, coin.flip(finalN, lvl));
                    mergeSorted(buf, adjBeg, half, buf, lim, popAbove, buf, adjBeg + half);
                }
                population -= half;
                inLevels[lvl + 1] -= half;
                if (lvl == nl - 1) {
                    nl++;
                    target += levelCapacity(k, nl, 0);
                }
            }
            if (lvl == nl - 1) {
                done = true;
            }
        }
        return new int[] {nl, target, population};
    }

    /** Called when level 0 has no free slot: compacts the lowest full level, growing the sketch if needed. */
    private void compactWhileUpdating() {
        int level = 0;
        while (levels[level + 1] - levels[level] < capacities[level]) {
            level++;
        }
        if (level == numLevels - 1) {
            addEmptyTopLevel();
        }
        int beg = levels[level];
        int end = levels[level + 1];
        int popAbove = levels[level + 2] - end;
        int pop = end - beg;
        boolean odd = (pop & 1) == 1;
        int adjBeg = odd ? beg + 1 : beg;
        int adjPop = odd ? pop - 1 : pop;
        int half = adjPop / 2;
        if (level == 0) {
            Arrays.sort(items, adjBeg, adjBeg + adjPop);
        }
        if (popAbove == 0) {
            halveUp(items, adjBeg, adjPop, coin.flip(n, level));
        } else {
            halveDown(items, adjBeg, adjPop, coin.flip(n, level));
            mergeSorted(items, adjBeg, half, items, end, popAbove, items, adjBeg + half);
        }
        levels[level + 1] -= half;
        if (odd) {
            levels[level] = levels[level + 1] - 1;
            items[levels[level]] = items[beg];
        } else {
            levels[level] = levels[level + 1];
        }
        if (level > 0) {
            System.arraycopy(items, levels[0], items, levels[0] + half, beg - levels[0]);
        }
        for (int lvl = 0; lvl < level; lvl++) {
            levels[lvl] += half;
        }
    }

    private void addEmptyTopLevel() {
        int oldCapacity = levels[numLevels];
        int delta = levelCapacity(k, numLevels + 1, 0);
        int newCapacity = oldCapacity + delta;
        double[] grown = new double[newCapacity];
        System.arraycopy(items, levels[0], grown, levels[0] + delta, oldCapacity - levels[0]);
        int[] newLevels = new int[numLevels + 2];
        for (int i = 0; i <= numLevels; i++) {
            newLevels[i] = levels[i] + delta;
        }
        newLevels[numLevels + 1] = newCapacity;
        numLevels++;
        levels = newLevels;
        items = grown;
        capacities = capacities(k, numLevels);
    }

    private static int[] capacities(int k, int numLevels) {
        int[] caps = new int[numLevels];
        for (int level = 0; level < numLevels; level++) {
            caps[level] = levelCapacity(k, numLevels, level);
        }
        return caps;
    }

    private static void halveUp(double[] buf, int start, int length, int offset) {
        int half = length / 2;
        int j = start + length - 1 - offset;
        for (int i = start + length - 1; i >= start + half; i--) {
            buf[i] = buf[j];
            j -= 2;
        }
    }

    private static void halveDown(double[] buf, int start, int length, int offset) {
        int half = length / 2;
        int j = start + offset;
        for (int i = start; i < start + half; i++) {
            buf[i] = buf[j];
            j += 2;
        }
    }

    private static void mergeSorted(double[] a, int startA, int lenA, double[] b, int startB, int lenB,
            double[] out, int startOut) {
        int limA = startA + lenA;
        int limB = startB + lenB;
        int i = startA;
        int j = startB;
        for (int c = startOut; c < startOut + lenA + lenB; c++) {
            if (i == limA) {
                out[c] = b[j++];
            } else if (j == limB) {
                out[c] = a[i++];
            } else if (a[i] < b[j]) {
                out[c] = a[i++];
            } else {
                out[c] = b[j++];
            }
        }
    }

    private static int levelSize(int[] levels, int numLevels, int level) {
        return level >= numLevels ? 0 : levels[level + 1] - levels[level];
    }

    /** round(k * (2/3)^depth) for the level's depth below the top, floored at {@link #M}. */
    static int levelCapacity(int k, int numLevels, int level) {
        int depth = numLevels - level - 1;
        return (int) Math.max(M, depthCapacity(k, depth));
    }

    private static long depthCapacity(int k, int depth) {
        if (depth <= 30) {
            return roundedTwoThirdsPower(k, depth);
        }
        int half = depth / 2;
        return roundedTwoThirdsPower(roundedTwoThirdsPower(k, half), depth - half);
    }

    private static long roundedTwoThirdsPower(long k, int depth) {
        long twiceK = k << 1;
        long scaled = (twiceK << depth) / POWERS_OF_THREE[depth];
        return (scaled + 1) >>> 1;
    }

    static int totalCapacity(int k, int numLevels) {
        long total = 0;
        for (int level = 0; level < numLevels; level++) {
            total += levelCapacity(k, numLevels, level);
        }
        return (int) total;
    }

    private static int upperBoundOnLevels(long n) {
        return 1 + (63 - Long.numberOfLeadingZeros(Math.max(1, n)));
    }

    private static long[] powersOfThree() {
        long[] p = new long[31];
        p[0] = 1;
        for (int i = 1; i < p.length; i++) {
            p[i] = p[i - 1] * 3;
        }
        return p;
    }

    /** The serialized size of {@link #toByteArray()}. */
    public int serializedSize() {
        if (n == 0) {
            return 8;
        }
        if (n == 1) {
            return 16;
        }
        return HEADER_BYTES + numLevels * Integer.BYTES + 2 * Double.BYTES + numRetained() * Double.BYTES;
    }

    /** DataSketches' compact serial form of a doubles KLL sketch (little-endian). */
    public byte[] toByteArray() {
        ByteBuffer out = ByteBuffer.allocate(serializedSize()).order(ByteOrder.LITTLE_ENDIAN);
        boolean single = n == 1;
        boolean full = n > 1;
        out.put((byte) (full ? PREAMBLE_INTS_FULL : PREAMBLE_INTS_EMPTY_SINGLE));
        out.put((byte) (single ? SER_VER_SINGLE : SER_VER_EMPTY_FULL));
        out.put((byte) FAMILY_KLL);
        out.put((byte) (n == 0 ? FLAG_EMPTY : single ? FLAG_SINGLE_ITEM : 0));
        out.putShort((short) k);
        out.put((byte) M);
        out.put((byte) 0);
        if (single) {
            out.putDouble(items[levels[0]]);
        } else if (full) {
            out.putLong(n);
            out.putShort((short) minK);
            out.put((byte) numLevels);
            out.put((byte) 0);
            for (int i = 0; i < numLevels; i++) {
                out.putInt(levels[i]);
            }
            out.putDouble(min);
            out.putDouble(max);
            for (int i = levels[0]; i < levels[numLevels]; i++) {
                out.putDouble(items[i]);
            }
        }
        return out.array();
    }

    /** A read-only DataSketches sketch over this sketch's current state, for queries. */
    public KllDoublesSketch toSketch() {
        return KllDoublesSketch.heapify(Memory.wrap(toByteArray()));
    }

    /**
     * Reads bytes written by {@link #toByteArray()} (or by DataSketches' {@code toByteArray()} for a
     * doubles KLL sketch with {@code m = 8}). Structure is checked field by field, then DataSketches
     * must accept the bytes too.
     *
     * @param field the name used in error messages
     * @throws InvalidArgumentException for anything malformed
     */
    public static DeterministicKll fromBytes(byte[] bytes, String field) {
        if (bytes == null || bytes.length < 8) {
            throw bad(field, "truncated quantile sketch");
        }
        ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int preInts = in.get() & 0xFF;
        int serVer = in.get() & 0xFF;
        int family = in.get() & 0xFF;
        int flags = in.get() & 0xFF;
        int k = in.getShort() & 0xFFFF;
        int m = in.get() & 0xFF;
        in.get();
        if (family != FAMILY_KLL || m != M || k < MIN_K) {
            throw bad(field, "not a KLL doubles sketch with m = 8 (family " + family + ", m " + m + ", k " + k + ")");
        }
        DeterministicKll s = new DeterministicKll(k);
        if ((flags & FLAG_EMPTY) != 0) {
            if (bytes.length != 8 || preInts != PREAMBLE_INTS_EMPTY_SINGLE) {
                throw bad(field, "malformed empty quantile sketch");
            }
            return s;
        }
        if ((flags & FLAG_SINGLE_ITEM) != 0) {
            if (bytes.length != 16 || preInts != PREAMBLE_INTS_EMPTY_SINGLE || serVer != SER_VER_SINGLE) {
                throw bad(field, "malformed single-item quantile sketch");
            }
            double v = in.getDouble();
            if (Double.isNaN(v)) {
                throw bad(field, "quantile sketch holds NaN");
            }
            s.update(v);
            return s;
        }
        if (preInts != PREAMBLE_INTS_FULL || serVer != SER_VER_EMPTY_FULL || bytes.length < HEADER_BYTES) {
            throw bad(field, "malformed quantile sketch preamble");
        }
        long n = in.getLong();
        int minK = in.getShort() & 0xFFFF;
        int numLevels = in.get() & 0xFF;
        in.get();
        if (n < 2 || minK < MIN_K || minK > k || numLevels < 1 || numLevels > 61) {
            throw bad(field, "quantile sketch has n " + n + ", minK " + minK + ", " + numLevels + " levels");
        }
        int capacity = totalCapacity(k, numLevels);
        int[] levels = new int[numLevels + 1];
        if (in.remaining() < numLevels * Integer.BYTES + 2 * Double.BYTES) {
            throw bad(field, "truncated quantile sketch");
        }
        for (int i = 0; i < numLevels; i++) {
            levels[i] = in.getInt();
        }
        levels[numLevels] = capacity;
        for (int i = 0; i < numLevels; i++) {
            if (levels[i] < 0 || levels[i] > levels[i + 1]) {
                throw bad(field, "quantile sketch levels are not increasing");
            }
        }
        double min = in.getDouble();
        double max = in.getDouble();
        int retained = capacity - levels[0];
        if (in.remaining() != (long) retained * Double.BYTES) {
            throw bad(field, "quantile sketch holds " + in.remaining() + " item bytes, expected "
                    + (long) retained * Double.BYTES);
        }
        double[] items = new double[capacity];
        long weight = 0;
        for (int lvl = 0; lvl < numLevels; lvl++) {
            for (int i = levels[lvl]; i < levels[lvl + 1]; i++) {
                double v = in.getDouble();
                if (Double.isNaN(v) || v < min || v > max) {
                    throw bad(field, "quantile sketch item " + v + " outside [" + min + ", " + max + "]");
                }
                if (lvl > 0 && i > levels[lvl] && v < items[i - 1]) {
                    throw bad(field, "quantile sketch level " + lvl + " is not sorted");
                }
                items[i] = v;
            }
            weight += (long) (levels[lvl + 1] - levels[lvl]) << lvl;
        }
        if (weight != n) {
            throw bad(field, "quantile sketch weights sum to " + weight + ", not n = " + n);
        }
        try {
            KllDoublesSketch.heapify(Memory.wrap(bytes));
        } catch (RuntimeException e) { // DataSketches signals bad input with several exception types
            throw bad(field, "quantile sketch rejected by DataSketches: " + e);
        }
        s.n = n;
        s.minK = minK;
        s.numLevels = numLevels;
        s.levels = levels;
        s.items = items;
        s.min = min;
        s.max = max;
        s.capacities = capacities(k, numLevels);
        return s;
    }

    private static InvalidArgumentException bad(String field, String message) {
        return new InvalidArgumentException(field, message);
    }
}
