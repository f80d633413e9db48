package dev.mlops.monitoring.alert;

import static dev.mlops.monitoring.alert.NotifierFixtures.AGE;
import static dev.mlops.monitoring.alert.NotifierFixtures.T0;
import static dev.mlops.monitoring.alert.NotifierFixtures.firingAge;
import static dev.mlops.monitoring.alert.NotifierFixtures.json;
import static dev.mlops.monitoring.alert.NotifierFixtures.notification;
import static dev.mlops.monitoring.alert.NotifierFixtures.referenceDedupKey;
import static dev.mlops.monitoring.alert.NotifierFixtures.resolvedIncome;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlops.core.InvalidArgumentException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Slack incoming webhooks and PagerDuty Events API v2 against a real HTTP server. */
class SlackAndPagerDutyTest extends HttpServerFixture {

    static final String ROUTING_KEY = "R0UT1NGKEY0123456789abcdefABCDEF";


    static NotifiedAlert firing(Labels labels, Map<String, String> annotations) {
        return new NotifiedAlert(AlertState.FIRING, labels, new TreeMap<>(annotations), T0, Optional.empty(), "");
    }

    @Nested
    @DisplayName("Slack")
    class Slack {

        SlackNotifier slack(int maxShown) {
            return SlackNotifier.builder(server.uri("/services/T000/B000/XXXX")).maxAlertsShown(maxShown).sleeper(sleeper).build();
        }

        @Test
        @DisplayName("posts text and blocks: header, one section per alert, a footer")
        void exactPayload() {
            try (SlackNotifier n = slack(20)) {
                n.send(notification(firingAge(), resolvedIncome()));
            }
            TestHttpServer.Request r = server.only();
            assertThat(r.header("Content-Type")).isEqualTo("application/json");
            assertThat(r.json()).isEqualTo(json("""
                    {
                      "text": "[FIRING:1] FeatureDriftHigh",
                      "blocks": [
                        {"type": "header", "text": {"type": "plain_text", "text": "[FIRING:1] FeatureDriftHigh"}},
                        {"type": "section", "text": {"type": "mrkdwn", "text":
                          "*FIRING* *FeatureDriftHigh* `feature=age, model=fraud, severity=warning`\\n*summary:* Drift 0.31 on age\\nFiring since 2024-01-01T00:00:00Z · <https://grafana.example/d/drift|source>"}},
                        {"type": "section", "text": {"type": "mrkdwn", "text":
                          "*RESOLVED* *FeatureDriftHigh* `feature=income, model=fraud, severity=warning`\\n*summary:* Drift 0.25 on income\\nResolved at 2024-01-01T00:10:00.5Z"}},
                        {"type": "context", "elements": [{"type": "mrkdwn", "text": "Receiver ml-team · <https://mlops.example/alerts|open>"}]}
                      ]
                    }
                    """));
        }

        @Test
        @DisplayName("escapes & < > so label and annotation text cannot make mentions or links")
        void escaping() {
            try (SlackNotifier n = slack(20)) {
                n.send(notification(firing(AGE, Map.of("summary", "<!channel> & <http://evil.example|click>"))));
            }
            String section = server.only().json().get("blocks").get(1).get("text").get("text").asText();
            assertThat(section).contains("&lt;!channel&gt; &amp; &lt;http://evil.example|click&gt;").doesNotContain("<!channel>");
        }

        @Test
        @DisplayName("respects Slack's limits: 150-character header, a section budget, and a count of hidden alerts")
        void limits() {
            Labels longGroup = Labels.of("alertname", "FeatureDriftHigh", "model", "m".repeat(300));
            Notification n = new Notification("ml-team", "{}:{}", longGroup, List.of(
                    firing(AGE.with("model", "m".repeat(300)), Map.of("description", "d".repeat(5000))),
                    firing(AGE.with("feature", "b"), Map.of()), firing(AGE.with("feature", "c"), Map.of())), "", T0);
            try (SlackNotifier s = slack(1)) {
                s.send(n);
            }
            JsonNode blocks = server.only().json().get("blocks");
            assertThat(blocks.get(0).get("text").get("text").asText()).hasSize(150).endsWith("…");
            assertThat(blocks.get(1).get("text").get("text").asText()).hasSize(3000);
            assertThat(blocks.get(2).get("elements").get(0).get("text").asText()).isEqualTo("…and 2 more alerts");
            assertThat(blocks.get(3).get("elements").get(0).get("text").asText()).as("no link without an external URL")
                    .isEqualTo("Receiver ml-team");
            assertThat(blocks).hasSize(4);
        }

        @Test
        @DisplayName("is not told about resolved alerts by default, as in Alertmanager")
        void sendResolvedDefault() {
            try (SlackNotifier s = slack(20)) {
                assertThat(Receiver.of("chat", s).integrations().get(0).sendResolved()).isFalse();
                assertThat(Receiver.builder("chat").notifier(s, true).build().integrations().get(0).sendResolved()).isTrue();
            }
        }

        @Test
        @DisplayName("retries 429 honouring Retry-After; does not retry 400 invalid_payload")
        void retries() {
            server.respond(429, Map.of("Retry-After", "1"), "rate_limited").respond(400, Map.of(), "invalid_payload");
            try (SlackNotifier s = slack(20)) {
                assertThatThrownBy(() -> s.send(notification(firingAge()))).isInstanceOf(DeliveryException.class)
                        .hasMessageContaining("invalid_payload").hasMessageNotContaining("XXXX");
                assertThat(s.toString()).doesNotContain("XXXX");
            }
            assertThat(server.requests()).hasSize(2);
            assertThat(sleeper.waits()).containsExactly(Duration.ofSeconds(1));
        }
    }

