package dev.mlops.testkit.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mlops.core.AlreadyExistsException;
import dev.mlops.core.ConflictException;
import dev.mlops.core.Field;
import dev.mlops.core.InvalidArgumentException;
import dev.mlops.core.NotFoundException;
import dev.mlops.core.Schema;
import dev.mlops.core.ValueType;
import dev.mlops.core.artifact.ArtifactRef;
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
import dev.mlops.testkit.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The conformance suite of {@link ModelRegistryStore}: every adapter extends it and supplies a fresh,
 * empty store per test.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
public abstract class ModelRegistryStoreContract {

    /** When the test clock starts. */
    protected static final Instant T0 = Instant.parse("2024-06-01T14:00:00Z");

    /** A signature used by the suite. */
    protected static final ModelSignature SIGNATURE = new ModelSignature(
            Schema.of(Field.required("amount", ValueType.FLOAT64), Field.of("country", ValueType.STRING)),
            Schema.of(Field.required("fraud_probability", ValueType.FLOAT64)));

    private final TestClock clock = TestClock.at(T0);
    private ModelRegistryStore store;

    /** A fresh, empty store taking event times from {@code clock}. */
    protected abstract ModelRegistryStore newStore(InstantSource clock);

    /** Releases what {@link #newStore} acquired; closes an {@link AutoCloseable} store by default. */
    protected void closeStore(ModelRegistryStore s) throws Exception {
        if (s instanceof AutoCloseable c) {
            c.close();
        }
    }

    /** How many times each of the 8 threads moves the alias in the concurrency test. */
    protected int aliasMovesPerThread() {
        return 1000;
    }

    @BeforeEach
    void openStore() {
        store = newStore(clock);
    }

    @AfterEach
    void releaseStore() throws Exception {
        closeStore(store);
    }

    protected ModelRegistryStore store() {
        return store;
    }

    private static ArtifactRef artifact(int n) {
        return new ArtifactRef(String.format("%064x", n), 100 + n, "application/octet-stream");
    }

    private RegisteredModel model(String name) {
        return store.createRegisteredModel(name, "", List.of(), "alice");
    }

    private ModelVersion version(String name, int n) {
        return store.createModelVersion(NewModelVersion.of(name, Optional.of("run" + n), artifact(n), SIGNATURE),
                "alice");
    }

    private List<AuditEvent> events(String name, AuditAction action) {
        return store.auditLog(name).stream().filter(e -> e.action() == action).toList();
    }

    @Nested
    class RegisteredModels {

        @Test
        void a_created_model_is_found_and_listed_by_name() {
            RegisteredModel m = store.createRegisteredModel("fraud", "detects fraud", List.of(new Tag("team", "risk")),
                    "alice");
            model("churn");
            assertThat(m.description()).isEqualTo("detects fraud");
            assertThat(m.tags()).containsEntry("team", "risk");
            assertThat(m.latestVersion()).isZero();
            assertThat(m.creationTime()).isEqualTo(T0);
            assertThat(store.getRegisteredModel("fraud")).contains(m);
            assertThat(store.getRegisteredModel("nope")).isEmpty();
            assertThat(store.listRegisteredModels()).extracting(RegisteredModel::name).containsExactly("churn", "fraud");
        }

        @Test
        void names_are_unique_and_valid() {
            model("fraud");
            assertThatThrownBy(() -> model("fraud")).isInstanceOf(AlreadyExistsException.class);
            assertThatThrownBy(() -> model("../fraud")).isInstanceOf(InvalidArgumentException.class);
            assertThatThrownBy(() -> model("fraud%2e")).isInstanceOf(InvalidArgumentException.class);
            assertThat(store.listRegisteredModels()).hasSize(1);
        }

