package dev.mlops.registry.memory;

import dev.mlops.core.AlreadyExistsException;
import dev.mlops.core.ConflictException;
import dev.mlops.core.Names;
import dev.mlops.core.NotFoundException;
import dev.mlops.core.artifact.ArtifactRef;
import dev.mlops.registry.internal.Checks;
import dev.mlops.registry.internal.Guard;
import dev.mlops.registry.model.Aliases;
import dev.mlops.registry.model.AuditAction;
import dev.mlops.registry.model.AuditEvent;
import dev.mlops.registry.model.ModelRegistryStore;
import dev.mlops.registry.model.ModelSignature;
import dev.mlops.registry.model.ModelVersion;
import dev.mlops.registry.model.ModelVersionStatus;
import dev.mlops.registry.model.NewModelVersion;
import dev.mlops.registry.model.RegisteredModel;
import dev.mlops.registry.model.Stage;
import dev.mlops.registry.tracking.Tag;
import dev.mlops.registry.tracking.TrackingLimits;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The reference {@link ModelRegistryStore}: everything in memory, lost when the object is dropped.
 *
 * <p>Thread-safe: one read-write lock guards all state, so each call, with its audit events, is
 * atomic, version numbers have no gaps, and alias events are in the order the moves were applied.
 */
public final class InMemoryModelRegistryStore implements ModelRegistryStore {

    private final InstantSource clock;
    private final Guard guard = new Guard();
    private final Map<String, ModelState> models = new TreeMap<>();
    private long nextSequence = 1;

    /** A new, empty store taking event times from {@code clock}. */
    public InMemoryModelRegistryStore(InstantSource clock) {
        this.clock = Checks.notNull("clock", clock);
    }

    @Override
    public RegisteredModel createRegisteredModel(String name, String description, List<Tag> tags, String actor) {
        Names.require("model name", name);
        description(description);
        List<Tag> checked = Checks.list("tags", tags);
        TrackingLimits.checkBatch(0, 0, checked.size());
        actor(actor);
        return guard.write(() -> {
            if (models.containsKey(name)) {
                throw new AlreadyExistsException("registered model '" + name + "' already exists");
            }
            Instant now = now();
            ModelState m = new ModelState(name, description, now);
            checked.forEach(t -> m.tags.put(t.key(), t.value()));
            models.put(name, m);
            audit(m, actor, null, AuditAction.MODEL_CREATED, null, null, null);
            return m.snapshot();
        });
    }

    @Override
    public Optional<RegisteredModel> getRegisteredModel(String name) {
        return guard.read(() -> Optional.ofNullable(models.get(name)).map(ModelState::snapshot));
    }

    @Override
    public List<RegisteredModel> listRegisteredModels() {
        return guard.read(() -> models.values().stream().map(ModelState::snapshot).toList());
    }

    @Override
    public RegisteredModel setModelDescription(String name, String description, String actor) {
        description(description);
        actor(actor);
        return guard.write(() -> {
            ModelState m = model(name);
            String previous = m.description;
            m.description = description;
            audit(m, actor, null, AuditAction.MODEL_DESCRIPTION_SET, null, previous, description);
            return m.snapshot();
        });
    }

    @Override
    public RegisteredModel setModelTag(String name, Tag tag, String actor) {
        Checks.notNull("tag", tag);
        actor(actor);
        return guard.write(() -> {
            ModelState m = model(name);
            String previous = m.tags.put(tag.key(), tag.value());
            audit(m, actor, null, AuditAction.MODEL_TAG_SET, tag.key(), previous, tag.value());
            return m.snapshot();
        });
    }

    @Override
    public RegisteredModel deleteModelTag(String name, String key, String actor) {
        actor(actor);
        return guard.write(() -> {
            ModelState m = model(name);
            String previous = m.tags.remove(key);
            if (previous == null) {
                throw new NotFoundException("model '" + name + "' has no tag '" + key + "'");
            }
            audit(m, actor, null, AuditAction.MODEL_TAG_DELETED, key, previous, null);
            return m.snapshot();
        });
    }

    @Override
    public ModelVersion createModelVersion(NewModelVersion spec, String actor) {
        Checks.notNull("version", spec);
        actor(actor);
        return guard.write(() -> {
            ModelState m = model(spec.name());
            int number = m.versions.size() + 1;
            VersionState v = new VersionState(number, spec, actor, now());
            m.versions.add(v);
            audit(m, actor, number, AuditAction.VERSION_CREATED, null, null, spec.artifact().uri());
            return m.snapshot(v);
        });
    }

