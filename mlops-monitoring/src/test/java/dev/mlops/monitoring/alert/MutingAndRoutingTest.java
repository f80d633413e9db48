package dev.mlops.monitoring.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mlops.core.InvalidArgumentException;
import dev.mlops.core.NotFoundException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Silences, inhibition and routing, as Alertmanager applies them. */
class MutingAndRoutingTest extends AlertManagerFixture {

    @Nested
    @DisplayName("silences")
    class Silences {

        @Test
        @DisplayName("an active silence mutes matching alerts; they are notified at the first flush after it ends")
        void muteUntilEnd() {
            build(route(Receiver.of("team", notifier), "alertname", "model"), driftRule());
            Silence silence = manager.silence(m(10), "alice", "deploying", Matcher.equal("model", "fraud"));
            assertThat(silence.state(clock.instant())).isEqualTo(Silence.State.ACTIVE);
            drift.set(model("fraud"), 0.5).set(model("churn"), 0.5);
            tickAt(Duration.ZERO);
            runUntil(m(10));
            assertThat(notifier.sent()).extracting(n -> n.groupLabels().value("model")).containsExactly("churn");
            runUntil(m(10).plus(s(30)));
            assertThat(notifier.sent()).hasSize(2);
            assertThat(notifier.last().groupLabels().value("model")).isEqualTo("fraud");
            assertThat(notifier.last().time()).isEqualTo(T0.plus(m(10)).plus(s(30)));
        }

        @Test
        @DisplayName("a silence that has not started does not mute; expiring one unmutes at the next flush")
        void pendingAndExpired() {
            build(route(Receiver.of("team", notifier), "alertname"), driftRule());
            Silence later = manager.silence(List.of(Matcher.equal("alertname", "HighDrift")), T0.plus(m(60)),
                    T0.plus(m(120)), "bob", "maintenance window");
            Silence now = manager.silence(m(60), "bob", "known issue", Matcher.regex("model", "fr.*"));
            drift.set(model("fraud"), 0.5);
            tickAt(Duration.ZERO);
            runUntil(m(2));
            assertThat(notifier.sent()).isEmpty();
            manager.expireSilence(now.id());
            assertThat(manager.silences()).filteredOn(x -> x.id().equals(now.id())).singleElement()
                    .satisfies(x -> assertThat(x.state(clock.instant())).isEqualTo(Silence.State.EXPIRED));
            runUntil(m(5).plus(s(30)));
            assertThat(notifier.sent()).hasSize(1);
            assertThat(later.state(clock.instant())).isEqualTo(Silence.State.PENDING);
            manager.expireSilence(later.id());
            assertThat(manager.silences()).extracting(Silence::id).doesNotContain(later.id());
            assertThatThrownBy(() -> manager.expireSilence(now.id())).isInstanceOf(InvalidArgumentException.class);
            assertThatThrownBy(() -> manager.expireSilence("nope")).isInstanceOf(NotFoundException.class);
        }

        @Test
        @DisplayName("a resolution that happens while silenced is not notified, even after the silence")
        void resolvedWhileSilenced() {
            build(route(Receiver.of("team", notifier), "alertname"), driftRule());
            drift.set(model("fraud"), 0.5);
            tickAt(Duration.ZERO);
            runUntil(s(30));
            manager.silence(m(10), "alice", "", Matcher.equal("model", "fraud"));
            drift.clear();
            runUntil(m(60));
            assertThat(notifier.sent()).hasSize(1);
        }

        @Test
        @DisplayName("silences that could mute everything, or that end in the past, are rejected")
        void validation() {
            build(route(Receiver.of("team", notifier)), driftRule());
            assertThatThrownBy(() -> manager.silence(m(5), "a", "c")).isInstanceOf(InvalidArgumentException.class)
                    .hasMessageContaining("at least one matcher");
            assertThatThrownBy(() -> manager.silence(m(5), "a", "c", Matcher.regex("model", ".*")))
                    .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("empty string");
            assertThatThrownBy(() -> manager.silence(List.of(Matcher.equal("a", "b")), T0.minus(m(10)), T0.minus(m(5)), "a", "c"))
                    .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("future");
            assertThatThrownBy(() -> manager.silence(List.of(Matcher.equal("a", "b")), T0.plus(m(10)), T0.plus(m(5)), "a", "c"))
                    .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("endsAt");
            assertThat(manager.silences()).isEmpty();
        }
    }

