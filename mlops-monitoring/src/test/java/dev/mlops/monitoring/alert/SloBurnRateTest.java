package dev.mlops.monitoring.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.mlops.core.InvalidArgumentException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * SLO events and the SRE workbook's multiwindow burn-rate rules, on hand-computed cases. Traffic is
 * 2000 events per minute; the objective is 99.9 %, so the error budget is 0.1 % and a burn rate of
 * {@code b} means an error ratio of {@code b / 1000}.
 */
class SloBurnRateTest {

    /** The evaluation time: 30 s into the minute 12:00, whose bucket is the newest. */
    static final Instant NOW = Instant.parse("2024-01-10T12:00:30Z");
    static final int THREE_DAYS = 3 * 24 * 60;

    /**
     * Records, for each minute from {@code from} to {@code to} (inclusive, relative to NOW's minute), 2000
     * events of which {@code bad} are bad. Ranges must not overlap: counts add up.
     */
    static void fill(SloEvents events, int from, int to, int bad) {
        Instant minute = Instant.parse("2024-01-10T12:00:00Z");
        for (int m = from; m <= to; m++) {
            events.record(minute.plus(Duration.ofMinutes(m)).plusSeconds(10), 2000 - bad, 2000);
        }
    }

    static SloBurnRateRules rules(SloEvents events) {
        return SloBurnRateRules.builder("checkout", events).objective(0.999).build();
    }

    static List<Signal.Sample> samples(SloBurnRateRules rules, Severity severity) {
        AlertRule rule = rules.rules().stream().filter(r -> r.severity().orElseThrow() == severity).findFirst().orElseThrow();
        return rule.signal().read(NOW);
    }

    @Nested
    @DisplayName("SloEvents")
    class Events {

        @Test
        @DisplayName("a k-minute window covers the k buckets ending with now's (partly filled) minute")
        void windows() {
            SloEvents e = SloEvents.create(Duration.ofMinutes(60));
            e.record(Instant.parse("2024-01-10T11:55:59Z"), 1, 1);   // minute -5
            e.record(Instant.parse("2024-01-10T11:56:00Z"), 3, 4);   // minute -4
            e.record(Instant.parse("2024-01-10T12:00:10Z"), 5, 5);   // minute 0
            e.record(Instant.parse("2024-01-10T12:01:00Z"), 0, 7);   // minute +1: after now
            assertThat(e.counts(NOW, Duration.ofMinutes(1))).isEqualTo(new SloEvents.Counts(5, 5));
            assertThat(e.counts(NOW, Duration.ofMinutes(5))).isEqualTo(new SloEvents.Counts(8, 9));
            assertThat(e.counts(NOW, Duration.ofMinutes(6))).isEqualTo(new SloEvents.Counts(9, 10));
            assertThat(e.errorRatio(NOW, Duration.ofMinutes(5)).getAsDouble()).isEqualTo(1.0 / 9);
            assertThat(e.errorRatio(NOW.minus(Duration.ofHours(2)), Duration.ofMinutes(5))).isEmpty();
        }

        @Test
        @DisplayName("buckets are reused after the retention; late events for a reused bucket are dropped")
        void retention() {
            SloEvents e = SloEvents.create(Duration.ofMinutes(10));
            Instant m0 = Instant.parse("2024-01-10T12:00:00Z");
            e.record(m0, 1, 2);
            e.record(m0.plus(Duration.ofMinutes(10)), 3, 3);
            e.record(m0.plusSeconds(5), 0, 4);
            assertThat(e.dropped()).isEqualTo(4);
            assertThat(e.counts(m0.plus(Duration.ofMinutes(10)), Duration.ofMinutes(10))).isEqualTo(new SloEvents.Counts(3, 3));
            assertThat(e.counts(m0, Duration.ofMinutes(10))).as("minute 0's bucket now holds minute 10")
                    .isEqualTo(new SloEvents.Counts(0, 0));
        }

