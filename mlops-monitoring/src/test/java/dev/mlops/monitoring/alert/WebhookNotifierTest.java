package dev.mlops.monitoring.alert;

import static dev.mlops.monitoring.alert.NotifierFixtures.AGE;
import static dev.mlops.monitoring.alert.NotifierFixtures.INCOME;
import static dev.mlops.monitoring.alert.NotifierFixtures.firingAge;
import static dev.mlops.monitoring.alert.NotifierFixtures.json;
import static dev.mlops.monitoring.alert.NotifierFixtures.notification;
import static dev.mlops.monitoring.alert.NotifierFixtures.referenceFingerprint;
import static dev.mlops.monitoring.alert.NotifierFixtures.resolvedIncome;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mlops.core.InvalidArgumentException;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The webhook notifier against a real HTTP server: Alertmanager's v4 payload, headers, retries. */
class WebhookNotifierTest extends HttpServerFixture {


    WebhookNotifier notifier(RetryPolicy policy) {
        return WebhookNotifier.builder(server.uri("/hook")).retryPolicy(policy).sleeper(sleeper).build();
    }

    static RetryPolicy retries(int attempts) {
        return new RetryPolicy(attempts, Duration.ofMillis(500), Duration.ofSeconds(30), 2, Duration.ofSeconds(60));
    }

    @Nested
    @DisplayName("payload")
    class Payload {

        @Test
        @DisplayName("is Alertmanager's webhook message, version 4, field for field")
        void exactPayload() {
            try (WebhookNotifier n = WebhookNotifier.builder(server.uri("/hook")).header("Authorization", "Bearer s3cret")
                    .sleeper(sleeper).build()) {
                n.send(notification(firingAge(), resolvedIncome()));
            }
            TestHttpServer.Request r = server.only();
            assertThat(r.method()).isEqualTo("POST");
            assertThat(r.path()).isEqualTo("/hook");
            assertThat(r.header("Content-Type")).isEqualTo("application/json");
            assertThat(r.header("Authorization")).isEqualTo("Bearer s3cret");
            JsonNode expected = json("""
                    {
                      "receiver": "ml-team",
                      "status": "firing",
                      "alerts": [
                        {
                          "status": "firing",
                          "labels": {"alertname": "FeatureDriftHigh", "feature": "age", "model": "fraud", "severity": "warning"},
                          "annotations": {"summary": "Drift 0.31 on age"},
                          "startsAt": "2024-01-01T00:00:00Z",
                          "endsAt": "0001-01-01T00:00:00Z",
                          "generatorURL": "https://grafana.example/d/drift",
                          "fingerprint": "%s"
                        },
                        {
                          "status": "resolved",
                          "labels": {"alertname": "FeatureDriftHigh", "feature": "income", "model": "fraud", "severity": "warning"},
                          "annotations": {"summary": "Drift 0.25 on income"},
                          "startsAt": "2024-01-01T00:01:00Z",
                          "endsAt": "2024-01-01T00:10:00.5Z",
                          "generatorURL": "",
                          "fingerprint": "%s"
                        }
                      ],
                      "groupLabels": {"alertname": "FeatureDriftHigh"},
                      "commonLabels": {"alertname": "FeatureDriftHigh", "model": "fraud", "severity": "warning"},
                      "commonAnnotations": {},
                      "externalURL": "https://mlops.example/alerts",
                      "version": "4",
                      "groupKey": "{}:{alertname=\\"FeatureDriftHigh\\"}",
                      "truncatedAlerts": 0
                    }
                    """.formatted(referenceFingerprint(AGE), referenceFingerprint(INCOME)));
            assertThat(r.json()).isEqualTo(expected);
        }

        @Test
        @DisplayName("maxAlerts truncates, counts the rest, and computes status and common labels on what is sent")
        void truncation() {
            try (WebhookNotifier n = WebhookNotifier.builder(server.uri("/hook")).maxAlerts(1).sleeper(sleeper).build()) {
                n.send(notification(resolvedIncome(), firingAge()));
            }
            JsonNode body = server.only().json();
            assertThat(body.get("truncatedAlerts").asInt()).isEqualTo(1);
            assertThat(body.get("alerts")).hasSize(1);
            assertThat(body.get("status").asText()).isEqualTo("resolved");
            assertThat(body.get("commonLabels").get("feature").asText()).isEqualTo("income");
            assertThat(body.get("commonAnnotations").get("summary").asText()).isEqualTo("Drift 0.25 on income");
        }

