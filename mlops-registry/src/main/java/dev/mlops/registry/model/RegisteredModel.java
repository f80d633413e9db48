package dev.mlops.registry.model;

import dev.mlops.core.Names;
import dev.mlops.registry.internal.Checks;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * A named model whose versions are numbered 1, 2, 3… Immutable snapshot.
 *
 * @param name a valid {@linkplain Names name}
 * @param description free text, possibly empty
 * @param tags the model's tags
 * @param aliases each alias and the version it points at
 * @param latestVersion the highest version number, 0 when there is none yet
 * @param creationTime when it was created
 * @param lastUpdatedTime when it or one of its versions last changed
 */
public record RegisteredModel(String name, String description, Map<String, String> tags,
        Map<String, Integer> aliases, int latestVersion, Instant creationTime, Instant lastUpdatedTime) {

    public RegisteredModel {
        Names.require("model name", name);
        Checks.notNull("description", description);
        tags = Checks.stringMap("tags", tags);
        aliases = Map.copyOf(Checks.notNull("aliases", aliases));
        Checks.notNull("creationTime", creationTime);
        Checks.notNull("lastUpdatedTime", lastUpdatedTime);
    }

    /** The version an alias points at. */
    public Optional<Integer> alias(String alias) {
        return Optional.ofNullable(aliases.get(alias));
    }
}
