package dev.mlops.registry.model;

import dev.mlops.core.Names;
import dev.mlops.registry.internal.Checks;
import java.time.Instant;
import java.util.Optional;

/**
 * One change to the registry: who did what to which model or version, when, and what the value was
 * before. Events of a store are numbered by {@code sequence} in the order they were applied, so the
 * last event about an alias always describes where the alias points. Immutable.
 *
 * @param sequence the position in the store's log, increasing
 * @param time when the change was applied (store clock)
 * @param actor who made it
 * @param modelName the registered model
 * @param version the version concerned, for version-level events and alias moves
 * @param action what happened
 * @param key the alias or tag key concerned, when there is one
 * @param previousValue the value before the change, when there was one
 * @param newValue the value after the change, when there is one
 */
public record AuditEvent(long sequence, Instant time, String actor, String modelName, Optional<Integer> version,
        AuditAction action, Optional<String> key, Optional<String> previousValue, Optional<String> newValue) {

    public AuditEvent {
        Checks.notNull("time", time);
        Checks.notNull("actor", actor);
        Names.require("model name", modelName);
        Checks.notNull("version", version);
        Checks.notNull("action", action);
        Checks.notNull("key", key);
        Checks.notNull("previousValue", previousValue);
        Checks.notNull("newValue", newValue);
    }
}