    @Nested
    @DisplayName("inhibition")
    class Inhibition {

        final MutableSignal page = new MutableSignal();
        final MutableSignal ticket = new MutableSignal();

        AlertRule rule(String name, MutableSignal signal, Severity severity) {
            return AlertRule.builder(name).when(signal, Condition.always()).severity(severity).build();
        }

        @Test
        @DisplayName("a firing source mutes targets with equal labels; targets are notified once it resolves")
        void sourceMutesTarget() {
            manager = AlertManager.builder().clock(clock)
                    .route(Route.builder().receiver(Receiver.of("team", notifier)).groupByAll().build())
                    .rule(rule("Burn", page, Severity.CRITICAL))
                    .rule(rule("Burn", ticket, Severity.WARNING))
                    .inhibitRule(InhibitRule.of(List.of(Matcher.equal("severity", "critical")),
                            List.of(Matcher.equal("severity", "warning")), "alertname", "slo"))
                    .build();
            page.set(Labels.of("slo", "checkout"), 20);
            ticket.set(Labels.of("slo", "checkout"), 2).set(Labels.of("slo", "search"), 2);
            tickAt(Duration.ZERO);
            tickAt(s(30));
            assertThat(notifier.sent()).extracting(n -> n.groupLabels().value("severity") + "/" + n.groupLabels().value("slo"))
                    .containsExactlyInAnyOrder("critical/checkout", "warning/search");
            page.clear();
            runUntil(m(5).plus(s(30)));
            assertThat(notifier.sent()).extracting(n -> n.status() + " " + n.groupLabels().value("severity") + "/"
                    + n.groupLabels().value("slo")).containsExactlyInAnyOrder("FIRING critical/checkout",
                    "FIRING warning/search", "RESOLVED critical/checkout", "FIRING warning/checkout");
        }

        @Test
        @DisplayName("alerts matching both sides do not inhibit each other")
        void twoSided() {
            Matcher either = Matcher.regex("severity", "critical|warning");
            manager = AlertManager.builder().clock(clock)
                    .route(Route.builder().receiver(Receiver.of("team", notifier)).groupByAll().build())
                    .rule(rule("Burn", page, Severity.CRITICAL))
                    .rule(rule("Burn", ticket, Severity.WARNING))
                    .inhibitRule(InhibitRule.of(List.of(either), List.of(either), "slo"))
                    .build();
            page.set(Labels.of("slo", "checkout"), 20);
            ticket.set(Labels.of("slo", "checkout"), 2);
            tickAt(Duration.ZERO);
            tickAt(s(30));
            assertThat(notifier.sent()).hasSize(2);
        }

        @Test
        @DisplayName("the rule itself: target matchers, source matchers, equal labels with absent as empty")
        void ruleSemantics() {
            InhibitRule r = InhibitRule.of(List.of(Matcher.equal("severity", "critical")),
                    List.of(Matcher.equal("severity", "warning")), "cluster");
            Labels target = Labels.of("severity", "warning");
            assertThat(r.inhibits(target, List.of(Labels.of("severity", "critical")))).isTrue();
            assertThat(r.inhibits(target, List.of(Labels.of("severity", "critical", "cluster", "eu")))).isFalse();
            assertThat(r.inhibits(Labels.of("severity", "info"), List.of(Labels.of("severity", "critical")))).isFalse();
            assertThat(r.inhibits(target, List.of(Labels.of("severity", "error")))).isFalse();
            assertThatThrownBy(() -> InhibitRule.of(List.of(), List.of(Matcher.equal("a", "b"))))
                    .isInstanceOf(InvalidArgumentException.class);
        }
    }

