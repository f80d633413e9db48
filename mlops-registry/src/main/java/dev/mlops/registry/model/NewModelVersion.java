package dev.mlops.registry.model;

import dev.mlops.core.Names;
import dev.mlops.core.artifact.ArtifactRef;
import dev.mlops.registry.internal.Checks;
import dev.mlops.registry.tracking.Tag;
import dev.mlops.registry.tracking.TrackingLimits;
import java.util.List;
import java.util.Optional;

/**
 * What {@link ModelRegistryStore#createModelVersion} needs; the store assigns the number. Immutable.
 *
 * @param name an existing registered model
 * @param sourceRunId the run that produced the model, when known
 * @param artifact the model's bytes, by digest
 * @param signature its inputs and outputs
 * @param status {@link ModelVersionStatus#READY}, or {@link ModelVersionStatus#PENDING_REGISTRATION}
 *     while the host is still uploading
 * @param description free text, at most 5000 characters
 * @param tags its initial tags
 */
public record NewModelVersion(String name, Optional<String> sourceRunId, ArtifactRef artifact,
        ModelSignature signature, ModelVersionStatus status, String description, List<Tag> tags) {

    public NewModelVersion {
        Names.require("model name", name);
        Checks.notNull("sourceRunId", sourceRunId).ifPresent(r -> Checks.label("sourceRunId", r, 64));
        Checks.notNull("artifact", artifact);
        Checks.notNull("signature", signature);
        Checks.notNull("status", status);
        if (status == ModelVersionStatus.FAILED_REGISTRATION) {
            throw new dev.mlops.core.InvalidArgumentException("status",
                    "a new version is READY or PENDING_REGISTRATION");
        }
        Checks.text("description", description, TrackingLimits.MAX_TAG_VALUE_LENGTH);
        tags = Checks.list("tags", tags);
        TrackingLimits.checkBatch(0, 0, tags.size());
    }

    /** A ready version without description or tags. */
    public static NewModelVersion of(String name, Optional<String> sourceRunId, ArtifactRef artifact,
            ModelSignature signature) {
        return new NewModelVersion(name, sourceRunId, artifact, signature, ModelVersionStatus.READY, "", List.of());
    }
}
