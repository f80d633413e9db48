package dev.mlops.monitoring.alert;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.Collections;

/**
 * What a {@link Notifier} is asked to deliver: the alerts of one aggregation group that a receiver must
 * hear about, as Alertmanager's template {@code Data}.
 *
 * @param receiver the receiver's name
 * @param groupKey identifies the group: the route's key and the group labels, e.g.
 *     {@code {}:{alertname="FeatureDriftHigh"}}; stable across notifications, so usable for dedup
 * @param groupLabels the labels the group is grouped by
 * @param alerts the alerts, firing and (when the receiver sends resolved) resolved, in Alertmanager's
 *     order
 * @param externalUrl the manager's external URL (a backlink), possibly empty
 * @param time the time of the flush that produced the notification
 */
public record Notification(
        String receiver,
        String groupKey,
        Labels groupLabels,
        List<NotifiedAlert> alerts,
        String externalUrl,
        Instant time) {

    public Notification {
        Objects.requireNonNull(receiver, "receiver");
        Objects.requireNonNull(groupKey, "groupKey");
        Objects.requireNonNull(groupLabels, "groupLabels");
        alerts = List.copyOf(alerts);
        Objects.requireNonNull(externalUrl, "externalUrl");
        Objects.requireNonNull(time, "time");
    }

    /** {@link AlertState#FIRING} when any alert is firing, else {@link AlertState#RESOLVED}. */
    public AlertState status() {
        return alerts.stream().anyMatch(NotifiedAlert::isFiring) ? AlertState.FIRING : AlertState.RESOLVED;
    }

    public List<NotifiedAlert> firing() {
        return alerts.stream().filter(NotifiedAlert::isFiring).toList();
    }

    public List<NotifiedAlert> resolved() {
        return alerts.stream().filter(a -> !a.isFiring()).toList();
    }

    /** The labels every alert has with the same value. */
    public Labels commonLabels() {
        return Labels.of(common(alerts.stream().map(a -> (Map<String, String>) a.labels().asMap()).toList()));
    }

    /** The annotations every alert has with the same value. */
    public SortedMap<String, String> commonAnnotations() {
        return Collections.unmodifiableSortedMap(common(alerts.stream().map(a -> (Map<String, String>) a.annotations()).toList()));
    }

    private static TreeMap<String, String> common(List<Map<String, String>> maps) {
        TreeMap<String, String> out = new TreeMap<>();
        if (maps.isEmpty()) {
            return out;
        }
        out.putAll(maps.get(0));
        for (Map<String, String> m : maps.subList(1, maps.size())) {
            out.entrySet().removeIf(e -> !e.getValue().equals(m.get(e.getKey())));
        }
        return out;
    }

    /**
     * A short title in Alertmanager's default style: {@code [FIRING:2] FeatureDriftHigh (model=fraud)},
     * or {@code [RESOLVED] ...}. The name is the common {@code alertname}, and the group labels other than
     * {@code alertname} follow in parentheses.
     */
    public String title() {
        StringBuilder b = new StringBuilder("[").append(status().name());
        if (status() == AlertState.FIRING) {
            b.append(':').append(firing().size());
        }
        b.append(']');
        String name = commonLabels().value(AlertRule.ALERTNAME);
        if (!name.isEmpty()) {
            b.append(' ').append(name);
        }
        StringBuilder extra = new StringBuilder();
        groupLabels.asMap().forEach((k, v) -> {
            if (!k.equals(AlertRule.ALERTNAME)) {
                extra.append(extra.length() == 0 ? "" : " ").append(k).append('=').append(v);
            }
        });
        if (extra.length() > 0) {
            b.append(" (").append(extra).append(')');
        }
        return b.toString();
    }
}