    @Nested
    @DisplayName("PagerDuty")
    class PagerDuty {

        PagerDutyNotifier pd() {
            return PagerDutyNotifier.builder(ROUTING_KEY).url(server.uri("/v2/enqueue")).source("fraud-service")
                    .sleeper(sleeper).build();
        }

        @Test
        @DisplayName("a firing group triggers an event keyed by the SHA-256 of its group key")
        void trigger() {
            server.respond(202, Map.of(), "{\"status\":\"success\",\"message\":\"Event processed\"}");
            try (PagerDutyNotifier n = pd()) {
                n.send(notification(firingAge(), resolvedIncome()));
            }
            TestHttpServer.Request r = server.only();
            assertThat(r.header("Content-Type")).isEqualTo("application/json");
            assertThat(r.json()).isEqualTo(json("""
                    {
                      "routing_key": "%s",
                      "event_action": "trigger",
                      "dedup_key": "%s",
                      "client": "mlops",
                      "client_url": "https://mlops.example/alerts",
                      "payload": {
                        "summary": "[FIRING:1] FeatureDriftHigh",
                        "source": "fraud-service",
                        "severity": "warning",
                        "timestamp": "2024-01-01T00:00:00Z",
                        "custom_details": {
                          "num_firing": 1,
                          "num_resolved": 1,
                          "firing": [{"labels": {"alertname": "FeatureDriftHigh", "feature": "age", "model": "fraud", "severity": "warning"},
                                      "annotations": {"summary": "Drift 0.31 on age"}, "startsAt": "2024-01-01T00:00:00Z"}],
                          "resolved": [{"labels": {"alertname": "FeatureDriftHigh", "feature": "income", "model": "fraud", "severity": "warning"},
                                        "annotations": {"summary": "Drift 0.25 on income"}, "startsAt": "2024-01-01T00:01:00Z",
                                        "endsAt": "2024-01-01T00:10:00.5Z"}]
                        }
                      }
                    }
                    """.formatted(ROUTING_KEY, referenceDedupKey("{}:{alertname=\"FeatureDriftHigh\"}"))));
        }

        @Test
        @DisplayName("an all-resolved group resolves the event with the same dedup key and no payload")
        void resolve() {
            server.respond(202);
            try (PagerDutyNotifier n = pd()) {
                n.send(notification(resolvedIncome()));
            }
            assertThat(server.only().json()).isEqualTo(json("""
                    {"routing_key": "%s", "event_action": "resolve", "dedup_key": "%s",
                     "client": "mlops", "client_url": "https://mlops.example/alerts"}
                    """.formatted(ROUTING_KEY, referenceDedupKey("{}:{alertname=\"FeatureDriftHigh\"}"))));
        }

        @Test
        @DisplayName("severity is the most severe recognised label among firing alerts, else the default")
        void severity() {
            try (PagerDutyNotifier n = PagerDutyNotifier.builder(ROUTING_KEY).url(server.uri("/")).defaultSeverity(Severity.INFO)
                    .sleeper(sleeper).build()) {
                n.send(notification(firing(AGE, Map.of()), firing(AGE.with("severity", "critical").with("feature", "x"), Map.of())));
                n.send(notification(firing(AGE.with("severity", "page"), Map.of())));
                n.send(notification(firing(AGE.with("severity", ""), Map.of())));
            }
            assertThat(server.requests()).extracting(r -> r.json().get("payload").get("severity").asText())
                    .containsExactly("critical", "info", "info");
        }

        @Test
        @DisplayName("429 and 5xx are retried; 400 is not, and the routing key never appears in errors")
        void retries() {
            server.respond(429).respond(500).respond(400, Map.of(), "{\"status\":\"invalid event\",\"message\":\"Event object is invalid\"}");
            try (PagerDutyNotifier n = pd()) {
                assertThatThrownBy(() -> n.send(notification(firingAge()))).isInstanceOf(DeliveryException.class)
                        .hasMessageContaining("invalid event").hasMessageNotContaining(ROUTING_KEY)
                        .satisfies(e -> assertThat(((DeliveryException) e).attempts()).isEqualTo(3));
                assertThat(n.toString()).doesNotContain(ROUTING_KEY);
            }
            assertThat(server.requests()).hasSize(3);
            assertThat(sleeper.waits()).containsExactly(Duration.ofMillis(500), Duration.ofSeconds(1));
        }

        @Test
        @DisplayName("the dedup key follows the group: same group, same key; other group, other key")
        void dedupKeys() {
            assertThat(PagerDutyNotifier.dedupKey("{}:{}")).isEqualTo(referenceDedupKey("{}:{}"));
            assertThat(PagerDutyNotifier.dedupKey("{}:{alertname=\"FeatureDriftHigh\", model=\"fraud\"}"))
                    .isEqualTo(referenceDedupKey("{}:{alertname=\"FeatureDriftHigh\", model=\"fraud\"}"));
        }

        @Test
        @DisplayName("rejects a blank routing key; the summary is cut to 1024 characters")
        void validation() {
            assertThatThrownBy(() -> PagerDutyNotifier.builder(" ")).isInstanceOf(InvalidArgumentException.class);
            Notification big = new Notification("r", "{}:{}", Labels.of("x", "y".repeat(2000)),
                    List.of(firing(AGE, Map.of())), "", T0);
            try (PagerDutyNotifier n = pd()) {
                n.send(big);
            }
            assertThat(server.only().json().get("payload").get("summary").asText()).hasSize(1024);
            assertThat(server.only().json().has("client_url")).isFalse();
        }
    }
}
