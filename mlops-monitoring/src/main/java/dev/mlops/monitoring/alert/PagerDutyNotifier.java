package dev.mlops.monitoring.alert;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mlops.core.InvalidArgumentException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Sends PagerDuty Events API v2 events, one per notification, as Alertmanager's
 * {@code pagerduty_config} does: {@code event_action} {@code trigger} while any alert of the group fires
 * and {@code resolve} once all have resolved, with {@code dedup_key} = SHA-256 (hex) of the group key,
 * so one PagerDuty incident follows one group.
 *
 * <p>A trigger carries {@code payload.summary} (the notification title, at most 1024 characters),
 * {@code payload.source}, {@code payload.severity} (the most severe {@code severity} label among the
 * firing alerts that is one of {@code critical}, {@code error}, {@code warning}, {@code info}, else the
 * default severity, {@code error} unless set), {@code payload.timestamp} (when the earliest firing alert
 * started) and {@code payload.custom_details} (counts and each alert's labels, annotations and start).
 * A resolve carries only the routing key, action and dedup key (and the client fields). PagerDuty
 * answers 202; 429 and 5xx are retried, 400 is not.
 *
 * <p>Thread-safe. Owns HTTP threads unless given a client: close it. The routing key is a secret and
 * never appears in {@code toString()} or errors.
 */
public final class PagerDutyNotifier implements Notifier, AutoCloseable {

    /** PagerDuty's Events API v2 endpoint. */
    public static final URI EVENTS_V2 = URI.create("https://events.pagerduty.com/v2/enqueue");
    static final int SUMMARY_LIMIT = 1024;

    private final String routingKey;
    private final URI url;
    private final String source;
    private final Severity defaultSeverity;
    private final String client;
    private final HttpDelivery delivery;

    private PagerDutyNotifier(Builder b) {
        this.routingKey = b.routingKey;
        this.url = b.url == null ? EVENTS_V2 : b.url;
        this.source = b.source == null ? "mlops" : b.source;
        this.defaultSeverity = b.defaultSeverity == null ? Severity.ERROR : b.defaultSeverity;
        this.client = b.client == null ? "mlops" : b.client;
        this.delivery = b.delivery("pagerduty");
    }

    /** A builder for events to the service integration with {@code routingKey}. */
    public static Builder builder(String routingKey) {
        return new Builder(routingKey);
    }

    @Override
    public void send(Notification notification) {
        delivery.postJson(url, Map.of(), event(notification), notification.time());
    }

    ObjectNode event(Notification n) {
        boolean trigger = n.status() == AlertState.FIRING;
        ObjectNode root = delivery.mapper().createObjectNode();
        root.put("routing_key", routingKey);
        root.put("event_action", trigger ? "trigger" : "resolve");
        root.put("dedup_key", dedupKey(n.groupKey()));
        root.put("client", client);
        if (!n.externalUrl().isEmpty()) {
            root.put("client_url", n.externalUrl());
        }
        if (trigger) {
            ObjectNode payload = root.putObject("payload");
            payload.put("summary", GoText.truncate(n.title(), SUMMARY_LIMIT));
            payload.put("source", source);
            payload.put("severity", severity(n).label());
            Instant earliest = n.firing().stream().map(NotifiedAlert::startsAt).min(Instant::compareTo).orElse(n.time());
            payload.put("timestamp", GoText.formatTime(earliest));
            ObjectNode details = payload.putObject("custom_details");
            details.put("num_firing", n.firing().size());
            details.put("num_resolved", n.resolved().size());
            details.set("firing", alerts(n.firing()));
            details.set("resolved", alerts(n.resolved()));
        }
        return root;
    }

    private ArrayNode alerts(List<NotifiedAlert> alerts) {
        ArrayNode list = delivery.mapper().createArrayNode();
        for (NotifiedAlert a : alerts) {
            ObjectNode o = list.addObject();
            o.set("labels", WebhookNotifier.stringMap(delivery.mapper(), a.labels().asMap()));
            o.set("annotations", WebhookNotifier.stringMap(delivery.mapper(), a.annotations()));
            o.put("startsAt", GoText.formatTime(a.startsAt()));
            a.endsAt().ifPresent(t -> o.put("endsAt", GoText.formatTime(t)));
        }
        return list;
    }

    private Severity severity(Notification n) {
        Severity best = null;
        for (NotifiedAlert a : n.firing()) {
            Optional<Severity> s = Severity.fromLabel(a.labels().value(AlertRule.SEVERITY));
            if (s.isPresent() && (best == null || s.get().compareTo(best) < 0)) {
                best = s.get();
            }
        }
        return best == null ? defaultSeverity : best;
    }

    /** Alertmanager's {@code Key.Hash()}: SHA-256 of the group key, lower-case hex. */
    static String dedupKey(String groupKey) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(md.digest(groupKey.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError("every Java platform has SHA-256", e);
        }
    }

    @Override
    public void close() {
        delivery.close();
    }

    @Override
    public String toString() {
        return "PagerDutyNotifier[" + HttpDelivery.origin(url) + "]";
    }

    /** Builds a {@link PagerDutyNotifier}. Not thread-safe. */
    public static final class Builder extends HttpNotifierBuilder<Builder> {
        private final String routingKey;
        private URI url;
        private String source;
        private Severity defaultSeverity;
        private String client;

        private Builder(String routingKey) {
            Objects.requireNonNull(routingKey, "routingKey");
            if (routingKey.isBlank() || routingKey.chars().anyMatch(c -> c <= ' ' || c == 0x7f)) {
                throw new InvalidArgumentException("routingKey", "must be non-blank without spaces or control characters");
            }
            this.routingKey = routingKey;
        }

        /** The events endpoint; default {@link #EVENTS_V2}. */
        public Builder url(URI url) {
            if (this.url != null) {
                throw new InvalidArgumentException("url", "is already set");
            }
            this.url = requireHttpUrl("url", url);
            return this;
        }

        /** {@code payload.source}: the affected system; default {@code mlops}. */
        public Builder source(String source) {
            if (this.source != null) {
                throw new InvalidArgumentException("source", "is already set");
            }
            this.source = requireText("source", source);
            return this;
        }

        /** The severity when no firing alert has a recognised {@code severity} label; default error. */
        public Builder defaultSeverity(Severity severity) {
            if (this.defaultSeverity != null) {
                throw new InvalidArgumentException("defaultSeverity", "is already set");
            }
            this.defaultSeverity = Objects.requireNonNull(severity, "severity");
            return this;
        }

        /** The {@code client} field: what sent the event; default {@code mlops}. */
        public Builder client(String client) {
            if (this.client != null) {
                throw new InvalidArgumentException("client", "is already set");
            }
            this.client = requireText("client", client);
            return this;
        }

        public PagerDutyNotifier build() {
            return new PagerDutyNotifier(this);
        }

        private static String requireText(String field, String value) {
            Objects.requireNonNull(value, field);
            if (value.isBlank()) {
                throw new InvalidArgumentException(field, "must not be blank");
            }
            return value;
        }
    }
}
