package dev.mlops.monitoring.alert;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.Collections;

/**
 * A snapshot of one alert instance of a rule: one series for which the rule's condition holds (or
 * recently held).
 *
 * @param ruleName the rule that produced it (also its {@code alertname} label)
 * @param labels the alert's identity: the series' labels, the rule's labels and {@code alertname}
 * @param annotations the rule's annotations, expanded with the latest value
 * @param state {@link AlertState#PENDING}, {@link AlertState#FIRING} or {@link AlertState#RESOLVED}
 * @param value the signal's value at the latest evaluation at which the condition held
 * @param activeAt the evaluation at which the condition started to hold
 * @param firedAt the evaluation at which the alert became firing (Alertmanager's {@code startsAt})
 * @param resolvedAt the evaluation at which it resolved (Alertmanager's {@code endsAt})
 * @param keepFiringSince the evaluation since which it is firing only because of {@code keep_firing_for}
 */
public record Alert(
        String ruleName,
        Labels labels,
        SortedMap<String, String> annotations,
        AlertState state,
        double value,
        Instant activeAt,
        Optional<Instant> firedAt,
        Optional<Instant> resolvedAt,
        Optional<Instant> keepFiringSince) {

    public Alert {
        Objects.requireNonNull(ruleName, "ruleName");
        Objects.requireNonNull(labels, "labels");
        annotations = Collections.unmodifiableSortedMap(new TreeMap<>(Objects.requireNonNull(annotations, "annotations")));
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(activeAt, "activeAt");
        Objects.requireNonNull(firedAt, "firedAt");
        Objects.requireNonNull(resolvedAt, "resolvedAt");
        Objects.requireNonNull(keepFiringSince, "keepFiringSince");
    }

    /** The alert's fingerprint, {@link Labels#fingerprint()} of its labels. */
    public String fingerprint() {
        return labels.fingerprint();
    }

    /** The annotation {@code name}, if the rule has it. */
    public Optional<String> annotation(String name) {
        return Optional.ofNullable(annotations.get(name));
    }
}