        @Test
        @DisplayName("an all-resolved group has status resolved")
        void resolvedStatus() {
            ObjectNode p = WebhookNotifier.payload(dev.mlops.core.Json.newMapper(), notification(resolvedIncome()), 0);
            assertThat(p.get("status").asText()).isEqualTo("resolved");
        }
    }

    @Nested
    @DisplayName("retries")
    class Retries {

        @Test
        @DisplayName("503 is retried with exponential backoff until it succeeds")
        void retries503() {
            server.respond(503).respond(503);
            try (WebhookNotifier n = notifier(retries(5))) {
                n.send(notification(firingAge()));
            }
            assertThat(server.requests()).hasSize(3);
            assertThat(server.requests()).extracting(TestHttpServer.Request::body).containsOnly(server.requests().get(0).body());
            assertThat(sleeper.waits()).containsExactly(Duration.ofMillis(500), Duration.ofSeconds(1));
        }

        @Test
        @DisplayName("429 with Retry-After in seconds waits what the server asked")
        void retryAfterSeconds() {
            server.respond(429, Map.of("Retry-After", "7"), "slow down");
            try (WebhookNotifier n = notifier(retries(3))) {
                n.send(notification(firingAge()));
            }
            assertThat(server.requests()).hasSize(2);
            assertThat(sleeper.waits()).containsExactly(Duration.ofSeconds(7));
        }

        @Test
        @DisplayName("Retry-After as an HTTP date is measured from the notification's time")
        void retryAfterDate() {
            String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(
                    notification().time().plusSeconds(12).atOffset(ZoneOffset.UTC));
            server.respond(503, Map.of("Retry-After", date), "");
            try (WebhookNotifier n = notifier(retries(3))) {
                n.send(notification(firingAge()));
            }
            assertThat(sleeper.waits()).containsExactly(Duration.ofSeconds(12));
        }

        @Test
        @DisplayName("a Retry-After beyond the limit fails at once instead of blocking")
        void retryAfterTooLong() {
            server.respond(429, Map.of("Retry-After", "3600"), "");
            try (WebhookNotifier n = notifier(retries(5))) {
                assertThatThrownBy(() -> n.send(notification(firingAge()))).isInstanceOf(DeliveryException.class)
                        .hasMessageContaining("Retry-After")
                        .satisfies(e -> assertThat(((DeliveryException) e).status()).hasValue(429));
            }
            assertThat(server.requests()).hasSize(1);
            assertThat(sleeper.waits()).isEmpty();
        }

        @Test
        @DisplayName("400 is never retried")
        void noRetryOn400() {
            server.respond(400, Map.of(), "bad payload");
            try (WebhookNotifier n = notifier(retries(5))) {
                assertThatThrownBy(() -> n.send(notification(firingAge()))).isInstanceOf(DeliveryException.class)
                        .hasMessageContaining("HTTP 400: bad payload")
                        .satisfies(e -> {
                            DeliveryException d = (DeliveryException) e;
                            assertThat(d.attempts()).isEqualTo(1);
                            assertThat(d.status()).hasValue(400);
                        });
            }
            assertThat(server.requests()).hasSize(1);
            assertThat(sleeper.waits()).isEmpty();
        }

        @Test
        @DisplayName("other 4xx are not retried either")
        void noRetryOn404() {
            server.respond(404);
            try (WebhookNotifier n = notifier(retries(5))) {
                assertThatThrownBy(() -> n.send(notification(firingAge()))).isInstanceOf(DeliveryException.class);
            }
            assertThat(server.requests()).hasSize(1);
        }

        @Test
        @DisplayName("when every attempt fails, the last status and the attempt count are reported")
        void exhausted() {
            server.respond(500).respond(502).respond(500);
            try (WebhookNotifier n = notifier(retries(3))) {
                assertThatThrownBy(() -> n.send(notification(firingAge()))).isInstanceOf(DeliveryException.class)
                        .satisfies(e -> {
                            assertThat(((DeliveryException) e).attempts()).isEqualTo(3);
                            assertThat(((DeliveryException) e).status()).hasValue(500);
                        });
            }
            assertThat(server.requests()).hasSize(3);
            assertThat(sleeper.waits()).containsExactly(Duration.ofMillis(500), Duration.ofSeconds(1));
        }

        @Test
        @DisplayName("a request that exceeds the timeout is retried")
        void timeout() {
            server.hang();
            try (WebhookNotifier n = WebhookNotifier.builder(server.uri("/hook")).timeout(Duration.ofMillis(300))
                    .retryPolicy(retries(2)).sleeper(sleeper).build()) {
                n.send(notification(firingAge()));
            }
            assertThat(server.requests()).hasSize(2);
            assertThat(sleeper.waits()).hasSize(1);
        }

