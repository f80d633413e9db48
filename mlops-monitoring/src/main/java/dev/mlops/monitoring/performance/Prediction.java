package dev.mlops.monitoring.performance;

import dev.mlops.core.InvalidArgumentException;
import dev.mlops.core.Names;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One logged prediction: its id (the key labels join on), the model name and version that made it,
 * when it was made, the features it saw, what it answered, and an optional segment (for example a
 * country or a customer tier) that metrics are also broken down by.
 *
 * <p>An immutable value, safe to share between threads. It is a final class rather than a record so
 * that {@link PredictionLogger} can build one without checking the model name and version again on
 * every call (it checked them once).
 *
 * <h2>Rules</h2>
 * <ul>
 *   <li>{@code id}: 1 to {@value #MAX_ID_LENGTH} characters, no control characters. Within one model, an
 *       id is logged once; a prediction log keeps the first one it is given. The same id may be used by
 *       several models (a champion and a shadow challenger answering the same request): a label for
 *       the id applies to each.</li>
 *   <li>{@code model}, {@code version}: names ({@link Names}).</li>
 *   <li>{@code time}: between 1677-09-22 and 2262-04-11 (what nanoseconds since the epoch can hold).</li>
 *   <li>{@code features}: feature name → null, a number, a string or a boolean; copied. Integral
 *       numbers are kept as {@link Long}, {@code float}/{@code double} as {@link Double}.</li>
 *   <li>{@code segment}: 1 to {@value #MAX_ID_LENGTH} characters when present.</li>
 * </ul>
 */
public final class Prediction {

    /** The longest prediction id and segment accepted. */
    public static final int MAX_ID_LENGTH = 250;

    /** The earliest prediction time a log can store (nanoseconds since the epoch fit in a long). */
    public static final Instant MIN_TIME = Instant.ofEpochSecond(0, Long.MIN_VALUE);
    /** The latest prediction time a log can store. */
    public static final Instant MAX_TIME = Instant.ofEpochSecond(0, Long.MAX_VALUE);

    private final String id;
    private final String model;
    private final String version;
    private final Instant time;
    private final FeatureMap features;
    private final PredictionOutput output;
    private final String segment;

    private Prediction(String id, String model, String version, Instant time, FeatureMap features,
                       PredictionOutput output, String segment) {
        this.id = id;
        this.model = model;
        this.version = version;
        this.time = time;
        this.features = features;
        this.output = output;
        this.segment = segment;
    }

    /**
     * A prediction without a segment.
     *
     * @throws InvalidArgumentException naming the offending field; see the class comment
     */
    public static Prediction of(String id, String model, String version, Instant time,
                                Map<String, ?> features, PredictionOutput output) {
        return of(id, model, version, time, features, output, null);
    }

    /**
     * A prediction in a segment ({@code segment} may be null for none).
     *
     * @throws InvalidArgumentException naming the offending field; see the class comment
     */
    public static Prediction of(String id, String model, String version, Instant time,
                                Map<String, ?> features, PredictionOutput output, String segment) {
        Names.require("model", model);
        Names.require("version", version);
        return trusted(id, model, version, time, features, output, segment);
    }

    /** Builds a prediction whose model and version the caller has already checked. */
    static Prediction trusted(String id, String model, String version, Instant time,
                              Map<String, ?> features, PredictionOutput output, String segment) {
        checkId("id", id);
        if (time == null) {
            throw new InvalidArgumentException("time", "is null");
        }
        if (time.isBefore(MIN_TIME) || time.isAfter(MAX_TIME)) {
            throw new InvalidArgumentException("time", time + " is outside " + MIN_TIME + " .. " + MAX_TIME);
        }
        if (output == null) {
            throw new InvalidArgumentException("output", "is null");
        }
        if (segment != null) {
            checkId("segment", segment);
        }
        return new Prediction(id, model, version, time, FeatureMap.copyOf(features), output, segment);
    }

    /** Checks an id-like string: 1 to MAX_ID_LENGTH characters without control characters. */
    static String checkId(String field, String value) {
        if (value == null || value.isEmpty()) {
            throw new InvalidArgumentException(field, "must be 1 to " + MAX_ID_LENGTH + " characters, got "
                    + (value == null ? "null" : "an empty string"));
        }
        int n = value.length();
        if (n > MAX_ID_LENGTH) {
            throw new InvalidArgumentException(field, "is " + n + " characters long, the limit is " + MAX_ID_LENGTH);
        }
        for (int i = 0; i < n; i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                throw new InvalidArgumentException(field, "contains a control character at index " + i);
            }
        }
        return value;
    }

    /** The prediction id, the key labels join on. */
    public String id() {
        return id;
    }

    /** The model's name. */
    public String model() {
        return model;
    }

    /** The model version that answered. */
    public String version() {
        return version;
    }

    /** When the prediction was made; metrics windows are by this time. */
    public Instant time() {
        return time;
    }

    /** The features the model saw: an unmodifiable map in the order they were given. */
    public Map<String, Object> features() {
        return features;
    }

    /** What the model answered. */
    public PredictionOutput output() {
        return output;
    }

    /** The segment, when the prediction has one. */
    public Optional<String> segment() {
        return Optional.ofNullable(segment);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Prediction p && id.equals(p.id) && model.equals(p.model) && version.equals(p.version)
                && time.equals(p.time) && features.equals(p.features) && output.equals(p.output)
                && Objects.equals(segment, p.segment);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, model, version, time, features, output, segment);
    }

    @Override
    public String toString() {
        return "Prediction[id=" + id + ", model=" + model + ", version=" + version + ", time=" + time
                + ", features=" + features + ", output=" + output + (segment == null ? "" : ", segment=" + segment)
                + "]";
    }
}