        @Test
        void description_and_tags_changes_are_audited_with_previous_values() {
            model("fraud");
            clock.advance(Duration.ofMinutes(1));
            store.setModelDescription("fraud", "v1", "bob");
            store.setModelDescription("fraud", "v2", "bob");
            store.setModelTag("fraud", new Tag("k", "a"), "carol");
            store.setModelTag("fraud", new Tag("k", "b"), "carol");
            RegisteredModel m = store.deleteModelTag("fraud", "k", "carol");
            assertThat(m.tags()).isEmpty();
            assertThat(m.lastUpdatedTime()).isEqualTo(T0.plus(Duration.ofMinutes(1)));
            assertThatThrownBy(() -> store.deleteModelTag("fraud", "k", "carol")).isInstanceOf(NotFoundException.class);
            List<AuditEvent> log = store.auditLog("fraud");
            assertThat(log).extracting(AuditEvent::action).containsExactly(AuditAction.MODEL_CREATED,
                    AuditAction.MODEL_DESCRIPTION_SET, AuditAction.MODEL_DESCRIPTION_SET, AuditAction.MODEL_TAG_SET,
                    AuditAction.MODEL_TAG_SET, AuditAction.MODEL_TAG_DELETED);
            assertThat(log.get(0).actor()).isEqualTo("alice");
            assertThat(log.get(2).previousValue()).contains("v1");
            assertThat(log.get(2).newValue()).contains("v2");
            assertThat(log.get(4).key()).contains("k");
            assertThat(log.get(4).previousValue()).contains("a");
            assertThat(log.get(5).previousValue()).contains("b");
            assertThat(log.get(5).newValue()).isEmpty();
            assertThat(log).extracting(AuditEvent::sequence).isSorted().doesNotHaveDuplicates();
        }

        @Test
        void changing_an_unknown_model_is_not_found() {
            assertThatThrownBy(() -> store.setModelTag("nope", new Tag("a", "b"), "x"))
                    .isInstanceOf(NotFoundException.class);
            assertThatThrownBy(() -> store.auditLog("nope")).isInstanceOf(NotFoundException.class);
            assertThatThrownBy(() -> version("nope", 1)).isInstanceOf(NotFoundException.class);
        }
    }

    @Nested
    class Versions {

        @Test
        void versions_are_numbered_from_one_and_keep_what_was_registered() {
            model("fraud");
            ModelVersion v1 = version("fraud", 1);
            clock.advance(Duration.ofSeconds(5));
            ModelVersion v2 = store.createModelVersion(new NewModelVersion("fraud", Optional.empty(), artifact(2),
                    SIGNATURE, ModelVersionStatus.PENDING_REGISTRATION, "second", List.of(new Tag("k", "v"))), "bob");
            assertThat(v1.version()).isEqualTo(1);
            assertThat(v1.sourceRunId()).contains("run1");
            assertThat(v1.artifact()).isEqualTo(artifact(1));
            assertThat(v1.signature()).isEqualTo(SIGNATURE);
            assertThat(v1.status()).isEqualTo(ModelVersionStatus.READY);
            assertThat(v1.stage()).isEqualTo(Stage.NONE);
            assertThat(v1.userId()).isEqualTo("alice");
            assertThat(v1.creationTime()).isEqualTo(T0);
            assertThat(v2.version()).isEqualTo(2);
            assertThat(v2.sourceRunId()).isEmpty();
            assertThat(v2.status()).isEqualTo(ModelVersionStatus.PENDING_REGISTRATION);
            assertThat(v2.description()).isEqualTo("second");
            assertThat(v2.tags()).containsEntry("k", "v");
            assertThat(v2.creationTime()).isEqualTo(T0.plusSeconds(5));
            assertThat(store.getModelVersion("fraud", 2)).contains(v2);
            assertThat(store.getModelVersion("fraud", 3)).isEmpty();
            assertThat(store.getModelVersion("fraud", 0)).isEmpty();
            assertThat(store.getModelVersion("nope", 1)).isEmpty();
            assertThat(store.listModelVersions("fraud")).extracting(ModelVersion::version).containsExactly(1, 2);
            assertThat(store.getRegisteredModel("fraud").orElseThrow().latestVersion()).isEqualTo(2);
            assertThat(events("fraud", AuditAction.VERSION_CREATED)).extracting(e -> e.version().orElseThrow())
                    .containsExactly(1, 2);
        }

        @Test
        void each_model_numbers_its_own_versions() {
            model("a");
            model("b");
            version("a", 1);
            version("a", 2);
            assertThat(version("b", 3).version()).isEqualTo(1);
        }

