package dev.mlops.monitoring.alert;

import dev.mlops.core.InvalidArgumentException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Where alerts go and how they are batched, as an Alertmanager route: the alerts that match the route's
 * matchers are sent to its receiver in aggregation groups, one group per distinct value of the
 * {@code group_by} labels. Child routes are tried in order; an alert goes to the first child that
 * matches (to the following ones as well if that child has {@code continueMatching}), and to the
 * parent only if no child matches. A child inherits every option it does not set from its parent.
 *
 * <pre>{@code
 * Route root = Route.builder()
 *     .receiver(Receiver.of("ml-team", webhook))
 *     .groupBy("alertname", "model")
 *     .route(Route.builder().matcher(Matcher.equal("severity", "critical"))
 *             .receiver(Receiver.of("on-call", pagerDuty)).build())
 *     .build();
 * }</pre>
 *
 * <p>Defaults on the root (Alertmanager's): no {@code group_by} (all alerts of the route in one group),
 * {@code group_wait} 30 s, {@code group_interval} 5 min, {@code repeat_interval} 4 h. The root needs a
 * receiver and has no matchers. Immutable and thread-safe.
 */
public final class Route {

    public static final Duration DEFAULT_GROUP_WAIT = Duration.ofSeconds(30);
    public static final Duration DEFAULT_GROUP_INTERVAL = Duration.ofMinutes(5);
    public static final Duration DEFAULT_REPEAT_INTERVAL = Duration.ofHours(4);

    private final Receiver receiver;
    private final List<Matcher> matchers;
    private final List<String> groupBy;
    private final boolean groupByAll;
    private final Duration groupWait;
    private final Duration groupInterval;
    private final Duration repeatInterval;
    private final boolean continueMatching;
    private final List<Route> routes;

    private Route(Builder b) {
        this.receiver = b.receiver;
        this.matchers = List.copyOf(b.matchers);
        this.groupBy = b.groupBy == null ? null : List.copyOf(b.groupBy);
        this.groupByAll = b.groupByAll;
        this.groupWait = b.groupWait;
        this.groupInterval = b.groupInterval;
        this.repeatInterval = b.repeatInterval;
        this.continueMatching = b.continueMatching;
        this.routes = List.copyOf(b.routes);
    }

    public static Builder builder() {
        return new Builder();
    }

    public Optional<Receiver> receiver() {
        return Optional.ofNullable(receiver);
    }

    public List<Matcher> matchers() {
        return matchers;
    }

    /** The {@code group_by} labels, when this route sets them. */
    public Optional<List<String>> groupBy() {
        return Optional.ofNullable(groupBy);
    }

    /** Whether this route groups by all labels ({@code group_by: ['...']}). */
    public boolean groupByAll() {
        return groupByAll;
    }

    public Optional<Duration> groupWait() {
        return Optional.ofNullable(groupWait);
    }

    public Optional<Duration> groupInterval() {
        return Optional.ofNullable(groupInterval);
    }

    public Optional<Duration> repeatInterval() {
        return Optional.ofNullable(repeatInterval);
    }

    public boolean continueMatching() {
        return continueMatching;
    }

    public List<Route> routes() {
        return routes;
    }

    /** Builds a {@link Route}; every scalar option may be set once. Not thread-safe. */
    public static final class Builder {
        private Receiver receiver;
        private final List<Matcher> matchers = new ArrayList<>();
        private List<String> groupBy;
        private boolean groupByAll;
        private Duration groupWait;
        private Duration groupInterval;
        private Duration repeatInterval;
        private boolean continueMatching;
        private boolean continueSet;
        private final List<Route> routes = new ArrayList<>();

        private Builder() {}

        /** The receiver of the alerts this route takes. */
        public Builder receiver(Receiver receiver) {
            Objects.requireNonNull(receiver, "receiver");
            if (this.receiver != null) {
                throw new InvalidArgumentException("receiver", "is already set");
            }
            this.receiver = receiver;
            return this;
        }

        /** Adds a matcher; an alert must satisfy all of them to take this route. */
        public Builder matcher(Matcher matcher) {
            matchers.add(Objects.requireNonNull(matcher, "matcher"));
            return this;
        }

        /** Adds matchers. */
        public Builder matchers(Matcher... more) {
            for (Matcher m : more) {
                matcher(m);
            }
            return this;
        }

        /** The labels alerts are grouped by; none means one group for the whole route. */
        public Builder groupBy(String... labelNames) {
            if (groupBy != null || groupByAll) {
                throw new InvalidArgumentException("groupBy", "is already set");
            }
            Set<String> names = new LinkedHashSet<>();
            for (String n : labelNames) {
                if (!names.add(Labels.requireName(n))) {
                    throw new InvalidArgumentException("groupBy", "label '" + n + "' is listed twice");
                }
            }
            this.groupBy = new ArrayList<>(names);
            return this;
        }

        /** Groups by every label, so each alert has its own group (Alertmanager's {@code '...'}). */
        public Builder groupByAll() {
            if (groupBy != null || groupByAll) {
                throw new InvalidArgumentException("groupBy", "is already set");
            }
            this.groupByAll = true;
            return this;
        }

        /** How long a new group waits for more alerts before its first notification (≥ 0). */
        public Builder groupWait(Duration d) {
            if (groupWait != null) {
                throw new InvalidArgumentException("groupWait", "is already set");
            }
            groupWait = check("groupWait", d, true);
            return this;
        }

        /** How long a group waits between notifications about changes (> 0). */
        public Builder groupInterval(Duration d) {
            if (groupInterval != null) {
                throw new InvalidArgumentException("groupInterval", "is already set");
            }
            groupInterval = check("groupInterval", d, false);
            return this;
        }

        /** How long before an unchanged, still-firing group is notified again (> 0). */
        public Builder repeatInterval(Duration d) {
            if (repeatInterval != null) {
                throw new InvalidArgumentException("repeatInterval", "is already set");
            }
            repeatInterval = check("repeatInterval", d, false);
            return this;
        }

        /** Whether alerts matching this route also try its following siblings; default false. */
        public Builder continueMatching(boolean value) {
            if (continueSet) {
                throw new InvalidArgumentException("continueMatching", "is already set");
            }
            continueMatching = value;
            continueSet = true;
            return this;
        }

        /** Adds child routes, tried in order. */
        public Builder route(Route... children) {
            routes.addAll(Arrays.asList(children));
            return this;
        }

        public Route build() {
            return new Route(this);
        }

        private static Duration check(String field, Duration d, boolean zeroAllowed) {
            Objects.requireNonNull(d, field);
            if (d.isNegative() || (!zeroAllowed && d.isZero())) {
                throw new InvalidArgumentException(field, "must be " + (zeroAllowed ? "≥ 0" : "> 0") + ", was " + d);
            }
            return d;
        }
    }
}
