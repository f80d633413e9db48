package dev.mlops.monitoring.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Properties that hold whatever SciPy says: identity, symmetry, category alignment, determinism. */
class DriftStatisticsBehaviourTest {

    private static double[] normal(long seed, int n, double shift) {
        Random random = new Random(seed);
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = random.nextGaussian() + shift;
        }
        return out;
    }

    @Test
    void identicalSamplesShowNoDriftOnEveryStatistic() {
        double[] x = normal(1, 500, 0);
        double[] y = x.clone();
        assertThat(HypothesisTests.kolmogorovSmirnov(x, y)).isEqualTo(new TestResult(HypothesisTests.KS, 0.0, 1.0));
        assertThat(HypothesisTests.cramerVonMises(x, y).pValue()).isGreaterThan(0.99);
        assertThat(HypothesisTests.mannWhitneyU(x, y).pValue()).isEqualTo(1.0);
        assertThat(HypothesisTests.andersonDarling(x, y).pValue()).isEqualTo(0.25);
        assertThat(Distances.wasserstein(x, y)).isZero();
        assertThat(Distances.energy(x, y)).isZero();
        long[] counts = {5, 0, 7, 9};
        assertThat(Distances.jensenShannon(counts, counts)).isZero();
        assertThat(Distances.psi(counts, counts)).isZero();
        assertThat(Distances.klDivergence(counts, counts)).isZero();
        assertThat(Distances.hellinger(counts, counts)).isZero();
        assertThat(Distances.lInfinity(counts, counts)).isZero();
        assertThat(HypothesisTests.chiSquare(counts, counts).pValue()).isEqualTo(1.0);
    }

    @Test
    void ksAndDistancesAreSymmetric() {
        double[] x = normal(2, 300, 0);
        double[] y = normal(3, 200, 0.4);
        assertThat(HypothesisTests.kolmogorovSmirnov(x, y)).isEqualTo(HypothesisTests.kolmogorovSmirnov(y, x));
        assertThat(Distances.wasserstein(x, y)).isCloseTo(Distances.wasserstein(y, x), within(1e-15));
        assertThat(Distances.energy(x, y)).isCloseTo(Distances.energy(y, x), within(1e-15));
    }

    @Test
    void wassersteinOfAShiftIsTheShiftAndTheNormedFormDividesByTheStd() {
        double[] x = {1, 2, 3, 4};
        double[] y = {3, 4, 5, 6};
        assertThat(Distances.wasserstein(x, y)).isEqualTo(2.0);
        double std = Math.sqrt(1.25); // population std of 1..4
        assertThat(Distances.wassersteinNormed(x, y)).isCloseTo(2.0 / std, within(1e-15));
        assertThat(Distances.wassersteinNormed(new double[] {5, 5}, new double[] {5.5, 5.5}))
                .isCloseTo(0.5 / Distances.MIN_NORMALIZING_STD, within(1e-9));
    }

    @Test
    void mapOverloadsAlignCategoriesAndCountUnseenOnesAsZero() {
        Map<String, Long> reference = new LinkedHashMap<>();
        reference.put("red", 50L);
        reference.put("green", 30L);
        reference.put("blue", 20L);
        Map<String, Long> current = new LinkedHashMap<>();
        current.put("blue", 25L);
        current.put("red", 40L);
        current.put("purple", 5L);
        current.put("green", 30L);
        long[] ref = {50, 30, 20, 0};
        long[] cur = {40, 30, 25, 5};
        assertThat(Distances.jensenShannon(reference, current)).isEqualTo(Distances.jensenShannon(ref, cur));
        assertThat(Distances.psi(reference, current)).isEqualTo(Distances.psi(ref, cur));
        assertThat(Distances.klDivergence(reference, current)).isEqualTo(Distances.klDivergence(ref, cur));
        assertThat(Distances.hellinger(reference, current)).isEqualTo(Distances.hellinger(ref, cur));
        assertThat(Distances.lInfinity(reference, current)).isCloseTo(0.1, within(1e-15));
        TestResult chi = HypothesisTests.chiSquare(reference, current);
        assertThat(chi).isEqualTo(HypothesisTests.chiSquare(ref, cur));
        // purple never appeared in the reference: certain drift for the goodness-of-fit test
        assertThat(chi.statistic()).isInfinite();
        assertThat(chi.pValue()).isZero();
    }

    @Test
    void psiSmoothingUsesTheStatedEpsilonAndRenormalises() {
        long[] ref = {10, 0};
        long[] cur = {5, 5};
        double e0 = 1 / (1 + Distances.DEFAULT_EPSILON);
        double e1 = Distances.DEFAULT_EPSILON / (1 + Distances.DEFAULT_EPSILON);
        double expected = (0.5 - e0) * Math.log(0.5 / e0) + (0.5 - e1) * Math.log(0.5 / e1);
        assertThat(Distances.psi(ref, cur)).isCloseTo(expected, within(1e-15));
        assertThat(Distances.psi(ref, cur, 0.01)).isLessThan(Distances.psi(ref, cur));
    }

    @Test
    void ksSwitchesFromExactToAsymptoticAboveTenThousand() {
        double[] x = normal(4, 10_001, 0);
        double[] y = normal(5, 10_001, 0.03);
        TestResult r = HypothesisTests.kolmogorovSmirnov(x, y);
        double[] xs = x.clone();
        double[] ys = y.clone();
        java.util.Arrays.sort(xs);
        java.util.Arrays.sort(ys);
        double d = HypothesisTests.ksStatistic(xs, ys);
        assertThat(r.statistic()).isEqualTo(d);
        assertThat(r.pValue()).isEqualTo(HypothesisTests.ksAsymptoticPValue(d, 10_001, 10_001));
        // at 10 000 the p-value is the exact one, not the asymptotic formula
        TestResult exact = HypothesisTests.kolmogorovSmirnov(java.util.Arrays.copyOf(x, 10_000),
                java.util.Arrays.copyOf(y, 10_000));
        assertThat(exact.pValue()).isNotEqualTo(
                HypothesisTests.ksAsymptoticPValue(exact.statistic(), 10_000, 10_000));
    }

    @Test
    void concurrentCallsGiveTheSameResultsAsSequentialOnes() throws Exception {
        double[] x = normal(6, 2_000, 0);
        double[] y = normal(7, 3_000, 0.1);
        TestResult ks = HypothesisTests.kolmogorovSmirnov(x, y);
        TestResult cvm = HypothesisTests.cramerVonMises(x, y);
        TestResult mwu = HypothesisTests.mannWhitneyU(x, y);
        int threads = 4;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Boolean>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                Callable<Boolean> task = () -> {
                    start.await();
                    boolean same = true;
                    for (int i = 0; i < 20; i++) {
                        same &= HypothesisTests.kolmogorovSmirnov(x, y).equals(ks)
                                && HypothesisTests.cramerVonMises(x, y).equals(cvm)
                                && HypothesisTests.mannWhitneyU(x, y).equals(mwu);
                    }
                    return same;
                };
                futures.add(pool.submit(task));
            }
            start.countDown();
            for (Future<Boolean> f : futures) {
                assertThat(f.get(60, TimeUnit.SECONDS)).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
