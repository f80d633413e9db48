package dev.mlops.monitoring.experiment;

import dev.mlops.core.Field;
import dev.mlops.core.Schema;
import dev.mlops.core.ValueType;
import dev.mlops.core.artifact.ArtifactStore;
import dev.mlops.registry.model.LiveModel;
import dev.mlops.registry.model.ModelLoader;
import dev.mlops.registry.model.ModelRegistry;
import dev.mlops.registry.model.ModelRegistryStore;
import dev.mlops.registry.model.ModelSignature;
import dev.mlops.registry.model.ModelVersion;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;

/**
 * A real in-memory registry with model "fraud": version 1 ("champ") is the champion, version 2
 * ("chall") the challenger. A model is its bytes as text; polling never runs (the scheduler is inert).
 */
final class LiveModels implements AutoCloseable {

    static final ModelSignature SIGNATURE = new ModelSignature(
            Schema.of(Field.required("x", ValueType.FLOAT64)), Schema.of(Field.required("y", ValueType.FLOAT64)));

    final InstantSource clock = InstantSource.fixed(Instant.parse("2026-03-01T12:00:00Z"));
    final ModelRegistry registry;
    final LiveModel<String> champion;
    final LiveModel<String> challenger;
    private final List<LiveModel<String>> opened = new ArrayList<>();

    LiveModels() {
        ArtifactStore artifacts = ArtifactStore.inMemory();
        registry = ModelRegistry.builder(ModelRegistryStore.inMemory(clock), artifacts).actor("test").build();
        register(artifacts, "champ");
        register(artifacts, "chall");
        registry.setAlias("fraud", "champion", 1);
        registry.setAlias("fraud", "challenger", 2);
        champion = follow("champion");
        challenger = follow("challenger");
    }

    private void register(ArtifactStore artifacts, String text) {
        registry.registerVersion("fraud", null, artifacts.put(text.getBytes(StandardCharsets.UTF_8), "text/plain"),
                SIGNATURE);
    }

    private LiveModel<String> follow(String alias) {
        ModelLoader<String> loader = new ModelLoader<>() {
            @Override
            public String load(ModelVersion version, InputStream bytes) throws Exception {
                return new String(bytes.readAllBytes(), StandardCharsets.UTF_8);
            }
        };
        LiveModel<String> live = registry.liveModel("fraud", alias, loader)
                .scheduler((task, interval) -> () -> { })
                .build();
        opened.add(live);
        return live;
    }

    /** A split router over the two live models; a model answers "model:input". */
    ExperimentRouter.Builder<String, String, String> builder(String experiment, AssignmentLog log) {
        return ExperimentRouter.<String, String, String>builder(experiment)
                .champion(champion).challenger(challenger)
                .invoke((model, input) -> model + ":" + input)
                .assignmentLog(log).clock(clock);
    }

    @Override
    public void close() {
        opened.forEach(LiveModel::close);
    }
}
