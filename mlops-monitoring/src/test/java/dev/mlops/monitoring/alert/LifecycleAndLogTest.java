package dev.mlops.monitoring.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mlops.core.InvalidArgumentException;
import dev.mlops.core.NotFoundException;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;

class LifecycleAndLogTest extends AlertManagerFixture {

    @Nested
    @DisplayName("AlertManager lifecycle")
    class Lifecycle {

        @Test
        @DisplayName("the builder requires a clock and exactly one of route or notifiers, and rejects options set twice")
        void builderValidation() {
            assertThatThrownBy(() -> AlertManager.builder().notifier(notifier).build())
                    .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("clock");
            assertThatThrownBy(() -> AlertManager.builder().clock(clock).build())
                    .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("route");
            assertThatThrownBy(() -> AlertManager.builder().clock(clock).notifier(notifier)
                    .route(route(Receiver.of("x", notifier))).build())
                    .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("not both");
            assertThatThrownBy(() -> AlertManager.builder().evaluationInterval(Duration.ZERO))
                    .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("evaluationInterval");
            assertThatThrownBy(() -> AlertManager.builder().externalUrl("a").externalUrl("b"))
                    .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("already");
        }

        @Test
        @DisplayName("notifier(...) alone sends everything to one receiver named default")
        void defaultReceiver() {
            manager = AlertManager.builder().clock(clock).rule(driftRule()).notifier(notifier).build();
            drift.set(0.5);
            tickAt(Duration.ZERO);
            tickAt(s(30));
            assertThat(notifier.last().receiver()).isEqualTo("default");
            assertThat(notifier.last().groupKey()).isEqualTo("{}:{}");
        }

        @Test
        @DisplayName("exposes rule states and alerts; an unknown rule is not found")
        void inspection() {
            build(route(Receiver.of("team", notifier)), driftRule());
            assertThat(manager.ruleState("HighDrift")).isEqualTo(AlertState.INACTIVE);
            drift.set(0.5);
            tickAt(Duration.ZERO);
            assertThat(manager.ruleState("HighDrift")).isEqualTo(AlertState.FIRING);
            assertThat(manager.alerts()).singleElement().satisfies(a -> {
                assertThat(a.ruleName()).isEqualTo("HighDrift");
                assertThat(a.fingerprint()).isEqualTo(Labels.of("alertname", "HighDrift").fingerprint());
                assertThat(a.annotation("summary")).contains("drift 0.5");
            });
            assertThatThrownBy(() -> manager.ruleState("Nope")).isInstanceOf(NotFoundException.class);
        }

        @Test
        @DisplayName("close closes AutoCloseable notifiers once, stops ticking, and refuses start")
        void close() {
            Receiver twice = Receiver.builder("r").notifier(notifier).notifier(notifier, false).build();
            build(route(twice), driftRule());
            drift.set(0.5);
            manager.close();
            manager.close();
            assertThat(notifier.closed()).isTrue();
            tickAt(Duration.ZERO);
            assertThat(manager.stats().evaluations()).isZero();
            ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1);
            try {
                assertThatThrownBy(() -> manager.start(scheduler)).isInstanceOf(IllegalStateException.class);
            } finally {
                scheduler.shutdownNow();
            }
        }

