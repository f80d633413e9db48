package dev.mlops.registry.tracking;

import dev.mlops.core.Names;
import dev.mlops.registry.internal.Checks;

/**
 * A mutable key-value label on an experiment, a run, a registered model or a model version. Setting
 * a tag again replaces its value.
 *
 * @param key a valid {@linkplain Names name}
 * @param value at most {@value TrackingLimits#MAX_TAG_VALUE_LENGTH} characters; may be empty
 */
public record Tag(String key, String value) {

    public Tag {
        Names.require("tag key", key);
        Checks.text("tag '" + key + "' value", value, TrackingLimits.MAX_TAG_VALUE_LENGTH);
    }
}
