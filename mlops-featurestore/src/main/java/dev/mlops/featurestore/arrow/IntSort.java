package dev.mlops.featurestore.arrow;

import java.util.Arrays;

/** A stable merge sort of row indexes by a comparator on indexes, without boxing. */
final class IntSort {

    /** Compares two row indexes. */
    @FunctionalInterface
    interface IndexComparator {
        int compare(int a, int b);
    }

    private static final int INSERTION = 24;
    private static final int DIGIT_BITS = 11;
    private static final int RADIX = 1 << DIGIT_BITS;

    private IntSort() {}

    /** The indexes 0..n-1 sorted by {@code cmp}, equal rows in index order. */
    static int[] sortedIndexes(int n, IndexComparator cmp) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        int[] b = a.clone();
        mergeSort(b, a, 0, n, cmp);
        return a;
    }

    /**
     * The indexes 0..n-1 sorted by several long columns, most significant first, equal rows in index
     * order: a least-significant-digit radix sort, 11 bits a pass over each column's actual range, so
     * a column spanning 2^20 values costs two passes and no comparison is ever made.
     */
    static int[] sortedByLongs(long[]... columnsMostSignificantFirst) {
        int n = columnsMostSignificantFirst[0].length;
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        int[] scratch = new int[n];
        int[] count = new int[RADIX];
        for (int c = columnsMostSignificantFirst.length - 1; c >= 0; c--) {
            long[] keys = columnsMostSignificantFirst[c];
            long min = Long.MAX_VALUE;
            long max = Long.MIN_VALUE;
            for (long k : keys) {
                min = Math.min(min, k);
                max = Math.max(max, k);
            }
            int bits = n == 0 ? 0 : 64 - Long.numberOfLeadingZeros(max - min);
            for (int shift = 0; shift < bits; shift += DIGIT_BITS) {
                Arrays.fill(count, 0);
                for (int i = 0; i < n; i++) {
                    count[(int) (((keys[order[i]] - min) >>> shift) & (RADIX - 1))]++;
                }
                for (int d = 0, sum = 0; d < RADIX; d++) {
                    int c0 = count[d];
                    count[d] = sum;
                    sum += c0;
                }
                for (int i = 0; i < n; i++) {
                    int index = order[i];
                    scratch[count[(int) (((keys[index] - min) >>> shift) & (RADIX - 1))]++] = index;
                }
                int[] t = order;
                order = scratch;
                scratch = t;
            }
        }
        return order;
    }

    /**
     * The indexes 0..n-1 sorted by key, then time, equal rows in index order. When the keys' range
     * and the row count fit in 63 bits together, each row is packed into one long (key offset above,
     * index below) and radix-sorted on the key bits alone, reading and writing in sequence; then each
     * run of equal keys is sorted by time. Otherwise, {@link #sortedByLongs} on both columns.
     */
    static int[] sortedByKeyThenTime(long[] keys, long[] times) {
        int n = keys.length;
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (long k : keys) {
            min = Math.min(min, k);
            max = Math.max(max, k);
        }
        int indexBits = 32 - Integer.numberOfLeadingZeros(Math.max(n - 1, 1));
        int keyBits = n == 0 ? 0 : 64 - Long.numberOfLeadingZeros(max - min);
        if (n > 0 && (max - min < 0 || keyBits + indexBits > 63)) {
            return sortedByLongs(keys, times);
        }
        long[] packed = new long[n];
        for (int i = 0; i < n; i++) {
            packed[i] = (keys[i] - min) << indexBits | i;
        }
        long[] scratch = new long[n];
        int[] count = new int[RADIX];
        for (int shift = indexBits; shift < indexBits + keyBits; shift += DIGIT_BITS) {
            Arrays.fill(count, 0);
            for (long v : packed) {
                count[(int) ((v >>> shift) & (RADIX - 1))]++;
            }
            for (int d = 0, sum = 0; d < RADIX; d++) {
                int c = count[d];
                count[d] = sum;
                sum += c;
            }
            for (long v : packed) {
                scratch[count[(int) ((v >>> shift) & (RADIX - 1))]++] = v;
            }
            long[] t = packed;
            packed = scratch;
            scratch = t;
        }
        int[] order = new int[n];
        long indexMask = (1L << indexBits) - 1;
        for (int i = 0; i < n; i++) {
            order[i] = (int) (packed[i] & indexMask);
        }
        IndexComparator byTime = (a, b) -> Long.compare(times[a], times[b]);
        int[] copy = null;
        for (int from = 0; from < n;) {
            long key = packed[from] >>> indexBits;
            int to = from + 1;
            while (to < n && packed[to] >>> indexBits == key) {
                to++;
            }
            if (to - from > INSERTION) {
                if (copy == null) {
                    copy = new int[n];
                }
                System.arraycopy(order, from, copy, from, to - from);
                mergeSort(copy, order, from, to, byTime);
            } else if (to - from > 1) {
                mergeSort(null, order, from, to, byTime);
            }
            from = to;
        }
        return order;
    }

    /** Sorts {@code dst[from, to)}, using {@code src} (a copy of it) as scratch. */
    private static void mergeSort(int[] src, int[] dst, int from, int to, IndexComparator cmp) {
        int length = to - from;
        if (length <= INSERTION) {
            for (int i = from + 1; i < to; i++) {
                int v = dst[i];
                int j = i - 1;
                while (j >= from && cmp.compare(dst[j], v) > 0) {
                    dst[j + 1] = dst[j];
                    j--;
                }
                dst[j + 1] = v;
            }
            return;
        }
        int mid = (from + to) >>> 1;
        mergeSort(dst, src, from, mid, cmp);
        mergeSort(dst, src, mid, to, cmp);
        if (cmp.compare(src[mid - 1], src[mid]) <= 0) {
            System.arraycopy(src, from, dst, from, length);
            return;
        }
        for (int i = from, p = from, q = mid; i < to; i++) {
            if (q >= to || p < mid && cmp.compare(src[p], src[q]) <= 0) {
                dst[i] = src[p++];
            } else {
                dst[i] = src[q++];
            }
        }
    }
}