    @Nested
    @DisplayName("routing")
    class Routing {

        @Test
        @DisplayName("the first matching child takes an alert; continue lets later siblings take it too")
        void childRoutes() {
            RecordingNotifier fallback = new RecordingNotifier();
            RecordingNotifier ml = new RecordingNotifier();
            RecordingNotifier pager = new RecordingNotifier();
            Route root = Route.builder()
                    .receiver(Receiver.of("default", fallback))
                    .groupBy("alertname")
                    .route(Route.builder().matcher(Matcher.equal("team", "ml")).continueMatching(true)
                                    .receiver(Receiver.of("ml", ml)).build(),
                            Route.builder().matcher(Matcher.equal("severity", "critical"))
                                    .receiver(Receiver.of("pager", pager)).groupWait(Duration.ZERO).build(),
                            Route.builder().matcher(Matcher.regex("severity", "crit.*"))
                                    .receiver(Receiver.of("never", new RecordingNotifier())).build())
                    .build();
            build(root, driftRule());
            drift.set(Labels.of("team", "ml", "severity", "critical"), 1)
                    .set(Labels.of("team", "ml", "severity", "warning"), 1)
                    .set(Labels.of("team", "web", "severity", "critical"), 1)
                    .set(Labels.of("team", "web", "severity", "info"), 1);
            tickAt(Duration.ZERO);
            assertThat(pager.sent()).as("group_wait 0 on the child: flushed at once").hasSize(1);
            tickAt(s(30));
            assertThat(ml.last().alerts()).extracting(a -> a.labels().value("severity")).containsExactly("critical", "warning");
            assertThat(ml.last().groupKey()).isEqualTo("{}/{team=\"ml\"}:{alertname=\"HighDrift\"}");
            assertThat(pager.last().alerts()).extracting(a -> a.labels().value("team")).containsExactly("ml", "web");
            assertThat(pager.last().groupKey()).isEqualTo("{}/{severity=\"critical\"}:{alertname=\"HighDrift\"}");
            assertThat(fallback.last().alerts()).singleElement()
                    .satisfies(a -> assertThat(a.labels().value("severity")).isEqualTo("info"));
            assertThat(fallback.last().receiver()).isEqualTo("default");
        }

        @Test
        @DisplayName("children inherit group_by and timers they do not set")
        void inheritance() {
            Route root = Route.builder().receiver(Receiver.of("default", notifier)).groupBy("model")
                    .groupWait(m(1)).route(Route.builder().matcher(Matcher.equal("alertname", "HighDrift")).build()).build();
            build(root, driftRule());
            drift.set(model("fraud"), 1).set(model("churn"), 1);
            tickAt(Duration.ZERO);
            tickAt(s(30));
            assertThat(notifier.sent()).isEmpty();
            tickAt(m(1));
            assertThat(notifier.sent()).extracting(Notification::groupKey).containsExactly(
                    "{}/{alertname=\"HighDrift\"}:{model=\"fraud\"}", "{}/{alertname=\"HighDrift\"}:{model=\"churn\"}");
        }

        @Test
        @DisplayName("the root needs a receiver and no matchers")
        void rootValidation() {
            assertThatThrownBy(() -> build(Route.builder().build(), driftRule()))
                    .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("receiver");
            assertThatThrownBy(() -> build(Route.builder().receiver(Receiver.of("x", notifier))
                    .matcher(Matcher.equal("a", "b")).build(), driftRule()))
                    .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("matchers");
            assertThatThrownBy(() -> Route.builder().groupInterval(Duration.ZERO)).isInstanceOf(InvalidArgumentException.class);
            assertThatThrownBy(() -> Route.builder().groupBy("a", "a")).isInstanceOf(InvalidArgumentException.class);
            assertThatThrownBy(() -> Receiver.builder("x").build()).isInstanceOf(InvalidArgumentException.class);
        }
    }
}
