package dev.mlops.core.lineage;

import java.time.Instant;
import java.util.Map;

/**
 * A thing that executions read or write: a dataset version, a training set, a model version, a
 * report. Identified by its store-assigned id, and unique by {@code (type, name)}.
 *
 * @param id assigned by the {@link LineageStore}
 * @param type what kind of artifact, such as {@code Dataset} or {@code Model} (a valid name)
 * @param name unique within the type, such as a content digest or {@code fraud/3}
 * @param uri where the artifact lives, such as {@code models:/fraud/3}; empty when it has none
 * @param properties free-form string properties, such as {@code digest}
 * @param createdAt when the store first recorded it
 */
public record Artifact(long id, String type, String name, String uri, Map<String, String> properties,
        Instant createdAt) {

    public Artifact {
        properties = Map.copyOf(properties);
    }

    /** This artifact as a node of the lineage graph. */
    public LineageNode node() {
        return LineageNode.artifact(id);
    }
}