        @Test
        @DisplayName("reject counts and windows that make no sense")
        void validation() {
            SloEvents e = SloEvents.create(Duration.ofHours(1));
            assertThatThrownBy(() -> e.record(NOW, 3, 2)).isInstanceOf(InvalidArgumentException.class).hasMessageContaining("good");
            assertThatThrownBy(() -> e.record(NOW, -1, 2)).isInstanceOf(InvalidArgumentException.class);
            assertThatThrownBy(() -> e.counts(NOW, Duration.ofSeconds(90))).isInstanceOf(InvalidArgumentException.class)
                    .hasMessageContaining("whole number of minutes");
            assertThatThrownBy(() -> e.counts(NOW, Duration.ofHours(2))).isInstanceOf(InvalidArgumentException.class)
                    .hasMessageContaining("at most");
            assertThatThrownBy(() -> SloEvents.create(Duration.ofDays(91))).isInstanceOf(InvalidArgumentException.class);
            assertThat(e.counts(NOW, Duration.ofHours(1))).isEqualTo(new SloEvents.Counts(0, 0));
        }
    }

    @Nested
    @DisplayName("burn-rate windows")
    class Windows {

        @Test
        @DisplayName("2 % errors in the last hour: 1 h and 5 min burn at 20 > 14.4, so it pages; 3 d burns at 0.28, no ticket")
        void fastBurnPages() {
            SloEvents e = SloEvents.create();
            fill(e, -(THREE_DAYS - 1), -60, 0);
            fill(e, -59, 0, 40);
            SloBurnRateRules r = rules(e);
            // 1 h: 60 * 40 = 2400 bad of 120000 = 0.02 -> burn 20. 3 d: 2400 of 8640000 -> burn 0.2777...
            assertThat(r.burnRate(NOW, Duration.ofHours(1)).getAsDouble()).isCloseTo(20, within(1e-9));
            assertThat(r.burnRate(NOW, Duration.ofDays(3)).getAsDouble()).isCloseTo(2400.0 / 8640000 * 1000, within(1e-9));
            assertThat(samples(r, Severity.CRITICAL)).singleElement()
                    .satisfies(s -> assertThat(s.value()).isCloseTo(20, within(1e-9)));
            assertThat(samples(r, Severity.WARNING)).isEmpty();
        }

        @Test
        @DisplayName("0.8 % errors for 6 hours: 1 h burns at 8 < 14.4, but 6 h and 30 min burn at 8 > 6, so it pages")
        void slowBurnPages() {
            SloEvents e = SloEvents.create();
            fill(e, -(THREE_DAYS - 1), -360, 0);
            fill(e, -359, 0, 16);
            SloBurnRateRules r = rules(e);
            // 6 h: 360 * 16 = 5760 bad of 720000 = 0.008 -> burn 8; 3 d: 5760 of 8640000 -> 0.667, no ticket.
            assertThat(samples(r, Severity.CRITICAL)).singleElement()
                    .satisfies(s -> assertThat(s.value()).as("the 6 h burn rate").isCloseTo(8, within(1e-9)));
            assertThat(samples(r, Severity.WARNING)).isEmpty();
        }

        @Test
        @DisplayName("0.15 % errors for 3 days: burn 1.5 > 1 over 3 d and 6 h opens a ticket, no page")
        void ticket() {
            SloEvents e = SloEvents.create();
            fill(e, -(THREE_DAYS - 1), 0, 3);
            SloBurnRateRules r = rules(e);
            assertThat(samples(r, Severity.CRITICAL)).isEmpty();
            assertThat(samples(r, Severity.WARNING)).singleElement()
                    .satisfies(s -> assertThat(s.value()).isCloseTo(1.5, within(1e-9)));
        }

        @Test
        @DisplayName("the short window resets the page: errors stopped 10 minutes ago, 1 h still burns at 16.7")
        void shortWindowResets() {
            SloEvents e = SloEvents.create();
            fill(e, -(THREE_DAYS - 1), -60, 0);
            fill(e, -59, -10, 40);
            fill(e, -9, 0, 0);
            SloBurnRateRules r = rules(e);
            // 1 h: 50 * 40 = 2000 of 120000 -> 16.67 > 14.4, but 5 min: 0; 6 h: 2000 of 720000 -> 2.78 < 6.
            assertThat(r.burnRate(NOW, Duration.ofHours(1)).getAsDouble()).isCloseTo(2000.0 / 120000 * 1000, within(1e-9));
            assertThat(r.burnRate(NOW, Duration.ofMinutes(5)).getAsDouble()).isZero();
            assertThat(samples(r, Severity.CRITICAL)).isEmpty();
        }

