package dev.mlops.registry.internal;

import dev.mlops.core.lineage.Artifact;
import dev.mlops.core.lineage.Context;
import dev.mlops.core.lineage.EventType;
import dev.mlops.core.lineage.Execution;
import dev.mlops.core.lineage.ExecutionState;
import dev.mlops.core.lineage.LineageStore;
import dev.mlops.registry.model.ModelVersion;
import dev.mlops.registry.tracking.DatasetInput;
import dev.mlops.registry.tracking.Run;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Records the dataset → run → model version edges of a registration in ML Metadata's model: the
 * datasets a run consumed ({@code Dataset} artifacts, named {@code name@digest}) are INPUT events of the
 * run's {@code Training} execution (named by run id), the version ({@code Model} artifact, named
 * {@code model/version}) its OUTPUT event, and the version is attributed to the {@code RegisteredModel}
 * context. Existing nodes are reused, so registering several versions from one run shares its
 * execution. Not API.
 */
public final class RegistryLineage {

    /** Lineage type of model versions. */
    public static final String MODEL = "Model";
    /** Lineage type of datasets. */
    public static final String DATASET = "Dataset";
    /** Lineage type of training runs. */
    public static final String TRAINING = "Training";
    /** Lineage type of registered models. */
    public static final String REGISTERED_MODEL = "RegisteredModel";

    private RegistryLineage() {}

    /** Records a version and, when its run is known, the run and the run's datasets. */
    public static Artifact record(LineageStore lineage, ModelVersion version, Optional<Run> run) {
        Artifact model = artifact(lineage, MODEL, version.name() + "/" + version.version(), version.uri(),
                Map.of("digest", version.artifact().uri(), "model", version.name(),
                        "version", Integer.toString(version.version())));
        Context registered = lineage.context(REGISTERED_MODEL, version.name())
                .orElseGet(() -> lineage.putContext(REGISTERED_MODEL, version.name(), Map.of()));
        lineage.attribute(registered.id(), model.id());
        if (run.isPresent()) {
            Run r = run.get();
            ExecutionState state = state(r);
            Execution training = lineage.execution(TRAINING, r.id()).orElseGet(() -> lineage.putExecution(TRAINING,
                    r.id(), state, Map.of("experiment_id", r.experimentId())));
            if (training.state() != state) {
                training = lineage.updateExecutionState(training.id(), state);
            }
            for (DatasetInput in : r.inputs()) {
                Map<String, String> props = new LinkedHashMap<>();
                props.put("name", in.name());
                props.put("digest", in.digest());
                props.put("source", in.source());
                in.context().ifPresent(c -> props.put("context", c));
                Artifact dataset = artifact(lineage, DATASET, in.name() + "@" + in.digest(), "", props);
                lineage.putEvent(dataset.id(), training.id(), EventType.INPUT);
            }
            lineage.putEvent(model.id(), training.id(), EventType.OUTPUT);
        }
        return model;
    }

    private static Artifact artifact(LineageStore lineage, String type, String name, String uri,
            Map<String, String> properties) {
        return lineage.artifact(type, name).orElseGet(() -> lineage.putArtifact(type, name, uri, properties));
    }

    private static ExecutionState state(Run r) {
        return switch (r.status()) {
            case RUNNING, SCHEDULED -> ExecutionState.RUNNING;
            case FINISHED -> ExecutionState.COMPLETE;
            case FAILED -> ExecutionState.FAILED;
            case KILLED -> ExecutionState.CANCELED;
        };
    }
}
