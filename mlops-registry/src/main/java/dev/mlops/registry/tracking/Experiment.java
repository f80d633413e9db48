package dev.mlops.registry.tracking;

import dev.mlops.core.Names;
import dev.mlops.registry.internal.Checks;
import java.time.Instant;
import java.util.Map;

/**
 * A named group of runs. Names are unique within a store, deleted experiments included (a deleted
 * experiment keeps its name until it is restored or renamed). Immutable snapshot.
 *
 * @param id the store-assigned id
 * @param name a valid {@linkplain Names name}
 * @param lifecycleStage active or deleted
 * @param tags the experiment's tags, by key
 * @param creationTime when the experiment was created
 * @param lastUpdateTime when it was last renamed, tagged, deleted or restored
 */
public record Experiment(String id, String name, LifecycleStage lifecycleStage, Map<String, String> tags,
        Instant creationTime, Instant lastUpdateTime) {

    public Experiment {
        Checks.label("experiment id", id, 64);
        Names.require("experiment name", name);
        Checks.notNull("lifecycleStage", lifecycleStage);
        tags = Checks.stringMap("experiment tags", tags);
        Checks.notNull("creationTime", creationTime);
        Checks.notNull("lastUpdateTime", lastUpdateTime);
    }

    /** Whether the experiment is active (not deleted). */
    public boolean isActive() {
        return lifecycleStage == LifecycleStage.ACTIVE;
    }
}
