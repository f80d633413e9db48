package dev.mlops.core.lineage;

import dev.mlops.core.InvalidArgumentException;
import dev.mlops.core.NotFoundException;
import dev.mlops.core.lineage.LineageNode.Kind;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

/**
 * The lineage graph on the heap; see {@link LineageStore#inMemory(InstantSource)}.
 *
 * <p>One read-write lock guards all state: writes are serialized and check everything before they
 * change anything, so a rejected call leaves the store as it was; reads run in parallel. Ids are
 * assigned 1, 2, 3… per kind, without gaps. Thread-safe; the state lives as long as the object.
 */
final class InMemoryLineageStore implements LineageStore {

    private static final Comparator<Stored> OLDEST_FIRST = Comparator
            .comparing((Stored s) -> s.event().recordedAt())
            .thenComparingLong(Stored::seq);

    private final InstantSource clock;
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private final Nodes<Artifact> artifacts = new Nodes<>();
    private final Nodes<Execution> executions = new Nodes<>();
    private final Nodes<Context> contexts = new Nodes<>();
    private final Map<EventKey, Stored> events = new HashMap<>();
    private final Map<Long, List<Stored>> eventsByArtifact = new HashMap<>();
    private final Map<Long, List<Stored>> eventsByExecution = new HashMap<>();
    private final Map<Long, SortedSet<Long>> attributions = new HashMap<>();
    private final Map<Long, SortedSet<Long>> associations = new HashMap<>();
    private long eventSeq;

    InMemoryLineageStore(InstantSource clock) {
        if (clock == null) {
            throw new InvalidArgumentException("clock", "is null");
        }
        this.clock = clock;
    }

    @Override
    public Artifact putArtifact(String type, String name, String uri, Map<String, String> properties) {
        LineageRules.artifact(type, name, uri, properties);
        Instant now = LineageRules.now(clock);
        return write(() -> artifacts.find(type, name)
                .map(stored -> LineageRules.same(stored, uri, properties))
                .orElseGet(() -> artifacts.add(type, name, id -> new Artifact(id, type, name, uri, properties, now))));
    }

    @Override
    public Execution putExecution(String type, String name, ExecutionState state, Map<String, String> properties) {
        LineageRules.execution(type, name, state, properties);
        Instant now = LineageRules.now(clock);
        return write(() -> findOrAddExecution(type, name, state, properties, now));
    }

    private Execution findOrAddExecution(String type, String name, ExecutionState state,
            Map<String, String> properties, Instant now) {
        return executions.find(type, name)
                .map(stored -> LineageRules.same(stored, state, properties))
                .orElseGet(() -> executions.add(type, name,
                        id -> new Execution(id, type, name, state, properties, now)));
    }

    @Override
    public Execution updateExecutionState(long executionId, ExecutionState state) {
        LineageRules.notNull("state", state);
        return write(() -> {
            Execution e = executions.require("execution", executionId);
            Execution updated = new Execution(e.id(), e.type(), e.name(), state, e.properties(), e.createdAt());
            executions.replace(updated.id(), updated);
            return updated;
        });
    }

    @Override
    public Context putContext(String type, String name, Map<String, String> properties) {
        LineageRules.context(type, name, properties);
        Instant now = LineageRules.now(clock);
        return write(() -> contexts.find(type, name)
                .map(stored -> LineageRules.same(stored, properties))
                .orElseGet(() -> contexts.add(type, name, id -> new Context(id, type, name, properties, now))));
    }

    @Override
    public Event putEvent(long artifactId, long executionId, EventType type) {
        LineageRules.notNull("type", type);
        Instant now = LineageRules.now(clock);
        return write(() -> {
            artifacts.require("artifact", artifactId);
            executions.require("execution", executionId);
            return addEvent(artifactId, executionId, type, now);
        });
    }

