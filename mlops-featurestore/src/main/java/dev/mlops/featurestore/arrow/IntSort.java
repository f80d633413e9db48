package dev.mlops.featurestore.arrow;

/** A stable merge sort of row indexes by a comparator on indexes, without boxing. */
final class IntSort {

    /** Compares two row indexes. */
    @FunctionalInterface
    interface IndexComparator {
        int compare(int a, int b);
    }

    private static final int INSERTION = 24;

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
