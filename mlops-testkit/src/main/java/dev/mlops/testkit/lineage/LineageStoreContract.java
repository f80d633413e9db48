package dev.mlops.testkit.lineage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.mlops.core.AlreadyExistsException;
import dev.mlops.core.InvalidArgumentException;
import dev.mlops.core.NotFoundException;
import dev.mlops.core.lineage.Artifact;
import dev.mlops.core.lineage.Context;
import dev.mlops.core.lineage.Event;
import dev.mlops.core.lineage.EventType;
import dev.mlops.core.lineage.Execution;
import dev.mlops.core.lineage.ExecutionState;
import dev.mlops.core.lineage.LineageGraph;
import dev.mlops.core.lineage.LineageNode;
import dev.mlops.core.lineage.LineageStore;
import dev.mlops.testkit.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.function.Executable;

/**
 * The behaviour every {@link LineageStore} adapter must have: identity and idempotence of artifacts,
 * executions and contexts, events and context membership, upstream and downstream walks with exact hop
 * limits and cycles, rejection of bad input without any change, atomic {@code recordExecution}, and
 * writers racing on real threads.
 *
 * <p>An adapter's test extends this class and returns a fresh, empty store from
 * {@link #newStore(InstantSource)}, wired to the clock it is given (a {@link TestClock} the tests move by
 * hand); {@link #closeStore()} releases what it opened. Each test gets its own store.
 */
public abstract class LineageStoreContract {

    /** A fresh, empty store that takes its time from {@code clock}; called before each test. */
    protected abstract LineageStore newStore(InstantSource clock) throws Exception;

    /** Releases what {@link #newStore} opened; called after each test. */
    protected void closeStore() throws Exception {}

    /** The clock of the current test's store. */
    protected TestClock clock;
    /** The current test's store. */
    protected LineageStore store;

    private static final Instant START = Instant.parse("2024-03-01T12:00:00Z");
    private static final int THREADS = 8;

    @BeforeEach
    void openStore() throws Exception {
        clock = TestClock.at(START);
        store = newStore(clock);
    }

    @AfterEach
    void releaseStore() throws Exception {
        closeStore();
    }

    // ---------------------------------------------------------------- helpers

    private Artifact dataset(String name) {
        return store.putArtifact("Dataset", name, "file:/data/" + name, Map.of("digest", "sha256:" + name));
    }

    private Execution training(String name) {
        return store.putExecution("Training", name, ExecutionState.RUNNING, Map.of("learning_rate", "0.05"));
    }

    private Context experiment(String name) {
        return store.putContext("Experiment", name, Map.of("owner", "risk"));
    }

    private Execution record(String type, String name, List<Artifact> inputs, List<Artifact> outputs) {
        return store.recordExecution(type, name, ExecutionState.COMPLETE, Map.of(), ids(inputs), ids(outputs),
                List.of());
    }

    private static List<Long> ids(List<Artifact> artifacts) {
        return artifacts.stream().map(Artifact::id).toList();
    }

    /** The names of every node of a graph, artifacts and executions alike. */
    private static Set<String> names(LineageGraph g) {
        Set<String> names = new TreeSet<>();
        g.artifacts().forEach(a -> names.add(a.name()));
        g.executions().forEach(e -> names.add(e.name()));
        return names;
    }

    private static Event event(Artifact a, Execution e, EventType type) {
        // recordedAt is not compared by the callers of this helper; they compare edges.
        return new Event(a.id(), e.id(), type, START);
    }

    private static List<String> edges(List<Event> events) {
        return events.stream().map(e -> e.artifactId() + "-" + e.type() + "-" + e.executionId()).toList();
    }

    private static String edge(Artifact a, Execution e, EventType type) {
        return edges(List.of(event(a, e, type))).get(0);
    }

    private static void assertOrdered(LineageGraph g) {
        assertThat(g.artifacts()).isSortedAccordingTo(Comparator.comparingLong(Artifact::id));
        assertThat(g.executions()).isSortedAccordingTo(Comparator.comparingLong(Execution::id));
        assertThat(g.events()).isSortedAccordingTo(Comparator.comparingLong(Event::executionId)
                .thenComparingLong(Event::artifactId).thenComparing(Event::type));
    }

    /** What one racing thread got: a value or the exception it threw. */
    private record Outcome<T>(T value, Throwable error) {}

