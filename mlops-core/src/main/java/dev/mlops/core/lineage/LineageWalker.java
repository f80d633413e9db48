package dev.mlops.core.lineage;

import dev.mlops.core.NotFoundException;
import dev.mlops.core.lineage.LineageNode.Kind;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The breadth-first walk behind {@link LineageStore#upstream} and {@link LineageStore#downstream},
 * written once for every adapter over a {@link Source} that answers one question per hop level for a
 * whole frontier (a JDBC source turns it into one {@code IN (...)} query per chunk), never one per node.
 *
 * <p>Hop level {@code d} fetches the events of the nodes first reached at level {@code d} in the walking
 * direction; their far ends not yet reached form level {@code d + 1}. At level {@code maxHops} the events
 * are still fetched, but only to find edges back to nodes already reached, so the graph holds every event
 * whose two ends were reached. Each node is expanded at most once, so cycles (an artifact both read and
 * written by one execution) end the walk instead of looping. Stateless.
 */
final class LineageWalker {

    /** What the walker asks of a store. Implementations read a recent, committed state. */
    interface Source {

        /** Whether the node exists. */
        boolean exists(LineageNode node);

        /** The events of type {@code type} of the nodes of one kind with these ids, in any order. */
        List<Event> events(Kind kind, Collection<Long> ids, EventType type);

        /** The artifacts with these ids, in any order. */
        List<Artifact> artifacts(Collection<Long> ids);

        /** The executions with these ids, in any order. */
        List<Execution> executions(Collection<Long> ids);
    }

    /** Which way a walk follows the events. */
    enum Direction {
        /** From an artifact to the executions that output it, from an execution to the artifacts it input. */
        UPSTREAM,
        /** From an artifact to the executions that input it, from an execution to the artifacts it output. */
        DOWNSTREAM;

        EventType from(Kind kind) {
            boolean artifact = kind == Kind.ARTIFACT;
            return (this == UPSTREAM) == artifact ? EventType.OUTPUT : EventType.INPUT;
        }
    }

    private static final Comparator<Event> EVENT_ORDER = Comparator.comparingLong(Event::executionId)
            .thenComparingLong(Event::artifactId)
            .thenComparing(Event::type);

    private LineageWalker() {}

    static LineageGraph walk(Source source, LineageNode start, int maxHops, Direction direction) {
        LineageRules.query(start, maxHops);
        if (!source.exists(start)) {
            throw new NotFoundException(LineageRules.missing(start.kind() == Kind.ARTIFACT ? "artifact" : "execution",
                    List.of(start.id())));
        }
        Set<Long> artifacts = new HashSet<>();
        Set<Long> executions = new HashSet<>();
        reached(start.kind(), artifacts, executions).add(start.id());
        Set<Event> candidates = new LinkedHashSet<>();
        List<Long> frontier = List.of(start.id());
        Kind kind = start.kind();
        for (int depth = 0; !frontier.isEmpty(); depth++) {
            Kind far = kind == Kind.ARTIFACT ? Kind.EXECUTION : Kind.ARTIFACT;
            Set<Long> farReached = reached(far, artifacts, executions);
            if (depth == maxHops && farReached.isEmpty()) {
                break; // no edge can lead back to a reached node
            }
            List<Event> found = source.events(kind, frontier, direction.from(kind));
            candidates.addAll(found);
            if (depth == maxHops) {
                break;
            }
            List<Long> next = new ArrayList<>();
            for (Event e : found) {
                long farId = far == Kind.ARTIFACT ? e.artifactId() : e.executionId();
                if (farReached.add(farId)) {
                    next.add(farId);
                }
            }
            frontier = next;
            kind = far;
        }
        List<Event> events = candidates.stream()
                .filter(e -> artifacts.contains(e.artifactId()) && executions.contains(e.executionId()))
                .sorted(EVENT_ORDER)
                .toList();
        List<Artifact> artifactList = artifacts.isEmpty() ? List.of() : source.artifacts(artifacts).stream()
                .sorted(Comparator.comparingLong(Artifact::id)).toList();
        List<Execution> executionList = executions.isEmpty() ? List.of() : source.executions(executions).stream()
                .sorted(Comparator.comparingLong(Execution::id)).toList();
        return new LineageGraph(artifactList, executionList, events);
    }

    private static Set<Long> reached(Kind kind, Set<Long> artifacts, Set<Long> executions) {
        return kind == Kind.ARTIFACT ? artifacts : executions;
    }
}
