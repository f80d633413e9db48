package dev.mlops.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mlops.core.Field;
import dev.mlops.core.InvalidArgumentException;
import dev.mlops.core.Schema;
import dev.mlops.core.ValueType;
import dev.mlops.core.artifact.ArtifactRef;
import dev.mlops.core.artifact.ArtifactStore;
import dev.mlops.registry.model.ModelRegistry;
import dev.mlops.registry.model.ModelRegistryStore;
import dev.mlops.registry.model.ModelSignature;
import dev.mlops.registry.tracking.ActiveRun;
import dev.mlops.registry.tracking.DatasetInput;
import dev.mlops.registry.tracking.RunArtifact;
import dev.mlops.registry.tracking.RunSearch;
import dev.mlops.registry.tracking.SystemTags;
import dev.mlops.registry.tracking.TestClock;
import dev.mlops.registry.tracking.Tracker;
import dev.mlops.registry.tracking.TrackingStore;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The attack inputs behind MLflow's path-traversal, local-file-read and name-collision CVEs
 * (CVE-2023-1177, -2356, -2780, -6977, -6909, CVE-2024-1483, -1560, -3099) fail safely: rejected
 * before anything is stored, or stored as inert text that nothing ever opens.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class SecurityTest {

    private static final String[] TRAVERSALS = {
        "../x", "../../etc/passwd", "a/../../b", "/etc/passwd", "//proc/self/root/etc/passwd",
        "%2e%2e%2fx", "%2e%2e/x", "..%2fx", "%252e%252e%252fx", "a%2f..%2f..%2fb", "..\\x", "a\\..\\b",
        "C:\\Windows\\win.ini", "file:///etc/passwd", "file:/etc/passwd", "a//b", "a/", "./a", "a/./b", ".",
        "..", "a\u0000b", "a\nb", "~/x", "a b",
    };

    private final TestClock clock = new TestClock(Instant.parse("2024-01-01T00:00:00Z"));
    private final AtomicInteger puts = new AtomicInteger();
    private final ArtifactStore memoryArtifacts = ArtifactStore.inMemory();
    private final ArtifactStore artifacts = new ArtifactStore() {
        @Override
        public ArtifactRef put(InputStream content, String mediaType) {
            puts.incrementAndGet();
            return memoryArtifacts.put(content, mediaType);
        }

        @Override
        public InputStream open(ArtifactRef ref) {
            return memoryArtifacts.open(ref);
        }

        @Override
        public boolean exists(ArtifactRef ref) {
            return memoryArtifacts.exists(ref);
        }

        @Override
        public boolean delete(ArtifactRef ref) {
            return memoryArtifacts.delete(ref);
        }
    };
    private final TrackingStore store = TrackingStore.inMemory(clock);
    private final Tracker tracker = Tracker.builder(store).clock(clock).artifactStore(artifacts)
            .systemTags(SystemTags.none()).build();

    @Test
    void traversal_paths_for_run_artifacts_are_rejected_before_any_byte_is_stored() {
        try (ActiveRun run = tracker.startRun("e")) {
            for (String path : TRAVERSALS) {
                assertThatThrownBy(() -> run.logArtifact(path, "payload".getBytes(StandardCharsets.UTF_8)))
                        .as(path).isInstanceOf(InvalidArgumentException.class);
                assertThatThrownBy(() -> tracker.openArtifact(run.id(), path)).as(path)
                        .isInstanceOf(InvalidArgumentException.class);
            }
            assertThat(puts).hasValue(0);
            assertThat(store.listArtifacts(run.id())).isEmpty();
        }
    }

    @Test
    void a_safe_artifact_path_round_trips_by_digest() throws Exception {
        try (ActiveRun run = tracker.startRun("e")) {
            RunArtifact a = run.logArtifact("model/weights.v2.bin", "w".getBytes(StandardCharsets.UTF_8));
            try (InputStream in = tracker.openArtifact(run.id(), "model/weights.v2.bin")) {
                assertThat(in.readAllBytes()).isEqualTo("w".getBytes(StandardCharsets.UTF_8));
            }
            assertThat(a.ref().digest()).hasSize(64);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"a%2eb", "a%2Fb", "fraud%252e", "fraud%00", "fraud/..", "Fraud\\x", "fr aud", "..fraud",
        ".fraud", "fraud..v2"})
    void names_that_could_collide_once_url_decoded_are_rejected_everywhere(String name) {
        assertThatThrownBy(() -> tracker.createExperiment(name)).isInstanceOf(InvalidArgumentException.class);
        ModelRegistry registry = ModelRegistry.create(ModelRegistryStore.inMemory(clock), artifacts);
        assertThatThrownBy(() -> registry.createModel(name, "")).isInstanceOf(InvalidArgumentException.class);
        try (ActiveRun run = tracker.startRun("ok")) {
            assertThatThrownBy(() -> run.logParam(name, "x")).isInstanceOf(InvalidArgumentException.class);
            assertThatThrownBy(() -> run.logMetric(name, 1)).isInstanceOf(InvalidArgumentException.class);
            assertThatThrownBy(() -> run.setTag(name, "x")).isInstanceOf(InvalidArgumentException.class);
        }
        assertThat(tracker.listExperiments()).extracting(e -> e.name()).containsExactly("ok");
    }

    @Test
    void dataset_sources_such_as_local_files_are_inert_text() {
        DatasetInput fileSource = DatasetInput.of("tx", "sha256:1", "file:///etc/passwd");
        DatasetInput procSource = DatasetInput.of("tx2", "sha256:2", "//proc/self/root/etc/shadow");
        try (ActiveRun run = tracker.newRun("e").input(fileSource).input(procSource).start()) {
            assertThat(run.snapshot().inputs()).extracting(DatasetInput::source)
                    .containsExactly("file:///etc/passwd", "//proc/self/root/etc/shadow");
        }
        assertThat(puts).hasValue(0);
    }

    @Test
    void a_model_version_points_at_bytes_only_by_digest() {
        ModelRegistry registry = ModelRegistry.create(ModelRegistryStore.inMemory(clock), artifacts);
        ModelSignature sig = new ModelSignature(Schema.of(Field.of("x", ValueType.FLOAT64)),
                Schema.of(Field.of("y", ValueType.FLOAT64)));
        assertThatThrownBy(() -> new ArtifactRef("../../etc/passwd", 1, "application/octet-stream"))
                .isInstanceOf(InvalidArgumentException.class);
        assertThatThrownBy(() -> registry.resolve("models:/..%2f..%2fetc/1")).isInstanceOf(InvalidArgumentException.class);
        ArtifactRef ref = artifacts.put(new ByteArrayInputStream(new byte[] {1, 2}), "application/octet-stream");
        assertThat(registry.registerVersion("fraud", null, ref, sig).artifact().digest()).matches("[0-9a-f]{64}");
    }

    @Test
    void filters_cannot_smuggle_sql_or_control_characters() {
        try (ActiveRun run = tracker.startRun("e")) {
            run.setTag("note", "x' OR '1'='1");
        }
        assertThat(tracker.searchRuns(RunSearch.builder().filter("tags.note = 'x'' OR ''1''=''1'").build()).items())
                .hasSize(1);
        assertThat(tracker.searchRuns(RunSearch.builder().filter("tags.note = 'x'").build()).items()).isEmpty();
        for (String bad : List.of("tags.note = 'x' OR '1'='1'", "tags.note = 'x'; DROP TABLE runs",
                "tags.note = 'x' -- comment", "tags.`a`.b = 'x'")) {
            assertThatThrownBy(() -> RunSearch.builder().filter(bad)).as(bad)
                    .isInstanceOf(InvalidArgumentException.class);
        }
    }
}
