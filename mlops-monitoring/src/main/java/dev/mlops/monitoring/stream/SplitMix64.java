package dev.mlops.monitoring.stream;

/**
 * SplitMix64 (Steele, Lea &amp; Flood, OOPSLA 2014), the generator behind
 * {@code java.util.SplittableRandom}, written out here so that its output for a seed is fixed by
 * this code rather than by a JDK version: KSWIN's detection indices depend on it, and the test
 * oracle re-implements it in Python. Not thread-safe.
 */
final class SplitMix64 {

    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;
    private static final long BOUND_RANGE = 1L << 31;

    private long state;

    SplitMix64(long seed) {
        this.state = seed;
    }

    long nextLong() {
        state += GOLDEN_GAMMA;
        long z = state;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /**
     * A uniform integer in {@code [0, bound)}: the top 31 bits of the next value, drawing again when
     * they fall in the short last block that would bias the remainder.
     */
    int nextInt(int bound) {
        long limit = BOUND_RANGE - BOUND_RANGE % bound;
        while (true) {
            long r = nextLong() >>> 33;
            if (r < limit) {
                return (int) (r % bound);
            }
        }
    }
}
