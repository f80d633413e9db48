package dev.mlops.monitoring.alert;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlops.core.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** A notification with one firing and one resolved alert, and reference values computed by fingerprints.py. */
final class NotifierFixtures {

    static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");
    static final Labels AGE = Labels.of("alertname", "FeatureDriftHigh", "feature", "age", "model", "fraud", "severity", "warning");
    static final Labels INCOME = Labels.of("alertname", "FeatureDriftHigh", "feature", "income", "model", "fraud", "severity", "warning");

    private NotifierFixtures() {}

    static NotifiedAlert firingAge() {
        return new NotifiedAlert(AlertState.FIRING, AGE, new TreeMap<>(Map.of("summary", "Drift 0.31 on age")), T0,
                Optional.empty(), "https://grafana.example/d/drift");
    }

    static NotifiedAlert resolvedIncome() {
        return new NotifiedAlert(AlertState.RESOLVED, INCOME, new TreeMap<>(Map.of("summary", "Drift 0.25 on income")),
                T0.plus(Duration.ofMinutes(1)), Optional.of(T0.plus(Duration.ofMinutes(10)).plusMillis(500)), "");
    }

    static Notification notification(NotifiedAlert... alerts) {
        return new Notification("ml-team", "{}:{alertname=\"FeatureDriftHigh\"}", Labels.of("alertname", "FeatureDriftHigh"),
                List.of(alerts), "https://mlops.example/alerts", T0.plus(Duration.ofMinutes(11)));
    }

    static JsonNode json(String text) {
        try {
            return Json.newMapper().readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The fingerprint fingerprints.py computed for {@code labels}. */
    static String referenceFingerprint(Labels labels) {
        try {
            for (JsonNode entry : LabelsAndMatchersTest.reference().get("fingerprints")) {
                if (entry.get("labels").equals(Json.newMapper().valueToTree(labels.asMap()))) {
                    return entry.get("fingerprint").asText();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new AssertionError("no reference fingerprint for " + labels);
    }

    /** The SHA-256 fingerprints.py computed for {@code groupKey}. */
    static String referenceDedupKey(String groupKey) {
        try {
            for (JsonNode entry : LabelsAndMatchersTest.reference().get("dedupKeys")) {
                if (entry.get("groupKey").asText().equals(groupKey)) {
                    return entry.get("sha256").asText();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new AssertionError("no reference dedup key for " + groupKey);
    }
}
