package dev.mlops.registry.model;

import dev.mlops.core.jdbc.Database;
import dev.mlops.registry.jdbc.JdbcModelRegistryStore;
import dev.mlops.registry.memory.InMemoryModelRegistryStore;
import dev.mlops.registry.tracking.Tag;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;

/**
 * The storage SPI of the model registry: registered models, their versions, aliases, legacy stages
 * and the audit log. Hosts normally use the {@link ModelRegistry} facade.
 *
 * <p>Contract, for every adapter (checked by {@code ModelRegistryStoreContract} in
 * {@code mlops-testkit}):
 * <ul>
 *   <li>Thread-safe; each call is atomic and either fully applied, with its audit events, or not at all.</li>
 *   <li>Versions of a model are numbered 1, 2, 3… in creation order, without gaps or duplicates even
 *       under concurrent registration.</li>
 *   <li>Every change appends {@link AuditEvent}s naming the {@code actor}, in the order the changes
 *       were applied; the last alias event about an alias always matches where it points.</li>
 *   <li>Unknown models or versions are a {@link dev.mlops.core.NotFoundException} on mutation and an
 *       empty {@link Optional} on lookup.</li>
 * </ul>
 */
public interface ModelRegistryStore {

    /** A new, empty in-memory store that takes event times from {@code clock}. */
    static ModelRegistryStore inMemory(InstantSource clock) {
        return new InMemoryModelRegistryStore(clock);
    }

    /** A store in {@code database} (H2 or PostgreSQL) with the system clock; applies the migrations. */
    static ModelRegistryStore jdbc(Database database) {
        return new JdbcModelRegistryStore(database, InstantSource.system());
    }

    /** A store in {@code database} (H2 or PostgreSQL); applies the migrations. */
    static ModelRegistryStore jdbc(Database database, InstantSource clock) {
        return new JdbcModelRegistryStore(database, clock);
    }

    /**
     * Creates a registered model.
     *
     * @throws dev.mlops.core.AlreadyExistsException when the name is taken
     */
    RegisteredModel createRegisteredModel(String name, String description, List<Tag> tags, String actor);

    /** The registered model with this name. */
    Optional<RegisteredModel> getRegisteredModel(String name);

    /** All registered models, by name. */
    List<RegisteredModel> listRegisteredModels();

    /** Replaces a model's description. */
    RegisteredModel setModelDescription(String name, String description, String actor);

    /** Sets (or replaces) a model tag. */
    RegisteredModel setModelTag(String name, Tag tag, String actor);

    /** Removes a model tag. @throws dev.mlops.core.NotFoundException when there is no such tag */
    RegisteredModel deleteModelTag(String name, String key, String actor);

    /** Creates the next version of an existing model. */
    ModelVersion createModelVersion(NewModelVersion version, String actor);

    /** One version. */
    Optional<ModelVersion> getModelVersion(String name, int version);

    /**
     * The versions of a model, by number.
     *
     * @throws dev.mlops.core.NotFoundException when there is no such model
     */
    List<ModelVersion> listModelVersions(String name);

    /**
     * Changes a version's status. {@code PENDING_REGISTRATION} may become {@code READY} or
     * {@code FAILED_REGISTRATION}; other changes are a {@link dev.mlops.core.ConflictException}.
     */
    ModelVersion setVersionStatus(String name, int version, ModelVersionStatus status, String actor);

    /** Replaces a version's description. */
    ModelVersion setVersionDescription(String name, int version, String description, String actor);

    /** Sets (or replaces) a version tag. */
    ModelVersion setVersionTag(String name, int version, Tag tag, String actor);

    /** Removes a version tag. @throws dev.mlops.core.NotFoundException when there is no such tag */
    ModelVersion deleteVersionTag(String name, int version, String key, String actor);

    /**
     * Moves a version to a legacy stage. With {@code archiveExisting} and a target of
     * {@link Stage#STAGING} or {@link Stage#PRODUCTION}, the other versions in that stage move to
     * {@link Stage#ARCHIVED} in the same atomic change.
     */
    ModelVersion transitionStage(String name, int version, Stage stage, boolean archiveExisting, String actor);

    /**
     * Points an alias at a version, atomically. With {@code expectedCurrent} present, the move only
     * happens when the alias points at that version now (or, with {@code expectedCurrent} 0, when it
     * does not exist), else it is a {@link dev.mlops.core.ConflictException}; without it the move is
     * unconditional. Pointing an alias where it already points is a no-op without an event.
     *
     * @throws dev.mlops.core.InvalidArgumentException for a reserved or invalid alias
     * @throws dev.mlops.core.NotFoundException when the version does not exist
     */
    ModelVersion setAlias(String name, String alias, int version, Optional<Integer> expectedCurrent, String actor);

    /** Removes an alias. @throws dev.mlops.core.NotFoundException when there is no such alias */
    void deleteAlias(String name, String alias, String actor);

    /** The version an alias points at now. */
    Optional<ModelVersion> getVersionByAlias(String name, String alias);

    /**
     * The audit events of a model, oldest first.
     *
     * @throws dev.mlops.core.NotFoundException when there is no such model
     */
    List<AuditEvent> auditLog(String name);

    /**
     * The version an alias pointed at, at instant {@code at}: the value set by the last alias event
     * at or before {@code at}; empty when the alias did not exist then.
     */
    Optional<Integer> aliasAt(String name, String alias, Instant at);
}
