package dev.mlops.registry.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mlops.core.Field;
import dev.mlops.core.InvalidArgumentException;
import dev.mlops.core.NotFoundException;
import dev.mlops.core.Schema;
import dev.mlops.core.ValueType;
import dev.mlops.core.artifact.ArtifactRef;
import dev.mlops.core.artifact.ArtifactStore;
import dev.mlops.core.lineage.Artifact;
import dev.mlops.core.lineage.ExecutionState;
import dev.mlops.core.lineage.LineageGraph;
import dev.mlops.core.lineage.LineageStore;
import dev.mlops.registry.internal.RegistryLineage;
import dev.mlops.registry.tracking.DatasetInput;
import dev.mlops.registry.tracking.Run;
import dev.mlops.registry.tracking.SystemTags;
import dev.mlops.registry.tracking.TestClock;
import dev.mlops.registry.tracking.Tracker;
import dev.mlops.registry.tracking.TrackingStore;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ModelRegistryTest {

    static final ModelSignature SIGNATURE = new ModelSignature(Schema.of(Field.required("x", ValueType.FLOAT64)),
            Schema.of(Field.required("y", ValueType.FLOAT64)));

    private final TestClock clock = new TestClock(Instant.parse("2024-06-01T14:00:00Z"));
    private final ArtifactStore artifacts = ArtifactStore.inMemory();
    private final TrackingStore tracking = TrackingStore.inMemory(clock);
    private final ModelRegistry registry = ModelRegistry.builder(ModelRegistryStore.inMemory(clock), artifacts)
            .actor("ci-bot").trackingStore(tracking).build();

    private ArtifactRef bytes(String content) {
        return artifacts.put(content.getBytes(StandardCharsets.UTF_8), ArtifactRef.OCTET_STREAM);
    }

    @Test
    void registering_creates_the_model_and_numbers_versions() {
        Tracker tracker = Tracker.builder(tracking).clock(clock).systemTags(SystemTags.none()).build();
        Run run = tracker.call("fraud", r -> r.snapshot());
        ModelVersion v1 = registry.registerVersion("fraud", run.id(), bytes("model-1"), SIGNATURE);
        ModelVersion v2 = registry.registerVersion("fraud", null, bytes("model-2"), SIGNATURE);
        assertThat(v1.version()).isEqualTo(1);
        assertThat(v1.sourceRunId()).contains(run.id());
        assertThat(v2.version()).isEqualTo(2);
        assertThat(v1.userId()).isEqualTo("ci-bot");
        assertThat(registry.getModel("fraud").latestVersion()).isEqualTo(2);
        assertThat(registry.auditLog("fraud")).allSatisfy(e -> assertThat(e.actor()).isEqualTo("ci-bot"));
    }

    @Test
    void an_artifact_not_in_the_store_or_an_unknown_run_is_refused() {
        ArtifactRef ghost = new ArtifactRef("a".repeat(64), 3, ArtifactRef.OCTET_STREAM);
        assertThatThrownBy(() -> registry.registerVersion("fraud", null, ghost, SIGNATURE))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> registry.registerVersion("fraud", "f".repeat(32), bytes("m"), SIGNATURE))
                .isInstanceOf(NotFoundException.class);
        assertThat(registry.listModels()).isEmpty();
    }

    @Test
    void uris_resolve_versions_aliases_stages_and_latest() {
        registry.registerVersion("fraud", null, bytes("1"), SIGNATURE);
        registry.registerVersion("fraud", null, bytes("2"), SIGNATURE);
        registry.registerVersion("fraud", null, bytes("3"), SIGNATURE);
        registry.setAlias("fraud", "champion", 2);
        registry.transitionStage("fraud", 1, Stage.PRODUCTION, false);
        assertThat(registry.resolve("models:/fraud/3").version()).isEqualTo(3);
        assertThat(registry.resolve("models:/fraud@champion").version()).isEqualTo(2);
        assertThat(registry.resolve("models:/fraud/Production").version()).isEqualTo(1);
        assertThat(registry.resolve("models:/fraud/latest").version()).isEqualTo(3);
        assertThat(registry.getVersion("fraud", 3).uri()).isEqualTo("models:/fraud/3");
        assertThatThrownBy(() -> registry.resolve("models:/fraud/4")).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> registry.resolve("models:/fraud@challenger")).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> registry.resolve("models:/fraud/Staging")).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> registry.resolve("models:/%2e%2e/1")).isInstanceOf(InvalidArgumentException.class);
    }

    @Test
    void which_version_served_at_a_past_instant_is_a_query() {
        registry.registerVersion("fraud", null, bytes("1"), SIGNATURE);
        registry.registerVersion("fraud", null, bytes("2"), SIGNATURE);
        Instant morning = clock.instant();
        registry.setAlias("fraud", "champion", 1);
        clock.advance(Duration.ofHours(3));
        registry.moveAlias("fraud", "champion", 1, 2);
        assertThat(registry.aliasAt("fraud", "champion", morning.plus(Duration.ofHours(2)))).contains(1);
        assertThat(registry.aliasAt("fraud", "champion", clock.instant())).contains(2);
    }

    @Test
    void registration_records_dataset_to_run_to_model_lineage() {
        LineageStore lineage = LineageStore.inMemory(clock);
        ModelRegistry withLineage = ModelRegistry.builder(ModelRegistryStore.inMemory(clock), artifacts)
                .trackingStore(tracking).lineage(lineage).build();
        Tracker tracker = Tracker.builder(tracking).clock(clock).systemTags(SystemTags.none()).build();
        DatasetInput tx = DatasetInput.of("transactions", "sha256:aa", "warehouse.tx").withContext("training");
        Run run = tracker.newRun("fraud").input(tx).call(r -> r.snapshot());

        ModelVersion v1 = withLineage.registerVersion("fraud", run.id(), bytes("m1"), SIGNATURE);
        ModelVersion v2 = withLineage.registerVersion("fraud", run.id(), bytes("m2"), SIGNATURE);

        Artifact model1 = lineage.artifact(RegistryLineage.MODEL, "fraud/1").orElseThrow();
        assertThat(model1.uri()).isEqualTo(v1.uri());
        assertThat(model1.properties()).containsEntry("digest", v1.artifact().uri());
        LineageGraph upstream = lineage.upstream(model1.node(), 2);
        assertThat(upstream.executionsOfType(RegistryLineage.TRAINING)).singleElement()
                .satisfies(e -> {
                    assertThat(e.name()).isEqualTo(run.id());
                    assertThat(e.state()).isEqualTo(ExecutionState.COMPLETE);
                });
        assertThat(upstream.artifactsOfType(RegistryLineage.DATASET)).singleElement()
                .satisfies(d -> assertThat(d.properties()).containsEntry("digest", "sha256:aa")
                        .containsEntry("source", "warehouse.tx"));

        Artifact dataset = lineage.artifact(RegistryLineage.DATASET, "transactions@sha256:aa").orElseThrow();
        assertThat(lineage.downstream(dataset.node(), 2).artifactsOfType(RegistryLineage.MODEL))
                .extracting(Artifact::name).containsExactly("fraud/1", "fraud/" + v2.version());
        assertThat(lineage.executionsOfType(RegistryLineage.TRAINING)).hasSize(1);
        long context = lineage.context(RegistryLineage.REGISTERED_MODEL, "fraud").orElseThrow().id();
        assertThat(lineage.artifactsInContext(context)).hasSize(2);
    }

    @Test
    void the_verified_bytes_are_the_registered_ones() {
        ModelVersion v = registry.registerVersion("fraud", null, bytes("weights"), SIGNATURE);
        assertThat(new String(registry.readVerified(v), StandardCharsets.UTF_8)).isEqualTo("weights");
    }
}
