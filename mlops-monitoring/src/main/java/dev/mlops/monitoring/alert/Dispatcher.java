package dev.mlops.monitoring.alert;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.function.BiPredicate;

/**
 * Alertmanager's dispatcher, aggregation groups, notification log and dedup stage, driven by the
 * times the {@link AlertManager} passes in instead of timers.
 *
 * <ul>
 *   <li>{@link #insert}: an alert goes to every route it matches ({@code Route.Match}), into the group
 *       of its group labels, created on first use with its first flush due {@code group_wait} later.
 *       If the group has not flushed yet and the alert started more than {@code group_wait} ago, the
 *       group is flushed at once ({@code aggrGroup.insert}).</li>
 *   <li>{@link #planDueFlushes}: a group whose flush is due is flushed and its next flush set
 *       {@code group_interval} after this one ({@code aggrGroup.run}). A flush takes the group's alerts
 *       (resolved when {@code endsAt <= now}), drops the muted ones, and for each integration of the
 *       receiver decides from the notification log whether to notify ({@code DedupStage.needsUpdate}):
 *       never-notified groups only when something fires; new firing alerts; all alerts resolved;
 *       newly resolved alerts when the integration sends resolved; otherwise only once the last
 *       notification is older than {@code repeat_interval}.</li>
 *   <li>{@link #apply}: a delivered notification is logged; when every integration succeeded, the
 *       resolved alerts that were not updated meanwhile leave the group
 *       ({@code DeleteIfNotModified}).</li>
 *   <li>{@link #maintain}: every 30 s, empty groups are dropped; notification log entries expire after
 *       120 h.</li>
 * </ul>
 *
 * <p>Not thread-safe: the manager calls it under its lock; notifications are delivered outside it.
 */
final class Dispatcher {

    static final Duration MAINTENANCE_INTERVAL = Duration.ofSeconds(30);
    static final Duration LOG_RETENTION = Duration.ofHours(120);

    /** An alert as the dispatcher holds it. {@code endsAt} is null while firing. */
    record DispatchedAlert(Labels labels, SortedMap<String, String> annotations, Instant startsAt, Instant endsAt,
                           String generatorUrl) {
        boolean resolvedAt(Instant now) {
            return endsAt != null && !endsAt.isAfter(now);
        }

        NotifiedAlert at(Instant now) {
            boolean resolved = resolvedAt(now);
            return new NotifiedAlert(resolved ? AlertState.RESOLVED : AlertState.FIRING, labels, annotations, startsAt,
                    resolved ? Optional.of(endsAt) : Optional.empty(), generatorUrl);
        }
    }

    private record Stored(DispatchedAlert alert, long version) {}

    private record LogKey(String groupKey, String receiver, int integration) {}

    private record LogEntry(Set<String> firing, Set<String> resolved, Instant time) {}

    static final class Group {
        final RouteNode route;
        final Labels labels;
        final String key;
        final Map<String, Stored> alerts = new LinkedHashMap<>();
        Instant nextFlush;
        boolean hasFlushed;
        boolean inFlight;

        Group(RouteNode route, Labels labels, Instant now) {
            this.route = route;
            this.labels = labels;
            this.key = route.key + ":" + labels;
            this.nextFlush = now.plus(route.groupWait);
        }
    }

    /** One integration's part of a flush. {@code notification} is null when only the log is updated. */
    record Delivery(Receiver.Integration integration, LogKey key, Notification notification, Set<String> firing,
                    Set<String> resolved) {}

    /** A flush decided under the lock, delivered outside it, then applied under the lock again. */
    record Flush(Group group, Instant now, List<Delivery> deliveries, Map<String, Long> resolvedVersions) {}

    private final RouteNode root;
    private final String externalUrl;
    private final Map<String, Group> groups = new LinkedHashMap<>();
    private final Map<LogKey, LogEntry> log = new HashMap<>();
    private long nextVersion;
    private Instant lastMaintenance;

    Dispatcher(RouteNode root, String externalUrl) {
        this.root = root;
        this.externalUrl = externalUrl;
    }

    void insert(DispatchedAlert alert, Instant now) {
        for (RouteNode route : root.match(alert.labels())) {
            Labels groupLabels = route.groupLabels(alert.labels());
            String key = route.key + ":" + groupLabels;
            Group g = groups.computeIfAbsent(key, k -> new Group(route, groupLabels, now));
            g.alerts.put(alert.labels().fingerprint(), new Stored(alert, nextVersion++));
            if (!g.hasFlushed && alert.startsAt().plus(route.groupWait).isBefore(now)) {
                g.nextFlush = now;
            }
        }
    }

    /**
     * Decides the flushes due at {@code now}, marking their groups in flight and scheduling their next
     * flush. {@code muted} says whether an alert's labels are silenced or inhibited at {@code now}.
     */
    List<Flush> planDueFlushes(Instant now, BiPredicate<Labels, Instant> muted) {
        List<Flush> out = new ArrayList<>();
        for (Group g : groups.values()) {
            if (g.inFlight || g.nextFlush.isAfter(now)) {
                continue;
            }
            g.nextFlush = now.plus(g.route.groupInterval);
            g.hasFlushed = true;
            Flush f = plan(g, now, muted);
            if (f != null) {
                g.inFlight = true;
                out.add(f);
            }
        }
        return out;
    }

