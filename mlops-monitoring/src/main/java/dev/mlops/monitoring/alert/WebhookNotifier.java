package dev.mlops.monitoring.alert;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mlops.core.InvalidArgumentException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * POSTs Alertmanager's webhook payload (JSON, {@code "version": "4"}) to a URL, so any receiver written
 * for Alertmanager's {@code webhook_config} works unchanged:
 *
 * <pre>{@code
 * {"receiver": "ml-team", "status": "firing",
 *  "alerts": [{"status": "firing", "labels": {...}, "annotations": {...},
 *              "startsAt": "2024-01-01T00:00:00Z", "endsAt": "0001-01-01T00:00:00Z",
 *              "generatorURL": "", "fingerprint": "0123456789abcdef"}],
 *  "groupLabels": {...}, "commonLabels": {...}, "commonAnnotations": {...},
 *  "externalURL": "", "version": "4", "groupKey": "{}:{alertname=\"X\"}", "truncatedAlerts": 0}
 * }</pre>
 *
 * <p>With {@code maxAlerts} > 0 only the first alerts are sent and {@code truncatedAlerts} counts the
 * rest (status and common labels are computed on what is sent, as Alertmanager does). Retries as in
 * {@link RetryPolicy}. Resolved alerts are sent by default.
 *
 * <p>Thread-safe. Owns HTTP threads unless given a client: close it (the {@link AlertManager} closes its
 * notifiers). {@code toString()} shows only the URL's scheme, host and port.
 */
public final class WebhookNotifier implements Notifier, AutoCloseable {

    private static final Set<String> RESERVED_HEADERS = Set.of("content-type", "content-length", "host",
            "connection", "expect", "upgrade");

    private final URI url;
    private final int maxAlerts;
    private final Map<String, String> headers;
    private final HttpDelivery delivery;

    private WebhookNotifier(Builder b) {
        this.url = b.url;
        this.maxAlerts = b.maxAlerts;
        this.headers = Map.copyOf(b.headers);
        this.delivery = b.delivery("webhook");
    }

    /** A builder for a notifier posting to {@code url} (http or https). */
    public static Builder builder(URI url) {
        return new Builder(url);
    }

    @Override
    public void send(Notification notification) {
        delivery.postJson(url, headers, payload(delivery.mapper(), notification, maxAlerts), notification.time());
    }

    /** Alertmanager's webhook message for {@code n}, keeping at most {@code maxAlerts} (0 = all). */
    static ObjectNode payload(ObjectMapper mapper, Notification n, int maxAlerts) {
        List<NotifiedAlert> alerts = n.alerts();
        int truncated = 0;
        if (maxAlerts > 0 && alerts.size() > maxAlerts) {
            truncated = alerts.size() - maxAlerts;
            alerts = alerts.subList(0, maxAlerts);
        }
        Notification sent = new Notification(n.receiver(), n.groupKey(), n.groupLabels(), alerts, n.externalUrl(), n.time());
        ObjectNode root = mapper.createObjectNode();
        root.put("receiver", sent.receiver());
        root.put("status", sent.status().label());
        ArrayNode list = root.putArray("alerts");
        for (NotifiedAlert a : sent.alerts()) {
            ObjectNode o = list.addObject();
            o.put("status", a.status().label());
            o.set("labels", stringMap(mapper, a.labels().asMap()));
            o.set("annotations", stringMap(mapper, a.annotations()));
            o.put("startsAt", GoText.formatTime(a.startsAt()));
            o.put("endsAt", GoText.formatTime(a.endsAt()));
            o.put("generatorURL", a.generatorUrl());
            o.put("fingerprint", a.fingerprint());
        }
        root.set("groupLabels", stringMap(mapper, sent.groupLabels().asMap()));
        root.set("commonLabels", stringMap(mapper, sent.commonLabels().asMap()));
        root.set("commonAnnotations", stringMap(mapper, sent.commonAnnotations()));
        root.put("externalURL", sent.externalUrl());
        root.put("version", "4");
        root.put("groupKey", sent.groupKey());
        root.put("truncatedAlerts", truncated);
        return root;
    }

    static ObjectNode stringMap(ObjectMapper mapper, Map<String, String> map) {
        ObjectNode o = mapper.createObjectNode();
        map.forEach(o::put);
        return o;
    }

    @Override
    public void close() {
        delivery.close();
    }

    @Override
    public String toString() {
        return "WebhookNotifier[" + HttpDelivery.origin(url) + "]";
    }

    /** Builds a {@link WebhookNotifier}. Not thread-safe. */
    public static final class Builder extends HttpNotifierBuilder<Builder> {
        private final URI url;
        private int maxAlerts;
        private boolean maxAlertsSet;
        private final Map<String, String> headers = new LinkedHashMap<>();

        private Builder(URI url) {
            this.url = requireHttpUrl("url", url);
        }

        /** Send at most this many alerts per notification; 0 (default) sends all. */
        public Builder maxAlerts(int max) {
            if (maxAlertsSet) {
                throw new InvalidArgumentException("maxAlerts", "is already set");
            }
            if (max < 0) {
                throw new InvalidArgumentException("maxAlerts", "must be >= 0, was " + max);
            }
            this.maxAlerts = max;
            this.maxAlertsSet = true;
            return this;
        }

        /** Adds a request header, e.g. {@code Authorization}. */
        public Builder header(String name, String value) {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
            if (!name.matches("[A-Za-z0-9!#$%&'*+.^_`|~-]+") || RESERVED_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                throw new InvalidArgumentException("header", "'" + GoText.truncate(name, 60) + "' cannot be set");
            }
            if (value.chars().anyMatch(c -> c < 0x20 && c != '\t' || c == 0x7f)) {
                throw new InvalidArgumentException("header", "value of '" + name + "' contains control characters");
            }
            headers.put(name, value);
            return this;
        }

        public WebhookNotifier build() {
            return new WebhookNotifier(this);
        }
    }
}