    @Override
    public Execution recordExecution(String type, String name, ExecutionState state, Map<String, String> properties,
            List<Long> inputArtifactIds, List<Long> outputArtifactIds, List<Long> contextIds) {
        LineageRules.execution(type, name, state, properties);
        List<Long> inputs = LineageRules.ids("inputArtifactIds", inputArtifactIds);
        List<Long> outputs = LineageRules.ids("outputArtifactIds", outputArtifactIds);
        List<Long> contextList = LineageRules.ids("contextIds", contextIds);
        Instant now = LineageRules.now(clock);
        return write(() -> {
            Set<Long> artifactIds = new LinkedHashSet<>(inputs);
            artifactIds.addAll(outputs);
            artifacts.requireAll("artifact", artifactIds);
            contexts.requireAll("context", contextList);
            // Everything is checked; from here on nothing can fail.
            Execution execution = findOrAddExecution(type, name, state, properties, now);
            for (long a : inputs) {
                addEvent(a, execution.id(), EventType.INPUT, now);
            }
            for (long a : outputs) {
                addEvent(a, execution.id(), EventType.OUTPUT, now);
            }
            for (long c : contextList) {
                associations.computeIfAbsent(c, k -> new TreeSet<>()).add(execution.id());
                attributions.computeIfAbsent(c, k -> new TreeSet<>()).addAll(artifactIds);
            }
            return execution;
        });
    }

    private Event addEvent(long artifactId, long executionId, EventType type, Instant now) {
        EventKey key = new EventKey(artifactId, executionId, type);
        Stored existing = events.get(key);
        if (existing != null) {
            return existing.event();
        }
        Stored stored = new Stored(new Event(artifactId, executionId, type, now), ++eventSeq);
        events.put(key, stored);
        eventsByArtifact.computeIfAbsent(artifactId, k -> new ArrayList<>()).add(stored);
        eventsByExecution.computeIfAbsent(executionId, k -> new ArrayList<>()).add(stored);
        return stored.event();
    }

    @Override
    public void attribute(long contextId, long artifactId) {
        write(() -> {
            contexts.require("context", contextId);
            artifacts.require("artifact", artifactId);
            return attributions.computeIfAbsent(contextId, k -> new TreeSet<>()).add(artifactId);
        });
    }

    @Override
    public void associate(long contextId, long executionId) {
        write(() -> {
            contexts.require("context", contextId);
            executions.require("execution", executionId);
            return associations.computeIfAbsent(contextId, k -> new TreeSet<>()).add(executionId);
        });
    }

    @Override
    public Optional<Artifact> artifact(long id) {
        return read(() -> artifacts.get(id));
    }

    @Override
    public Optional<Artifact> artifact(String type, String name) {
        LineageRules.key(type, name);
        return read(() -> artifacts.find(type, name));
    }

    @Override
    public Optional<Execution> execution(long id) {
        return read(() -> executions.get(id));
    }

    @Override
    public Optional<Execution> execution(String type, String name) {
        LineageRules.key(type, name);
        return read(() -> executions.find(type, name));
    }

    @Override
    public Optional<Context> context(long id) {
        return read(() -> contexts.get(id));
    }

    @Override
    public Optional<Context> context(String type, String name) {
        LineageRules.key(type, name);
        return read(() -> contexts.find(type, name));
    }

    @Override
    public List<Artifact> artifactsOfType(String type) {
        LineageRules.type("type", type);
        return read(() -> artifacts.ofType(type));
    }

    @Override
    public List<Execution> executionsOfType(String type) {
        LineageRules.type("type", type);
        return read(() -> executions.ofType(type));
    }

    @Override
    public List<Artifact> artifactsInContext(long contextId) {
        return read(() -> {
            contexts.require("context", contextId);
            return artifacts.all(attributions.getOrDefault(contextId, new TreeSet<>()));
        });
    }

    @Override
    public List<Execution> executionsInContext(long contextId) {
        return read(() -> {
            contexts.require("context", contextId);
            return executions.all(associations.getOrDefault(contextId, new TreeSet<>()));
        });
    }

    @Override
    public List<Event> eventsOfArtifact(long artifactId) {
        return read(() -> {
            artifacts.require("artifact", artifactId);
            return oldestFirst(eventsByArtifact.getOrDefault(artifactId, List.of()));
        });
    }

    @Override
    public List<Event> eventsOfExecution(long executionId) {
        return read(() -> {
            executions.require("execution", executionId);
            return oldestFirst(eventsByExecution.getOrDefault(executionId, List.of()));
        });
    }

