package dev.mlops.monitoring.alert;

import dev.mlops.core.InvalidArgumentException;
import java.time.Instant;
import java.util.Collections;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One alert as a notification carries it: Alertmanager's template {@code Alert}.
 *
 * @param status {@link AlertState#FIRING} or {@link AlertState#RESOLVED}
 * @param labels the alert's labels
 * @param annotations the alert's annotations
 * @param startsAt when it started firing
 * @param endsAt when it resolved; empty while firing (sent as Go's zero time, as Alertmanager does)
 * @param generatorUrl the rule's link, possibly empty
 */
public record NotifiedAlert(
        AlertState status,
        Labels labels,
        SortedMap<String, String> annotations,
        Instant startsAt,
        Optional<Instant> endsAt,
        String generatorUrl) {

    public NotifiedAlert {
        Objects.requireNonNull(status, "status");
        if (status != AlertState.FIRING && status != AlertState.RESOLVED) {
            throw new InvalidArgumentException("status", "must be FIRING or RESOLVED, was " + status);
        }
        Objects.requireNonNull(labels, "labels");
        annotations = Collections.unmodifiableSortedMap(new TreeMap<>(Objects.requireNonNull(annotations, "annotations")));
        Objects.requireNonNull(startsAt, "startsAt");
        Objects.requireNonNull(endsAt, "endsAt");
        Objects.requireNonNull(generatorUrl, "generatorUrl");
    }

    /** {@link Labels#fingerprint()} of the labels. */
    public String fingerprint() {
        return labels.fingerprint();
    }

    public boolean isFiring() {
        return status == AlertState.FIRING;
    }
}
