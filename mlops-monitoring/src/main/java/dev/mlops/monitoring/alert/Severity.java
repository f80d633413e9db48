package dev.mlops.monitoring.alert;

import java.util.Locale;
import java.util.Optional;

/**
 * How urgent an alert is. A rule's severity becomes its {@code severity} label (lower case), which
 * routes, inhibition rules and notifiers match on; the four values are PagerDuty Events v2's severities.
 */
public enum Severity {
    /** Someone must act now (a page). */
    CRITICAL,
    /** Something is broken but not yet urgent. */
    ERROR,
    /** Something needs attention during working hours (a ticket). */
    WARNING,
    /** For information only. */
    INFO;

    /** The label value: {@code critical}, {@code error}, {@code warning} or {@code info}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The severity whose {@linkplain #label() label} is {@code value}, if any. */
    public static Optional<Severity> fromLabel(String value) {
        for (Severity s : values()) {
            if (s.label().equals(value)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
