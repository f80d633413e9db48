package dev.mlops.monitoring.alert;

import dev.mlops.core.InvalidArgumentException;
import dev.mlops.core.Names;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * Multiwindow, multi-burn-rate alerts on an SLO's error budget, as in the Google SRE workbook
 * ("Alerting on SLOs", recommendation 6). The burn rate over a window is
 * {@code error ratio / (1 - objective)}: at burn rate 1 the budget lasts exactly the SLO period.
 *
 * <p>Default windows, for a 30-day SLO:
 * <table>
 *   <caption>Default windows</caption>
 *   <tr><th>severity</th><th>long window</th><th>short window</th><th>burn rate</th><th>budget spent</th></tr>
 *   <tr><td>critical (page)</td><td>1 h</td><td>5 min</td><td>14.4</td><td>2 %</td></tr>
 *   <tr><td>critical (page)</td><td>6 h</td><td>30 min</td><td>6</td><td>5 %</td></tr>
 *   <tr><td>warning (ticket)</td><td>3 d</td><td>6 h</td><td>1</td><td>10 %</td></tr>
 * </table>
 *
 * <p>A window pair alerts when the error ratio exceeds {@code factor × (1 - objective)} over both its
 * long and its short window (the workbook's {@code rate_long > factor * budget and rate_short > factor
 * * budget}); a window without events never alerts. {@link #rules()} gives one {@link AlertRule} per
 * severity, alerting when any of its pairs does; the alert's value is the long-window burn rate of the
 * first such pair. The rules carry the labels {@code slo} and {@code severity}, so an inhibition rule
 * with {@code equal: [alertname, slo]} lets the page mute the ticket.
 *
 * <p>Immutable and thread-safe; reads the {@link SloEvents} it was built with.
 */
public final class SloBurnRateRules {

    /** The alert name used unless the builder sets another. */
    public static final String DEFAULT_ALERT_NAME = "SloErrorBudgetBurn";

    /**
     * One row of the table: alert when the burn rate exceeds {@code factor} over both windows.
     *
     * @param longWindow the window that measures how much budget was spent
     * @param shortWindow the window that makes the alert reset soon after the problem stops
     * @param factor the burn rate threshold, positive
     * @param severity the severity of the rule this pair belongs to
     */
    public record Window(Duration longWindow, Duration shortWindow, double factor, Severity severity) {
        public Window {
            SloEvents.wholeMinutes("longWindow", longWindow, SloEvents.MAX_RETENTION);
            SloEvents.wholeMinutes("shortWindow", shortWindow, SloEvents.MAX_RETENTION);
            if (shortWindow.compareTo(longWindow) >= 0) {
                throw new InvalidArgumentException("shortWindow", "must be shorter than the long window "
                        + longWindow + ", was " + shortWindow);
            }
            if (!(factor > 0) || !Double.isFinite(factor)) {
                throw new InvalidArgumentException("factor", "must be positive and finite, was " + factor);
            }
            Objects.requireNonNull(severity, "severity");
        }
    }

    /** The SRE workbook's windows for a 30-day SLO. */
    public static final List<Window> DEFAULT_WINDOWS = List.of(
            new Window(Duration.ofHours(1), Duration.ofMinutes(5), 14.4, Severity.CRITICAL),
            new Window(Duration.ofHours(6), Duration.ofMinutes(30), 6, Severity.CRITICAL),
            new Window(Duration.ofDays(3), Duration.ofHours(6), 1, Severity.WARNING));

    private final String slo;
    private final SloEvents events;
    private final double objective;
    private final List<Window> windows;
    private final List<AlertRule> rules;

    private SloBurnRateRules(Builder b) {
        this.slo = b.slo;
        this.events = b.events;
        this.objective = b.objective;
        this.windows = List.copyOf(b.windows.isEmpty() ? DEFAULT_WINDOWS : b.windows);
        for (Window w : windows) {
            if (w.longWindow().compareTo(events.retention()) > 0) {
                throw new InvalidArgumentException("windows", "window " + w.longWindow()
                        + " is longer than the events' retention " + events.retention());
            }
        }
        Map<Severity, List<Window>> bySeverity = new LinkedHashMap<>();
        for (Window w : windows) {
            bySeverity.computeIfAbsent(w.severity(), s -> new ArrayList<>()).add(w);
        }
        List<AlertRule> out = new ArrayList<>();
        for (Map.Entry<Severity, List<Window>> e : bySeverity.entrySet()) {
            List<Window> pairs = List.copyOf(e.getValue());
            AlertRule.Builder rb = AlertRule.builder(b.alertName)
                    .when(now -> sample(now, pairs), Condition.always())
                    .severity(e.getKey())
                    .label("slo", slo)
                    .annotation("summary", "SLO " + slo + " is burning its error budget at {{ $value }}x the sustainable rate")
                    .annotation("description", describe(pairs));
            if (b.forDuration != null) {
                rb.forDuration(b.forDuration);
            }
            b.labels.forEach(rb::label);
            out.add(rb.build());
        }
        this.rules = List.copyOf(out);
    }

    /** A builder for the SLO named {@code slo}, measured by {@code events}. */
    public static Builder builder(String slo, SloEvents events) {
        return new Builder(slo, events);
    }

    /** One rule per severity, in the order the windows list them. */
    public List<AlertRule> rules() {
        return rules;
    }

    public double objective() {
        return objective;
    }

    public List<Window> windows() {
        return windows;
    }

    /** The burn rate over {@code window} at {@code now}; absent when the window had no events. */
    public OptionalDouble burnRate(Instant now, Duration window) {
        OptionalDouble ratio = events.errorRatio(now, window);
        return ratio.isPresent() ? OptionalDouble.of(ratio.getAsDouble() / (1 - objective)) : OptionalDouble.empty();
    }

    private List<Signal.Sample> sample(Instant now, List<Window> pairs) {
        double budget = 1 - objective;
        for (Window w : pairs) {
            OptionalDouble longRatio = events.errorRatio(now, w.longWindow());
            OptionalDouble shortRatio = events.errorRatio(now, w.shortWindow());
            if (longRatio.isPresent() && shortRatio.isPresent()
                    && longRatio.getAsDouble() > w.factor() * budget
                    && shortRatio.getAsDouble() > w.factor() * budget) {
                return List.of(new Signal.Sample(Labels.empty(), longRatio.getAsDouble() / budget));
            }
        }
        return List.of();
    }

    private String describe(List<Window> pairs) {
        StringBuilder b = new StringBuilder("Objective ").append(GoText.formatFloat(objective)).append("; alerting when the burn rate exceeds");
        for (int i = 0; i < pairs.size(); i++) {
            Window w = pairs.get(i);
            b.append(i == 0 ? " " : " or ").append(GoText.formatFloat(w.factor())).append(" over ")
                    .append(human(w.longWindow())).append(" and ").append(human(w.shortWindow()));
        }
        return b.append('.').toString();
    }

    private static String human(Duration d) {
        if (d.toMinutes() % (24 * 60) == 0) {
            return d.toDays() + "d";
        }
        if (d.toMinutes() % 60 == 0) {
            return d.toHours() + "h";
        }
        return d.toMinutes() + "m";
    }

    @Override
    public String toString() {
        return "SloBurnRateRules[" + slo + ", objective " + objective + ", " + windows.size() + " windows]";
    }

    /** Builds {@link SloBurnRateRules}. Not thread-safe. */
    public static final class Builder {
        private final String slo;
        private final SloEvents events;
        private double objective = Double.NaN;
        private String alertName = DEFAULT_ALERT_NAME;
        private boolean alertNameSet;
        private final List<Window> windows = new ArrayList<>();
        private final Map<String, String> labels = new LinkedHashMap<>();
        private Duration forDuration;

        private Builder(String slo, SloEvents events) {
            this.slo = Names.require("slo name", slo);
            this.events = Objects.requireNonNull(events, "events");
        }

        /** The objective, strictly between 0 and 1 (0.999 for "99.9 %"). Required. */
        public Builder objective(double value) {
            if (!Double.isNaN(objective)) {
                throw new InvalidArgumentException("objective", "is already set");
            }
            if (!(value > 0 && value < 1)) {
                throw new InvalidArgumentException("objective", "must be strictly between 0 and 1, was " + value);
            }
            this.objective = value;
            return this;
        }

        /** The rules' name; default {@value #DEFAULT_ALERT_NAME}. */
        public Builder alertName(String name) {
            if (alertNameSet) {
                throw new InvalidArgumentException("alertName", "is already set");
            }
            this.alertName = Names.require("alert rule name", name);
            this.alertNameSet = true;
            return this;
        }

        /** Adds a window pair; when any is added, the defaults are not used. */
        public Builder window(Window window) {
            windows.add(Objects.requireNonNull(window, "window"));
            return this;
        }

        /** Adds a label to every rule. */
        public Builder label(String name, String value) {
            Labels.requireName(name);
            if (name.equals("slo") || name.equals(AlertRule.SEVERITY) || labels.put(name, value) != null) {
                throw new InvalidArgumentException("label", "'" + name + "' is set twice");
            }
            return this;
        }

        /** A {@code for} duration for every rule; default zero (the short window already damps noise). */
        public Builder forDuration(Duration d) {
            if (forDuration != null) {
                throw new InvalidArgumentException("forDuration", "is already set");
            }
            this.forDuration = Objects.requireNonNull(d, "forDuration");
            return this;
        }

        /**
         * The rules.
         *
         * @throws InvalidArgumentException if the objective is missing or a window is longer than the
         *     events' retention
         */
        public SloBurnRateRules build() {
            if (Double.isNaN(objective)) {
                throw new InvalidArgumentException("objective", "is required");
            }
            return new SloBurnRateRules(this);
        }
    }
}
