package dev.mlops.monitoring.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SplitMix64Test {

    @Test
    void producesTheSameSequenceAsSplittableRandom() {
        for (long seed : new long[] {0L, 1L, 42L, -7L, Long.MAX_VALUE}) {
            SplitMix64 ours = new SplitMix64(seed);
            SplittableRandom jdk = new SplittableRandom(seed);
            for (int i = 0; i < 1_000; i++) {
                assertThat(ours.nextLong()).isEqualTo(jdk.nextLong());
            }
        }
    }

    @Test
    void firstOutputForSeedZeroIsTheReferenceValue() {
        // Vigna's reference splitmix64.c, state 0
        assertThat(new SplitMix64(0).nextLong()).isEqualTo(0xE220A8397B1DCDAFL);
    }

    @Test
    void boundedDrawsAreInRangeAndRoughlyUniform() {
        SplitMix64 random = new SplitMix64(99);
        int bound = 70;
        int[] counts = new int[bound];
        int draws = 700_000;
        for (int i = 0; i < draws; i++) {
            int r = random.nextInt(bound);
            assertThat(r).isBetween(0, bound - 1);
            counts[r]++;
        }
        double expected = (double) draws / bound;
        double chiSquare = 0;
        for (int c : counts) {
            chiSquare += (c - expected) * (c - expected) / expected;
        }
        // 69 degrees of freedom: the 0.999 quantile is about 111.
        assertThat(chiSquare).isLessThan(111);
    }
}
