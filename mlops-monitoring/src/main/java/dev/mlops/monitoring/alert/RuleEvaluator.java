package dev.mlops.monitoring.alert;

import dev.mlops.core.InvalidArgumentException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;

/**
 * The state of one {@link AlertRule}: its alert instances and how they move between pending, firing and
 * resolved. A transcription of the semantics of Prometheus' {@code AlertingRule.Eval}
 * ({@code rules/alerting.go}):
 *
 * <ul>
 *   <li>A sample that satisfies the condition and has no active instance (none, or only a resolved
 *       one) starts a new pending instance with {@code activeAt} = the evaluation time. An existing
 *       pending or firing instance only gets the new value and annotations.</li>
 *   <li>A pending instance fires at the first evaluation {@code ts} with {@code ts - activeAt >= for};
 *       with {@code for} = 0 that is the evaluation that created it. {@code firedAt} = {@code ts}.</li>
 *   <li>An instance whose sample is absent or no longer satisfies the condition: if pending, it is
 *       dropped; if firing and {@code keep_firing_for} > 0, it stays firing while
 *       {@code ts - keepFiringSince < keep_firing_for}, where {@code keepFiringSince} is the first such
 *       evaluation; otherwise it becomes resolved with {@code resolvedAt} = {@code ts}. A condition that
 *       holds again while being kept firing clears {@code keepFiringSince}.</li>
 *   <li>A resolved instance is dropped at the first evaluation more than 15 minutes after it resolved.</li>
 * </ul>
 *
 * <p>Not thread-safe: the {@link AlertManager} calls it under its lock.
 */
final class RuleEvaluator {

    /** How long a resolved alert is kept (Prometheus' {@code resolvedRetention}). */
    static final Duration RESOLVED_RETENTION = Duration.ofMinutes(15);

    private static final class Instance {
        final Labels labels;
        SortedMap<String, String> annotations;
        AlertState state;
        double value;
        final Instant activeAt;
        Instant firedAt;
        Instant resolvedAt;
        Instant keepFiringSince;

        Instance(Labels labels, SortedMap<String, String> annotations, double value, Instant activeAt) {
            this.labels = labels;
            this.annotations = annotations;
            this.value = value;
            this.activeAt = activeAt;
            this.state = AlertState.PENDING;
        }

        Alert snapshot(String rule) {
            return new Alert(rule, labels, annotations, state, value, activeAt, Optional.ofNullable(firedAt),
                    Optional.ofNullable(resolvedAt), Optional.ofNullable(keepFiringSince));
        }
    }

    private record Candidate(Labels labels, SortedMap<String, String> annotations, double value) {}

    private final AlertRule rule;
    private final Map<Labels, Instance> active = new LinkedHashMap<>();
    private Instant lastEvaluation;

    RuleEvaluator(AlertRule rule) {
        this.rule = rule;
    }

    AlertRule rule() {
        return rule;
    }

    /**
     * Evaluates the rule at {@code ts}.
     *
     * @return the alerts to hand to the dispatcher: every firing alert and every alert that resolved at
     *     this evaluation
     * @throws RuntimeException whatever the signal throws, or {@link InvalidArgumentException} when two
     *     samples produce the same alert labels; the rule's state is then unchanged
     */
    List<Alert> evaluate(Instant ts) {
        List<Signal.Sample> samples = rule.signal().read(ts);
        Map<Labels, Candidate> results = new LinkedHashMap<>();
        for (Signal.Sample s : samples) {
            if (Double.isNaN(s.value()) || !rule.condition().test(s.value())) {
                continue;
            }
            Labels labels = rule.alertLabels(s.labels(), s.value());
            Candidate c = new Candidate(labels, rule.alertAnnotations(s.labels(), s.value()), s.value());
            if (results.put(labels, c) != null) {
                throw new InvalidArgumentException("signal", "rule '" + rule.name()
                        + "': two samples give the same alert labels " + labels);
            }
        }
        lastEvaluation = ts;

        for (Candidate c : results.values()) {
            Instance existing = active.get(c.labels);
            if (existing != null && existing.state != AlertState.RESOLVED) {
                existing.value = c.value;
                existing.annotations = c.annotations;
            } else {
                active.put(c.labels, new Instance(c.labels, c.annotations, c.value, ts));
            }
        }

        List<Alert> toSend = new ArrayList<>();
        for (Iterator<Instance> it = active.values().iterator(); it.hasNext(); ) {
            Instance a = it.next();
            if (!results.containsKey(a.labels)) {
                boolean keepFiring = false;
                if (a.state == AlertState.FIRING && !rule.keepFiringFor().isZero()) {
                    if (a.keepFiringSince == null) {
                        a.keepFiringSince = ts;
                    }
                    keepFiring = Duration.between(a.keepFiringSince, ts).compareTo(rule.keepFiringFor()) < 0;
                }
                if (a.state == AlertState.PENDING
                        || (a.resolvedAt != null && Duration.between(a.resolvedAt, ts).compareTo(RESOLVED_RETENTION) > 0)) {
                    it.remove();
                    continue;
                }
                if (!keepFiring) {
                    if (a.state != AlertState.RESOLVED) {
                        a.state = AlertState.RESOLVED;
                        a.resolvedAt = ts;
                        toSend.add(a.snapshot(rule.name()));
                    }
                    continue;
                }
            } else {
                a.keepFiringSince = null;
            }
            if (a.state == AlertState.PENDING && Duration.between(a.activeAt, ts).compareTo(rule.forDuration()) >= 0) {
                a.state = AlertState.FIRING;
                a.firedAt = ts;
            }
            if (a.state == AlertState.FIRING) {
                toSend.add(a.snapshot(rule.name()));
            }
        }
        return toSend;
    }

    /** Every instance held: pending, firing, and resolved within the retention. */
    List<Alert> alerts() {
        List<Alert> out = new ArrayList<>(active.size());
        for (Instance a : active.values()) {
            out.add(a.snapshot(rule.name()));
        }
        return out;
    }

    /** Firing instances, the sources for inhibition. */
    List<Labels> firingLabels() {
        List<Labels> out = new ArrayList<>();
        for (Instance a : active.values()) {
            if (a.state == AlertState.FIRING) {
                out.add(a.labels);
            }
        }
        return out;
    }

    /** The most severe state of the instances; {@code INACTIVE} before the first evaluation too. */
    AlertState state() {
        AlertState max = AlertState.INACTIVE;
        for (Instance a : active.values()) {
            if (a.state == AlertState.FIRING) {
                return AlertState.FIRING;
            }
            if (a.state == AlertState.PENDING) {
                max = AlertState.PENDING;
            }
        }
        return max;
    }

    Optional<Instant> lastEvaluation() {
        return Optional.ofNullable(lastEvaluation);
    }
}
