package dev.mlops.featurestore.arrow;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Comparator;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IntSortTest {

    @ParameterizedTest(name = "{0} rows")
    @ValueSource(ints = {0, 1, 2, 25, 1000, 70_000})
    void both_sorts_order_like_a_stable_comparison_sort(int n) {
        Random random = new Random(n);
        long[] a = new long[n];
        long[] b = new long[n];
        for (int i = 0; i < n; i++) {
            a[i] = switch (i % 3) {
                case 0 -> random.nextInt(50) - 25;
                case 1 -> random.nextBoolean() ? Long.MIN_VALUE : Long.MAX_VALUE;
                default -> random.nextLong();
            };
            b[i] = random.nextInt(4);
        }
        Comparator<Integer> byAThenB = Comparator.<Integer>comparingLong(i -> a[i]).thenComparingLong(i -> b[i]);
        int[] expected = IntStream.range(0, n).boxed().sorted(byAThenB).mapToInt(Integer::intValue).toArray();

        assertThat(IntSort.sortedByLongs(a, b)).containsExactly(expected);
        assertThat(IntSort.sortedIndexes(n, (x, y) -> byAThenB.compare(x, y))).containsExactly(expected);
    }
}
