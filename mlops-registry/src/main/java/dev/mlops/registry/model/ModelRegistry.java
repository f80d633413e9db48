package dev.mlops.registry.model;

import dev.mlops.core.AlreadyExistsException;
import dev.mlops.core.NotFoundException;
import dev.mlops.core.StorageException;
import dev.mlops.core.artifact.ArtifactRef;
import dev.mlops.core.artifact.ArtifactStore;
import dev.mlops.core.lineage.LineageStore;
import dev.mlops.registry.internal.Checks;
import dev.mlops.registry.internal.RegistryLineage;
import dev.mlops.registry.tracking.Run;
import dev.mlops.registry.tracking.Tag;
import dev.mlops.registry.tracking.TrackingStore;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The model-registry facade: registered models, versions, aliases, legacy stages, {@code models:/}
 * URIs, the audit log and live models, over a {@link ModelRegistryStore} and an {@link ArtifactStore}.
 *
 * <pre>{@code
 * ModelRegistry registry = ModelRegistry.create(ModelRegistryStore.inMemory(clock), artifactStore);
 * ModelVersion v3 = registry.registerVersion("fraud", run.id(), artifactRef, signature);
 * registry.setAlias("fraud", "champion", v3.version());
 * ModelVersion served = registry.resolve("models:/fraud@champion");
 * LiveModel<MyModel> live = registry.follow("fraud", "champion", loader);
 * }</pre>
 *
 * <p>Every change is recorded in the audit log under the builder's {@link Builder#actor actor}.
 * Thread-safe; holds no resources of its own (live models it creates are closed by the caller).
 */
public final class ModelRegistry {

    private static final Logger LOG = LoggerFactory.getLogger(ModelRegistry.class);

    private final ModelRegistryStore store;
    private final ArtifactStore artifacts;
    private final TrackingStore tracking;
    private final Supplier<String> actor;
    private final LineageStore lineage;

    private ModelRegistry(Builder b) {
        this.lineage = b.lineage;
        this.store = b.store;
        this.artifacts = b.artifacts;
        this.tracking = b.tracking;
        this.actor = b.actor;
    }

    /** A registry acting as the {@code user.name} of this JVM. */
    public static ModelRegistry create(ModelRegistryStore store, ArtifactStore artifacts) {
        return builder(store, artifacts).build();
    }

    /** A builder. */
    public static Builder builder(ModelRegistryStore store, ArtifactStore artifacts) {
        return new Builder(store, artifacts);
    }

    /** The store. */
    public ModelRegistryStore store() {
        return store;
    }

    /** The artifact store holding model bytes. */
    public ArtifactStore artifactStore() {
        return artifacts;
    }

    private String who() {
        return Checks.text("actor", actor.get(), 250);
    }

    // ---------------------------------------------------------------- models

    /** Creates a registered model. @throws AlreadyExistsException when the name is taken */
    public RegisteredModel createModel(String name, String description) {
        return store.createRegisteredModel(name, description, List.of(), who());
    }

    /** The registered model with this name. @throws NotFoundException when there is none */
    public RegisteredModel getModel(String name) {
        return store.getRegisteredModel(name)
                .orElseThrow(() -> new NotFoundException("registered model '" + name + "' does not exist"));
    }

    /** All registered models, by name. */
    public List<RegisteredModel> listModels() {
        return store.listRegisteredModels();
    }

    /** Sets a model tag. */
    public RegisteredModel setModelTag(String name, String key, String value) {
        return store.setModelTag(name, new Tag(key, value), who());
    }

    /** Replaces a model's description. */
    public RegisteredModel setModelDescription(String name, String description) {
        return store.setModelDescription(name, description, who());
    }

    // ---------------------------------------------------------------- versions

    /**
     * Registers the next version of a model (creating the model when it does not exist yet). The
     * artifact must already be in the artifact store; when the registry knows a tracking store, the
     * run must exist there.
     *
     * @param sourceRunId the run that produced the model, or null when there is none
     * @throws NotFoundException when the artifact or the run does not exist
     */
    public ModelVersion registerVersion(String name, String sourceRunId, ArtifactRef artifact,
            ModelSignature signature) {
        return registerVersion(NewModelVersion.of(name, Optional.ofNullable(sourceRunId), artifact, signature));
    }