        @Test
        void concurrent_registration_yields_one_to_n_without_gaps_or_duplicates() throws Exception {
            model("fraud");
            int threads = 8;
            int each = 25;
            List<Integer> numbers = java.util.Collections.synchronizedList(new ArrayList<>());
            Concurrently.run(threads, thread -> {
                for (int i = 0; i < each; i++) {
                    numbers.add(version("fraud", thread * 1000 + i).version());
                }
            });
            assertThat(numbers).containsExactlyInAnyOrderElementsOf(IntStream.rangeClosed(1, threads * each).boxed()
                    .toList());
            assertThat(store.listModelVersions("fraud")).extracting(ModelVersion::version)
                    .containsExactlyElementsOf(IntStream.rangeClosed(1, threads * each).boxed().toList());
        }

        @Test
        void a_pending_version_becomes_ready_or_failed_once() {
            model("fraud");
            store.createModelVersion(new NewModelVersion("fraud", Optional.empty(), artifact(1), SIGNATURE,
                    ModelVersionStatus.PENDING_REGISTRATION, "", List.of()), "alice");
            assertThat(store.setVersionStatus("fraud", 1, ModelVersionStatus.READY, "bob").status())
                    .isEqualTo(ModelVersionStatus.READY);
            assertThat(store.setVersionStatus("fraud", 1, ModelVersionStatus.READY, "bob").status())
                    .isEqualTo(ModelVersionStatus.READY);
            assertThatThrownBy(() -> store.setVersionStatus("fraud", 1, ModelVersionStatus.FAILED_REGISTRATION, "bob"))
                    .isInstanceOf(ConflictException.class);
            assertThatThrownBy(() -> store.setVersionStatus("fraud", 1, ModelVersionStatus.PENDING_REGISTRATION,
                    "bob")).isInstanceOf(ConflictException.class);
            assertThat(events("fraud", AuditAction.VERSION_STATUS_SET)).singleElement().satisfies(e -> {
                assertThat(e.previousValue()).contains("PENDING_REGISTRATION");
                assertThat(e.newValue()).contains("READY");
            });
        }

        @Test
        void version_tags_and_descriptions_are_audited() {
            model("fraud");
            version("fraud", 1);
            store.setVersionTag("fraud", 1, new Tag("validated", "yes"), "bob");
            store.setVersionDescription("fraud", 1, "good", "bob");
            ModelVersion v = store.deleteVersionTag("fraud", 1, "validated", "bob");
            assertThat(v.tags()).isEmpty();
            assertThat(v.description()).isEqualTo("good");
            assertThatThrownBy(() -> store.deleteVersionTag("fraud", 1, "validated", "bob"))
                    .isInstanceOf(NotFoundException.class);
            assertThatThrownBy(() -> store.setVersionTag("fraud", 2, new Tag("a", "b"), "bob"))
                    .isInstanceOf(NotFoundException.class);
            assertThat(store.auditLog("fraud")).extracting(AuditEvent::action).endsWith(AuditAction.VERSION_TAG_SET,
                    AuditAction.VERSION_DESCRIPTION_SET, AuditAction.VERSION_TAG_DELETED);
        }
    }

    @Nested
    class Aliases {

        @BeforeEach
        void threeVersions() {
            model("fraud");
            version("fraud", 1);
            version("fraud", 2);
            version("fraud", 3);
        }

        @Test
        void an_alias_points_at_one_version_and_moves_atomically() {
            store.setAlias("fraud", "champion", 1, Optional.empty(), "alice");
            assertThat(store.getVersionByAlias("fraud", "champion")).map(ModelVersion::version).contains(1);
            ModelVersion moved = store.setAlias("fraud", "champion", 2, Optional.empty(), "bob");
            assertThat(moved.version()).isEqualTo(2);
            assertThat(moved.aliases()).containsExactly("champion");
            assertThat(store.getModelVersion("fraud", 1).orElseThrow().aliases()).isEmpty();
            assertThat(store.getRegisteredModel("fraud").orElseThrow().aliases()).isEqualTo(Map.of("champion", 2));
            List<AuditEvent> moves = events("fraud", AuditAction.ALIAS_SET);
            assertThat(moves).hasSize(2);
            assertThat(moves.get(1).actor()).isEqualTo("bob");
            assertThat(moves.get(1).key()).contains("champion");
            assertThat(moves.get(1).previousValue()).contains("1");
            assertThat(moves.get(1).newValue()).contains("2");
            assertThat(moves.get(0).previousValue()).isEmpty();
        }

