package dev.mlops.registry.model;

import dev.mlops.core.Names;
import dev.mlops.core.artifact.ArtifactRef;
import dev.mlops.registry.internal.Checks;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One version of a registered model: what run produced it, the artifact that holds it (by digest),
 * its signature, and its registry state. Immutable snapshot.
 *
 * @param name the registered model
 * @param version 1, 2, 3… without gaps within the model
 * @param sourceRunId the run that produced it, when known
 * @param artifact the model's bytes, by digest; loading verifies them
 * @param signature its inputs and outputs
 * @param status whether it is loadable
 * @param stage its legacy stage
 * @param description free text, possibly empty
 * @param tags its tags
 * @param aliases the aliases pointing at it
 * @param userId who registered it
 * @param creationTime when it was registered
 * @param lastUpdatedTime when it last changed
 */
public record ModelVersion(String name, int version, Optional<String> sourceRunId, ArtifactRef artifact,
        ModelSignature signature, ModelVersionStatus status, Stage stage, String description,
        Map<String, String> tags, List<String> aliases, String userId, Instant creationTime,
        Instant lastUpdatedTime) {

    public ModelVersion {
        Names.require("model name", name);
        if (version < 1) {
            throw new dev.mlops.core.InvalidArgumentException("version", "must be >= 1, got " + version);
        }
        Checks.notNull("sourceRunId", sourceRunId);
        Checks.notNull("artifact", artifact);
        Checks.notNull("signature", signature);
        Checks.notNull("status", status);
        Checks.notNull("stage", stage);
        Checks.notNull("description", description);
        tags = Checks.stringMap("tags", tags);
        aliases = Checks.list("aliases", aliases);
        Checks.notNull("userId", userId);
        Checks.notNull("creationTime", creationTime);
        Checks.notNull("lastUpdatedTime", lastUpdatedTime);
    }

    /** The URI of this version, {@code models:/name/version}. */
    public String uri() {
        return ModelUri.ofVersion(name, version).toString();
    }
}