    /** Registers the next version described by {@code spec}; see {@link #registerVersion(String, String, ArtifactRef, ModelSignature)}. */
    public ModelVersion registerVersion(NewModelVersion spec) {
        Checks.notNull("version", spec);
        if (!artifacts.exists(spec.artifact())) {
            throw new NotFoundException("artifact " + spec.artifact().uri() + " is not in the artifact store");
        }
        Optional<Run> run = Optional.empty();
        if (tracking != null && spec.sourceRunId().isPresent()) {
            run = tracking.getRun(spec.sourceRunId().get());
            if (run.isEmpty()) {
                throw new NotFoundException("run " + spec.sourceRunId().get() + " does not exist");
            }
        }
        String who = who();
        if (store.getRegisteredModel(spec.name()).isEmpty()) {
            try {
                store.createRegisteredModel(spec.name(), "", List.of(), who);
            } catch (AlreadyExistsException raced) {
                // another writer created it first: register under it
            }
        }
        ModelVersion created = store.createModelVersion(spec, who);
        if (lineage != null) {
            try {
                RegistryLineage.record(lineage, created, run);
            } catch (RuntimeException e) {
                // The version is registered; losing its lineage must not make the caller retry and
                // register a second one. Report loudly instead.
                LOG.warn("version {} of '{}' is registered but its lineage could not be recorded", created.version(),
                        created.name(), e);
            }
        }
        return created;
    }

    /** One version. @throws NotFoundException when there is none */
    public ModelVersion getVersion(String name, int version) {
        return store.getModelVersion(name, version).orElseThrow(() -> new NotFoundException("model '" + name
                + "' has no version " + version));
    }

    /** The versions of a model, by number. */
    public List<ModelVersion> versions(String name) {
        return store.listModelVersions(name);
    }

    /** The newest version of a model. */
    public Optional<ModelVersion> latestVersion(String name) {
        List<ModelVersion> all = store.listModelVersions(name);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
    }

    /** The newest version of a model in a legacy stage. */
    public Optional<ModelVersion> latestVersion(String name, Stage stage) {
        Checks.notNull("stage", stage);
        return store.listModelVersions(name).stream().filter(v -> v.stage() == stage)
                .max(Comparator.comparingInt(ModelVersion::version));
    }

    /** Sets a version tag. */
    public ModelVersion setVersionTag(String name, int version, String key, String value) {
        return store.setVersionTag(name, version, new Tag(key, value), who());
    }

    /** Replaces a version's description. */
    public ModelVersion setVersionDescription(String name, int version, String description) {
        return store.setVersionDescription(name, version, description, who());
    }

    /** Marks a pending version ready or failed. */
    public ModelVersion setVersionStatus(String name, int version, ModelVersionStatus status) {
        return store.setVersionStatus(name, version, status, who());
    }

    /**
     * Moves a version to a legacy stage; with {@code archiveExisting}, the versions already in
     * Staging or Production move to Archived in the same change.
     */
    public ModelVersion transitionStage(String name, int version, Stage stage, boolean archiveExisting) {
        return store.transitionStage(name, version, stage, archiveExisting, who());
    }

    // ---------------------------------------------------------------- aliases and URIs

    /** Points an alias at a version (creating or moving it), atomically. */
    public ModelVersion setAlias(String name, String alias, int version) {
        return store.setAlias(name, alias, version, Optional.empty(), who());
    }

    /**
     * Moves an alias only if it points at {@code expectedCurrent} now (0: only if it does not exist):
     * compare-and-set for writers that must not overwrite each other.
     *
     * @throws dev.mlops.core.ConflictException when the alias points elsewhere
     */
    public ModelVersion moveAlias(String name, String alias, int expectedCurrent, int version) {
        return store.setAlias(name, alias, version, Optional.of(expectedCurrent), who());
    }

    /** Removes an alias. */
    public void deleteAlias(String name, String alias) {
        store.deleteAlias(name, alias, who());
    }

    /** The version an alias points at. @throws NotFoundException when there is no such alias */
    public ModelVersion getByAlias(String name, String alias) {
        return store.getVersionByAlias(name, alias).orElseThrow(() -> new NotFoundException("model '" + name
                + "' has no alias '" + alias + "'"));
    }

