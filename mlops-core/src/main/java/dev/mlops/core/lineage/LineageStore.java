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
 * {@link dev.mlops.core.AlreadyExistsException} and changes nothing. The content is the URI and the
 * properties of an artifact, the state and the properties of an execution, the properties of a context;
 * the creation time is not part of it. Events, attributions and associations are sets: recording one
 * twice is a no-op that returns or keeps the first. Ids are positive and never reused; ids that were
 * never assigned simply find nothing, and an id of one kind means nothing for another kind.
 *
 * <h2>Input</h2>
 * Types follow {@link dev.mlops.core.Names}. Names and URIs are free text of at most
 * {@value #MAX_NAME_LENGTH} UTF-16 characters without control characters or unpaired surrogates; a name
 * is not blank, a URI is empty when there is none. Properties are a non-null map whose keys follow
 * {@link dev.mlops.core.Names} and whose values are non-null strings of at most
 * {@value #MAX_PROPERTY_VALUE_LENGTH} characters without unpaired surrogates (control characters such
 * as line breaks are allowed). A call with bad input throws {@link dev.mlops.core.InvalidArgumentException}
 * naming the argument and changes nothing; a call naming an id that does not exist throws
 * {@link dev.mlops.core.NotFoundException} and changes nothing.
 *
 * <h2>Time</h2>
 * Creation and event times come from the store's {@link InstantSource}, kept at millisecond precision
 * by every adapter. "Oldest first" orders by that time, then by the order the store recorded them.
 *
 * <h2>Hops</h2>
 * One hop is one event edge between an artifact and an execution. Upstream walks from an artifact to
 * the executions that output it and from an execution to the artifacts it input; downstream the other
 * way. {@code maxHops} is between 0 and {@value #MAX_HOPS}: 0 gives the start node alone, {@code n}
 * every node a directed path of at most {@code n} events away. The graph holds the events whose artifact
 * and execution were both reached. Each node is visited once, so cycles (an artifact that one execution
 * both reads and writes) end. A walk reads a recent committed state; events recorded while it runs may
 * or may not be in its graph.
 *
 * <p>Adapters: {@link #inMemory(InstantSource)} and {@link #jdbc(Database, InstantSource)}. Thread-safe;
 * every adapter passes {@code LineageStoreContract} in {@code mlops-testkit}.
 */
public interface LineageStore {

    /** The longest name or URI accepted. */
    int MAX_NAME_LENGTH = 1024;
    /** The largest hop limit accepted. */
    int MAX_HOPS = 64;
    /** The longest property value accepted. */
    int MAX_PROPERTY_VALUE_LENGTH = 65_536;

    /** Records an artifact, or returns the identical one already recorded. */
    Artifact putArtifact(String type, String name, String uri, Map<String, String> properties);

    /** Records an execution in the given state, or returns the identical one already recorded. */
    Execution putExecution(String type, String name, ExecutionState state, Map<String, String> properties);

    /**
     * Moves an execution to a new state, any state to any other (as ML Metadata allows); the properties
     * and the creation time stay.
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
     * it belongs to: either all of it is stored or none. As ML Metadata's {@code PutExecution} does, the
     * execution is associated with every context and every input and output artifact is attributed to
     * every context. The execution follows {@link #putExecution}'s idempotence rule; events and
     * memberships already recorded are kept; repeated ids count once. New events are recorded at one
     * instant, inputs before outputs, each in list order.
     *
     * @param inputArtifactIds the artifacts the execution read (may be empty, not null)
     * @param outputArtifactIds the artifacts it wrote; an id in both lists is a cycle, which is allowed
     * @param contextIds the contexts it belongs to
     * @throws dev.mlops.core.NotFoundException naming every artifact or context id that does not exist;
     *     nothing is stored then
     * @throws dev.mlops.core.AlreadyExistsException if the execution exists with different content;
     *     nothing is stored then
     */
    Execution recordExecution(String type, String name, ExecutionState state, Map<String, String> properties,
            List<Long> inputArtifactIds, List<Long> outputArtifactIds, List<Long> contextIds);

    /**
     * Adds an artifact to a context (ML Metadata's attribution).
     *
     * @throws dev.mlops.core.NotFoundException if the context or the artifact does not exist
     */
    void attribute(long contextId, long artifactId);

    /**
     * Adds an execution to a context (ML Metadata's association).
     *
     * @throws dev.mlops.core.NotFoundException if the context or the execution does not exist
     */
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

    /**
     * The artifacts attributed to a context, by id.
     *
     * @throws dev.mlops.core.NotFoundException if there is no such context
     */
    List<Artifact> artifactsInContext(long contextId);

    /**
     * The executions associated with a context, by id.
     *
     * @throws dev.mlops.core.NotFoundException if there is no such context
     */
    List<Execution> executionsInContext(long contextId);

    /**
     * The events of an artifact, oldest first.
     *
     * @throws dev.mlops.core.NotFoundException if there is no such artifact
     */
    List<Event> eventsOfArtifact(long artifactId);

    /**
     * The events of an execution, oldest first.
     *
     * @throws dev.mlops.core.NotFoundException if there is no such execution
     */
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

    /**
     * A store on the heap, empty at first and gone with the object; for tests and single-process tools.
     * Ids count 1, 2, 3… per kind.
     */
    static LineageStore inMemory(InstantSource clock) {
        return new InMemoryLineageStore(clock);
    }

    /**
     * A store in the database's {@code mlops_lineage_*} tables, which the core schema migrations create
     * when the {@link Database} is opened. Several stores and processes may share one database. Ids come
     * from the database and may have gaps.
     */
    static LineageStore jdbc(Database database, InstantSource clock) {
        return new JdbcLineageStore(database, clock);
    }
}
