package dev.mlops.registry.tracking;

import dev.mlops.core.Names;
import dev.mlops.registry.internal.Checks;

/**
 * A run's input parameter. Params are immutable once logged: the same value again is a no-op, a
 * different value a {@link dev.mlops.core.ConflictException}.
 *
 * @param key a valid {@linkplain Names name}
 * @param value at most {@value TrackingLimits#MAX_PARAM_VALUE_LENGTH} characters; may be empty
 */
public record Param(String key, String value) {

    public Param {
        Names.require("param key", key);
        Checks.text("param '" + key + "' value", value, TrackingLimits.MAX_PARAM_VALUE_LENGTH);
    }
}
