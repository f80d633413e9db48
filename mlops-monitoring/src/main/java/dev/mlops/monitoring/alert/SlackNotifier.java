package dev.mlops.monitoring.alert;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mlops.core.InvalidArgumentException;
import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * Posts to a Slack incoming webhook: a {@code text} (the notification title, which Slack shows in
 * pop-ups and uses as the fallback) and Block Kit {@code blocks}: a header with the title, one section
 * per alert (status, labels, annotations, start or resolution time, a link to the rule's
 * {@code generatorURL}), a line counting the alerts not shown, and a context line naming the receiver
 * and linking to the manager's external URL.
 *
 * <p>Slack's limits are respected: the header is cut to 150 characters, each section to 3000, and at
 * most {@code maxAlertsShown} (default 20, at most 45) alerts get a section, keeping the message under
 * 50 blocks. Text from labels and annotations is escaped ({@code & < >}) so it cannot form links or
 * mentions. As in Alertmanager, Slack is not told about resolved alerts unless the receiver says so.
 *
 * <p>Thread-safe. Owns HTTP threads unless given a client: close it. The webhook URL is a secret;
 * {@code toString()} shows only its host.
 */
public final class SlackNotifier implements Notifier, AutoCloseable {

    static final int HEADER_LIMIT = 150;
    static final int SECTION_LIMIT = 3000;
    static final int MAX_ALERTS_SHOWN = 45;

    private final URI url;
    private final int maxAlertsShown;
    private final HttpDelivery delivery;

    private SlackNotifier(Builder b) {
        this.url = b.url;
        this.maxAlertsShown = b.maxAlertsShown;
        this.delivery = b.delivery("slack");
    }

    /** A builder for the incoming webhook at {@code webhookUrl}. */
    public static Builder builder(URI webhookUrl) {
        return new Builder(webhookUrl);
    }

    @Override
    public boolean sendResolvedByDefault() {
        return false;
    }

    @Override
    public void send(Notification notification) {
        delivery.postJson(url, Map.of(), payload(delivery.mapper(), notification, maxAlertsShown), notification.time());
    }

    static ObjectNode payload(ObjectMapper mapper, Notification n, int maxAlertsShown) {
        String title = n.title();
        ObjectNode root = mapper.createObjectNode();
        root.put("text", title);
        ArrayNode blocks = root.putArray("blocks");
        ObjectNode header = blocks.addObject();
        header.put("type", "header");
        header.set("text", text(mapper, "plain_text", GoText.truncate(title, HEADER_LIMIT)));
        List<NotifiedAlert> alerts = n.alerts();
        int shown = Math.min(alerts.size(), maxAlertsShown);
        for (NotifiedAlert a : alerts.subList(0, shown)) {
            ObjectNode section = blocks.addObject();
            section.put("type", "section");
            section.set("text", text(mapper, "mrkdwn", GoText.truncate(describe(a), SECTION_LIMIT)));
        }
        if (alerts.size() > shown) {
            blocks.add(context(mapper, "…and " + (alerts.size() - shown) + " more alerts"));
        }
        String footer = "Receiver " + escape(n.receiver());
        if (linkable(n.externalUrl())) {
            footer += " · <" + n.externalUrl() + "|open>";
        }
        blocks.add(context(mapper, footer));
        return root;
    }

    private static String describe(NotifiedAlert a) {
        StringBuilder b = new StringBuilder("*").append(a.status().name()).append("* ");
        b.append('*').append(escape(a.labels().value(AlertRule.ALERTNAME))).append('*');
        StringBuilder others = new StringBuilder();
        a.labels().asMap().forEach((k, v) -> {
            if (!k.equals(AlertRule.ALERTNAME)) {
                others.append(others.length() == 0 ? "" : ", ").append(k).append('=').append(v);
            }
        });
        if (others.length() > 0) {
            b.append(" `").append(escape(others.toString().replace('`', '\''))).append('`');
        }
        a.annotations().forEach((k, v) -> b.append("\n*").append(escape(k)).append(":* ").append(escape(v)));
        if (a.isFiring()) {
            b.append("\nFiring since ").append(GoText.formatTime(a.startsAt()));
        } else {
            b.append("\nResolved at ").append(GoText.formatTime(a.endsAt()));
        }
        if (linkable(a.generatorUrl())) {
            b.append(" · <").append(a.generatorUrl()).append("|source>");
        }
        return b.toString();
    }

    private static ObjectNode text(ObjectMapper mapper, String type, String value) {
        ObjectNode t = mapper.createObjectNode();
        t.put("type", type);
        t.put("text", value);
        return t;
    }

    private static ObjectNode context(ObjectMapper mapper, String mrkdwn) {
        ObjectNode c = mapper.createObjectNode();
        c.put("type", "context");
        c.putArray("elements").add(text(mapper, "mrkdwn", mrkdwn));
        return c;
    }

    /** Slack's required escaping of {@code & < >} in message text. */
    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** Whether {@code url} can go in a Slack link without breaking its {@code <url|text>} syntax. */
    private static boolean linkable(String url) {
        return (url.startsWith("http://") || url.startsWith("https://")) && url.chars().noneMatch(
                c -> c == '<' || c == '>' || c == '|' || c <= ' ' || c == 0x7f);
    }

    @Override
    public void close() {
        delivery.close();
    }

    @Override
    public String toString() {
        return "SlackNotifier[" + HttpDelivery.origin(url) + "]";
    }

    /** Builds a {@link SlackNotifier}. Not thread-safe. */
    public static final class Builder extends HttpNotifierBuilder<Builder> {
        private final URI url;
        private int maxAlertsShown = 20;
        private boolean maxSet;

        private Builder(URI url) {
            this.url = requireHttpUrl("webhookUrl", url);
        }

        /** How many alerts get their own section (1 to 45); default 20. */
        public Builder maxAlertsShown(int max) {
            if (maxSet) {
                throw new InvalidArgumentException("maxAlertsShown", "is already set");
            }
            if (max < 1 || max > MAX_ALERTS_SHOWN) {
                throw new InvalidArgumentException("maxAlertsShown", "must be between 1 and " + MAX_ALERTS_SHOWN + ", was " + max);
            }
            this.maxAlertsShown = max;
            this.maxSet = true;
            return this;
        }

        public SlackNotifier build() {
            return new SlackNotifier(this);
        }
    }
}
