package dev.mlops.monitoring.alert;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;

/** A manager on a hand-moved clock, a mutable drift signal and a recording notifier. */
abstract class AlertManagerFixture {

    static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");

    final ManualClock clock = new ManualClock(T0);
    final MutableSignal drift = new MutableSignal();
    final RecordingNotifier notifier = new RecordingNotifier();
    AlertManager manager;

    static Duration s(long seconds) {
        return Duration.ofSeconds(seconds);
    }

    static Duration m(long minutes) {
        return Duration.ofMinutes(minutes);
    }

    static Labels model(String model) {
        return Labels.of("model", model);
    }

    AlertRule driftRule() {
        return AlertRule.builder("HighDrift").when(drift, Condition.above(0.2))
                .annotation("summary", "drift {{ $value }}").build();
    }

    AlertManager build(Route route, AlertRule... rules) {
        manager = AlertManager.builder().clock(clock).route(route).rules(List.of(rules)).build();
        return manager;
    }

    Route route(Receiver receiver, String... groupBy) {
        return Route.builder().receiver(receiver).groupBy(groupBy).build();
    }

    void tickAt(Duration offset) {
        clock.set(T0.plus(offset));
        manager.tick();
    }

    /** Ticks every 30 s after the clock's current time up to and including {@code end}. */
    void runUntil(Duration end) {
        Instant stop = T0.plus(end);
        while (clock.instant().isBefore(stop)) {
            clock.advance(s(30));
            manager.tick();
        }
    }

    List<Instant> sentTimes(RecordingNotifier n) {
        return n.sent().stream().map(Notification::time).toList();
    }

    @AfterEach
    void close() {
        if (manager != null) {
            manager.close();
        }
    }
}
