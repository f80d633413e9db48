package dev.mlops.core.lineage;

import dev.mlops.core.jdbc.Database;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where artifacts came from and where they went, in Google ML Metadata's model: {@link Artifact}s,
 * {@link Execution}s, {@link Context}s that group them, and {@link Event}s linking an execution to the
 * artifacts it read and wrote.
 *
 * <p>Typical questions: "which dataset version and code produced model v3" is
 * {@code upstream(modelArtifact.node(), 2)}; "which models used dataset X" is
 * {@code downstream(dataset.node(), 2).artifactsOfType("Model")}.
 *
 * <h2>Identity and idempotence</h2>
 * Artifacts, executions and contexts are unique by {@code (type, name)}. A put with an existing
 * {@code (type, name)} and the same content returns the stored object; with different content it throws
 * {@link dev.mlops.core.AlreadyExistsException} and changes nothing. Events, attributions and
 * associations are sets: recording one twice is a no-op. Types follow {@link dev.mlops.core.Names};
 * names and URIs are free text of at most {@value #MAX_NAME_LENGTH} characters without control characters.
 *
 * <h2>Hops</h2>
 * One hop is one event edge between an artifact and an execution. Upstream walks from an artifact to
 * the executions that output it and from an execution to the artifacts it input; downstream the other
 * way. {@code maxHops} is between 0 and {@value #MAX_HOPS}.
 *
 * <p>Adapters: {@link #inMemory(InstantSource)} and {@link #jdbc(Database, InstantSource)}. Thread-safe;
 * every adapter passes {@code LineageStoreContract} in {@code mlops-testkit}.
 */
public interface LineageStore {

    /** The longest name or URI accepted. */
    int MAX_NAME_LENGTH = 1024;
    /** The largest hop limit accepted. */
    int MAX_HOPS = 64;

    /** Records an artifact, or returns the identical one already recorded. */
    Artifact putArtifact(String type, String name, String uri, Map<String, String> properties);

    /** Records an execution in the given state, or returns the identical one already recorded. */
    Execution putExecution(String type, String name, ExecutionState state, Map<String, String> properties);

    /**
     * Moves an execution to a new state.
     *
     * @throws dev.mlops.core.NotFoundException if there is no such execution
     */
    Execution updateExecutionState(long executionId, ExecutionState state);

    /** Records a context, or returns the identical one already recorded. */
    Context putContext(String type, String name, Map<String, String> properties);

    /**
     * Records that an execution read or wrote an artifact.
     *
     * @throws dev.mlops.core.NotFoundException if the artifact or the execution does not exist
     */
    Event putEvent(long artifactId, long executionId, EventType type);

    /**
     * Records, in one transaction, an execution with the artifacts it read and wrote and the contexts
     * it belongs to: either all of it is stored or none.
     */
    Execution recordExecution(String type, String name, ExecutionState state, Map<String, String> properties,
            List<Long> inputArtifactIds, List<Long> outputArtifactIds, List<Long> contextIds);

    /** Adds an artifact to a context (ML Metadata's attribution). */
    void attribute(long contextId, long artifactId);

    /** Adds an execution to a context (ML Metadata's association). */
    void associate(long contextId, long executionId);

    Optional<Artifact> artifact(long id);

    Optional<Artifact> artifact(String type, String name);

    Optional<Execution> execution(long id);

    Optional<Execution> execution(String type, String name);

    Optional<Context> context(long id);

    Optional<Context> context(String type, String name);

    /** The artifacts of a type, by id. */
    List<Artifact> artifactsOfType(String type);

    /** The executions of a type, by id. */
    List<Execution> executionsOfType(String type);

    /** The artifacts attributed to a context, by id. */
    List<Artifact> artifactsInContext(long contextId);

    /** The executions associated with a context, by id. */
    List<Execution> executionsInContext(long contextId);

    /** The events of an artifact, oldest first. */
    List<Event> eventsOfArtifact(long artifactId);

    /** The events of an execution, oldest first. */
    List<Event> eventsOfExecution(long executionId);

    /**
     * What {@code start} came from, up to {@code maxHops} event edges away.
     *
     * @throws dev.mlops.core.NotFoundException if {@code start} does not exist
     */
    LineageGraph upstream(LineageNode start, int maxHops);

    /**
     * What came from {@code start}, up to {@code maxHops} event edges away.
     *
     * @throws dev.mlops.core.NotFoundException if {@code start} does not exist
     */
    LineageGraph downstream(LineageNode start, int maxHops);

    /** A store on the heap; for tests and single-process tools. */
    static LineageStore inMemory(InstantSource clock) {
        throw new UnsupportedOperationException("in-memory lineage store lands with the lineage helper");
    }

    /** A store in the database's tables. Applies the core schema migrations if needed. */
    static LineageStore jdbc(Database database, InstantSource clock) {
        throw new UnsupportedOperationException("JDBC lineage store lands with the lineage helper");
    }
}
