package dev.mlops.monitoring.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** ADWIN's exponential histogram keeps exact window statistics in O(M log n) buckets. */
class ExponentialHistogramTest {

    private static double[] moments(Deque<Double> values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        double mean = sum / values.size();
        double squares = 0;
        for (double v : values) {
            squares += (v - mean) * (v - mean);
        }
        return new double[] {values.size(), sum, squares};
    }

    @Test
    void tracksWidthTotalAndSquaredDeviationsExactly() {
        ExponentialHistogram histogram = new ExponentialHistogram(5);
        Deque<Double> values = new ArrayDeque<>();
        SplittableRandom random = new SplittableRandom(1);
        for (int i = 0; i < 10_000; i++) {
            double x = random.nextGaussian() * 3 + 10;
            histogram.add(x);
            values.addLast(x);
            if (i % 997 == 0) {
                double[] m = moments(values);
                assertThat(histogram.width()).isEqualTo(m[0]);
                assertThat(histogram.total()).isCloseTo(m[1], within(1e-9 * Math.abs(m[1])));
                assertThat(histogram.squaredDeviations()).isCloseTo(m[2], within(1e-9 * m[2]));
            }
        }
        double summed = 0;
        for (int row = 0; row < histogram.rows(); row++) {
            assertThat(histogram.count(row)).isBetween(1, 5);
            assertThat(histogram.bucketSize(row)).isEqualTo(Math.pow(2, row));
            summed += histogram.count(row) * histogram.bucketSize(row);
        }
        assertThat(summed).isEqualTo(10_000);
        assertThat(histogram.buckets()).isLessThanOrEqualTo(5 * (1 + (int) (Math.log(10_000) / Math.log(2))));
    }

    @Test
    void removingTheOldestBucketKeepsTheStatisticsOfTheRest() {
        ExponentialHistogram histogram = new ExponentialHistogram(2);
        Deque<Double> values = new ArrayDeque<>();
        for (int i = 0; i < 1_000; i++) {
            double x = i % 13 + (i > 600 ? 5 : 0);
            histogram.add(x);
            values.addLast(x);
        }
        while (histogram.width() > 50) {
            double removed = histogram.removeOldest();
            for (int i = 0; i < removed; i++) {
                values.removeFirst();
            }
            double[] m = moments(values);
            assertThat(histogram.width()).isEqualTo(m[0]);
            assertThat(histogram.total()).isCloseTo(m[1], within(1e-9 * m[1]));
            assertThat(histogram.squaredDeviations()).isCloseTo(m[2], within(1e-7 * m[2]));
        }
    }

    @Test
    void clearEmptiesTheWindow() {
        ExponentialHistogram histogram = new ExponentialHistogram(5);
        for (int i = 0; i < 500; i++) {
            histogram.add(i);
        }
        histogram.clear();
        assertThat(histogram.width()).isZero();
        assertThat(histogram.rows()).isEqualTo(1);
        assertThat(histogram.buckets()).isZero();
        histogram.add(4);
        assertThat(histogram.total()).isEqualTo(4);
    }
}
