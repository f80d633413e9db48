package dev.mlops.monitoring.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The statistics each detector exposes. */
class DetectorStatisticsTest {

    @Test
    void adwinReportsWindowMeanAndVariance() {
        Adwin adwin = Adwin.ofDefaults();
        assertThat(adwin.mean()).isZero();
        for (double x : new double[] {1, 2, 3, 4, 5}) {
            adwin.update(x);
        }
        assertThat(adwin.width()).isEqualTo(5);
        assertThat(adwin.mean()).isEqualTo(3.0);
        assertThat(adwin.variance()).isCloseTo(2.0, within(1e-12));
    }

    @Test
    void adwinShrinksItsWindowToTheNewConcept() {
        Adwin adwin = Adwin.builder().clock(1).build();
        for (int i = 0; i < 1_000; i++) {
            adwin.update(0.0);
        }
        int drift = -1;
        for (int i = 0; i < 1_000 && drift < 0; i++) {
            if (adwin.update(10.0) == DetectorState.DRIFT) {
                drift = i;
                // the oldest buckets were dropped before reporting, so the window is mostly new data
                assertThat(adwin.width()).isLessThan(1_000 + i + 1);
            }
        }
        assertThat(drift).isBetween(0, 20);
        assertThat(adwin.buckets()).isPositive();
    }

    @Test
    void adwinNeverChecksInsideTheGracePeriod() {
        Adwin adwin = Adwin.builder().gracePeriod(100).clock(1).build();
        for (int i = 0; i < 50; i++) {
            assertThat(adwin.update(0.0)).isEqualTo(DetectorState.NONE);
        }
        for (int i = 0; i < 50; i++) {
            assertThat(adwin.update(1000.0)).isEqualTo(DetectorState.NONE);
        }
    }

    @Test
    void pageHinkleyModesWatchTheirDirection() {
        PageHinkley up = PageHinkley.builder().mode(PageHinkley.Mode.UP).build();
        PageHinkley down = PageHinkley.builder().mode(PageHinkley.Mode.DOWN).build();
        for (int i = 0; i < 500; i++) {
            up.update(10);
            down.update(10);
        }
        boolean upFired = false;
        boolean downFired = false;
        for (int i = 0; i < 500; i++) {
            upFired |= up.update(0) == DetectorState.DRIFT;
            downFired |= down.update(0) == DetectorState.DRIFT;
        }
        assertThat(upFired).isFalse();
        assertThat(downFired).isTrue();
        assertThat(up.decreaseStatistic()).isGreaterThan(50);
        assertThat(up.increaseStatistic()).isLessThan(50);
    }

    @Test
    void kswinReportsItsLatestTest() {
        Kswin kswin = Kswin.ofDefaults();
        for (int i = 0; i < 99; i++) {
            kswin.update(i % 7);
        }
        assertThat(kswin.lastPValue()).isEmpty();
        kswin.update(3);
        assertThat(kswin.lastPValue()).isPresent();
        assertThat(kswin.lastStatistic().orElseThrow()).isBetween(0.0, 1.0);
        kswin.reset();
        assertThat(kswin.lastPValue()).isEmpty();
    }

    @Test
    void kswinSeedChangesTheSampleButNotTheVerdictOnAClearShift() {
        double[] stream = ReferenceData.stream("stream_mixed_12345.txt");
        for (long seed : new long[] {1, 2, 3}) {
            Kswin kswin = Kswin.builder().alpha(0.0001).seed(seed).build();
            int first = -1;
            for (int i = 0; i < stream.length && first < 0; i++) {
                if (kswin.update(stream[i]) == DetectorState.DRIFT) {
                    first = i;
                }
            }
            // the shift starts at index 1000; river (Python RNG, seed 42) reports 1016
            assertThat(first).as("seed %d", seed).isBetween(1_000, 1_040);
        }
    }
}
