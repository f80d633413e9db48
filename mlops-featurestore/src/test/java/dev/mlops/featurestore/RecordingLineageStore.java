package dev.mlops.featurestore;

import dev.mlops.core.lineage.Artifact;
import dev.mlops.core.lineage.Context;
import dev.mlops.core.lineage.Event;
import dev.mlops.core.lineage.EventType;
import dev.mlops.core.lineage.Execution;
import dev.mlops.core.lineage.ExecutionState;
import dev.mlops.core.lineage.LineageGraph;
import dev.mlops.core.lineage.LineageNode;
import dev.mlops.core.lineage.LineageStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Records what the feature store writes to lineage; answers nothing else. */
final class RecordingLineageStore implements LineageStore {

    record Recorded(String type, String name, Map<String, String> properties, List<Long> inputs, List<Long> outputs) {}

    final List<Artifact> artifacts = new ArrayList<>();
    final List<Recorded> executions = new ArrayList<>();

    @Override
    public synchronized Artifact putArtifact(String type, String name, String uri, Map<String, String> properties) {
        for (Artifact a : artifacts) {
            if (a.type().equals(type) && a.name().equals(name)) {
                return a;
            }
        }
        Artifact a = new Artifact(artifacts.size() + 1, type, name, uri, properties, Instant.EPOCH);
        artifacts.add(a);
        return a;
    }

    @Override
    public synchronized Execution recordExecution(String type, String name, ExecutionState state,
            Map<String, String> properties, List<Long> inputArtifactIds, List<Long> outputArtifactIds,
            List<Long> contextIds) {
        executions.add(new Recorded(type, name, properties, inputArtifactIds, outputArtifactIds));
        return new Execution(executions.size(), type, name, state, properties, Instant.EPOCH);
    }

    @Override
    public Execution putExecution(String type, String name, ExecutionState state, Map<String, String> properties) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Execution updateExecutionState(long executionId, ExecutionState state) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Context putContext(String type, String name, Map<String, String> properties) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Event putEvent(long artifactId, long executionId, EventType type) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void attribute(long contextId, long artifactId) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void associate(long contextId, long executionId) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Optional<Artifact> artifact(long id) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Optional<Artifact> artifact(String type, String name) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Optional<Execution> execution(long id) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Optional<Execution> execution(String type, String name) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Optional<Context> context(long id) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Optional<Context> context(String type, String name) {
        throw new UnsupportedOperationException();
    }

    @Override
    public List<Artifact> artifactsOfType(String type) {
        throw new UnsupportedOperationException();
    }

    @Override
    public List<Execution> executionsOfType(String type) {
        throw new UnsupportedOperationException();
    }

    @Override
    public List<Artifact> artifactsInContext(long contextId) {
        throw new UnsupportedOperationException();
    }

    @Override
    public List<Execution> executionsInContext(long contextId) {
        throw new UnsupportedOperationException();
    }

    @Override
    public List<Event> eventsOfArtifact(long artifactId) {
        throw new UnsupportedOperationException();
    }

    @Override
    public List<Event> eventsOfExecution(long executionId) {
        throw new UnsupportedOperationException();
    }

    @Override
    public LineageGraph upstream(LineageNode start, int maxHops) {
        throw new UnsupportedOperationException();
    }

    @Override
    public LineageGraph downstream(LineageNode start, int maxHops) {
        throw new UnsupportedOperationException();
    }
}