        @Test
        void pointing_an_alias_where_it_points_records_nothing() {
            store.setAlias("fraud", "champion", 1, Optional.empty(), "alice");
            store.setAlias("fraud", "champion", 1, Optional.empty(), "alice");
            assertThat(events("fraud", AuditAction.ALIAS_SET)).hasSize(1);
        }

        @ParameterizedTest
        @ValueSource(strings = {"latest", "LATEST", "Latest", "v1", "V12", "v007", "../x", "a b", "a%2fb", ""})
        void reserved_and_invalid_aliases_are_refused(String alias) {
            assertThatThrownBy(() -> store.setAlias("fraud", alias, 1, Optional.empty(), "alice"))
                    .isInstanceOf(InvalidArgumentException.class);
            assertThat(store.getRegisteredModel("fraud").orElseThrow().aliases()).isEmpty();
        }

        @ParameterizedTest
        @ValueSource(strings = {"champion", "v1a", "vx", "latest-good", "prod_2024"})
        void ordinary_aliases_are_accepted(String alias) {
            store.setAlias("fraud", alias, 3, Optional.empty(), "alice");
            assertThat(store.getVersionByAlias("fraud", alias)).map(ModelVersion::version).contains(3);
        }

        @Test
        void an_alias_to_a_missing_version_is_refused_and_changes_nothing() {
            store.setAlias("fraud", "champion", 1, Optional.empty(), "alice");
            assertThatThrownBy(() -> store.setAlias("fraud", "champion", 4, Optional.empty(), "alice"))
                    .isInstanceOf(NotFoundException.class);
            assertThatThrownBy(() -> store.setAlias("nope", "champion", 1, Optional.empty(), "alice"))
                    .isInstanceOf(NotFoundException.class);
            assertThat(store.getVersionByAlias("fraud", "champion")).map(ModelVersion::version).contains(1);
            assertThat(events("fraud", AuditAction.ALIAS_SET)).hasSize(1);
        }

        @Test
        void a_conditional_move_fails_when_the_alias_moved_meanwhile() {
            store.setAlias("fraud", "champion", 1, Optional.of(0), "alice");
            assertThatThrownBy(() -> store.setAlias("fraud", "champion", 2, Optional.of(0), "bob"))
                    .isInstanceOf(ConflictException.class);
            store.setAlias("fraud", "champion", 2, Optional.of(1), "bob");
            assertThatThrownBy(() -> store.setAlias("fraud", "champion", 3, Optional.of(1), "carol"))
                    .isInstanceOf(ConflictException.class);
            assertThat(store.getVersionByAlias("fraud", "champion")).map(ModelVersion::version).contains(2);
        }

        @Test
        void deleting_an_alias_is_audited_with_the_version_it_pointed_at() {
            store.setAlias("fraud", "champion", 2, Optional.empty(), "alice");
            store.deleteAlias("fraud", "champion", "bob");
            assertThat(store.getVersionByAlias("fraud", "champion")).isEmpty();
            assertThatThrownBy(() -> store.deleteAlias("fraud", "champion", "bob")).isInstanceOf(NotFoundException.class);
            assertThat(events("fraud", AuditAction.ALIAS_DELETED)).singleElement().satisfies(e -> {
                assertThat(e.previousValue()).contains("2");
                assertThat(e.actor()).isEqualTo("bob");
            });
        }

