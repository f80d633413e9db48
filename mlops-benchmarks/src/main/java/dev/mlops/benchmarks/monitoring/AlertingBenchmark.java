package dev.mlops.benchmarks.monitoring;

import dev.mlops.monitoring.alert.AlertManager;
import dev.mlops.monitoring.alert.AlertRule;
import dev.mlops.monitoring.alert.Condition;
import dev.mlops.monitoring.alert.Labels;
import dev.mlops.monitoring.alert.Receiver;
import dev.mlops.monitoring.alert.Route;
import dev.mlops.monitoring.alert.Series;
import dev.mlops.monitoring.alert.Signal;
import dev.mlops.monitoring.alert.SloBurnRateRules;
import dev.mlops.monitoring.alert.SloEvents;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Costs of the alerting hot paths, one thread.
 *
 * <ul>
 *   <li>{@code sloRecord}: one {@link SloEvents#record(Instant, boolean)} call (the request path).</li>
 *   <li>{@code burnRateEvaluation}: reading the page and ticket signals of the SRE workbook's default
 *       windows over three days of per-minute buckets (what each rule evaluation costs).</li>
 *   <li>{@code tick1000Series}: one {@link AlertManager#tick()} one minute after the previous, with a
 *       rule over 1000 series (half of them above the threshold) grouped into 10 groups and a notifier
 *       that does nothing: evaluation, dispatch and, every fifth tick, a flush of every group.</li>
 * </ul>
 *
 * Run: {@code java -cp ... org.openjdk.jmh.Main AlertingBenchmark -wi 2 -i 3 -f 1}; scores are
 * average times.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class AlertingBenchmark {

    private static final Instant START = Instant.parse("2024-01-10T00:00:00Z");

    private SloEvents events;
    private List<Signal> burnSignals;
    private Instant burnNow;
    private long recordCounter;

    private AlertManager manager;
    private final AtomicLong minutes = new AtomicLong();

    @Setup(Level.Trial)
    public void setUp() {
        events = SloEvents.create();
        SplittableRandom rnd = new SplittableRandom(7);
        for (int m = 0; m < 3 * 24 * 60; m++) {
            events.record(START.plus(Duration.ofMinutes(m)), 2000 - rnd.nextInt(5), 2000);
        }
        burnNow = START.plus(Duration.ofDays(3)).minusSeconds(30);
        burnSignals = SloBurnRateRules.builder("checkout", events).objective(0.999).build()
                .rules().stream().map(AlertRule::signal).toList();

        Series drift = Series.create("drift_score", Duration.ofDays(365));
        for (int i = 0; i < 1000; i++) {
            drift.record(Labels.of("model", "m" + (i % 10), "feature", "f" + i), i % 2 == 0 ? 0.5 : 0.1, START);
        }
        InstantSource clock = () -> START.plus(Duration.ofMinutes(minutes.get()));
        manager = AlertManager.builder().clock(clock)
                .rule(AlertRule.builder("HighDrift").when(drift, Condition.above(0.2))
                        .annotation("summary", "drift {{ $value }} on {{ $labels.feature }}").build())
                .route(Route.builder().receiver(Receiver.of("sink", n -> { })).groupBy("model")
                        .groupWait(Duration.ZERO).build())
                .build();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        manager.close();
    }

    @Benchmark
    public void sloRecord() {
        recordCounter++;
        events.record(START.plusSeconds(recordCounter % (3 * 24 * 3600)), (recordCounter & 7) != 0);
    }

    @Benchmark
    public int burnRateEvaluation() {
        int n = 0;
        for (Signal s : burnSignals) {
            n += s.read(burnNow).size();
        }
        return n;
    }

    @Benchmark
    public void tick1000Series() {
        minutes.incrementAndGet();
        manager.tick();
    }
}
