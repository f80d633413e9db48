package dev.mlops.monitoring.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Alertmanager's dispatch semantics (dispatch/dispatch.go aggrGroup, notify DedupStage), driven by a
 * hand-moved clock. Rules are evaluated every minute; the tests tick every 30 seconds so that every
 * flush time (30 s after a group is created, then every 5 minutes) is hit exactly.
 */
class DispatchTest extends AlertManagerFixture {

    @Nested
    @DisplayName("group timing")
    class GroupTiming {

        @Test
        @DisplayName("the first notification waits group_wait (30 s) after the group is created")
        void groupWait() {
            build(route(Receiver.of("team", notifier), "alertname"), driftRule());
            drift.set(model("fraud"), 0.5);
            tickAt(Duration.ZERO);
            tickAt(s(29));
            assertThat(notifier.sent()).isEmpty();
            tickAt(s(30));
            Notification n = notifier.last();
            assertThat(notifier.sent()).hasSize(1);
            assertThat(n.receiver()).isEqualTo("team");
            assertThat(n.groupKey()).isEqualTo("{}:{alertname=\"HighDrift\"}");
            assertThat(n.groupLabels()).isEqualTo(Labels.of("alertname", "HighDrift"));
            assertThat(n.time()).isEqualTo(T0.plus(s(30)));
            assertThat(n.status()).isEqualTo(AlertState.FIRING);
            assertThat(n.alerts()).singleElement().satisfies(a -> {
                assertThat(a.status()).isEqualTo(AlertState.FIRING);
                assertThat(a.labels()).isEqualTo(Labels.of("alertname", "HighDrift", "model", "fraud"));
                assertThat(a.annotations()).containsEntry("summary", "drift 0.5");
                assertThat(a.startsAt()).isEqualTo(T0);
                assertThat(a.endsAt()).isEmpty();
            });
        }

        @Test
        @DisplayName("an alert joining a flushed group waits for the next group_interval (5 min)")
        void groupInterval() {
            build(route(Receiver.of("team", notifier), "alertname"), driftRule());
            drift.set(model("fraud"), 0.5);
            tickAt(Duration.ZERO);
            runUntil(s(30));
            drift.set(model("churn"), 0.9);
            runUntil(m(5));
            assertThat(notifier.sent()).hasSize(1);
            runUntil(m(5).plus(s(30)));
            assertThat(notifier.sent()).hasSize(2);
            assertThat(notifier.last().alerts()).extracting(a -> a.labels().value("model")).containsExactly("churn", "fraud");
            assertThat(notifier.last().alerts()).allMatch(NotifiedAlert::isFiring);
        }

        @Test
        @DisplayName("an unchanged group is repeated at the first flush strictly after repeat_interval (4 h)")
        void repeatInterval() {
            build(route(Receiver.of("team", notifier), "alertname"), driftRule());
            drift.set(model("fraud"), 0.5);
            tickAt(Duration.ZERO);
            runUntil(Duration.ofHours(4).plus(m(15)));
            // Flushes at 30 s + k * 5 min. At 4 h 0 min 30 s the last notification (30 s) is exactly 4 h old,
            // which is not "before now - 4 h", so the repeat happens at the next flush.
            assertThat(sentTimes(notifier)).containsExactly(T0.plus(s(30)), T0.plus(Duration.ofHours(4)).plus(m(5)).plus(s(30)));
        }

        @Test
        @DisplayName("an alert older than group_wait entering a new group is flushed at once")
        void oldAlertSkipsGroupWait() {
            build(route(Receiver.of("team", notifier), "alertname"), driftRule());
            tickAt(Duration.ZERO);
            drift.set(model("fraud"), 0.5);
            // The rule is evaluated at the aligned time 2 min; the dispatcher receives it at 2 min 59 s,
            // when startsAt + group_wait (2 min 30 s) has passed.
            tickAt(m(2).plus(s(59)));
            assertThat(notifier.sent()).hasSize(1);
            assertThat(notifier.last().alerts().get(0).startsAt()).isEqualTo(T0.plus(m(2)));
            assertThat(notifier.last().time()).isEqualTo(T0.plus(m(2)).plus(s(59)));
        }

