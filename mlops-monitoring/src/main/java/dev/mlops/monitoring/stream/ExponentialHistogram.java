package dev.mlops.monitoring.stream;

import java.util.Arrays;

/**
 * ADWIN's window, compressed as an exponential histogram (Datar et al. 2002; ADWIN2 in Bifet &amp;
 * Gavaldà 2007). Row {@code i} holds buckets that each summarise {@code 2^i} consecutive values by
 * their total and their sum of squared deviations from the bucket mean (Babcock et al. 2003). A row
 * keeps at most {@code maxBuckets} buckets; when it gets one more, its two oldest merge into one
 * bucket of the next row. Within a row, index 0 is the oldest bucket; higher rows are older.
 *
 * <p>The window also keeps its width, total and sum of squared deviations, updated on insert and on
 * removal of the oldest bucket. Not thread-safe.
 */
final class ExponentialHistogram {

    private final int maxBuckets;
    private double[][] totals = new double[0][];
    private double[][] squares = new double[0][];
    private int[] counts = new int[0];
    private double[] sizes = new double[0];
    private int rows;
    private double width;
    private double total;
    private double squaredDeviations;

    ExponentialHistogram(int maxBuckets) {
        this.maxBuckets = maxBuckets;
        clear();
    }

    void clear() {
        for (int i = 0; i < rows; i++) {
            counts[i] = 0;
        }
        rows = 0;
        ensureRow(0);
        rows = 1;
        width = 0;
        total = 0;
        squaredDeviations = 0;
    }

    /** Adds one value as a new bucket of row 0, then merges overflowing rows. */
    void add(double x) {
        append(0, x, 0.0);
        width += 1;
        if (width > 1) {
            double meanBefore = total / (width - 1);
            squaredDeviations += (width - 1) * (x - meanBefore) * (x - meanBefore) / width;
        }
        total += x;
        compress();
    }

    private void compress() {
        for (int row = 0; row < rows && counts[row] > maxBuckets; row++) {
            if (row + 1 == rows) {
                ensureRow(row + 1);
                rows++;
            }
            double size = sizes[row];
            double t0 = totals[row][0];
            double t1 = totals[row][1];
            double meanGap = t0 / size - t1 / size;
            double merged = squares[row][0] + squares[row][1] + size * 0.5 * meanGap * meanGap;
            append(row + 1, t0 + t1, merged);
            dropOldest(row, 2);
        }
    }

    /**
     * Removes the oldest bucket of the window and returns how many values it held. The window must
     * hold at least two buckets.
     */
    double removeOldest() {
        int row = rows - 1;
        double size = sizes[row];
        double bucketTotal = totals[row][0];
        double bucketSquares = squares[row][0];
        width -= size;
        total -= bucketTotal;
        double bucketMean = bucketTotal / size;
        double restMean = total / width;
        squaredDeviations -= bucketSquares
                + size * width * (bucketMean - restMean) * (bucketMean - restMean) / (size + width);
        dropOldest(row, 1);
        if (counts[row] == 0) {
            rows--;
        }
        return size;
    }

    int rows() {
        return rows;
    }

    int count(int row) {
        return counts[row];
    }

    /** How many values each bucket of {@code row} summarises: {@code 2^row}. */
    double bucketSize(int row) {
        return sizes[row];
    }

    /** The total of bucket {@code k} (0 = oldest) of {@code row}. */
    double total(int row, int k) {
        return totals[row][k];
    }

    double width() {
        return width;
    }

    double total() {
        return total;
    }

    double squaredDeviations() {
        return squaredDeviations;
    }

    /** How many buckets the window holds in all. */
    int buckets() {
        int n = 0;
        for (int i = 0; i < rows; i++) {
            n += counts[i];
        }
        return n;
    }

    private void append(int row, double bucketTotal, double bucketSquares) {
        int k = counts[row]++;
        totals[row][k] = bucketTotal;
        squares[row][k] = bucketSquares;
    }

    private void dropOldest(int row, int n) {
        int left = counts[row] - n;
        System.arraycopy(totals[row], n, totals[row], 0, left);
        System.arraycopy(squares[row], n, squares[row], 0, left);
        counts[row] = left;
    }

    private void ensureRow(int row) {
        if (row < totals.length) {
            return;
        }
        int capacity = Math.max(8, totals.length * 2);
        int old = totals.length;
        totals = Arrays.copyOf(totals, capacity);
        squares = Arrays.copyOf(squares, capacity);
        counts = Arrays.copyOf(counts, capacity);
        sizes = Arrays.copyOf(sizes, capacity);
        for (int i = old; i < capacity; i++) {
            // one spare slot: a row briefly holds maxBuckets + 1 buckets before it is compressed
            totals[i] = new double[maxBuckets + 1];
            squares[i] = new double[maxBuckets + 1];
            sizes[i] = Math.scalb(1.0, i);
        }
    }
}