    @Override
    public Optional<ModelVersion> getModelVersion(String name, int version) {
        return guard.read(() -> {
            ModelState m = models.get(name);
            if (m == null || version < 1 || version > m.versions.size()) {
                return Optional.empty();
            }
            return Optional.of(m.snapshot(m.versions.get(version - 1)));
        });
    }

    @Override
    public List<ModelVersion> listModelVersions(String name) {
        return guard.read(() -> {
            ModelState m = model(name);
            return m.versions.stream().map(m::snapshot).toList();
        });
    }

    @Override
    public ModelVersion setVersionStatus(String name, int version, ModelVersionStatus status, String actor) {
        Checks.notNull("status", status);
        actor(actor);
        return guard.write(() -> {
            ModelState m = model(name);
            VersionState v = version(m, version);
            if (v.status == status) {
                return m.snapshot(v);
            }
            if (v.status != ModelVersionStatus.PENDING_REGISTRATION || status == ModelVersionStatus.PENDING_REGISTRATION) {
                throw new ConflictException("version " + version + " of '" + name + "' is " + v.status
                        + " and cannot become " + status);
            }
            ModelVersionStatus previous = v.status;
            v.status = status;
            audit(m, actor, version, AuditAction.VERSION_STATUS_SET, null, previous.name(), status.name());
            return m.snapshot(v);
        });
    }

    @Override
    public ModelVersion setVersionDescription(String name, int version, String description, String actor) {
        description(description);
        actor(actor);
        return guard.write(() -> {
            ModelState m = model(name);
            VersionState v = version(m, version);
            String previous = v.description;
            v.description = description;
            audit(m, actor, version, AuditAction.VERSION_DESCRIPTION_SET, null, previous, description);
            return m.snapshot(v);
        });
    }

    @Override
    public ModelVersion setVersionTag(String name, int version, Tag tag, String actor) {
        Checks.notNull("tag", tag);
        actor(actor);
        return guard.write(() -> {
            ModelState m = model(name);
            VersionState v = version(m, version);
            String previous = v.tags.put(tag.key(), tag.value());
            audit(m, actor, version, AuditAction.VERSION_TAG_SET, tag.key(), previous, tag.value());
            return m.snapshot(v);
        });
    }

    @Override
    public ModelVersion deleteVersionTag(String name, int version, String key, String actor) {
        actor(actor);
        return guard.write(() -> {
            ModelState m = model(name);
            VersionState v = version(m, version);
            String previous = v.tags.remove(key);
            if (previous == null) {
                throw new NotFoundException("version " + version + " of '" + name + "' has no tag '" + key + "'");
            }
            audit(m, actor, version, AuditAction.VERSION_TAG_DELETED, key, previous, null);
            return m.snapshot(v);
        });
    }

    @Override
    public ModelVersion transitionStage(String name, int version, Stage stage, boolean archiveExisting,
            String actor) {
        Checks.notNull("stage", stage);
        actor(actor);
        return guard.write(() -> {
            ModelState m = model(name);
            VersionState target = version(m, version);
            if (archiveExisting && stage.archivesOthers()) {
                for (VersionState other : m.versions) {
                    if (other != target && other.stage == stage) {
                        other.stage = Stage.ARCHIVED;
                        audit(m, actor, other.number, AuditAction.VERSION_STAGE_SET, null, stage.displayName(),
                                Stage.ARCHIVED.displayName());
                    }
                }
            }
            if (target.stage != stage) {
                Stage previous = target.stage;
                target.stage = stage;
                audit(m, actor, version, AuditAction.VERSION_STAGE_SET, null, previous.displayName(),
                        stage.displayName());
            }
            return m.snapshot(target);
        });
    }

    @Override
    public ModelVersion setAlias(String name, String alias, int version, Optional<Integer> expectedCurrent,
            String actor) {
        Aliases.require(alias);
        Checks.notNull("expectedCurrent", expectedCurrent);
        actor(actor);
        return guard.write(() -> {
            ModelState m = model(name);
            VersionState v = version(m, version);
            Integer current = m.aliases.get(alias);
            if (expectedCurrent.isPresent() && expectedCurrent.get() != (current == null ? 0 : current)) {
                throw new ConflictException("alias '" + alias + "' of '" + name + "' points at "
                        + (current == null ? "nothing" : "version " + current) + ", not at version "
                        + expectedCurrent.get());
            }
            if (current == null || current != version) {
                m.aliases.put(alias, version);
                if (current != null) {
                    m.versions.get(current - 1).updated = now();
                }
                audit(m, actor, version, AuditAction.ALIAS_SET, alias, current == null ? null : current.toString(),
                        Integer.toString(version));
            }
            return m.snapshot(v);
        });
    }