        @Test
        @DisplayName("an unreachable endpoint fails after the configured attempts, without the URL's path in the message")
        void unreachable() throws IOException {
            int port;
            try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
                port = s.getLocalPort();
            }
            URI url = URI.create("http://127.0.0.1:" + port + "/secret-token");
            try (WebhookNotifier n = WebhookNotifier.builder(url).retryPolicy(retries(2)).sleeper(sleeper).build()) {
                assertThatThrownBy(() -> n.send(notification(firingAge()))).isInstanceOf(DeliveryException.class)
                        .hasMessageNotContaining("secret-token")
                        .satisfies(e -> assertThat(((DeliveryException) e).attempts()).isEqualTo(2));
                assertThat(n.toString()).doesNotContain("secret-token");
            }
        }

        @Test
        @DisplayName("the backoff grows by the multiplier and stops at the maximum")
        void backoffSchedule() {
            RetryPolicy p = new RetryPolicy(10, Duration.ofMillis(500), Duration.ofSeconds(3), 2, Duration.ZERO);
            assertThat(List.of(p.backoff(1), p.backoff(2), p.backoff(3), p.backoff(4), p.backoff(5))).containsExactly(
                    Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(3), Duration.ofSeconds(3));
            assertThatThrownBy(() -> new RetryPolicy(0, Duration.ofSeconds(1), Duration.ofSeconds(1), 2, Duration.ZERO))
                    .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("maxAttempts");
        }
    }

    @Nested
    @DisplayName("configuration and lifecycle")
    class Configuration {

        @Test
        @DisplayName("rejects non-http URLs and headers it must set itself")
        void validation() {
            assertThatThrownBy(() -> WebhookNotifier.builder(URI.create("file:///etc/passwd")))
                    .isInstanceOf(InvalidArgumentException.class);
            assertThatThrownBy(() -> WebhookNotifier.builder(server.uri("/")).header("Content-Type", "text/plain"))
                    .isInstanceOf(InvalidArgumentException.class);
            assertThatThrownBy(() -> WebhookNotifier.builder(server.uri("/")).header("X-A", "a\r\nInjected: 1"))
                    .isInstanceOf(InvalidArgumentException.class);
            assertThatThrownBy(() -> WebhookNotifier.builder(server.uri("/")).timeout(Duration.ofSeconds(1)).timeout(Duration.ofSeconds(2)))
                    .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("already");
        }

        @Test
        @DisplayName("a closed notifier refuses to send")
        void closed() {
            WebhookNotifier n = notifier(retries(1));
            n.close();
            assertThatThrownBy(() -> n.send(notification(firingAge()))).isInstanceOf(DeliveryException.class)
                    .hasMessageContaining("closed");
            assertThat(server.requests()).isEmpty();
        }

        @Test
        @DisplayName("end to end: a manager's flush arrives as the webhook payload")
        void endToEnd() {
            ManualClock clock = new ManualClock(NotifierFixtures.T0);
            MutableSignal drift = new MutableSignal().set(Labels.of("feature", "age", "model", "fraud"), 0.31);
            WebhookNotifier webhook = notifier(retries(1));
            try (AlertManager manager = AlertManager.builder().clock(clock).externalUrl("https://mlops.example/alerts")
                    .rule(AlertRule.builder("FeatureDriftHigh").when(drift, Condition.above(0.2)).severity(Severity.WARNING)
                            .annotation("summary", "Drift {{ $value }} on {{ $labels.feature }}")
                            .generatorUrl("https://grafana.example/d/drift").build())
                    .route(Route.builder().receiver(Receiver.of("ml-team", webhook)).groupBy("alertname").build())
                    .build()) {
                manager.tick();
                clock.advance(Duration.ofSeconds(30));
                manager.tick();
            }
            JsonNode body = server.only().json();
            assertThat(body.get("groupKey").asText()).isEqualTo("{}:{alertname=\"FeatureDriftHigh\"}");
            assertThat(body.get("alerts").get(0)).isEqualTo(json("""
                    {"status": "firing",
                     "labels": {"alertname": "FeatureDriftHigh", "feature": "age", "model": "fraud", "severity": "warning"},
                     "annotations": {"summary": "Drift 0.31 on age"},
                     "startsAt": "2024-01-01T00:00:00Z", "endsAt": "0001-01-01T00:00:00Z",
                     "generatorURL": "https://grafana.example/d/drift", "fingerprint": "%s"}
                    """.formatted(referenceFingerprint(AGE))));
            assertThatThrownBy(() -> webhook.send(notification(firingAge()))).as("the manager closed its notifier")
                    .isInstanceOf(DeliveryException.class);
        }
    }
}
