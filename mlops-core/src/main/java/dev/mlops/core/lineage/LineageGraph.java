package dev.mlops.core.lineage;

import java.util.List;
import java.util.Optional;

/**
 * The part of the lineage graph an upstream or downstream query reached: the nodes within the hop
 * limit (the start node included) and the events between them. Lists are ordered by id, events by
 * (execution, artifact, type), so equal graphs compare equal.
 *
 * @param artifacts the artifacts reached
 * @param executions the executions reached
 * @param events the edges between the nodes reached
 */
public record LineageGraph(List<Artifact> artifacts, List<Execution> executions, List<Event> events) {

    public LineageGraph {
        artifacts = List.copyOf(artifacts);
        executions = List.copyOf(executions);
        events = List.copyOf(events);
    }

    /** The reached artifacts of one type, such as all datasets upstream of a model. */
    public List<Artifact> artifactsOfType(String type) {
        return artifacts.stream().filter(a -> a.type().equals(type)).toList();
    }

    /** The reached executions of one type. */
    public List<Execution> executionsOfType(String type) {
        return executions.stream().filter(e -> e.type().equals(type)).toList();
    }

    /** The reached artifact with this id. */
    public Optional<Artifact> artifact(long id) {
        return artifacts.stream().filter(a -> a.id() == id).findFirst();
    }
}