        @Test
        void the_version_an_alias_pointed_at_any_instant_is_answered_from_the_log() {
            Instant t1 = T0.plus(Duration.ofHours(1));
            Instant t2 = T0.plus(Duration.ofHours(2));
            Instant t3 = T0.plus(Duration.ofHours(3));
            clock.set(t1);
            store.setAlias("fraud", "champion", 1, Optional.empty(), "alice");
            store.setAlias("fraud", "other", 3, Optional.empty(), "alice");
            clock.set(t2);
            store.setAlias("fraud", "champion", 2, Optional.empty(), "alice");
            clock.set(t3);
            store.deleteAlias("fraud", "champion", "alice");
            assertThat(store.aliasAt("fraud", "champion", t1.minusMillis(1))).isEmpty();
            assertThat(store.aliasAt("fraud", "champion", t1)).contains(1);
            assertThat(store.aliasAt("fraud", "champion", t1.plus(Duration.ofMinutes(59)))).contains(1);
            assertThat(store.aliasAt("fraud", "champion", t2)).contains(2);
            assertThat(store.aliasAt("fraud", "champion", t3.minusMillis(1))).contains(2);
            assertThat(store.aliasAt("fraud", "champion", t3)).isEmpty();
            assertThat(store.aliasAt("fraud", "other", t3)).contains(3);
            assertThat(store.aliasAt("nope", "champion", t3)).isEmpty();
        }

        @Test
        void eight_threads_moving_one_alias_lose_no_update() throws Exception {
            int threads = 8;
            int moves = aliasMovesPerThread();
            Concurrently.run(threads, thread -> {
                for (int i = 0; i < moves; i++) {
                    store.setAlias("fraud", "champion", 1 + (thread + i) % 3, Optional.empty(), "t" + thread);
                }
            });
            List<AuditEvent> log = events("fraud", AuditAction.ALIAS_SET);
            int current = store.getVersionByAlias("fraud", "champion").orElseThrow().version();
            assertThat(log.get(log.size() - 1).newValue()).contains(Integer.toString(current));
            assertThat(log.get(0).previousValue()).isEmpty();
            for (int i = 1; i < log.size(); i++) {
                assertThat(log.get(i).previousValue()).as("event %d follows event %d", i, i - 1)
                        .isEqualTo(log.get(i - 1).newValue());
                assertThat(log.get(i).newValue()).isNotEqualTo(log.get(i).previousValue());
            }
        }
    }

    @Nested
    class Stages {

        @BeforeEach
        void threeVersions() {
            model("fraud");
            version("fraud", 1);
            version("fraud", 2);
            version("fraud", 3);
        }

        @Test
        void promoting_with_archive_existing_archives_the_other_versions_in_that_stage() {
            store.transitionStage("fraud", 1, Stage.PRODUCTION, false, "alice");
            store.transitionStage("fraud", 2, Stage.PRODUCTION, false, "alice");
            store.transitionStage("fraud", 3, Stage.STAGING, false, "alice");
            ModelVersion promoted = store.transitionStage("fraud", 3, Stage.PRODUCTION, true, "bob");
            assertThat(promoted.stage()).isEqualTo(Stage.PRODUCTION);
            assertThat(store.listModelVersions("fraud")).extracting(ModelVersion::stage)
                    .containsExactly(Stage.ARCHIVED, Stage.ARCHIVED, Stage.PRODUCTION);
            List<AuditEvent> stageEvents = events("fraud", AuditAction.VERSION_STAGE_SET);
            assertThat(stageEvents.subList(3, 6)).extracting(e -> e.version().orElseThrow() + ":"
                    + e.previousValue().orElseThrow() + "->" + e.newValue().orElseThrow())
                    .containsExactly("1:Production->Archived", "2:Production->Archived", "3:Staging->Production");
        }

        @Test
        void without_archive_existing_several_versions_share_a_stage() {
            store.transitionStage("fraud", 1, Stage.STAGING, false, "alice");
            store.transitionStage("fraud", 2, Stage.STAGING, false, "alice");
            assertThat(store.listModelVersions("fraud")).extracting(ModelVersion::stage)
                    .containsExactly(Stage.STAGING, Stage.STAGING, Stage.NONE);
        }

        @Test
        void archiving_or_clearing_never_moves_other_versions() {
            store.transitionStage("fraud", 1, Stage.ARCHIVED, false, "alice");
            store.transitionStage("fraud", 2, Stage.ARCHIVED, true, "alice");
            store.transitionStage("fraud", 2, Stage.NONE, true, "alice");
            assertThat(store.listModelVersions("fraud")).extracting(ModelVersion::stage)
                    .containsExactly(Stage.ARCHIVED, Stage.NONE, Stage.NONE);
        }
    }
}
