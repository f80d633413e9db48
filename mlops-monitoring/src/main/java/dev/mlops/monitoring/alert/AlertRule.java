package dev.mlops.monitoring.alert;

import dev.mlops.core.InvalidArgumentException;
import dev.mlops.core.Names;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * An alerting rule: a {@link Signal}, a {@link Condition} on each of its samples, and what to attach to
 * the resulting alerts. The in-process counterpart of a Prometheus alerting rule:
 *
 * <pre>{@code
 * AlertRule rule = AlertRule.builder("FeatureDriftHigh")
 *     .when(driftScores, Condition.above(0.2))        // drift_score > 0.2
 *     .forDuration(Duration.ofMinutes(10))           // for: 10m
 *     .keepFiringFor(Duration.ofMinutes(5))          // keep_firing_for: 5m
 *     .severity(Severity.WARNING)                    // labels: {severity: warning}
 *     .annotation("summary", "Drift {{ $value }} on feature {{ $labels.feature }}")
 *     .build();
 * }</pre>
 *
 * <p>Each sample that satisfies the condition becomes an alert whose labels are the sample's labels,
 * then the rule's labels (which win on a clash, and may use templates), then {@code alertname} = the
 * rule's name. Annotations are templates expanded at every evaluation with the sample's labels and
 * value; see {@link AlertState} for the life of an alert. Templates support only
 * {@code {{ $value }}} and {@code {{ $labels.<name> }}}; anything else is rejected here.
 *
 * <p>A rule is an immutable definition; its state lives in the {@link AlertManager} that evaluates it.
 * Thread-safe.
 */
public final class AlertRule {

    /** The label that carries the rule's name. */
    public static final String ALERTNAME = "alertname";
    /** The label that carries the rule's severity. */
    public static final String SEVERITY = "severity";

    private final String name;
    private final Signal signal;
    private final Condition condition;
    private final Duration forDuration;
    private final Duration keepFiringFor;
    private final Map<String, Template> labels;
    private final Map<String, Template> annotations;
    private final Severity severity;
    private final String generatorUrl;

    private AlertRule(Builder b) {
        this.name = b.name;
        this.signal = b.signal;
        this.condition = b.condition;
        this.forDuration = b.forDuration;
        this.keepFiringFor = b.keepFiringFor;
        this.labels = Collections.unmodifiableMap(new LinkedHashMap<>(b.labels));
        this.annotations = Collections.unmodifiableMap(new LinkedHashMap<>(b.annotations));
        this.severity = b.severity;
        this.generatorUrl = b.generatorUrl;
    }

    /** A builder for a rule named {@code name} (letters, digits, {@code _ - .}). */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    public String name() {
        return name;
    }

    public Signal signal() {
        return signal;
    }

    public Condition condition() {
        return condition;
    }

    /** How long the condition must hold before the alert fires ({@code for}); zero fires at once. */
    public Duration forDuration() {
        return forDuration;
    }

    /** How long a firing alert keeps firing after its condition stopped holding. */
    public Duration keepFiringFor() {
        return keepFiringFor;
    }

    public Optional<Severity> severity() {
        return Optional.ofNullable(severity);
    }

    /** The rule's labels as written (templates unexpanded), including {@code severity} if set. */
    public SortedMap<String, String> labels() {
        TreeMap<String, String> out = new TreeMap<>();
        labels.forEach((k, v) -> out.put(k, v.source()));
        return Collections.unmodifiableSortedMap(out);
    }

    /** The rule's annotations as written (templates unexpanded). */
    public SortedMap<String, String> annotations() {
        TreeMap<String, String> out = new TreeMap<>();
        annotations.forEach((k, v) -> out.put(k, v.source()));
        return Collections.unmodifiableSortedMap(out);
    }

    /** The link sent as each alert's {@code generatorURL}; empty when not set. */
    public String generatorUrl() {
        return generatorUrl;
    }

    /** The alert labels for a sample: the sample's labels, the expanded rule labels, the alert name. */
    Labels alertLabels(Labels sampleLabels, double value) {
        Labels out = sampleLabels;
        for (Map.Entry<String, Template> e : labels.entrySet()) {
            out = out.with(e.getKey(), e.getValue().expand(sampleLabels, value));
        }
        return out.with(ALERTNAME, name);
    }

    /** The expanded annotations for a sample. */
    SortedMap<String, String> alertAnnotations(Labels sampleLabels, double value) {
        TreeMap<String, String> out = new TreeMap<>();
        for (Map.Entry<String, Template> e : annotations.entrySet()) {
            out.put(e.getKey(), e.getValue().expand(sampleLabels, value));
        }
        return out;
    }