    private static List<Event> oldestFirst(List<Stored> stored) {
        return stored.stream().sorted(OLDEST_FIRST).map(Stored::event).toList();
    }

    @Override
    public LineageGraph upstream(LineageNode start, int maxHops) {
        return read(() -> LineageWalker.walk(new HeapSource(), start, maxHops, LineageWalker.Direction.UPSTREAM));
    }

    @Override
    public LineageGraph downstream(LineageNode start, int maxHops) {
        return read(() -> LineageWalker.walk(new HeapSource(), start, maxHops, LineageWalker.Direction.DOWNSTREAM));
    }

    /** The walker's view of the maps; used while the read lock is held. */
    private final class HeapSource implements LineageWalker.Source {

        @Override
        public boolean exists(LineageNode node) {
            return (node.kind() == Kind.ARTIFACT ? artifacts.get(node.id()) : executions.get(node.id())).isPresent();
        }

        @Override
        public List<Event> events(Kind kind, Collection<Long> ids, EventType type) {
            Map<Long, List<Stored>> index = kind == Kind.ARTIFACT ? eventsByArtifact : eventsByExecution;
            List<Event> found = new ArrayList<>();
            for (long id : ids) {
                for (Stored s : index.getOrDefault(id, List.of())) {
                    if (s.event().type() == type) {
                        found.add(s.event());
                    }
                }
            }
            return found;
        }

        @Override
        public List<Artifact> artifacts(Collection<Long> ids) {
            return artifacts.all(ids);
        }

        @Override
        public List<Execution> executions(Collection<Long> ids) {
            return executions.all(ids);
        }
    }

    private <T> T write(Supplier<T> work) {
        lock.writeLock().lock();
        try {
            return work.get();
        } finally {
            lock.writeLock().unlock();
        }
    }

    private <T> T read(Supplier<T> work) {
        lock.readLock().lock();
        try {
            return work.get();
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public String toString() {
        return "InMemoryLineageStore";
    }

    private record EventKey(long artifactId, long executionId, EventType type) {}

    /** An event and its insertion sequence, which orders events recorded at the same instant. */
    private record Stored(Event event, long seq) {}

    private record TypeName(String type, String name) {}

    /** Nodes of one kind by id and by (type, name); guarded by the store's lock. */
    private static final class Nodes<T> {
        private final TreeMap<Long, T> byId = new TreeMap<>();
        private final Map<TypeName, Long> byName = new HashMap<>();
        private final Map<String, SortedSet<Long>> byType = new HashMap<>();
        private long lastId;

        Optional<T> get(long id) {
            return Optional.ofNullable(byId.get(id));
        }

        Optional<T> find(String type, String name) {
            Long id = byName.get(new TypeName(type, name));
            return id == null ? Optional.empty() : Optional.of(byId.get(id));
        }

        T require(String kind, long id) {
            T node = byId.get(id);
            if (node == null) {
                throw new NotFoundException(LineageRules.missing(kind, List.of(id)));
            }
            return node;
        }

        void requireAll(String kind, Collection<Long> ids) {
            List<Long> missing = ids.stream().filter(id -> !byId.containsKey(id)).toList();
            if (!missing.isEmpty()) {
                throw new NotFoundException(LineageRules.missing(kind, missing));
            }
        }

        interface Factory<T> {
            T create(long id);
        }

        T add(String type, String name, Factory<T> factory) {
            long id = ++lastId;
            T node = factory.create(id);
            byId.put(id, node);
            byName.put(new TypeName(type, name), id);
            byType.computeIfAbsent(type, k -> new TreeSet<>()).add(id);
            return node;
        }

        void replace(long id, T node) {
            byId.put(id, Objects.requireNonNull(node));
        }

        List<T> ofType(String type) {
            return all(byType.getOrDefault(type, new TreeSet<>()));
        }

        /** The nodes with these ids that exist, by id. */
        List<T> all(Collection<Long> ids) {
            return new TreeSet<>(ids).stream().map(byId::get).filter(Objects::nonNull).toList();
        }
    }
}
