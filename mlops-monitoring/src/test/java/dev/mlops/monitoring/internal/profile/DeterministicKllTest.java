package dev.mlops.monitoring.internal.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mlops.core.InvalidArgumentException;
import java.lang.reflect.Field;
import java.util.Arrays;
import java.util.Random;
import java.util.SplittableRandom;
import org.apache.datasketches.kll.KllDoublesSketch;
import org.apache.datasketches.memory.Memory;
import org.apache.datasketches.quantilescommon.QuantileSearchCriteria;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class DeterministicKllTest {

    /** DataSketches' shared, unseeded compaction coin; reseeded here so both sides flip the same coins. */
    private static Random dataSketchesRandom;

    @BeforeAll
    static void grabDataSketchesRandom() throws ReflectiveOperationException {
        Field f = Class.forName("org.apache.datasketches.kll.KllSketch").getDeclaredField("random");
        f.setAccessible(true);
        dataSketchesRandom = (Random) f.get(null);
    }

    private static double[] data(long seed, int n) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = r.nextDouble() * 1000 - 500 + (i % 7 == 0 ? r.nextGaussian() * 1e4 : 0);
        }
        return out;
    }

    @ParameterizedTest(name = "k={0}, n={1}")
    @CsvSource({"8,0", "8,1", "8,2", "8,9", "20,100", "200,199", "200,200", "200,201", "200,10000",
            "200,250000", "1000,100000", "8,100000"})
    @DisplayName("with DataSketches' coin sequence, updates give DataSketches' exact bytes")
    void updateParity(int k, int n) {
        double[] values = data(k * 31L + n, n);
        Random ours = new Random();
        DeterministicKll mine = new DeterministicKll(k, (len, level) -> ours.nextInt(2));
        KllDoublesSketch theirs = KllDoublesSketch.newHeapInstance(k);
        synchronized (DeterministicKllTest.class) {
            dataSketchesRandom.setSeed(n + 17L);
            ours.setSeed(n + 17L);
            for (double v : values) {
                theirs.update(v);
                mine.update(v);
            }
        }
        assertThat(mine.toByteArray()).isEqualTo(theirs.toByteArray());
        assertThat(mine.n()).isEqualTo(n);
    }

    @ParameterizedTest(name = "k={0}, n1={1}, n2={2}")
    @CsvSource({"200,0,500", "200,500,0", "200,1,1", "200,150,150", "200,5000,300", "200,300,5000",
            "200,100000,70000", "20,12345,54321", "8,1,100000"})
    @DisplayName("with DataSketches' coin sequence, merges give DataSketches' exact bytes")
    void mergeParity(int k, int n1, int n2) {
        Random ours = new Random();
        DeterministicKll.Coin coin = (len, level) -> ours.nextInt(2);
        DeterministicKll a = new DeterministicKll(k, coin);
        DeterministicKll b = new DeterministicKll(k, coin);
        KllDoublesSketch ta = KllDoublesSketch.newHeapInstance(k);
        KllDoublesSketch tb = KllDoublesSketch.newHeapInstance(k);
        synchronized (DeterministicKllTest.class) {
            dataSketchesRandom.setSeed(99);
            ours.setSeed(99);
            for (double v : data(1, n1)) {
                a.update(v);
                ta.update(v);
            }
            for (double v : data(2, n2)) {
                b.update(v);
                tb.update(v);
            }
            a.merge(b);
            ta.merge(tb);
            // and merging a deserialized sketch, as profiles do
            DeterministicKll c = DeterministicKll.fromBytes(b.toByteArray(), "kll");
            KllDoublesSketch tc = KllDoublesSketch.heapify(Memory.wrap(tb.toByteArray()));
            a.merge(c);
            ta.merge(tc);
        }
        assertThat(a.toByteArray()).isEqualTo(ta.toByteArray());
    }

    @Test
    @DisplayName("the production coin makes the same stream give the same bytes, and merges too")
    void deterministic() {
        double[] values = data(5, 300_000);
        DeterministicKll a = new DeterministicKll(200);
        DeterministicKll b = new DeterministicKll(200);
        a.update(values, 0, values.length);
        for (double v : values) {
            b.update(v);
        }
        assertThat(a.toByteArray()).isEqualTo(b.toByteArray());
        DeterministicKll a2 = a.copy();
        a2.merge(b);
        DeterministicKll b2 = DeterministicKll.fromBytes(a.toByteArray(), "kll");
        b2.merge(DeterministicKll.fromBytes(b.toByteArray(), "kll"));
        assertThat(a2.toByteArray()).isEqualTo(b2.toByteArray());
        assertThat(a2.n()).isEqualTo(600_000);
    }

    @Test
    @DisplayName("serialization round-trips through our reader and through DataSketches")
    void roundTrip() {
        for (int n : new int[] {0, 1, 2, 1000, 123_457}) {
            DeterministicKll s = new DeterministicKll(200);
            s.update(data(n, n), 0, n);
            byte[] bytes = s.toByteArray();
            assertThat(DeterministicKll.fromBytes(bytes, "kll").toByteArray()).isEqualTo(bytes);
            KllDoublesSketch ds = KllDoublesSketch.heapify(Memory.wrap(bytes));
            assertThat(ds.toByteArray()).isEqualTo(bytes);
            assertThat(ds.getN()).isEqualTo(n);
            assertThat(s.serializedSize()).isEqualTo(bytes.length);
        }
    }

    @Test
    @DisplayName("ranks are within DataSketches' 99% normalized rank error for k = 200")
    void errorBound() {
        int n = 1_000_000;
        double[] values = data(11, n);
        DeterministicKll s = new DeterministicKll(200);
        s.update(values, 0, n);
        KllDoublesSketch q = s.toSketch();
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        double bound = q.getNormalizedRankError(false);
        assertThat(bound).isBetween(0.012, 0.014);
        double worst = 0;
        for (int p = 1; p < 100; p++) {
            double x = sorted[(int) ((long) p * n / 100)];
            int idx = Arrays.binarySearch(sorted, x);
            while (idx + 1 < n && sorted[idx + 1] == x) {
                idx++;
            }
            double trueRank = (idx + 1) / (double) n;
            worst = Math.max(worst, Math.abs(q.getRank(x, QuantileSearchCriteria.INCLUSIVE) - trueRank));
        }
        assertThat(worst).isLessThanOrEqualTo(bound);
        assertThat(q.getMinItem()).isEqualTo(sorted[0]);
        assertThat(q.getMaxItem()).isEqualTo(sorted[n - 1]);
        assertThat(s.numRetained()).isLessThan(1000);
    }

    @Test
    @DisplayName("truncated or malformed bytes are rejected with InvalidArgumentException")
    void rejectsMalformed() {
        DeterministicKll s = new DeterministicKll(200);
        s.update(data(3, 5000), 0, 5000);
        byte[] bytes = s.toByteArray();
        for (int len = 0; len < bytes.length; len += 7) {
            byte[] cut = Arrays.copyOf(bytes, len);
            assertThatThrownBy(() -> DeterministicKll.fromBytes(cut, "kll"))
                    .isInstanceOf(InvalidArgumentException.class);
        }
        byte[] family = bytes.clone();
        family[2] = 7;
        assertThatThrownBy(() -> DeterministicKll.fromBytes(family, "kll"))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("family 7");
        byte[] levels = bytes.clone();
        levels[20] = (byte) 0xFF;
        levels[23] = (byte) 0x7F;
        assertThatThrownBy(() -> DeterministicKll.fromBytes(levels, "kll"))
                .isInstanceOf(InvalidArgumentException.class);
        byte[] n = bytes.clone();
        n[8] ^= 1;
        assertThatThrownBy(() -> DeterministicKll.fromBytes(n, "kll"))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("weights");
        assertThatThrownBy(() -> new DeterministicKll(7)).isInstanceOf(InvalidArgumentException.class);
    }
}