    private Flush plan(Group g, Instant now, BiPredicate<Labels, Instant> muted) {
        if (g.alerts.isEmpty()) {
            return null;
        }
        List<DispatchedAlert> all = new ArrayList<>();
        Map<String, Long> resolvedVersions = new LinkedHashMap<>();
        for (Map.Entry<String, Stored> e : g.alerts.entrySet()) {
            DispatchedAlert a = e.getValue().alert();
            all.add(a);
            if (a.resolvedAt(now)) {
                resolvedVersions.put(e.getKey(), e.getValue().version());
            }
        }
        all.sort(ALERT_ORDER);
        List<NotifiedAlert> unmuted = new ArrayList<>();
        for (DispatchedAlert a : all) {
            if (!muted.test(a.labels(), now)) {
                unmuted.add(a.at(now));
            }
        }
        List<Delivery> deliveries = new ArrayList<>();
        if (!unmuted.isEmpty()) {
            Set<String> firing = new LinkedHashSet<>();
            Set<String> resolved = new LinkedHashSet<>();
            for (NotifiedAlert a : unmuted) {
                (a.isFiring() ? firing : resolved).add(a.fingerprint());
            }
            List<Receiver.Integration> integrations = g.route.receiver.integrations();
            for (int i = 0; i < integrations.size(); i++) {
                Receiver.Integration integration = integrations.get(i);
                LogKey key = new LogKey(g.key, g.route.receiver.name(), i);
                if (!needsUpdate(log.get(key), firing, resolved, integration.sendResolved(), g.route.repeatInterval, now)) {
                    continue;
                }
                Notification n = null;
                if (integration.sendResolved() || !firing.isEmpty()) {
                    List<NotifiedAlert> alerts = integration.sendResolved() ? unmuted
                            : unmuted.stream().filter(NotifiedAlert::isFiring).toList();
                    n = new Notification(g.route.receiver.name(), g.key, g.labels, alerts, externalUrl, now);
                }
                deliveries.add(new Delivery(integration, key, n, firing, resolved));
            }
        }
        return new Flush(g, now, deliveries, resolvedVersions);
    }

    /** Alertmanager's {@code DedupStage.needsUpdate}. */
    private static boolean needsUpdate(LogEntry entry, Set<String> firing, Set<String> resolved, boolean sendResolved,
                                       Duration repeat, Instant now) {
        if (entry == null) {
            return !firing.isEmpty();
        }
        if (!entry.firing().containsAll(firing)) {
            return true;
        }
        if (firing.isEmpty()) {
            return !entry.firing().isEmpty();
        }
        if (sendResolved && !entry.resolved().containsAll(resolved)) {
            return true;
        }
        return entry.time().isBefore(now.minus(repeat));
    }

    /** Records the outcome of a flush; {@code delivered[i]} says whether delivery {@code i} succeeded. */
    void apply(Flush f, boolean[] delivered) {
        boolean all = true;
        for (int i = 0; i < f.deliveries().size(); i++) {
            Delivery d = f.deliveries().get(i);
            if (delivered[i]) {
                log.put(d.key(), new LogEntry(Set.copyOf(d.firing()), Set.copyOf(d.resolved()), f.now()));
            } else {
                all = false;
            }
        }
        Group g = f.group();
        g.inFlight = false;
        if (all) {
            f.resolvedVersions().forEach((fp, version) -> {
                Stored s = g.alerts.get(fp);
                if (s != null && s.version() == version) {
                    g.alerts.remove(fp);
                }
            });
        }
    }

    /** Drops empty groups and expired log entries, at most every 30 s. */
    void maintain(Instant now) {
        if (lastMaintenance != null && now.isBefore(lastMaintenance.plus(MAINTENANCE_INTERVAL))) {
            return;
        }
        lastMaintenance = now;
        for (Iterator<Group> it = groups.values().iterator(); it.hasNext(); ) {
            Group g = it.next();
            if (g.alerts.isEmpty() && !g.inFlight) {
                it.remove();
            }
        }
        Instant oldest = now.minus(LOG_RETENTION);
        log.values().removeIf(e -> e.time().isBefore(oldest));
    }

    /** The current groups' keys, for inspection. */
    List<String> groupKeys() {
        return List.copyOf(groups.keySet());
    }

    /** Alertmanager's {@code AlertSlice} order: by {@code job}, then {@code instance}, then labels. */
    static final Comparator<DispatchedAlert> ALERT_ORDER = (a, b) -> {
        for (String key : new String[] {"job", "instance"}) {
            boolean ha = a.labels().has(key);
            boolean hb = b.labels().has(key);
            if (!ha && !hb) {
                continue;
            }
            if (!ha) {
                return 1;
            }
            if (!hb) {
                return -1;
            }
            int c = a.labels().value(key).compareTo(b.labels().value(key));
            if (c != 0) {
                return c;
            }
        }
        return Labels.compare(a.labels(), b.labels());
    };
}