        @Test
        @DisplayName("a burn rate equal to the factor does not alert (the comparison is strict); just above does")
        void strictThreshold() {
            SloEvents e = SloEvents.create(Duration.ofHours(1));
            SloBurnRateRules r = SloBurnRateRules.builder("api", e).objective(0.75)
                    .window(new SloBurnRateRules.Window(Duration.ofMinutes(10), Duration.ofMinutes(2), 1, Severity.WARNING))
                    .build();
            // budget 0.25 exactly; 500 of 2000 bad is a ratio of exactly 0.25 = 1 x budget.
            fill(e, -9, 0, 500);
            assertThat(r.rules().get(0).signal().read(NOW)).isEmpty();
            e.record(NOW, 0, 1);
            assertThat(r.rules().get(0).signal().read(NOW)).hasSize(1);
        }

        @Test
        @DisplayName("no traffic, no alert")
        void noTraffic() {
            SloBurnRateRules r = rules(SloEvents.create());
            assertThat(samples(r, Severity.CRITICAL)).isEmpty();
            assertThat(samples(r, Severity.WARNING)).isEmpty();
            assertThat(r.burnRate(NOW, Duration.ofHours(1))).isEmpty();
        }

        @Test
        @DisplayName("one rule per severity, with slo and severity labels and the workbook's table in the description")
        void ruleShape() {
            SloBurnRateRules r = SloBurnRateRules.builder("checkout", SloEvents.create()).objective(0.999)
                    .label("team", "payments").build();
            assertThat(r.rules()).hasSize(2);
            AlertRule page = r.rules().get(0);
            assertThat(page.name()).isEqualTo("SloErrorBudgetBurn");
            assertThat(page.labels()).containsEntry("slo", "checkout").containsEntry("severity", "critical")
                    .containsEntry("team", "payments");
            assertThat(page.annotations().get("description")).isEqualTo(
                    "Objective 0.999; alerting when the burn rate exceeds 14.4 over 1h and 5m or 6 over 6h and 30m.");
            assertThat(r.rules().get(1).annotations().get("description")).isEqualTo(
                    "Objective 0.999; alerting when the burn rate exceeds 1 over 3d and 6h.");
        }

        @Test
        @DisplayName("reject objectives outside (0, 1), windows longer than the retention, and bad windows")
        void validation() {
            SloEvents e = SloEvents.create(Duration.ofHours(1));
            assertThatThrownBy(() -> SloBurnRateRules.builder("x", e).objective(1)).isInstanceOf(InvalidArgumentException.class);
            assertThatThrownBy(() -> SloBurnRateRules.builder("x", e).build()).isInstanceOf(InvalidArgumentException.class)
                    .hasMessageContaining("objective");
            assertThatThrownBy(() -> SloBurnRateRules.builder("x", e).objective(0.99).build())
                    .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("retention");
            assertThatThrownBy(() -> new SloBurnRateRules.Window(Duration.ofMinutes(5), Duration.ofMinutes(5), 2, Severity.INFO))
                    .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("shortWindow");
            assertThatThrownBy(() -> new SloBurnRateRules.Window(Duration.ofHours(1), Duration.ofMinutes(5), 0, Severity.INFO))
                    .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("factor");
        }
    }

    @Test
    @DisplayName("in a manager, the page inhibits the ticket for the same SLO")
    void pageInhibitsTicket() {
        SloEvents e = SloEvents.create();
        fill(e, -(THREE_DAYS - 1), 0, 40);
        SloBurnRateRules slo = rules(e);
        ManualClock clock = new ManualClock(NOW);
        RecordingNotifier notifier = new RecordingNotifier();
        try (AlertManager manager = AlertManager.builder().clock(clock).rules(slo.rules())
                .route(Route.builder().receiver(Receiver.of("oncall", notifier)).groupBy("alertname", "severity").build())
                .inhibitRule(InhibitRule.of(List.of(Matcher.equal("severity", "critical")),
                        List.of(Matcher.equal("severity", "warning")), "alertname", "slo"))
                .build()) {
            manager.tick();
            assertThat(manager.alerts()).extracting(a -> a.labels().value("severity") + " " + a.state())
                    .containsExactlyInAnyOrder("critical FIRING", "warning FIRING");
            clock.advance(Duration.ofSeconds(30));
            manager.tick();
            assertThat(notifier.sent()).singleElement().satisfies(n -> {
                assertThat(n.groupLabels()).isEqualTo(Labels.of("alertname", "SloErrorBudgetBurn", "severity", "critical"));
                assertThat(n.alerts().get(0).annotations().get("summary"))
                        // 0.02 / (1 - 0.999) in binary floating point, printed as Go prints it
                        .isEqualTo("SLO checkout is burning its error budget at 19.999999999999982x the sustainable rate");
            });
        }
    }
}