    @Override
    public void deleteAlias(String name, String alias, String actor) {
        actor(actor);
        guard.write(() -> {
            ModelState m = model(name);
            Integer previous = m.aliases.remove(alias);
            if (previous == null) {
                throw new NotFoundException("model '" + name + "' has no alias '" + alias + "'");
            }
            audit(m, actor, previous, AuditAction.ALIAS_DELETED, alias, previous.toString(), null);
            return null;
        });
    }

    @Override
    public Optional<ModelVersion> getVersionByAlias(String name, String alias) {
        return guard.read(() -> {
            ModelState m = models.get(name);
            Integer v = m == null ? null : m.aliases.get(alias);
            return v == null ? Optional.empty() : Optional.of(m.snapshot(m.versions.get(v - 1)));
        });
    }

    @Override
    public List<AuditEvent> auditLog(String name) {
        return guard.read(() -> List.copyOf(model(name).events));
    }

    @Override
    public Optional<Integer> aliasAt(String name, String alias, Instant at) {
        Checks.notNull("at", at);
        return guard.read(() -> {
            ModelState m = models.get(name);
            if (m == null) {
                return Optional.empty();
            }
            Optional<Integer> result = Optional.empty();
            for (AuditEvent e : m.events) {
                if (e.time().isAfter(at)) {
                    break;
                }
                if (e.key().filter(alias::equals).isPresent()) {
                    if (e.action() == AuditAction.ALIAS_SET) {
                        result = e.newValue().map(Integer::valueOf);
                    } else if (e.action() == AuditAction.ALIAS_DELETED) {
                        result = Optional.empty();
                    }
                }
            }
            return result;
        });
    }

    // ---------------------------------------------------------------- helpers

    private void audit(ModelState m, String actor, Integer version, AuditAction action, String key, String previous,
            String next) {
        Instant now = now();
        m.events.add(new AuditEvent(nextSequence++, now, actor, m.name, Optional.ofNullable(version), action,
                Optional.ofNullable(key), Optional.ofNullable(previous), Optional.ofNullable(next)));
        m.updated = now;
        if (version != null) {
            m.versions.get(version - 1).updated = now;
        }
    }

    private static void description(String description) {
        Checks.text("description", description, TrackingLimits.MAX_TAG_VALUE_LENGTH);
    }

    private static void actor(String actor) {
        Checks.text("actor", actor, 250);
    }

    private Instant now() {
        return Instant.ofEpochMilli(clock.millis());
    }

    private ModelState model(String name) {
        ModelState m = name == null ? null : models.get(name);
        if (m == null) {
            throw new NotFoundException("registered model '" + name + "' does not exist");
        }
        return m;
    }

    private static VersionState version(ModelState m, int version) {
        if (version < 1 || version > m.versions.size()) {
            throw new NotFoundException("model '" + m.name + "' has no version " + version);
        }
        return m.versions.get(version - 1);
    }


    private static final class ModelState {
        final String name;
        String description;
        final Map<String, String> tags = new TreeMap<>();
        final Map<String, Integer> aliases = new TreeMap<>();
        final List<VersionState> versions = new ArrayList<>();
        final List<AuditEvent> events = new ArrayList<>();
        final Instant created;
        Instant updated;

        ModelState(String name, String description, Instant now) {
            this.name = name;
            this.description = description;
            this.created = now;
            this.updated = now;
        }

        RegisteredModel snapshot() {
            return new RegisteredModel(name, description, tags, aliases, versions.size(), created, updated);
        }

        ModelVersion snapshot(VersionState v) {
            List<String> pointing = aliases.entrySet().stream().filter(e -> e.getValue() == v.number)
                    .map(Map.Entry::getKey).toList();
            return new ModelVersion(name, v.number, Optional.ofNullable(v.runId), v.artifact, v.signature, v.status,
                    v.stage, v.description, v.tags, pointing, v.user, v.created, v.updated);
        }
    }

    private static final class VersionState {
        final int number;
        final String runId;
        final ArtifactRef artifact;
        final ModelSignature signature;
        ModelVersionStatus status;
        Stage stage = Stage.NONE;
        String description;
        final Map<String, String> tags = new TreeMap<>();
        final String user;
        final Instant created;
        Instant updated;

        VersionState(int number, NewModelVersion spec, String user, Instant now) {
            this.number = number;
            this.runId = spec.sourceRunId().orElse(null);
            this.artifact = spec.artifact();
            this.signature = spec.signature();
            this.status = spec.status();
            this.description = spec.description();
            spec.tags().forEach(t -> tags.put(t.key(), t.value()));
            this.user = user;
            this.created = now;
            this.updated = now;
        }
    }
}