        @Test
        @DisplayName("rules are evaluated at timestamps aligned to the evaluation interval, missed slots skipped")
        void evaluationAlignment() {
            AlertRule rule = AlertRule.builder("HighDrift").when(drift, Condition.above(0.2))
                    .forDuration(m(2)).build();
            build(route(Receiver.of("team", notifier)), rule);
            drift.set(0.5);
            tickAt(Duration.ZERO);
            tickAt(s(30));
            tickAt(m(1));
            assertThat(manager.ruleState("HighDrift")).isEqualTo(AlertState.PENDING);
            tickAt(m(3).plus(s(20)));
            assertThat(manager.stats().evaluations()).isEqualTo(3);
            assertThat(manager.alerts()).singleElement().satisfies(a -> {
                assertThat(a.activeAt()).isEqualTo(T0);
                assertThat(a.firedAt()).contains(T0.plus(m(3)));
            });
        }
    }

    @Nested
    @DisplayName("grouping")
    class Grouping {

        @Test
        @DisplayName("group_by splits alerts into one group, and one notification, per label value")
        void byLabels() {
            build(route(Receiver.of("team", notifier), "alertname", "model"), driftRule());
            drift.set(model("fraud"), 0.5).set(model("churn"), 0.3);
            tickAt(Duration.ZERO);
            tickAt(s(30));
            assertThat(notifier.sent()).hasSize(2);
            assertThat(notifier.sent()).extracting(Notification::groupKey).containsExactly(
                    "{}:{alertname=\"HighDrift\", model=\"fraud\"}", "{}:{alertname=\"HighDrift\", model=\"churn\"}");
            assertThat(notifier.sent().get(0).title()).isEqualTo("[FIRING:1] HighDrift (model=fraud)");
            assertThat(manager.groupKeys()).hasSize(2);
        }

        @Test
        @DisplayName("without group_by every alert of the route shares one group")
        void oneGroup() {
            build(route(Receiver.of("team", notifier)), driftRule());
            drift.set(model("fraud"), 0.5).set(model("churn"), 0.3);
            tickAt(Duration.ZERO);
            tickAt(s(30));
            assertThat(notifier.sent()).singleElement().satisfies(n -> {
                assertThat(n.groupKey()).isEqualTo("{}:{}");
                assertThat(n.alerts()).hasSize(2);
                assertThat(n.commonLabels()).isEqualTo(Labels.of("alertname", "HighDrift"));
                assertThat(n.title()).isEqualTo("[FIRING:2] HighDrift");
            });
        }

        @Test
        @DisplayName("groupByAll gives each alert its own group")
        void byAll() {
            build(Route.builder().receiver(Receiver.of("team", notifier)).groupByAll().build(), driftRule());
            drift.set(model("fraud"), 0.5).set(model("churn"), 0.3);
            tickAt(Duration.ZERO);
            tickAt(s(30));
            assertThat(notifier.sent()).hasSize(2);
        }

        @Test
        @DisplayName("alerts are ordered as Alertmanager orders them: job, instance, then labels")
        void order() {
            build(route(Receiver.of("team", notifier)), driftRule());
            drift.set(Labels.of("job", "b", "x", "1"), 1).set(Labels.of("job", "a", "x", "2"), 1).set(Labels.of("x", "0"), 1);
            tickAt(Duration.ZERO);
            tickAt(s(30));
            assertThat(notifier.last().alerts()).extracting(a -> a.labels().value("x")).containsExactly("2", "1", "0");
        }
    }

    @Nested
    @DisplayName("resolved notifications")
    class Resolved {

        @Test
        @DisplayName("a resolved alert is notified at the next flush with endsAt, then leaves the group")
        void sendResolved() {
            build(route(Receiver.of("team", notifier), "alertname"), driftRule());
            drift.set(model("fraud"), 0.5);
            tickAt(Duration.ZERO);
            runUntil(m(9).plus(s(30)));
            drift.clear();
            runUntil(m(10).plus(s(30)));
            assertThat(notifier.sent()).hasSize(2);
            Notification n = notifier.last();
            assertThat(n.time()).isEqualTo(T0.plus(m(10)).plus(s(30)));
            assertThat(n.status()).isEqualTo(AlertState.RESOLVED);
            assertThat(n.title()).isEqualTo("[RESOLVED] HighDrift");
            assertThat(n.alerts()).singleElement().satisfies(a -> {
                assertThat(a.status()).isEqualTo(AlertState.RESOLVED);
                assertThat(a.endsAt()).contains(T0.plus(m(10)));
                assertThat(a.startsAt()).isEqualTo(T0);
            });
            runUntil(m(60));
            assertThat(notifier.sent()).hasSize(2);
            assertThat(manager.groupKeys()).as("empty groups are dropped by maintenance").isEmpty();
        }

