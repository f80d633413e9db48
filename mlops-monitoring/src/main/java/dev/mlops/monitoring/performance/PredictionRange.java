package dev.mlops.monitoring.performance;

import dev.mlops.core.InvalidArgumentException;
import dev.mlops.core.Names;
import java.time.Instant;
import java.util.Optional;

/**
 * Which stored predictions to read: one model, optionally one version of it, made in
 * {@code [from, to)}.
 *
 * <p>An immutable value, safe to share between threads.
 *
 * @param model the model name
 * @param version only this version, or every version when empty
 * @param from the earliest prediction time, inclusive
 * @param to the latest prediction time, exclusive; after {@code from}
 */
public record PredictionRange(String model, Optional<String> version, Instant from, Instant to) {

    /** Validates the fields. */
    public PredictionRange {
        Names.require("model", model);
        if (version == null) {
            throw new InvalidArgumentException("version", "is null; use Optional.empty() for every version");
        }
        version.ifPresent(v -> Names.require("version", v));
        if (from == null || to == null) {
            throw new InvalidArgumentException(from == null ? "from" : "to", "is null");
        }
        if (!from.isBefore(to)) {
            throw new InvalidArgumentException("to", "must be after from (" + from + "), got " + to);
        }
    }

    /** Every version of {@code model} in {@code [from, to)}. */
    public static PredictionRange of(String model, Instant from, Instant to) {
        return new PredictionRange(model, Optional.empty(), from, to);
    }

    /** The same range restricted to one version. */
    public PredictionRange withVersion(String version) {
        return new PredictionRange(model, Optional.of(version), from, to);
    }

    /** Whether {@code p} falls in this range. */
    public boolean contains(Prediction p) {
        return p.model().equals(model) && version.map(p.version()::equals).orElse(true)
                && !p.time().isBefore(from) && p.time().isBefore(to);
    }
}