        @Test
        @DisplayName("start ticks on the host's scheduler until close cancels it")
        void scheduled() throws InterruptedException {
            CountDownLatch delivered = new CountDownLatch(1);
            Notifier latching = n -> delivered.countDown();
            ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1);
            scheduler.setRemoveOnCancelPolicy(true);
            try {
                manager = AlertManager.builder().clock(clock).rule(driftRule()).tickInterval(Duration.ofMillis(5))
                        .route(Route.builder().receiver(Receiver.of("r", latching)).groupWait(Duration.ZERO).build())
                        .build();
                drift.set(0.5);
                manager.start(scheduler);
                assertThatThrownBy(() -> manager.start(scheduler)).isInstanceOf(IllegalStateException.class);
                assertThat(delivered.await(10, TimeUnit.SECONDS)).isTrue();
                manager.close();
                assertThat(scheduler.getQueue()).as("the schedule was cancelled").isEmpty();
                assertThat(scheduler.isShutdown()).as("the scheduler stays the host's").isFalse();
            } finally {
                scheduler.shutdownNow();
            }
        }

        @Test
        @DisplayName("a tick that throws does not end the schedule")
        void failingTicksKeepScheduling() throws InterruptedException {
            CountDownLatch calls = new CountDownLatch(3);
            InstantSource broken = () -> {
                calls.countDown();
                throw new IllegalStateException("clock broken");
            };
            ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1);
            try {
                manager = AlertManager.builder().clock(broken).tickInterval(Duration.ofMillis(1))
                        .rule(driftRule()).notifier(notifier).build();
                manager.start(scheduler);
                assertThat(calls.await(10, TimeUnit.SECONDS)).as("ticks went on after the first one threw").isTrue();
            } finally {
                scheduler.shutdownNow();
            }
        }
    }

    /** Captures formatted log lines. */
    static final class CapturingLogger extends LegacyAbstractLogger {
        private static final long serialVersionUID = 1L;
        final List<String> lines = new ArrayList<>();

        CapturingLogger() {
            this.name = "capture";
        }

        @Override
        protected String getFullyQualifiedCallerName() {
            return null;
        }

        @Override
        protected void handleNormalizedLoggingCall(Level level, Marker marker, String pattern, Object[] args, Throwable t) {
            lines.add(level + " " + MessageFormatter.basicArrayFormat(pattern, args));
        }

        @Override
        public boolean isTraceEnabled() {
            return true;
        }

        @Override
        public boolean isDebugEnabled() {
            return true;
        }

        @Override
        public boolean isInfoEnabled() {
            return true;
        }

        @Override
        public boolean isWarnEnabled() {
            return true;
        }

        @Override
        public boolean isErrorEnabled() {
            return true;
        }
    }

    @Nested
    @DisplayName("LogNotifier")
    class Log {

        @Test
        @DisplayName("logs firing groups at WARN and resolved ones at INFO, one line each, control characters escaped")
        void lines() {
            CapturingLogger logger = new CapturingLogger();
            LogNotifier log = LogNotifier.to(logger);
            log.send(NotifierFixtures.notification(NotifierFixtures.firingAge(), NotifierFixtures.resolvedIncome()));
            log.send(NotifierFixtures.notification(NotifierFixtures.resolvedIncome()));
            Notification evil = new Notification("r\nFAKE", "{}:{}", Labels.of("x", "a\nb"), List.of(
                    NotifierFixtures.firingAge()), "", NotifierFixtures.T0);
            log.send(evil);
            assertThat(logger.lines).hasSize(3);
            assertThat(logger.lines.get(0)).isEqualTo("WARN [FIRING:1] FeatureDriftHigh receiver=\"ml-team\" "
                    + "group=\"{}:{alertname=\\\"FeatureDriftHigh\\\"}\" alerts: firing {alertname=\"FeatureDriftHigh\", "
                    + "feature=\"age\", model=\"fraud\", severity=\"warning\"} summary=\"Drift 0.31 on age\"; resolved "
                    + "{alertname=\"FeatureDriftHigh\", feature=\"income\", model=\"fraud\", severity=\"warning\"} "
                    + "summary=\"Drift 0.25 on income\"");
            assertThat(logger.lines.get(1)).startsWith("INFO [RESOLVED] FeatureDriftHigh");
            assertThat(logger.lines.get(2)).doesNotContain("\n").contains("x=a\\nb").contains("r\\nFAKE");
            assertThat(LogNotifier.create().toString()).contains(LogNotifier.DEFAULT_LOGGER);
        }
    }
}