    /**
     * Resolves a {@code models:/} URI; see {@link ModelUri}.
     *
     * @throws dev.mlops.core.InvalidArgumentException for a malformed URI
     * @throws NotFoundException when what it names does not exist
     */
    public ModelVersion resolve(String uri) {
        return resolve(ModelUri.parse(uri));
    }

    /** Resolves a parsed {@code models:/} URI. */
    public ModelVersion resolve(ModelUri uri) {
        Checks.notNull("uri", uri);
        return switch (uri.kind()) {
            case VERSION -> getVersion(uri.name(), uri.version());
            case ALIAS -> getByAlias(uri.name(), uri.reference());
            case LATEST -> latestVersion(uri.name()).orElseThrow(() -> new NotFoundException("model '"
                    + uri.name() + "' has no versions"));
            case STAGE -> latestVersion(uri.name(), Stage.parse(uri.reference())).orElseThrow(() ->
                    new NotFoundException("model '" + uri.name() + "' has no version in stage " + uri.reference()));
        };
    }

    // ---------------------------------------------------------------- audit

    /** Every change to a model, oldest first. */
    public List<AuditEvent> auditLog(String name) {
        return store.auditLog(name);
    }

    /** The version an alias pointed at, at {@code at} ("which version served at 14:05 yesterday"). */
    public Optional<Integer> aliasAt(String name, String alias, Instant at) {
        return store.aliasAt(name, alias, at);
    }

    // ---------------------------------------------------------------- loading

    /**
     * Reads a version's bytes by digest, verified twice: by the artifact store while streaming, and
     * here against the version's recorded digest and size, so a misbehaving store adapter cannot hand a
     * loader other bytes.
     *
     * @throws StorageException when the bytes do not match
     */
    public byte[] readVerified(ModelVersion version) {
        ArtifactRef ref = version.artifact();
        if (ref.size() > Integer.MAX_VALUE - 16) {
            throw new StorageException("artifact " + ref.uri() + " is too large to load into memory: " + ref.size());
        }
        byte[] bytes = artifacts.readAllBytes(ref);
        if (bytes.length != ref.size() || !sha256(bytes).equals(ref.digest())) {
            throw new StorageException("artifact of version " + version.version() + " of '" + version.name()
                    + "' does not match its digest " + ref.uri());
        }
        return bytes;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    /**
     * A live model following {@code name@alias} with default options: the first version loaded before
     * this returns, the alias polled every 30 seconds on a daemon thread the live model owns.
     */
    public <M> LiveModel<M> follow(String name, String alias, ModelLoader<M> loader) {
        return liveModel(name, alias, loader).build();
    }

    /** A builder for a live model following {@code name@alias}, to set the executor, scheduler or interval. */
    public <M> LiveModel.Builder<M> liveModel(String name, String alias, ModelLoader<M> loader) {
        return LiveModel.builder(this, name, alias, loader);
    }

    /** Builds a {@link ModelRegistry}. Not thread-safe. */
    public static final class Builder {
        private final ModelRegistryStore store;
        private final ArtifactStore artifacts;
        private TrackingStore tracking;
        private Supplier<String> actor;
        private LineageStore lineage;

        private Builder(ModelRegistryStore store, ArtifactStore artifacts) {
            this.store = Checks.notNull("store", store);
            this.artifacts = Checks.notNull("artifacts", artifacts);
            String user = System.getProperty("user.name", "unknown");
            this.actor = () -> user;
        }

        /** Who the audit log names for changes made through this registry (default: {@code user.name}). */
        public Builder actor(String who) {
            Checks.text("actor", who, 250);
            this.actor = () -> who;
            return this;
        }

        /** Who the audit log names, asked at each change (for a shared registry in a multi-user service). */
        public Builder actor(Supplier<String> who) {
            this.actor = Checks.notNull("actor", who);
            return this;
        }

        /**
         * Where to record dataset → run → model version lineage for each registration (the run and its
         * dataset inputs come from the {@linkplain #trackingStore tracking store}, when one is set).
         */
        public Builder lineage(LineageStore store) {
            this.lineage = Checks.notNull("lineage", store);
            return this;
        }

        /** A tracking store in which the source runs of new versions must exist. */
        public Builder trackingStore(TrackingStore store) {
            this.tracking = Checks.notNull("trackingStore", store);
            return this;
        }

        /** The registry. */
        public ModelRegistry build() {
            return new ModelRegistry(this);
        }
    }
}
