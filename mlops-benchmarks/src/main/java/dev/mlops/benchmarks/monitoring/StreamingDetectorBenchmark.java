package dev.mlops.benchmarks.monitoring;

import dev.mlops.monitoring.stream.Adwin;
import dev.mlops.monitoring.stream.DetectorState;
import dev.mlops.monitoring.stream.Ddm;
import dev.mlops.monitoring.stream.Eddm;
import dev.mlops.monitoring.stream.HddmA;
import dev.mlops.monitoring.stream.HddmW;
import dev.mlops.monitoring.stream.Kswin;
import dev.mlops.monitoring.stream.PageHinkley;
import dev.mlops.monitoring.stream.StreamingDetector;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Updates per second of each streaming drift detector with its defaults, one thread.
 *
 * <p>Each invocation feeds a pre-generated block of {@value #BLOCK} values: error indicators at
 * rate 0.2 for the binary detectors, N(0, 1) for the others, with an abrupt change (rate 0.5 /
 * mean +2) in the second half of the block, so that detections and the resets after them are part
 * of the cost. The detector persists across invocations. Run:
 * {@code java -cp ... org.openjdk.jmh.Main StreamingDetector -wi 2 -i 3 -f 1}; the score is in
 * updates per second.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class StreamingDetectorBenchmark {

    static final int BLOCK = 65_536;

    @Param({"ADWIN", "DDM", "EDDM", "HDDM_A", "HDDM_W", "PAGE_HINKLEY", "KSWIN"})
    public String detector;

    private StreamingDetector instance;
    private double[] values;

    @Setup(Level.Trial)
    public void setUp() {
        boolean binary;
        switch (detector) {
            case "ADWIN" -> { instance = Adwin.ofDefaults(); binary = false; }
            case "DDM" -> { instance = Ddm.ofDefaults(); binary = true; }
            case "EDDM" -> { instance = Eddm.ofDefaults(); binary = true; }
            case "HDDM_A" -> { instance = HddmA.ofDefaults(); binary = true; }
            case "HDDM_W" -> { instance = HddmW.ofDefaults(); binary = true; }
            case "PAGE_HINKLEY" -> { instance = PageHinkley.ofDefaults(); binary = false; }
            case "KSWIN" -> { instance = Kswin.ofDefaults(); binary = false; }
            default -> throw new IllegalArgumentException(detector);
        }
        SplittableRandom random = new SplittableRandom(42);
        values = new double[BLOCK];
        for (int i = 0; i < BLOCK; i++) {
            boolean changed = i >= BLOCK / 2;
            values[i] = binary
                    ? (random.nextDouble() < (changed ? 0.5 : 0.2) ? 1.0 : 0.0)
                    : random.nextGaussian() + (changed ? 2.0 : 0.0);
        }
    }

    /** Feeds one block; returns the number of drifts so that nothing is optimised away. */
    @Benchmark
    @OperationsPerInvocation(BLOCK)
    public int update() {
        int drifts = 0;
        for (double x : values) {
            if (instance.update(x) == DetectorState.DRIFT) {
                drifts++;
            }
        }
        return drifts;
    }
}
