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
        assertThat(IntSort.sortedByKeyThenTime(a, b)).containsExactly(expected);
        assertThat(IntSort.sortedIndexes(n, (x, y) -> byAThenB.compare(x, y))).containsExactly(expected);
    }

    @ParameterizedTest(name = "{0} rows")
    @ValueSource(ints = {0, 1, 2, 25, 1000, 70_000})
    void packed_key_then_time_sort_orders_like_a_stable_comparison_sort(int n) {
        Random random = new Random(n);
        long[] keys = new long[n];
        long[] times = new long[n];
        for (int i = 0; i < n; i++) {
            // Few distinct keys (long runs, sorted by merging), many (short runs), negative ones.
            keys[i] = i % 2 == 0 ? random.nextInt(3) - 1 : -1_000_000L + random.nextInt(2_000_000);
            times[i] = random.nextInt(5) == 0 ? Long.MIN_VALUE : random.nextLong() % 50;
        }
        Comparator<Integer> byKeyThenTime = Comparator.<Integer>comparingLong(i -> keys[i])
                .thenComparingLong(i -> times[i]);
        int[] expected = IntStream.range(0, n).boxed().sorted(byKeyThenTime).mapToInt(Integer::intValue).toArray();

        assertThat(IntSort.sortedByKeyThenTime(keys, times)).containsExactly(expected);
    }
}