    /** Runs {@code threads} tasks released at once by a latch, and waits for all of them. */
    private static <T> List<Outcome<T>> race(int threads, IntFunction<Callable<T>> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch ready = new CountDownLatch(threads);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                Callable<T> work = task.apply(i);
                futures.add(pool.submit(() -> {
                    ready.countDown();
                    go.await();
                    return work.call();
                }));
            }
            ready.await();
            go.countDown();
            List<Outcome<T>> outcomes = new ArrayList<>();
            for (Future<T> f : futures) {
                try {
                    outcomes.add(new Outcome<>(f.get(60, TimeUnit.SECONDS), null));
                } catch (ExecutionException e) {
                    outcomes.add(new Outcome<>(null, e.getCause()));
                }
            }
            return outcomes;
        } finally {
            pool.shutdownNow();
        }
    }

    private static <T> List<T> values(List<Outcome<T>> outcomes) {
        outcomes.forEach(o -> assertThat(o.error()).as("error of a racing call").isNull());
        return outcomes.stream().map(Outcome::value).toList();
    }

    // ---------------------------------------------------------------- artifacts

    @Nested
    @DisplayName("artifacts")
    class Artifacts {

        @Test
        @DisplayName("are recorded with a positive id, the given fields and the clock's time")
        void put() {
            Artifact a = store.putArtifact("Dataset", "customers-2024-03", "s3://bucket/customers.parquet",
                    Map.of("digest", "sha256:abc", "rows", "1000"));
            assertThat(a.id()).isPositive();
            assertThat(a.type()).isEqualTo("Dataset");
            assertThat(a.name()).isEqualTo("customers-2024-03");
            assertThat(a.uri()).isEqualTo("s3://bucket/customers.parquet");
            assertThat(a.properties()).containsExactlyInAnyOrderEntriesOf(Map.of("digest", "sha256:abc", "rows", "1000"));
            assertThat(a.createdAt()).isEqualTo(START);
            assertThat(a.node()).isEqualTo(LineageNode.artifact(a.id()));
        }

        @Test
        @DisplayName("are found by id and by type and name, and nothing is found for what was never put")
        void get() {
            Artifact a = dataset("d1");
            assertThat(store.artifact(a.id())).contains(a);
            assertThat(store.artifact("Dataset", "d1")).contains(a);
            assertThat(store.artifact(a.id() + 1000)).isEmpty();
            assertThat(store.artifact(0)).isEmpty();
            assertThat(store.artifact(-1)).isEmpty();
            assertThat(store.artifact("Dataset", "d2")).isEmpty();
            assertThat(store.artifact("Model", "d1")).isEmpty();
        }

        @Test
        @DisplayName("putting the same type, name and content again returns the stored artifact, creation time included")
        void idempotent() {
            Artifact first = dataset("d1");
            clock.advance(Duration.ofHours(1));
            Map<String, String> sameProperties = new LinkedHashMap<>();
            sameProperties.put("digest", "sha256:d1");
            Artifact again = store.putArtifact("Dataset", "d1", "file:/data/d1", sameProperties);
            assertThat(again).isEqualTo(first);
            assertThat(again.createdAt()).isEqualTo(START);
            assertThat(store.artifactsOfType("Dataset")).containsExactly(first);
        }

        @Test
        @DisplayName("properties compare as maps, whatever their order")
        void propertyOrder() {
            Map<String, String> forward = new LinkedHashMap<>();
            Map<String, String> backward = new LinkedHashMap<>();
            for (int i = 0; i < 20; i++) {
                forward.put("k" + i, "v" + i);
                backward.put("k" + (19 - i), "v" + (19 - i));
            }
            Artifact first = store.putArtifact("Dataset", "d", "", forward);
            assertThat(store.putArtifact("Dataset", "d", "", backward)).isEqualTo(first);
            assertThat(store.putContext("Experiment", "x", backward)).isEqualTo(store.putContext("Experiment", "x",
                    forward));
        }

        @Test
        @DisplayName("putting the same type and name with another URI or other properties is a conflict that changes nothing")
        void conflicts() {
            Artifact first = dataset("d1");
            assertThatThrownBy(() -> store.putArtifact("Dataset", "d1", "file:/elsewhere", Map.of("digest", "sha256:d1")))
                    .isInstanceOf(AlreadyExistsException.class)
                    .hasMessageContaining("d1").hasMessageContaining("uri");
            assertThatThrownBy(() -> store.putArtifact("Dataset", "d1", "file:/data/d1", Map.of("digest", "other")))
                    .isInstanceOf(AlreadyExistsException.class)
                    .hasMessageContaining("digest");
            assertThatThrownBy(() -> store.putArtifact("Dataset", "d1", "file:/data/d1", Map.of()))
                    .isInstanceOf(AlreadyExistsException.class);
            assertThatThrownBy(() -> store.putArtifact("Dataset", "d1", "file:/data/d1",
                    Map.of("digest", "sha256:d1", "extra", "x")))
                    .isInstanceOf(AlreadyExistsException.class)
                    .hasMessageContaining("extra");
            assertThat(store.artifact(first.id())).contains(first);
            assertThat(store.artifactsOfType("Dataset")).containsExactly(first);
        }

        @Test
        @DisplayName("the same name under another type is another artifact")
        void typeIsPartOfIdentity() {
            Artifact d = store.putArtifact("Dataset", "fraud", "", Map.of());
            Artifact m = store.putArtifact("Model", "fraud", "models:/fraud/1", Map.of());
            assertThat(m.id()).isNotEqualTo(d.id());
            assertThat(store.artifact("Dataset", "fraud")).contains(d);
            assertThat(store.artifact("Model", "fraud")).contains(m);
        }

        @Test
        @DisplayName("are listed by type in id order, and an unknown type lists nothing")
        void ofType() {
            Artifact d1 = dataset("d1");
            Artifact m = store.putArtifact("Model", "m", "", Map.of());
            Artifact d2 = dataset("d2");
            assertThat(store.artifactsOfType("Dataset")).containsExactly(d1, d2);
            assertThat(store.artifactsOfType("Model")).containsExactly(m);
            assertThat(store.artifactsOfType("Report")).isEmpty();
        }

        @Test
        @DisplayName("keep their own copy of the properties")
        void propertiesCopied() {
            Map<String, String> props = new HashMap<>(Map.of("k", "v"));
            Artifact a = store.putArtifact("Dataset", "d", "", props);
            props.put("k", "changed");
            assertThat(a.properties()).containsExactly(Map.entry("k", "v"));
            assertThat(store.artifact(a.id()).orElseThrow().properties()).containsExactly(Map.entry("k", "v"));
        }

        @Test
        @DisplayName("keep names, URIs and property values of any script exactly, up to the length limits")
        void text() {
            String cjk = "数".repeat(LineageStore.MAX_NAME_LENGTH);
            String emoji = "🧪".repeat(LineageStore.MAX_NAME_LENGTH / 2);
            String value = "line one\nline two\t\"quoted\" \\ ünïcödé \0 nul " + "x".repeat(1000);
            String longValue = "v".repeat(LineageStore.MAX_PROPERTY_VALUE_LENGTH);
            Artifact a = store.putArtifact("Dataset", cjk, emoji, Map.of("note", value, "long", longValue));
            Artifact b = store.putArtifact("Dataset", emoji, "models:/fraud@champion", Map.of("empty", ""));
            Artifact c = store.putArtifact("Dataset", " spaced  name ", "", Map.of());
            assertThat(store.artifact("Dataset", cjk)).contains(a);
            assertThat(store.artifact(a.id()).orElseThrow().uri()).isEqualTo(emoji);
            assertThat(store.artifact(a.id()).orElseThrow().properties())
                    .containsExactlyInAnyOrderEntriesOf(Map.of("note", value, "long", longValue));
            assertThat(store.artifact("Dataset", emoji)).contains(b);
            assertThat(store.artifact("Dataset", " spaced  name ")).contains(c);
            assertThat(store.artifact("Dataset", "spaced  name")).isEmpty();
            assertThat(store.artifactsOfType("Dataset")).containsExactly(a, b, c);
        }

        @Test
        @DisplayName("names differing only in case are different names")
        void caseSensitive() {
            Artifact lower = store.putArtifact("Dataset", "customers", "", Map.of());
            Artifact upper = store.putArtifact("Dataset", "Customers", "", Map.of());
            assertThat(upper.id()).isNotEqualTo(lower.id());
            assertThat(store.artifact("Dataset", "CUSTOMERS")).isEmpty();
        }

        @Test
        @DisplayName("keep the creation time at millisecond precision")
        void millisecondPrecision() {
            clock.set(Instant.parse("2024-03-01T12:00:00.123456789Z"));
            Artifact a = dataset("d1");
            assertThat(a.createdAt()).isEqualTo(Instant.parse("2024-03-01T12:00:00.123Z"));
            assertThat(store.artifact(a.id()).orElseThrow().createdAt()).isEqualTo(a.createdAt());
        }
    }

    // ---------------------------------------------------------------- executions

    @Nested
    @DisplayName("executions")
    class Executions {

        @Test
        @DisplayName("are recorded with their state and found by id and by type and name")
        void put() {
            Execution e = training("run-1");
            assertThat(e.id()).isPositive();
            assertThat(e.state()).isEqualTo(ExecutionState.RUNNING);
            assertThat(e.properties()).containsExactly(Map.entry("learning_rate", "0.05"));
            assertThat(e.createdAt()).isEqualTo(START);
            assertThat(store.execution(e.id())).contains(e);
            assertThat(store.execution("Training", "run-1")).contains(e);
            assertThat(store.execution(e.id() + 1000)).isEmpty();
            assertThat(store.execution("Training", "run-2")).isEmpty();
            assertThat(e.node()).isEqualTo(LineageNode.execution(e.id()));
        }

        @Test
        @DisplayName("putting the same execution again returns it; another state or other properties conflict")
        void idempotence() {
            Execution e = training("run-1");
            clock.advance(Duration.ofMinutes(5));
            assertThat(training("run-1")).isEqualTo(e);
            assertThatThrownBy(() -> store.putExecution("Training", "run-1", ExecutionState.COMPLETE,
                    Map.of("learning_rate", "0.05")))
                    .isInstanceOf(AlreadyExistsException.class).hasMessageContaining("state");
            assertThatThrownBy(() -> store.putExecution("Training", "run-1", ExecutionState.RUNNING,
                    Map.of("learning_rate", "0.1")))
                    .isInstanceOf(AlreadyExistsException.class).hasMessageContaining("learning_rate");
            assertThat(store.executionsOfType("Training")).containsExactly(e);
        }

        @Test
        @DisplayName("move to any state, keeping their properties and creation time")
        void updateState() {
            Execution e = training("run-1");
            clock.advance(Duration.ofMinutes(5));
            Execution done = store.updateExecutionState(e.id(), ExecutionState.COMPLETE);
            assertThat(done).isEqualTo(new Execution(e.id(), "Training", "run-1", ExecutionState.COMPLETE,
                    e.properties(), START));
            assertThat(store.execution(e.id())).contains(done);
            assertThat(store.updateExecutionState(e.id(), ExecutionState.COMPLETE)).isEqualTo(done);
            assertThat(store.updateExecutionState(e.id(), ExecutionState.RUNNING).state())
                    .isEqualTo(ExecutionState.RUNNING);
        }

        @Test
        @DisplayName("after a state change, a put with the new state returns the execution and one with the old state conflicts")
        void putAfterUpdate() {
            Execution e = store.putExecution("Training", "run-1", ExecutionState.NEW, Map.of());
            Execution failed = store.updateExecutionState(e.id(), ExecutionState.FAILED);
            assertThat(store.putExecution("Training", "run-1", ExecutionState.FAILED, Map.of())).isEqualTo(failed);
            assertThatThrownBy(() -> store.putExecution("Training", "run-1", ExecutionState.NEW, Map.of()))
                    .isInstanceOf(AlreadyExistsException.class);
        }

        @Test
        @DisplayName("moving an execution that does not exist is not found")
        void updateUnknown() {
            assertThatThrownBy(() -> store.updateExecutionState(424242, ExecutionState.COMPLETE))
                    .isInstanceOf(NotFoundException.class).hasMessageContaining("424242");
        }

        @Test
        @DisplayName("keep every state faithfully")
        void everyState() {
            for (ExecutionState s : ExecutionState.values()) {
                Execution e = store.putExecution("Step", "step-" + s, s, Map.of());
                assertThat(store.execution(e.id()).orElseThrow().state()).isEqualTo(s);
            }
            assertThat(store.executionsOfType("Step")).extracting(Execution::state)
                    .containsExactly(ExecutionState.values());
        }

        @Test
        @DisplayName("are listed by type in id order")
        void ofType() {
            Execution a = training("run-1");
            Execution m = store.putExecution("Materialization", "mat-1", ExecutionState.NEW, Map.of());
            Execution b = training("run-2");
            assertThat(store.executionsOfType("Training")).containsExactly(a, b);
            assertThat(store.executionsOfType("Materialization")).containsExactly(m);
            assertThat(store.executionsOfType("Retraining")).isEmpty();
        }
    }

    // ---------------------------------------------------------------- contexts

    @Nested
    @DisplayName("contexts")
    class Contexts {

        @Test
        @DisplayName("are recorded and found by id and by type and name")
        void put() {
            Context c = experiment("fraud");
            assertThat(c.id()).isPositive();
            assertThat(c.properties()).containsExactly(Map.entry("owner", "risk"));
            assertThat(c.createdAt()).isEqualTo(START);
            assertThat(store.context(c.id())).contains(c);
            assertThat(store.context("Experiment", "fraud")).contains(c);
            assertThat(store.context("Pipeline", "fraud")).isEmpty();
            assertThat(store.context(c.id() + 1000)).isEmpty();
        }

        @Test
        @DisplayName("putting the same context again returns it; other properties conflict and change nothing")
        void idempotence() {
            Context c = experiment("fraud");
            clock.advance(Duration.ofDays(1));
            assertThat(experiment("fraud")).isEqualTo(c);
            assertThatThrownBy(() -> store.putContext("Experiment", "fraud", Map.of("owner", "growth")))
                    .isInstanceOf(AlreadyExistsException.class).hasMessageContaining("owner");
            assertThat(store.context(c.id())).contains(c);
        }

        @Test
        @DisplayName("hold the artifacts attributed and the executions associated to them, once each, by id")
        void membership() {
            Context c = experiment("fraud");
            Context other = experiment("churn");
            Artifact d2 = dataset("d2");
            Artifact d1 = dataset("d1");
            Execution e = training("run-1");
            store.attribute(c.id(), d1.id());
            store.attribute(c.id(), d2.id());
            store.attribute(c.id(), d1.id());
            store.associate(c.id(), e.id());
            store.associate(c.id(), e.id());
            assertThat(store.artifactsInContext(c.id())).containsExactly(d2, d1);
            assertThat(store.executionsInContext(c.id())).containsExactly(e);
            assertThat(store.artifactsInContext(other.id())).isEmpty();
            assertThat(store.executionsInContext(other.id())).isEmpty();
        }

        @Test
        @DisplayName("membership with an unknown context, artifact or execution is not found and adds nothing")
        void membershipUnknown() {
            Context c = experiment("fraud");
            Artifact d = dataset("d1");
            Execution e = training("run-1");
            assertThatThrownBy(() -> store.attribute(c.id() + 1000, d.id())).isInstanceOf(NotFoundException.class);
            assertThatThrownBy(() -> store.attribute(c.id(), d.id() + 1000)).isInstanceOf(NotFoundException.class);
            assertThatThrownBy(() -> store.associate(c.id() + 1000, e.id())).isInstanceOf(NotFoundException.class);
            assertThatThrownBy(() -> store.associate(c.id(), e.id() + 1000)).isInstanceOf(NotFoundException.class);
            assertThatThrownBy(() -> store.artifactsInContext(c.id() + 1000)).isInstanceOf(NotFoundException.class);
            assertThatThrownBy(() -> store.executionsInContext(c.id() + 1000)).isInstanceOf(NotFoundException.class);
            assertThat(store.artifactsInContext(c.id())).isEmpty();
            assertThat(store.executionsInContext(c.id())).isEmpty();
        }
    }

    // ---------------------------------------------------------------- events

    @Nested
    @DisplayName("events")
    class Events {

        @Test
        @DisplayName("link an execution to what it read and wrote, at the clock's time")
        void put() {
            Artifact d = dataset("d1");
            Artifact m = store.putArtifact("Model", "fraud-1", "models:/fraud/1", Map.of());
            Execution e = training("run-1");
            Event in = store.putEvent(d.id(), e.id(), EventType.INPUT);
            clock.advance(Duration.ofSeconds(30));
            Event out = store.putEvent(m.id(), e.id(), EventType.OUTPUT);
            assertThat(in).isEqualTo(new Event(d.id(), e.id(), EventType.INPUT, START));
            assertThat(out).isEqualTo(new Event(m.id(), e.id(), EventType.OUTPUT, START.plusSeconds(30)));
            assertThat(store.eventsOfExecution(e.id())).containsExactly(in, out);
            assertThat(store.eventsOfArtifact(d.id())).containsExactly(in);
            assertThat(store.eventsOfArtifact(m.id())).containsExactly(out);
        }

        @Test
        @DisplayName("recording an event twice keeps the first")
        void idempotent() {
            Artifact d = dataset("d1");
            Execution e = training("run-1");
            Event first = store.putEvent(d.id(), e.id(), EventType.INPUT);
            clock.advance(Duration.ofHours(1));
            assertThat(store.putEvent(d.id(), e.id(), EventType.INPUT)).isEqualTo(first);
            assertThat(store.eventsOfExecution(e.id())).containsExactly(first);
        }

        @Test
        @DisplayName("an artifact may be both input and output of one execution")
        void bothWays() {
            Artifact d = dataset("d1");
            Execution e = training("run-1");
            Event in = store.putEvent(d.id(), e.id(), EventType.INPUT);
            Event out = store.putEvent(d.id(), e.id(), EventType.OUTPUT);
            assertThat(store.eventsOfArtifact(d.id())).containsExactly(in, out);
        }

        @Test
        @DisplayName("are listed oldest first, and in recording order within one instant")
        void order() {
            Execution e = training("run-1");
            List<Event> recorded = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                recorded.add(store.putEvent(dataset("d" + i).id(), e.id(), EventType.INPUT));
            }
            clock.advance(Duration.ofMillis(1));
            Artifact d0 = store.artifact("Dataset", "d0").orElseThrow();
            Execution later = training("run-2");
            Event laterEvent = store.putEvent(d0.id(), later.id(), EventType.INPUT);
            assertThat(store.eventsOfExecution(e.id())).containsExactlyElementsOf(recorded);
            assertThat(store.eventsOfArtifact(d0.id())).containsExactly(recorded.get(0), laterEvent);
        }

        @Test
        @DisplayName("an artifact or execution read before its last event was recorded lists the events in time order")
        void orderByTime() {
            Artifact d = dataset("d1");
            Execution e1 = training("run-1");
            Execution e2 = training("run-2");
            clock.advance(Duration.ofMinutes(10));
            Event late = store.putEvent(d.id(), e1.id(), EventType.INPUT);
            clock.advance(Duration.ofMinutes(-5)); // a clock stepped back: order follows the recorded times
            Event early = store.putEvent(d.id(), e2.id(), EventType.INPUT);
            assertThat(store.eventsOfArtifact(d.id())).containsExactly(early, late);
        }

        @Test
        @DisplayName("with an unknown artifact or execution are not found and record nothing")
        void unknown() {
            Artifact d = dataset("d1");
            Execution e = training("run-1");
            assertThatThrownBy(() -> store.putEvent(d.id() + 1000, e.id(), EventType.INPUT))
                    .isInstanceOf(NotFoundException.class).hasMessageContaining(String.valueOf(d.id() + 1000));
            assertThatThrownBy(() -> store.putEvent(d.id(), e.id() + 1000, EventType.OUTPUT))
                    .isInstanceOf(NotFoundException.class).hasMessageContaining(String.valueOf(e.id() + 1000));
            assertThat(store.eventsOfArtifact(d.id())).isEmpty();
            assertThat(store.eventsOfExecution(e.id())).isEmpty();
            assertThatThrownBy(() -> store.eventsOfArtifact(d.id() + 1000)).isInstanceOf(NotFoundException.class);
            assertThatThrownBy(() -> store.eventsOfExecution(e.id() + 1000)).isInstanceOf(NotFoundException.class);
        }
    }

    // ---------------------------------------------------------------- recordExecution

    @Nested
    @DisplayName("recording an execution with its inputs, outputs and contexts")
    class RecordExecution {

        @Test
        @DisplayName("stores the execution, its input and output events, and its context memberships")
        void records() {
            Artifact d1 = dataset("d1");
            Artifact d2 = dataset("d2");
            Artifact m = store.putArtifact("Model", "fraud-1", "models:/fraud/1", Map.of());
            Context c = experiment("fraud");
            Execution e = store.recordExecution("Training", "run-1", ExecutionState.COMPLETE, Map.of("seed", "42"),
                    List.of(d2.id(), d1.id()), List.of(m.id()), List.of(c.id()));
            assertThat(e.state()).isEqualTo(ExecutionState.COMPLETE);
            assertThat(e.properties()).containsExactly(Map.entry("seed", "42"));
            assertThat(store.execution("Training", "run-1")).contains(e);
            assertThat(store.eventsOfExecution(e.id())).containsExactly(
                    new Event(d2.id(), e.id(), EventType.INPUT, START),
                    new Event(d1.id(), e.id(), EventType.INPUT, START),
                    new Event(m.id(), e.id(), EventType.OUTPUT, START));
            assertThat(store.executionsInContext(c.id())).containsExactly(e);
            assertThat(store.artifactsInContext(c.id())).containsExactly(d1, d2, m);
        }

        @Test
        @DisplayName("recording it again is a no-op, and repeated ids count once")
        void idempotent() {
            Artifact d = dataset("d1");
            Artifact m = store.putArtifact("Model", "fraud-1", "", Map.of());
            Context c = experiment("fraud");
            Execution e = store.recordExecution("Training", "run-1", ExecutionState.COMPLETE, Map.of(),
                    List.of(d.id(), d.id()), List.of(m.id()), List.of(c.id(), c.id()));
            List<Event> events = store.eventsOfExecution(e.id());
            clock.advance(Duration.ofHours(1));
            Execution again = store.recordExecution("Training", "run-1", ExecutionState.COMPLETE, Map.of(),
                    List.of(d.id()), List.of(m.id()), List.of(c.id()));
            assertThat(again).isEqualTo(e);
            assertThat(events).hasSize(2);
            assertThat(store.eventsOfExecution(e.id())).isEqualTo(events);
            assertThat(store.executionsInContext(c.id())).containsExactly(e);
            assertThat(store.artifactsInContext(c.id())).containsExactly(d, m);
        }

        @Test
        @DisplayName("adds events an earlier record of the same execution did not have")
        void extends_() {
            Artifact d = dataset("d1");
            Artifact m = store.putArtifact("Model", "fraud-1", "", Map.of());
            Execution e = store.recordExecution("Training", "run-1", ExecutionState.COMPLETE, Map.of(),
                    List.of(d.id()), List.of(), List.of());
            clock.advance(Duration.ofSeconds(1));
            store.recordExecution("Training", "run-1", ExecutionState.COMPLETE, Map.of(), List.of(d.id()),
                    List.of(m.id()), List.of());
            assertThat(store.eventsOfExecution(e.id())).containsExactly(
                    new Event(d.id(), e.id(), EventType.INPUT, START),
                    new Event(m.id(), e.id(), EventType.OUTPUT, START.plusSeconds(1)));
        }

        @Test
        @DisplayName("with no artifacts and no contexts stores the execution alone")
        void empty() {
            Execution e = store.recordExecution("Training", "run-1", ExecutionState.NEW, Map.of(), List.of(),
                    List.of(), List.of());
            assertThat(store.execution(e.id())).contains(e);
            assertThat(store.eventsOfExecution(e.id())).isEmpty();
        }

        @Test
        @DisplayName("with an unknown input, output or context id stores nothing at all")
        void atomicOnUnknownIds() {
            Artifact d = dataset("d1");
            Artifact m = store.putArtifact("Model", "fraud-1", "", Map.of());
            Context c = experiment("fraud");
            long missingArtifact = Math.max(d.id(), m.id()) + 1000;
            long missingContext = c.id() + 1000;
            assertThatThrownBy(() -> store.recordExecution("Training", "run-1", ExecutionState.COMPLETE, Map.of(),
                    List.of(d.id(), missingArtifact), List.of(m.id()), List.of(c.id())))
                    .isInstanceOf(NotFoundException.class).hasMessageContaining(String.valueOf(missingArtifact));
            assertThatThrownBy(() -> store.recordExecution("Training", "run-1", ExecutionState.COMPLETE, Map.of(),
                    List.of(d.id()), List.of(m.id(), missingArtifact), List.of(c.id())))
                    .isInstanceOf(NotFoundException.class);
            assertThatThrownBy(() -> store.recordExecution("Training", "run-1", ExecutionState.COMPLETE, Map.of(),
                    List.of(d.id()), List.of(m.id()), List.of(c.id(), missingContext)))
                    .isInstanceOf(NotFoundException.class).hasMessageContaining(String.valueOf(missingContext));
            assertThat(store.execution("Training", "run-1")).isEmpty();
            assertThat(store.executionsOfType("Training")).isEmpty();
            assertThat(store.eventsOfArtifact(d.id())).isEmpty();
            assertThat(store.eventsOfArtifact(m.id())).isEmpty();
            assertThat(store.artifactsInContext(c.id())).isEmpty();
            assertThat(store.executionsInContext(c.id())).isEmpty();
        }

        @Test
        @DisplayName("of an existing execution with other content is a conflict that adds no events or memberships")
        void atomicOnConflict() {
            Artifact d = dataset("d1");
            Context c = experiment("fraud");
            Execution e = training("run-1");
            assertThatThrownBy(() -> store.recordExecution("Training", "run-1", ExecutionState.COMPLETE,
                    Map.of("learning_rate", "0.05"), List.of(d.id()), List.of(), List.of(c.id())))
                    .isInstanceOf(AlreadyExistsException.class);
            assertThat(store.execution(e.id())).contains(e);
            assertThat(store.eventsOfExecution(e.id())).isEmpty();
            assertThat(store.eventsOfArtifact(d.id())).isEmpty();
            assertThat(store.executionsInContext(c.id())).isEmpty();
            assertThat(store.artifactsInContext(c.id())).isEmpty();
        }
    }

    // ---------------------------------------------------------------- walks

    /**
     * The graph of the walk tests.
     *
     * <pre>
     * raw ─▶ preprocess ─▶ train-2024 ─┬─▶ run-1 ─▶ fraud-1 ─▶ eval-1 ─▶ report-1
     *                         extra ───┘                        ▲
     *                                  └─▶ run-2 ─▶ fraud-2     holdout
     * </pre>
     */
    @Nested
    @DisplayName("upstream and downstream walks")
    class Walks {

        Artifact raw;
        Artifact train2024;
        Artifact extra;
        Artifact fraud1;
        Artifact fraud2;
        Artifact holdout;
        Artifact report;
        Execution preprocess;
        Execution run1;
        Execution run2;
        Execution eval;

        @BeforeEach
        void graph() {
            raw = dataset("raw");
            train2024 = dataset("train-2024");
            extra = dataset("extra");
            holdout = dataset("holdout");
            fraud1 = store.putArtifact("Model", "fraud-1", "models:/fraud/1", Map.of());
            fraud2 = store.putArtifact("Model", "fraud-2", "models:/fraud/2", Map.of());
            report = store.putArtifact("Report", "report-1", "", Map.of());
            preprocess = record("Preprocess", "preprocess", List.of(raw), List.of(train2024));
            run1 = record("Training", "run-1", List.of(train2024, extra), List.of(fraud1));
            eval = record("Evaluation", "eval-1", List.of(fraud1, holdout), List.of(report));
            run2 = record("Training", "run-2", List.of(train2024), List.of(fraud2));
        }

        @Test
        @DisplayName("upstream of a model two hops away: the training run and the datasets it read")
        void upstreamOfModel() {
            LineageGraph g = store.upstream(fraud1.node(), 2);
            assertThat(g.executions()).containsExactly(run1);
            assertThat(g.artifacts()).containsExactlyInAnyOrder(fraud1, train2024, extra);
            assertThat(g.artifactsOfType("Dataset")).containsExactlyInAnyOrder(train2024, extra);
            assertThat(edges(g.events())).containsExactlyInAnyOrder(
                    edge(train2024, run1, EventType.INPUT),
                    edge(extra, run1, EventType.INPUT),
                    edge(fraud1, run1, EventType.OUTPUT));
            assertOrdered(g);
        }

        @Test
        @DisplayName("downstream of a dataset two hops away: every model trained on it")
        void modelsUsingDataset() {
            LineageGraph g = store.downstream(train2024.node(), 2);
            assertThat(g.artifactsOfType("Model")).containsExactly(fraud1, fraud2);
            assertThat(g.executionsOfType("Training")).containsExactly(run1, run2);
            assertThat(names(g)).containsExactlyInAnyOrder("train-2024", "run-1", "run-2", "fraud-1", "fraud-2");
            assertThat(g.artifact(extra.id())).isEmpty();
            assertOrdered(g);
        }

        @Test
        @DisplayName("upstream of a report reaches exactly the nodes within each hop limit")
        void upstreamHopByHop() {
            List<Set<String>> expected = List.of(
                    Set.of("report-1"),
                    Set.of("report-1", "eval-1"),
                    Set.of("report-1", "eval-1", "fraud-1", "holdout"),
                    Set.of("report-1", "eval-1", "fraud-1", "holdout", "run-1"),
                    Set.of("report-1", "eval-1", "fraud-1", "holdout", "run-1", "train-2024", "extra"),
                    Set.of("report-1", "eval-1", "fraud-1", "holdout", "run-1", "train-2024", "extra", "preprocess"),
                    Set.of("report-1", "eval-1", "fraud-1", "holdout", "run-1", "train-2024", "extra", "preprocess",
                            "raw"));
            for (int hops = 0; hops <= 8; hops++) {
                Set<String> want = expected.get(Math.min(hops, expected.size() - 1));
                LineageGraph g = store.upstream(report.node(), hops);
                assertThat(names(g)).as("upstream of report-1, %d hops", hops).isEqualTo(new TreeSet<>(want));
                assertOrdered(g);
            }
        }

        @Test
        @DisplayName("downstream of a dataset reaches exactly the nodes within each hop limit")
        void downstreamHopByHop() {
            List<Set<String>> expected = List.of(
                    Set.of("train-2024"),
                    Set.of("train-2024", "run-1", "run-2"),
                    Set.of("train-2024", "run-1", "run-2", "fraud-1", "fraud-2"),
                    Set.of("train-2024", "run-1", "run-2", "fraud-1", "fraud-2", "eval-1"),
                    Set.of("train-2024", "run-1", "run-2", "fraud-1", "fraud-2", "eval-1", "report-1"));
            for (int hops = 0; hops <= 6; hops++) {
                Set<String> want = expected.get(Math.min(hops, expected.size() - 1));
                assertThat(names(store.downstream(train2024.node(), hops)))
                        .as("downstream of train-2024, %d hops", hops).isEqualTo(new TreeSet<>(want));
            }
        }

        @Test
        @DisplayName("zero hops give the start node alone, with no events")
        void zeroHops() {
            LineageGraph fromArtifact = store.upstream(fraud1.node(), 0);
            assertThat(fromArtifact.artifacts()).containsExactly(fraud1);
            assertThat(fromArtifact.executions()).isEmpty();
            assertThat(fromArtifact.events()).isEmpty();
            LineageGraph fromExecution = store.downstream(run1.node(), 0);
            assertThat(fromExecution.artifacts()).isEmpty();
            assertThat(fromExecution.executions()).containsExactly(run1);
            assertThat(fromExecution.events()).isEmpty();
        }

        @Test
        @DisplayName("a walk may start at an execution")
        void fromExecution() {
            LineageGraph up = store.upstream(run1.node(), 1);
            assertThat(up.executions()).containsExactly(run1);
            assertThat(up.artifacts()).containsExactlyInAnyOrder(train2024, extra);
            LineageGraph down = store.downstream(run1.node(), 1);
            assertThat(down.artifacts()).containsExactly(fraud1);
            assertThat(edges(down.events())).containsExactly(edge(fraud1, run1, EventType.OUTPUT));
            assertThat(names(store.upstream(run1.node(), 64)))
                    .containsExactlyInAnyOrder("run-1", "train-2024", "extra", "preprocess", "raw");
            assertThat(names(store.downstream(run1.node(), 64)))
                    .containsExactlyInAnyOrder("run-1", "fraud-1", "eval-1", "report-1");
        }

        @Test
        @DisplayName("walks follow the direction only: no sideways branches, and the graph has exactly the edges between reached nodes")
        void directionAndEdges() {
            LineageGraph down = store.downstream(raw.node(), LineageStore.MAX_HOPS);
            assertThat(names(down)).containsExactlyInAnyOrder("raw", "preprocess", "train-2024", "run-1", "run-2",
                    "fraud-1", "fraud-2", "eval-1", "report-1");
            assertThat(edges(down.events())).containsExactlyInAnyOrder(
                    edge(raw, preprocess, EventType.INPUT),
                    edge(train2024, preprocess, EventType.OUTPUT),
                    edge(train2024, run1, EventType.INPUT),
                    edge(fraud1, run1, EventType.OUTPUT),
                    edge(train2024, run2, EventType.INPUT),
                    edge(fraud2, run2, EventType.OUTPUT),
                    edge(fraud1, eval, EventType.INPUT),
                    edge(report, eval, EventType.OUTPUT));
            assertOrdered(down);

            LineageGraph oneHop = store.upstream(fraud1.node(), 1);
            assertThat(edges(oneHop.events())).containsExactly(edge(fraud1, run1, EventType.OUTPUT));
            assertThat(oneHop.events().get(0).recordedAt()).isEqualTo(START);
        }

        @Test
        @DisplayName("a node with nothing upstream or downstream gives itself")
        void leaves() {
            assertThat(names(store.upstream(raw.node(), 5))).containsExactly("raw");
            assertThat(names(store.downstream(report.node(), 5))).containsExactly("report-1");
            Artifact lonely = dataset("lonely");
            assertThat(store.downstream(lonely.node(), 5).artifacts()).containsExactly(lonely);
        }

        @Test
        @DisplayName("a walk from an artifact or execution that does not exist is not found")
        void unknownStart() {
            long noArtifact = report.id() + 1000;
            long noExecution = run2.id() + 1000;
            assertThatThrownBy(() -> store.upstream(LineageNode.artifact(noArtifact), 1))
                    .isInstanceOf(NotFoundException.class).hasMessageContaining(String.valueOf(noArtifact));
            assertThatThrownBy(() -> store.downstream(LineageNode.execution(noExecution), 1))
                    .isInstanceOf(NotFoundException.class).hasMessageContaining(String.valueOf(noExecution));
            assertThatThrownBy(() -> store.downstream(LineageNode.artifact(0), 0))
                    .isInstanceOf(NotFoundException.class);
        }

        @Test
        @DisplayName("the graph shows the executions' current state")
        void currentState() {
            store.updateExecutionState(run1.id(), ExecutionState.FAILED);
            assertThat(store.upstream(fraud1.node(), 1).executions()).extracting(Execution::state)
                    .containsExactly(ExecutionState.FAILED);
        }
    }

    @Nested
    @DisplayName("walks through cycles and long chains")
    class Cycles {

        @Test
        @Timeout(30)
        @DisplayName("an artifact both read and written by one execution ends the walk with both edges")
        void selfLoop() {
            Artifact table = dataset("feature-table");
            Execution upsert = record("Materialization", "upsert", List.of(table), List.of(table));
            for (LineageGraph g : List.of(store.upstream(table.node(), LineageStore.MAX_HOPS),
                    store.downstream(table.node(), LineageStore.MAX_HOPS), store.upstream(table.node(), 1),
                    store.downstream(upsert.node(), 1))) {
                assertThat(g.artifacts()).containsExactly(table);
                assertThat(g.executions()).containsExactly(upsert);
                assertThat(edges(g.events())).containsExactly(edge(table, upsert, EventType.INPUT),
                        edge(table, upsert, EventType.OUTPUT));
            }
        }

        @Test
        @Timeout(30)
        @DisplayName("a ring of two executions is walked once round, within the hop limit")
        void ring() {
            Artifact a = dataset("a");
            Artifact b = dataset("b");
            Execution e1 = record("Step", "e1", List.of(a), List.of(b));
            Execution e2 = record("Step", "e2", List.of(b), List.of(a));
            assertThat(names(store.downstream(a.node(), 1))).containsExactlyInAnyOrder("a", "e1");
            assertThat(names(store.downstream(a.node(), 2))).containsExactlyInAnyOrder("a", "e1", "b");
            assertThat(names(store.upstream(a.node(), 2))).containsExactlyInAnyOrder("a", "e2", "b");
            LineageGraph all = store.downstream(a.node(), LineageStore.MAX_HOPS);
            assertThat(names(all)).containsExactlyInAnyOrder("a", "b", "e1", "e2");
            assertThat(edges(all.events())).containsExactlyInAnyOrder(edge(a, e1, EventType.INPUT),
                    edge(b, e1, EventType.OUTPUT), edge(b, e2, EventType.INPUT), edge(a, e2, EventType.OUTPUT));
            // Three hops reach e2, whose edge back to a (already reached) belongs to the graph.
            assertThat(edges(store.downstream(a.node(), 3).events())).hasSize(4);
        }

        @Test
        @DisplayName("the largest hop limit reaches exactly that many edges up a long chain")
        void maxHops() {
            List<Artifact> chain = new ArrayList<>();
            List<Execution> steps = new ArrayList<>();
            chain.add(dataset("a0"));
            for (int i = 1; i <= 40; i++) {
                Artifact next = dataset("a" + i);
                steps.add(record("Step", "e" + i, List.of(chain.get(i - 1)), List.of(next)));
                chain.add(next);
            }
            LineageGraph g = store.upstream(chain.get(40).node(), LineageStore.MAX_HOPS);
            // 64 edges up from a40: a8..a40 (33 artifacts) and e9..e40 (32 executions).
            assertThat(g.artifacts()).containsExactlyElementsOf(chain.subList(8, 41));
            assertThat(g.executions()).containsExactlyElementsOf(steps.subList(8, 40));
            assertThat(g.events()).hasSize(LineageStore.MAX_HOPS);
            LineageGraph odd = store.upstream(chain.get(40).node(), 63);
            assertThat(odd.artifacts()).containsExactlyElementsOf(chain.subList(9, 41));
            assertThat(odd.executions()).containsExactlyElementsOf(steps.subList(8, 40));
            assertThat(names(store.downstream(chain.get(0).node(), 3))).containsExactlyInAnyOrder("a0", "e1", "a1",
                    "e2");
        }
    }

    // ---------------------------------------------------------------- concurrency

    @Nested
    @DisplayName("concurrent writers")
    class Concurrency {

        @Test
        @DisplayName("threads putting the same artifact at once all get the one stored artifact")
        void sameArtifact() throws Exception {
            for (int round = 0; round < 10; round++) {
                String name = "d" + round;
                List<Artifact> got = values(race(THREADS, i -> () -> dataset(name)));
                assertThat(got).as("round %d", round).hasSize(THREADS).containsOnly(got.get(0));
                assertThat(store.artifact("Dataset", name)).contains(got.get(0));
            }
            assertThat(store.artifactsOfType("Dataset")).hasSize(10);
        }

        @Test
        @DisplayName("threads putting one name with two contents: one content wins, its callers get it, the others conflict")
        void conflictingArtifacts() throws Exception {
            for (int round = 0; round < 5; round++) {
                String name = "d" + round;
                List<Outcome<Artifact>> outcomes = race(THREADS,
                        i -> () -> store.putArtifact("Dataset", name, "file:/v" + (i % 2), Map.of()));
                Artifact stored = store.artifact("Dataset", name).orElseThrow();
                for (int i = 0; i < THREADS; i++) {
                    Outcome<Artifact> o = outcomes.get(i);
                    if (stored.uri().equals("file:/v" + (i % 2))) {
                        assertThat(o.error()).as("round %d thread %d", round, i).isNull();
                        assertThat(o.value()).isEqualTo(stored);
                    } else {
                        assertThat(o.error()).as("round %d thread %d", round, i)
                                .isInstanceOf(AlreadyExistsException.class);
                    }
                }
            }
            assertThat(store.artifactsOfType("Dataset")).hasSize(5);
        }

        @Test
        @DisplayName("threads putting different artifacts at once all get their own")
        void differentArtifacts() throws Exception {
            List<List<Long>> ids = values(race(THREADS, i -> () -> {
                List<Long> mine = new ArrayList<>();
                for (int j = 0; j < 10; j++) {
                    mine.add(dataset("t" + i + "-" + j).id());
                }
                return mine;
            }));
            List<Long> all = ids.stream().flatMap(List::stream).toList();
            assertThat(all).doesNotHaveDuplicates().hasSize(THREADS * 10);
            assertThat(store.artifactsOfType("Dataset")).extracting(Artifact::id)
                    .containsExactlyElementsOf(new TreeSet<>(all));
        }

        @Test
        @DisplayName("threads recording the same execution at once store it, its events and its memberships once")
        void sameExecution() throws Exception {
            Artifact d1 = dataset("d1");
            Artifact d2 = dataset("d2");
            Artifact m = store.putArtifact("Model", "fraud-1", "", Map.of());
            Context c = experiment("fraud");
            List<Execution> got = values(race(THREADS, i -> () -> store.recordExecution("Training", "run-1",
                    ExecutionState.COMPLETE, Map.of(), List.of(d1.id(), d2.id()), List.of(m.id()), List.of(c.id()))));
            assertThat(got).containsOnly(got.get(0));
            Execution e = got.get(0);
            assertThat(store.executionsOfType("Training")).containsExactly(e);
            assertThat(edges(store.eventsOfExecution(e.id()))).containsExactly(edge(d1, e, EventType.INPUT),
                    edge(d2, e, EventType.INPUT), edge(m, e, EventType.OUTPUT));
            assertThat(store.executionsInContext(c.id())).containsExactly(e);
            assertThat(store.artifactsInContext(c.id())).containsExactly(d1, d2, m);
        }

        @Test
        @DisplayName("threads recording one event and one membership at once record each once")
        void sameEventAndMembership() throws Exception {
            Artifact d = dataset("d1");
            Execution e = training("run-1");
            Context c = experiment("fraud");
            List<Event> got = values(race(THREADS, i -> () -> {
                store.attribute(c.id(), d.id());
                store.associate(c.id(), e.id());
                return store.putEvent(d.id(), e.id(), EventType.INPUT);
            }));
            assertThat(got).containsOnly(new Event(d.id(), e.id(), EventType.INPUT, START));
            assertThat(store.eventsOfArtifact(d.id())).hasSize(1);
            assertThat(store.artifactsInContext(c.id())).containsExactly(d);
            assertThat(store.executionsInContext(c.id())).containsExactly(e);
        }

        @Test
        @DisplayName("writers and walkers run side by side, and every walk sees a consistent part of the graph")
        void walksWhileWriting() throws Exception {
            Artifact root = dataset("root");
            List<Outcome<Integer>> outcomes = race(THREADS, i -> () -> {
                int seen = 0;
                for (int j = 0; j < 10; j++) {
                    if (i % 2 == 0) {
                        Artifact out = dataset("out-" + i + "-" + j);
                        record("Step", "step-" + i + "-" + j, List.of(root), List.of(out));
                    } else {
                        LineageGraph g = store.downstream(root.node(), 2);
                        // Every reached execution came with its edge from root.
                        assertThat(g.events().stream().filter(ev -> ev.type() == EventType.INPUT).count())
                                .isEqualTo(g.executions().size());
                        seen = Math.max(seen, g.executions().size());
                    }
                }
                return seen;
            });
            values(outcomes);
            LineageGraph all = store.downstream(root.node(), 2);
            assertThat(all.executions()).hasSize(THREADS / 2 * 10);
            assertThat(all.artifacts()).hasSize(THREADS / 2 * 10 + 1);
        }
    }

    // ---------------------------------------------------------------- bad input

    @Nested
    @DisplayName("bad input")
    class BadInput {

        private record Case(String description, String field, Executable call) {}

        @TestFactory
        @DisplayName("is rejected naming the argument, and changes nothing")
        Stream<DynamicTest> rejected() {
            Artifact a = dataset("d1");
            Execution e = training("run-1");
            Context c = experiment("fraud");
            Map<String, String> ok = Map.of();
            Map<String, String> nullValue = new HashMap<>();
            nullValue.put("k", null);
            Map<String, String> nullKey = new HashMap<>();
            nullKey.put(null, "v");
            String tooLong = "n".repeat(LineageStore.MAX_NAME_LENGTH + 1);
            String tooLongValue = "v".repeat(LineageStore.MAX_PROPERTY_VALUE_LENGTH + 1);
            List<Long> withNull = new ArrayList<>(Collections.singletonList(null));
            ExecutionState run = ExecutionState.RUNNING;
            List<Case> cases = List.of(
                    new Case("putArtifact: null type", "type", () -> store.putArtifact(null, "n", "", ok)),
                    new Case("putArtifact: type with a space", "type", () -> store.putArtifact("Data set", "n", "", ok)),
                    new Case("putArtifact: type with a path", "type", () -> store.putArtifact("../x", "n", "", ok)),
                    new Case("putArtifact: empty type", "type", () -> store.putArtifact("", "n", "", ok)),
                    new Case("putArtifact: null name", "name", () -> store.putArtifact("Dataset", null, "", ok)),
                    new Case("putArtifact: empty name", "name", () -> store.putArtifact("Dataset", "", "", ok)),
                    new Case("putArtifact: blank name", "name", () -> store.putArtifact("Dataset", "   ", "", ok)),
                    new Case("putArtifact: name too long", "name", () -> store.putArtifact("Dataset", tooLong, "", ok)),
                    new Case("putArtifact: name with a line break", "name",
                            () -> store.putArtifact("Dataset", "a\nb", "", ok)),
                    new Case("putArtifact: name with NUL", "name", () -> store.putArtifact("Dataset", "a\0b", "", ok)),
                    new Case("putArtifact: name with DEL", "name",
                            () -> store.putArtifact("Dataset", "a\u007fb", "", ok)),
                    new Case("putArtifact: name with an unpaired surrogate", "name",
                            () -> store.putArtifact("Dataset", "a\ud83eb", "", ok)),
                    new Case("putArtifact: null uri", "uri", () -> store.putArtifact("Dataset", "n", null, ok)),
                    new Case("putArtifact: uri too long", "uri", () -> store.putArtifact("Dataset", "n", tooLong, ok)),
                    new Case("putArtifact: uri with a tab", "uri", () -> store.putArtifact("Dataset", "n", "a\tb", ok)),
                    new Case("putArtifact: null properties", "properties",
                            () -> store.putArtifact("Dataset", "n", "", null)),
                    new Case("putArtifact: property key with a space", "properties",
                            () -> store.putArtifact("Dataset", "n", "", Map.of("bad key", "v"))),
                    new Case("putArtifact: null property key", "properties",
                            () -> store.putArtifact("Dataset", "n", "", nullKey)),
                    new Case("putArtifact: null property value", "properties.k",
                            () -> store.putArtifact("Dataset", "n", "", nullValue)),
                    new Case("putArtifact: property value too long", "properties.k",
                            () -> store.putArtifact("Dataset", "n", "", Map.of("k", tooLongValue))),
                    new Case("putArtifact: property value with an unpaired surrogate", "properties.k",
                            () -> store.putArtifact("Dataset", "n", "", Map.of("k", "\udc00"))),
                    new Case("putExecution: bad type", "type", () -> store.putExecution("a b", "n", run, ok)),
                    new Case("putExecution: bad name", "name", () -> store.putExecution("Training", "\r", run, ok)),
                    new Case("putExecution: null state", "state", () -> store.putExecution("Training", "n", null, ok)),
                    new Case("putExecution: null properties", "properties",
                            () -> store.putExecution("Training", "n", run, null)),
                    new Case("updateExecutionState: null state", "state",
                            () -> store.updateExecutionState(e.id(), null)),
                    new Case("putContext: bad type", "type", () -> store.putContext("a/b", "n", ok)),
                    new Case("putContext: bad name", "name", () -> store.putContext("Experiment", "", ok)),
                    new Case("putContext: bad property", "properties",
                            () -> store.putContext("Experiment", "n", Map.of("", "v"))),
                    new Case("putEvent: null type", "type", () -> store.putEvent(a.id(), e.id(), null)),
                    new Case("recordExecution: bad type", "type", () -> store.recordExecution("x y", "n", run, ok,
                            List.of(), List.of(), List.of())),
                    new Case("recordExecution: bad name", "name", () -> store.recordExecution("Training", null, run,
                            ok, List.of(), List.of(), List.of())),
                    new Case("recordExecution: null state", "state", () -> store.recordExecution("Training", "n",
                            null, ok, List.of(), List.of(), List.of())),
                    new Case("recordExecution: null properties", "properties", () -> store.recordExecution(
                            "Training", "n", run, null, List.of(), List.of(), List.of())),
                    new Case("recordExecution: null inputs", "inputArtifactIds", () -> store.recordExecution(
                            "Training", "n", run, ok, null, List.of(), List.of())),
                    new Case("recordExecution: null outputs", "outputArtifactIds", () -> store.recordExecution(
                            "Training", "n", run, ok, List.of(a.id()), null, List.of())),
                    new Case("recordExecution: null contexts", "contextIds", () -> store.recordExecution(
                            "Training", "n", run, ok, List.of(a.id()), List.of(), null)),
                    new Case("recordExecution: null input id", "inputArtifactIds", () -> store.recordExecution(
                            "Training", "n", run, ok, withNull, List.of(), List.of())),
                    new Case("recordExecution: null context id", "contextIds", () -> store.recordExecution(
                            "Training", "n", run, ok, List.of(a.id()), List.of(a.id()), withNull)),
                    new Case("artifact: bad type", "type", () -> store.artifact("a b", "d1")),
                    new Case("artifact: bad name", "name", () -> store.artifact("Dataset", "a\nb")),
                    new Case("execution: bad type", "type", () -> store.execution(null, "run-1")),
                    new Case("execution: bad name", "name", () -> store.execution("Training", tooLong)),
                    new Case("context: bad type", "type", () -> store.context("..", "fraud")),
                    new Case("context: bad name", "name", () -> store.context("Experiment", null)),
                    new Case("artifactsOfType: bad type", "type", () -> store.artifactsOfType("a b")),
                    new Case("executionsOfType: bad type", "type", () -> store.executionsOfType(null)),
                    new Case("upstream: null start", "start", () -> store.upstream(null, 1)),
                    new Case("upstream: negative hops", "maxHops", () -> store.upstream(a.node(), -1)),
                    new Case("upstream: too many hops", "maxHops",
                            () -> store.upstream(a.node(), LineageStore.MAX_HOPS + 1)),
                    new Case("downstream: null start", "start", () -> store.downstream(null, 1)),
                    new Case("downstream: too many hops", "maxHops",
                            () -> store.downstream(e.node(), Integer.MAX_VALUE)),
                    new Case("downstream: too many hops from an unknown node", "maxHops",
                            () -> store.downstream(LineageNode.artifact(a.id() + 1000), -5)));
            return Stream.concat(cases.stream().map(k -> DynamicTest.dynamicTest(k.description(), () -> {
                Throwable thrown = catchThrowable(k.call()::execute);
                assertThat(thrown).as(k.description()).isInstanceOf(InvalidArgumentException.class);
                assertThat(((InvalidArgumentException) thrown).field()).as("field named by: " + thrown.getMessage())
                        .contains(k.field());
            })), Stream.of(DynamicTest.dynamicTest("the store is unchanged", () -> {
                assertThat(store.artifactsOfType("Dataset")).containsExactly(a);
                assertThat(store.executionsOfType("Training")).containsExactly(e);
                assertThat(store.execution("Training", "n")).isEmpty();
                assertThat(store.context("Experiment", "fraud")).contains(c);
                assertThat(store.context("Experiment", "n")).isEmpty();
                assertThat(store.eventsOfArtifact(a.id())).isEmpty();
                assertThat(store.eventsOfExecution(e.id())).isEmpty();
                assertThat(store.artifactsInContext(c.id())).isEmpty();
            })));
        }
    }
}
