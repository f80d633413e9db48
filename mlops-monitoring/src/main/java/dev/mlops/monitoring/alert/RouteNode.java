package dev.mlops.monitoring.alert;

import dev.mlops.core.InvalidArgumentException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A {@link Route} with every inherited option filled in, and its key (Alertmanager's
 * {@code Route.Key()}: the parent's key, {@code /}, and the sorted matchers, so the root is
 * {@code {}}). Immutable.
 */
final class RouteNode {

    final String key;
    final List<Matcher> matchers;
    final Receiver receiver;
    final Set<String> groupBy;
    final boolean groupByAll;
    final Duration groupWait;
    final Duration groupInterval;
    final Duration repeatInterval;
    final boolean continueMatching;
    final List<RouteNode> children;

    private RouteNode(RouteNode parent, Route r) {
        String own = Matcher.render(r.matchers());
        this.key = parent == null ? own : parent.key + "/" + own;
        this.matchers = r.matchers();
        this.receiver = r.receiver().orElse(parent == null ? null : parent.receiver);
        if (receiver == null) {
            throw new InvalidArgumentException("route", "the root route needs a receiver");
        }
        if (r.groupByAll() || r.groupBy().isPresent()) {
            this.groupByAll = r.groupByAll();
            this.groupBy = Set.copyOf(r.groupBy().orElse(List.of()));
        } else {
            this.groupByAll = parent != null && parent.groupByAll;
            this.groupBy = parent == null ? Set.of() : parent.groupBy;
        }
        this.groupWait = r.groupWait().orElse(parent == null ? Route.DEFAULT_GROUP_WAIT : parent.groupWait);
        this.groupInterval = r.groupInterval().orElse(parent == null ? Route.DEFAULT_GROUP_INTERVAL : parent.groupInterval);
        this.repeatInterval = r.repeatInterval().orElse(parent == null ? Route.DEFAULT_REPEAT_INTERVAL : parent.repeatInterval);
        this.continueMatching = r.continueMatching();
        List<RouteNode> kids = new ArrayList<>();
        for (Route child : r.routes()) {
            kids.add(new RouteNode(this, child));
        }
        this.children = List.copyOf(kids);
    }

    /** The resolved tree of {@code root}, which must have a receiver and no matchers. */
    static RouteNode root(Route root) {
        if (!root.matchers().isEmpty()) {
            throw new InvalidArgumentException("route", "the root route must match every alert, so it has no matchers");
        }
        return new RouteNode(null, root);
    }

    /** The routes an alert with {@code labels} takes (Alertmanager's {@code Route.Match}). */
    List<RouteNode> match(Labels labels) {
        if (!Matcher.all(matchers, labels)) {
            return List.of();
        }
        List<RouteNode> all = new ArrayList<>();
        for (RouteNode child : children) {
            List<RouteNode> m = child.match(labels);
            all.addAll(m);
            if (!m.isEmpty() && !child.continueMatching) {
                break;
            }
        }
        if (all.isEmpty()) {
            all.add(this);
        }
        return all;
    }

    /** The labels of {@code labels} this route groups by. */
    Labels groupLabels(Labels labels) {
        return groupByAll ? labels : labels.retain(groupBy);
    }

    /** Every receiver in the tree. */
    void receivers(List<Receiver> out) {
        if (!out.contains(receiver)) {
            out.add(receiver);
        }
        for (RouteNode c : children) {
            c.receivers(out);
        }
    }
}