        @Test
        @DisplayName("with send_resolved false nothing is sent on resolution, and a return fires anew")
        void withoutSendResolved() {
            RecordingNotifier slackLike = new RecordingNotifier(false);
            build(route(Receiver.of("team", slackLike), "alertname"), driftRule());
            drift.set(model("fraud"), 0.5);
            tickAt(Duration.ZERO);
            runUntil(m(9).plus(s(30)));
            drift.clear();
            runUntil(m(19).plus(s(30)));
            assertThat(sentTimes(slackLike)).containsExactly(T0.plus(s(30)));
            drift.set(model("fraud"), 0.6);
            runUntil(m(21));
            assertThat(sentTimes(slackLike)).containsExactly(T0.plus(s(30)), T0.plus(m(20)).plus(s(30)));
            assertThat(slackLike.last().alerts()).singleElement().satisfies(a -> assertThat(a.startsAt()).isEqualTo(T0.plus(m(20))));
        }

        @Test
        @DisplayName("a partial resolution notifies integrations that send resolved, not the others")
        void partialResolution() {
            RecordingNotifier webhookLike = new RecordingNotifier(true);
            RecordingNotifier slackLike = new RecordingNotifier(false);
            Receiver team = Receiver.builder("team").notifier(webhookLike).notifier(slackLike).build();
            build(route(team, "alertname"), driftRule());
            drift.set(model("fraud"), 0.5).set(model("churn"), 0.5);
            tickAt(Duration.ZERO);
            runUntil(s(30));
            drift.remove(model("churn"));
            runUntil(m(6));
            assertThat(webhookLike.sent()).hasSize(2);
            assertThat(webhookLike.last().firing()).extracting(a -> a.labels().value("model")).containsExactly("fraud");
            assertThat(webhookLike.last().resolved()).extracting(a -> a.labels().value("model")).containsExactly("churn");
            assertThat(webhookLike.last().status()).isEqualTo(AlertState.FIRING);
            assertThat(slackLike.sent()).hasSize(1);
            runUntil(m(11));
            assertThat(webhookLike.sent()).as("a resolved alert is notified once").hasSize(2);
        }

        @Test
        @DisplayName("an alert that fires and resolves before its group's first flush is never notified")
        void firedAndResolvedBeforeFirstFlush() {
            build(Route.builder().receiver(Receiver.of("team", notifier)).groupWait(m(5)).build(), driftRule());
            drift.set(model("fraud"), 0.5);
            tickAt(Duration.ZERO);
            drift.clear();
            runUntil(m(20));
            assertThat(notifier.sent()).isEmpty();
        }

        @Test
        @DisplayName("an alert that fires and resolves between flushes, while others fire, is notified as resolved")
        void firedAndResolvedBetweenFlushes() {
            // DedupStage: the firing set did not grow, but the resolved set is not a subset of what was sent.
            build(route(Receiver.of("team", notifier), "alertname"), driftRule());
            drift.set(model("fraud"), 0.5);
            tickAt(Duration.ZERO);
            runUntil(s(30));
            drift.set(model("churn"), 0.5);
            runUntil(m(1));
            drift.remove(model("churn"));
            runUntil(m(6));
            assertThat(notifier.sent()).hasSize(2);
            assertThat(notifier.last().resolved()).extracting(a -> a.labels().value("model")).containsExactly("churn");
            assertThat(notifier.last().firing()).extracting(a -> a.labels().value("model")).containsExactly("fraud");
        }

