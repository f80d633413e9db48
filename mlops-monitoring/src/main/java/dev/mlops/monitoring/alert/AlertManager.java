package dev.mlops.monitoring.alert;

import dev.mlops.core.InvalidArgumentException;
import dev.mlops.core.NotFoundException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Evaluates {@link AlertRule alert rules} and delivers their alerts to receivers: Prometheus' rule
 * evaluation and Alertmanager's dispatching in one in-process object.
 *
 * <pre>{@code
 * AlertManager alerts = AlertManager.builder()
 *     .clock(clock)                                       // java.time.InstantSource
 *     .rule(driftRule)
 *     .rules(SloBurnRateRules.builder("checkout", events).objective(0.999).build().rules())
 *     .route(Route.builder().receiver(Receiver.of("ml-team", webhook)).groupBy("alertname").build())
 *     .inhibitRule(InhibitRule.of(List.of(Matcher.equal("severity", "critical")),
 *                                 List.of(Matcher.equal("severity", "warning")), "alertname", "slo"))
 *     .build();
 * alerts.start(scheduler);            // or call alerts.tick() from your own scheduler
 * ...
 * alerts.close();
 * }</pre>
 *
 * <p><b>Time.</b> Everything is driven by {@link #tick()}, which reads the injected clock once. Rules
 * are evaluated at the first tick and then whenever a full evaluation interval (default 1 min) has
 * passed, at timestamps aligned to that interval (first evaluation + k × interval, missed slots skipped)
 * like Prometheus' rule groups. Groups are flushed at the first tick at or after their due time;
 * group timers count from that flush. Tests move a clock and call {@code tick()}; nothing sleeps.
 *
 * <p><b>Semantics.</b> Rule state as in Prometheus (see {@link AlertState}); firing alerts are handed to
 * the dispatcher at every evaluation and resolved alerts once, at the evaluation that resolved them;
 * routing, grouping, {@code group_wait}, {@code group_interval}, {@code repeat_interval}, silences,
 * inhibition and {@code send_resolved} as in Alertmanager (see {@link Route}, {@link Silence},
 * {@link InhibitRule}, {@link Receiver}).
 *
 * <p><b>Failures.</b> A rule whose signal throws keeps its alerts as they were and is counted in
 * {@link #stats()}; a notifier that throws is logged and counted, the notification is not recorded as
 * sent, and the next flush of the group tries again. Neither ever propagates out of {@code tick()}.
 *
 * <p><b>Threads and lifecycle.</b> Thread-safe: state is guarded by one lock, and notifications are
 * delivered outside it, inline in the ticking thread by default or on the
 * {@linkplain Builder#notificationExecutor executor} given. {@link #start} schedules {@code tick()} on the
 * host's scheduler; {@link #close()} cancels that schedule and closes every notifier that is
 * {@link AutoCloseable}. After {@code close()}, {@code tick()} does nothing.
 */
public final class AlertManager implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AlertManager.class);
    private static final Duration SILENCE_RETENTION = Duration.ofHours(120);

    private final InstantSource clock;
    private final List<RuleEvaluator> evaluators;
    private final Dispatcher dispatcher;
    private final List<InhibitRule> inhibitRules;
    private final List<Receiver> receivers;
    private final Duration evaluationInterval;
    private final Duration tickInterval;
    private final Executor notificationExecutor;
    private final Map<String, Silence> silences = new LinkedHashMap<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final AtomicLong evaluations = new AtomicLong();
    private final AtomicLong ruleFailures = new AtomicLong();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private Instant lastEvaluation;
    private ScheduledFuture<?> schedule;
    private volatile boolean closed;

    private AlertManager(Builder b, RouteNode root, String externalUrl, Duration evaluationInterval, Duration tickInterval) {
        this.clock = b.clock;
        List<RuleEvaluator> evs = new ArrayList<>();
        for (AlertRule r : b.rules) {
            evs.add(new RuleEvaluator(r));
        }
        this.evaluators = List.copyOf(evs);
        this.dispatcher = new Dispatcher(root, externalUrl);
        this.inhibitRules = List.copyOf(b.inhibitRules);
        List<Receiver> rs = new ArrayList<>();
        root.receivers(rs);
        this.receivers = List.copyOf(rs);
        this.evaluationInterval = evaluationInterval;
        this.tickInterval = tickInterval;
        this.notificationExecutor = b.notificationExecutor;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Reads the clock once; evaluates the rules if an evaluation is due; flushes the groups that are due
     * and delivers their notifications; drops empty groups and old silences. Never throws because a
     * signal or a notifier failed.
     */
    public void tick() {
        List<Dispatcher.Flush> flushes;
        lock.lock();
        try {
            if (closed) {
                return;
            }
            Instant now = clock.instant();
            evaluateIfDue(now);
            List<Labels> sources = firingAlertLabels();
            flushes = dispatcher.planDueFlushes(now, (labels, t) -> muted(labels, t, sources));
            dispatcher.maintain(now);
            Instant oldest = now.minus(SILENCE_RETENTION);
            silences.values().removeIf(s -> s.endsAt().isBefore(oldest));
        } finally {
            lock.unlock();
        }
        for (Dispatcher.Flush f : flushes) {
            if (notificationExecutor == null) {
                deliver(f);
            } else {
                try {
                    notificationExecutor.execute(() -> deliver(f));
                } catch (RejectedExecutionException e) {
                    LOG.warn("Notification executor rejected the flush of group {}; it will be retried", f.group().key);
                    failed.addAndGet(f.deliveries().stream().filter(d -> d.notification() != null).count());
                    applyLocked(f, new boolean[f.deliveries().size()]);
                }
            }
        }
    }

    private void evaluateIfDue(Instant now) {
        Instant ts;
        if (lastEvaluation == null) {
            ts = now;
        } else {
            Duration since = Duration.between(lastEvaluation, now);
            if (since.compareTo(evaluationInterval) < 0) {
                return;
            }
            long slots = since.toNanos() / evaluationInterval.toNanos();
            ts = lastEvaluation.plus(evaluationInterval.multipliedBy(slots));
        }
        lastEvaluation = ts;
        evaluations.incrementAndGet();
        for (RuleEvaluator ev : evaluators) {
            List<Alert> toSend;
            try {
                toSend = ev.evaluate(ts);
            } catch (RuntimeException e) {
                ruleFailures.incrementAndGet();
                LOG.warn("Evaluation of alert rule '{}' at {} failed; its alerts keep their state", ev.rule().name(), ts, e);
                continue;
            }
            for (Alert a : toSend) {
                Instant startsAt = a.firedAt().orElse(a.activeAt());
                dispatcher.insert(new Dispatcher.DispatchedAlert(a.labels(), a.annotations(), startsAt,
                        a.resolvedAt().orElse(null), ev.rule().generatorUrl()), now);
            }
        }
    }

    private List<Labels> firingAlertLabels() {
        if (inhibitRules.isEmpty()) {
            return List.of();
        }
        List<Labels> out = new ArrayList<>();
        for (RuleEvaluator ev : evaluators) {
            out.addAll(ev.firingLabels());
        }
        return out;
    }

    private boolean muted(Labels labels, Instant now, List<Labels> firingSources) {
        for (Silence s : silences.values()) {
            if (s.mutes(labels, now)) {
                return true;
            }
        }
        for (InhibitRule r : inhibitRules) {
            if (r.inhibits(labels, firingSources)) {
                return true;
            }
        }
        return false;
    }

    private void deliver(Dispatcher.Flush f) {
        boolean[] ok = new boolean[f.deliveries().size()];
        try {
            for (int i = 0; i < ok.length; i++) {
                Dispatcher.Delivery d = f.deliveries().get(i);
                if (d.notification() == null) {
                    ok[i] = true;
                    continue;
                }
                try {
                    d.integration().notifier().send(d.notification());
                    ok[i] = true;
                    sent.incrementAndGet();
                } catch (Exception e) {
                    failed.incrementAndGet();
                    LOG.warn("Notifying receiver '{}' via {} about group {} failed; the next flush retries: {}",
                            d.notification().receiver(), d.integration().notifier(), d.notification().groupKey(),
                            e.toString());
                }
            }
        } finally {
            applyLocked(f, ok);
        }
    }

    private void applyLocked(Dispatcher.Flush f, boolean[] ok) {
        lock.lock();
        try {
            dispatcher.apply(f, ok);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Schedules {@link #tick()} on {@code scheduler} every tick interval (default 1 s), starting now.
     * The scheduler stays the host's: {@link #close()} cancels this schedule but does not shut it down.
     *
     * @throws IllegalStateException if already started or closed
     */
    public void start(ScheduledExecutorService scheduler) {
        Objects.requireNonNull(scheduler, "scheduler");
        lock.lock();
        try {
            if (closed) {
                throw new IllegalStateException("alert manager is closed");
            }
            if (schedule != null) {
                throw new IllegalStateException("alert manager is already started");
            }
            schedule = scheduler.scheduleWithFixedDelay(this::scheduledTick, 0, tickInterval.toNanos(), TimeUnit.NANOSECONDS);
        } finally {
            lock.unlock();
        }
    }

    private void scheduledTick() {
        try {
            tick();
        } catch (RuntimeException e) {
            // A scheduled task that throws is never run again; keep the schedule alive.
            LOG.error("Alert manager tick failed", e);
        }
    }

    /**
     * Silences alerts matching all {@code matchers} from {@code startsAt} until {@code endsAt}.
     *
     * @return the silence, with its assigned id
     * @throws InvalidArgumentException if the matchers could mute every alert, or {@code endsAt} is not
     *     after both {@code startsAt} and now
     */
    public Silence silence(List<Matcher> matchers, Instant startsAt, Instant endsAt, String createdBy, String comment) {
        Silence s = new Silence(UUID.randomUUID().toString(), matchers, startsAt, endsAt, createdBy, comment);
        lock.lock();
        try {
            Instant now = clock.instant();
            if (!endsAt.isAfter(now)) {
                throw new InvalidArgumentException("endsAt", "must be in the future, was " + endsAt + " at " + now);
            }
            silences.put(s.id(), s);
            return s;
        } finally {
            lock.unlock();
        }
    }

    /** Silences alerts matching all {@code matchers} from now for {@code duration}. */
    public Silence silence(Duration duration, String createdBy, String comment, Matcher... matchers) {
        Objects.requireNonNull(duration, "duration");
        Instant now = clock.instant();
        return silence(List.of(matchers), now, now.plus(duration), createdBy, comment);
    }

    /**
     * Ends a silence now. A silence that has not started yet is deleted.
     *
     * @throws NotFoundException if there is no such silence
     * @throws InvalidArgumentException if it has already expired
     */
    public void expireSilence(String id) {
        lock.lock();
        try {
            Silence s = silences.get(id);
            if (s == null) {
                throw new NotFoundException("silence '" + id + "' does not exist");
            }
            Instant now = clock.instant();
            if (s.state(now) == Silence.State.EXPIRED) {
                throw new InvalidArgumentException("id", "silence '" + id + "' has already expired");
            }
            if (s.startsAt().isBefore(now)) {
                silences.put(id, new Silence(id, s.matchers(), s.startsAt(), now, s.createdBy(), s.comment()));
            } else {
                silences.remove(id);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Every silence held: pending, active, and expired within the last 120 hours. */
    public List<Silence> silences() {
        lock.lock();
        try {
            return List.copyOf(silences.values());
        } finally {
            lock.unlock();
        }
    }

    /** Every alert instance of every rule: pending, firing, and resolved within the last 15 minutes. */
    public List<Alert> alerts() {
        lock.lock();
        try {
            List<Alert> out = new ArrayList<>();
            for (RuleEvaluator ev : evaluators) {
                out.addAll(ev.alerts());
            }
            return out;
        } finally {
            lock.unlock();
        }
    }

    /**
     * The most severe state of the instances of the rules named {@code ruleName}: {@code FIRING},
     * {@code PENDING} or {@code INACTIVE}.
     *
     * @throws NotFoundException if no rule has that name
     */
    public AlertState ruleState(String ruleName) {
        lock.lock();
        try {
            AlertState max = null;
            for (RuleEvaluator ev : evaluators) {
                if (ev.rule().name().equals(ruleName)) {
                    AlertState s = ev.state();
                    if (max == null || s.compareTo(max) > 0) {
                        max = s;
                    }
                }
            }
            if (max == null) {
                throw new NotFoundException("alert rule '" + ruleName + "' does not exist");
            }
            return max;
        } finally {
            lock.unlock();
        }
    }

    /** The keys of the aggregation groups currently held. */
    public List<String> groupKeys() {
        lock.lock();
        try {
            return dispatcher.groupKeys();
        } finally {
            lock.unlock();
        }
    }

    public AlertManagerStats stats() {
        return new AlertManagerStats(evaluations.get(), ruleFailures.get(), sent.get(), failed.get());
    }

    /**
     * Cancels the schedule set by {@link #start} and closes the notifiers that are {@link AutoCloseable}.
     * Idempotent. A notification being delivered on the notification executor at that moment may fail
     * (it is then counted as failed).
     */
    @Override
    public void close() {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            if (schedule != null) {
                schedule.cancel(false);
            }
        } finally {
            lock.unlock();
        }
        Set<Notifier> done = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Receiver r : receivers) {
            for (Receiver.Integration i : r.integrations()) {
                if (i.notifier() instanceof AutoCloseable c && done.add(i.notifier())) {
                    try {
                        c.close();
                    } catch (Exception e) {
                        LOG.warn("Closing notifier {} failed", i.notifier(), e);
                    }
                }
            }
        }
    }

    /** Builds an {@link AlertManager}; every scalar option may be set once. Not thread-safe. */
    public static final class Builder {
        private InstantSource clock;
        private final List<AlertRule> rules = new ArrayList<>();
        private Route route;
        private final List<Notifier> notifiers = new ArrayList<>();
        private final List<InhibitRule> inhibitRules = new ArrayList<>();
        private String externalUrl;
        private Duration evaluationInterval;
        private Duration tickInterval;
        private Executor notificationExecutor;

        private Builder() {}

        /** The clock every decision reads (required). */
        public Builder clock(InstantSource clock) {
            if (this.clock != null) {
                throw new InvalidArgumentException("clock", "is already set");
            }
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        public Builder rule(AlertRule rule) {
            rules.add(Objects.requireNonNull(rule, "rule"));
            return this;
        }

        public Builder rules(List<AlertRule> more) {
            more.forEach(this::rule);
            return this;
        }

        /** The routing tree; or use {@link #notifier} for a single default receiver. */
        public Builder route(Route route) {
            if (this.route != null) {
                throw new InvalidArgumentException("route", "is already set");
            }
            this.route = Objects.requireNonNull(route, "route");
            return this;
        }

        /**
         * Adds a notifier to the receiver {@code default} of a root route with default options (one
         * group for all alerts). Not combinable with {@link #route}.
         */
        public Builder notifier(Notifier notifier) {
            notifiers.add(Objects.requireNonNull(notifier, "notifier"));
            return this;
        }

        public Builder inhibitRule(InhibitRule rule) {
            inhibitRules.add(Objects.requireNonNull(rule, "rule"));
            return this;
        }

        /** The backlink put in notifications ({@code externalURL}); default empty. */
        public Builder externalUrl(String url) {
            if (externalUrl != null) {
                throw new InvalidArgumentException("externalUrl", "is already set");
            }
            this.externalUrl = Objects.requireNonNull(url, "url");
            return this;
        }

        /** How often rules are evaluated; default 1 minute (Prometheus' default). */
        public Builder evaluationInterval(Duration interval) {
            if (evaluationInterval != null) {
                throw new InvalidArgumentException("evaluationInterval", "is already set");
            }
            this.evaluationInterval = positive("evaluationInterval", interval);
            return this;
        }

        /** How often {@link #start} ticks; default 1 second. */
        public Builder tickInterval(Duration interval) {
            if (tickInterval != null) {
                throw new InvalidArgumentException("tickInterval", "is already set");
            }
            this.tickInterval = positive("tickInterval", interval);
            return this;
        }

        /**
         * Where notifications are delivered; default: in the thread that calls {@link #tick()}. With an
         * executor, slow or retrying notifiers do not delay rule evaluation; a group is not flushed again
         * while its previous flush is being delivered. The executor stays the host's.
         */
        public Builder notificationExecutor(Executor executor) {
            if (notificationExecutor != null) {
                throw new InvalidArgumentException("notificationExecutor", "is already set");
            }
            this.notificationExecutor = Objects.requireNonNull(executor, "executor");
            return this;
        }

        /**
         * The manager.
         *
         * @throws InvalidArgumentException if the clock is missing, neither a route nor a notifier was
         *     given, or both were
         */
        public AlertManager build() {
            if (clock == null) {
                throw new InvalidArgumentException("clock", "is required");
            }
            if (route != null && !notifiers.isEmpty()) {
                throw new InvalidArgumentException("route", "give either a route or notifiers, not both");
            }
            if (route == null && notifiers.isEmpty()) {
                throw new InvalidArgumentException("route", "give a route or at least one notifier");
            }
            Route r = route != null ? route
                    : Route.builder().receiver(Receiver.of("default", notifiers.toArray(new Notifier[0]))).build();
            return new AlertManager(this, RouteNode.root(r), externalUrl == null ? "" : externalUrl,
                    evaluationInterval == null ? Duration.ofMinutes(1) : evaluationInterval,
                    tickInterval == null ? Duration.ofSeconds(1) : tickInterval);
        }

        private static Duration positive(String field, Duration d) {
            Objects.requireNonNull(d, field);
            if (d.isNegative() || d.isZero()) {
                throw new InvalidArgumentException(field, "must be positive, was " + d);
            }
            return d;
        }
    }
}