    @Override
    public String toString() {
        return "AlertRule[" + name + ": " + signal + " " + condition + ", for " + forDuration
                + ", keep_firing_for " + keepFiringFor + ", labels " + labels() + "]";
    }

    /** Builds an {@link AlertRule}; every option may be set once. Not thread-safe. */
    public static final class Builder {
        private final String name;
        private Signal signal;
        private Condition condition;
        private Duration forDuration = Duration.ZERO;
        private Duration keepFiringFor = Duration.ZERO;
        private boolean forSet;
        private boolean keepSet;
        private final Map<String, Template> labels = new LinkedHashMap<>();
        private final Map<String, Template> annotations = new LinkedHashMap<>();
        private Severity severity;
        private String generatorUrl = "";
        private boolean generatorSet;

        private Builder(String name) {
            this.name = Names.require("alert rule name", name);
        }

        /** The signal to read and the condition each sample must satisfy to alert. */
        public Builder when(Signal signal, Condition condition) {
            if (this.signal != null) {
                throw new InvalidArgumentException("signal", "is already set for rule '" + name + "'");
            }
            this.signal = Objects.requireNonNull(signal, "signal");
            this.condition = Objects.requireNonNull(condition, "condition");
            return this;
        }

        /** How long the condition must hold before the alert fires; default zero. */
        public Builder forDuration(Duration duration) {
            if (forSet) {
                throw new InvalidArgumentException("forDuration", "is already set for rule '" + name + "'");
            }
            this.forDuration = nonNegative("forDuration", duration);
            this.forSet = true;
            return this;
        }

        /** How long a firing alert stays firing after the condition stopped holding; default zero. */
        public Builder keepFiringFor(Duration duration) {
            if (keepSet) {
                throw new InvalidArgumentException("keepFiringFor", "is already set for rule '" + name + "'");
            }
            this.keepFiringFor = nonNegative("keepFiringFor", duration);
            this.keepSet = true;
            return this;
        }

        /** Sets the {@code severity} label. */
        public Builder severity(Severity severity) {
            Objects.requireNonNull(severity, "severity");
            if (this.severity != null || labels.containsKey(SEVERITY)) {
                throw new InvalidArgumentException("severity", "is already set for rule '" + name + "'");
            }
            this.severity = severity;
            labels.put(SEVERITY, Template.parse("label severity", severity.label()));
            return this;
        }

        /** Adds a label; the value may be a template. {@code alertname} is reserved. */
        public Builder label(String labelName, String value) {
            Labels.requireName(labelName);
            if (ALERTNAME.equals(labelName)) {
                throw new InvalidArgumentException("label", "'alertname' is set from the rule's name");
            }
            if (labels.containsKey(labelName)) {
                throw new InvalidArgumentException("label", "'" + labelName + "' is already set for rule '" + name + "'");
            }
            labels.put(labelName, Template.parse("label " + labelName, value));
            return this;
        }

        /** Adds every label of {@code fixed}. */
        public Builder labels(Labels fixed) {
            fixed.asMap().forEach(this::label);
            return this;
        }

        /** Adds an annotation; the value may be a template. */
        public Builder annotation(String annotationName, String value) {
            Labels.requireName(annotationName);
            if (annotations.containsKey(annotationName)) {
                throw new InvalidArgumentException("annotation", "'" + annotationName
                        + "' is already set for rule '" + name + "'");
            }
            annotations.put(annotationName, Template.parse("annotation " + annotationName, value));
            return this;
        }

        /** The link sent as each alert's {@code generatorURL} (a dashboard, a runbook). */
        public Builder generatorUrl(String url) {
            if (generatorSet) {
                throw new InvalidArgumentException("generatorUrl", "is already set for rule '" + name + "'");
            }
            this.generatorUrl = Objects.requireNonNull(url, "url");
            this.generatorSet = true;
            return this;
        }

        /**
         * The rule.
         *
         * @throws InvalidArgumentException if no signal was given
         */
        public AlertRule build() {
            if (signal == null) {
                throw new InvalidArgumentException("signal", "rule '" + name + "' needs when(signal, condition)");
            }
            return new AlertRule(this);
        }

        private static Duration nonNegative(String field, Duration d) {
            Objects.requireNonNull(d, field);
            if (d.isNegative()) {
                throw new InvalidArgumentException(field, "must not be negative, was " + d);
            }
            return d;
        }
    }
}