        @Test
        @DisplayName("after an all-resolved notification, a fire-and-resolve between flushes stays silent")
        void silentAfterResolution() {
            build(Route.builder().receiver(Receiver.of("team", notifier)).groupWait(m(5)).build(), driftRule());
            drift.set(model("fraud"), 0.5);
            tickAt(Duration.ZERO);
            drift.clear();
            runUntil(m(4));
            drift.set(model("fraud"), 0.5);
            runUntil(m(5));
            drift.clear();
            runUntil(m(6));
            // fraud resolved at 1 min and fired again at 5 min, when the group flushed; it resolves at 6 min
            // and that is notified at the next flush, 10 min.
            assertThat(notifier.sent()).hasSize(1);
            runUntil(m(11));
            assertThat(notifier.sent()).hasSize(2);
            assertThat(notifier.last().status()).isEqualTo(AlertState.RESOLVED);
            drift.set(model("churn"), 0.5);
            runUntil(m(12));
            drift.clear();
            runUntil(m(30));
            assertThat(notifier.sent()).as("the receiver never heard of churn firing").hasSize(2);
        }
    }

    @Nested
    @DisplayName("failures")
    class Failures {

        @Test
        @DisplayName("a failing notifier is counted, never thrown, and the next flush retries")
        void notifierFailure() {
            build(route(Receiver.of("team", notifier), "alertname"), driftRule());
            notifier.failNext(1);
            drift.set(model("fraud"), 0.5);
            tickAt(Duration.ZERO);
            tickAt(s(30));
            assertThat(notifier.sent()).isEmpty();
            assertThat(manager.stats().notificationFailures()).isEqualTo(1);
            runUntil(m(5).plus(s(30)));
            assertThat(sentTimes(notifier)).containsExactly(T0.plus(m(5)).plus(s(30)));
            assertThat(manager.stats().notificationsSent()).isEqualTo(1);
        }

        @Test
        @DisplayName("a resolved alert stays in the group until its notification succeeds")
        void resolvedKeptUntilDelivered() {
            build(route(Receiver.of("team", notifier), "alertname"), driftRule());
            drift.set(model("fraud"), 0.5);
            tickAt(Duration.ZERO);
            runUntil(s(30));
            drift.clear();
            runUntil(m(5));
            notifier.failNext(1);
            runUntil(m(10).plus(s(30)));
            assertThat(notifier.attempts()).isEqualTo(3);
            assertThat(notifier.last().status()).isEqualTo(AlertState.RESOLVED);
            assertThat(notifier.last().time()).isEqualTo(T0.plus(m(10)).plus(s(30)));
        }

        @Test
        @DisplayName("an integration that succeeded is not told again when another one failed")
        void perIntegrationLog() {
            RecordingNotifier ok = new RecordingNotifier();
            RecordingNotifier flaky = new RecordingNotifier();
            flaky.failNext(1);
            build(route(Receiver.builder("team").notifier(ok).notifier(flaky).build(), "alertname"), driftRule());
            drift.set(model("fraud"), 0.5);
            tickAt(Duration.ZERO);
            runUntil(m(6));
            assertThat(sentTimes(ok)).containsExactly(T0.plus(s(30)));
            assertThat(sentTimes(flaky)).containsExactly(T0.plus(m(5)).plus(s(30)));
        }

        @Test
        @DisplayName("a failing signal is counted; its alerts keep their state and other rules go on")
        void ruleFailure() {
            MutableSignal other = new MutableSignal().set(1);
            AlertRule otherRule = AlertRule.builder("Other").when(other, Condition.always()).build();
            build(route(Receiver.of("team", notifier), "alertname"), driftRule(), otherRule);
            drift.set(model("fraud"), 0.5);
            tickAt(Duration.ZERO);
            drift.failWith(new IllegalStateException("metrics backend down"));
            runUntil(m(1));
            assertThat(manager.stats().ruleFailures()).isEqualTo(1);
            assertThat(manager.ruleState("HighDrift")).isEqualTo(AlertState.FIRING);
            assertThat(manager.ruleState("Other")).isEqualTo(AlertState.FIRING);
            assertThat(notifier.sent()).extracting(Notification::groupKey)
                    .containsExactlyInAnyOrder("{}:{alertname=\"HighDrift\"}", "{}:{alertname=\"Other\"}");
        }
    }
}
