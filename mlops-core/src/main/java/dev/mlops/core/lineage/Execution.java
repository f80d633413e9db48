package dev.mlops.core.lineage;

import java.time.Instant;
import java.util.Map;

/**
 * A step that read and wrote artifacts: a training run, a materialization, a retraining. Unique by
 * {@code (type, name)}.
 *
 * @param id assigned by the {@link LineageStore}
 * @param type such as {@code Training} or {@code Materialization} (a valid name)
 * @param name unique within the type, such as a run id
 * @param state the last known state
 * @param properties free-form string properties
 * @param createdAt when the store first recorded it
 */
public record Execution(long id, String type, String name, ExecutionState state, Map<String, String> properties,
        Instant createdAt) {

    public Execution {
        properties = Map.copyOf(properties);
    }

    /** This execution as a node of the lineage graph. */
    public LineageNode node() {
        return LineageNode.execution(id);
    }
}
