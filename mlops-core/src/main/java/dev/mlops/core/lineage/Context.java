package dev.mlops.core.lineage;

import java.time.Instant;
import java.util.Map;

/**
 * A group of artifacts and executions: an experiment, a pipeline, a registered model. Unique by
 * {@code (type, name)}.
 *
 * @param id assigned by the {@link LineageStore}
 * @param type such as {@code Experiment} (a valid name)
 * @param name unique within the type
 * @param properties free-form string properties
 * @param createdAt when the store first recorded it
 */
public record Context(long id, String type, String name, Map<String, String> properties, Instant createdAt) {

    public Context {
        properties = Map.copyOf(properties);
    }
}
