package dev.mlops.testkit.featurestore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mlops.core.ConflictException;
import dev.mlops.core.Field;
import dev.mlops.core.InvalidArgumentException;
import dev.mlops.core.NotFoundException;
import dev.mlops.core.ValueType;
import dev.mlops.featurestore.Entity;
import dev.mlops.featurestore.FeatureRegistry;
import dev.mlops.featurestore.FeatureService;
import dev.mlops.featurestore.FeatureView;
import dev.mlops.featurestore.MaterializationInterval;
import dev.mlops.featurestore.OnDemandFeatureView;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The conformance suite every {@link FeatureRegistry} adapter passes. Subclass it, return a fresh,
 * empty registry from {@link #newRegistry()}, and run it with JUnit 5; the registry is closed after
 * each test.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
public abstract class FeatureRegistryConformance {

    /** A new, empty registry; called once per test. */
    protected abstract FeatureRegistry newRegistry();

    /** The registry under test. */
    protected FeatureRegistry registry;

    private static final Entity CUSTOMER = Entity.of("customer", "customer_id", ValueType.INT64);
    private static final Entity MERCHANT = Entity.of("merchant", "merchant_id", ValueType.STRING);

    private static FeatureView.Builder stats() {
        return FeatureView.builder("customer_stats").entity(CUSTOMER).ttl(Duration.ofDays(10))
                .feature("avg_amount", ValueType.FLOAT64).feature("txn_count", ValueType.INT64);
    }

    private static OnDemandFeatureView ratio() {
        return OnDemandFeatureView.builder("amount_ratio").requestField("amount", ValueType.FLOAT64)
                .source("customer_stats:avg_amount").output("ratio", ValueType.FLOAT64)
                .transformation(in -> Map.of("ratio", (Double) in.get("amount") / (Double) in.get(
                        "customer_stats__avg_amount")))
                .build();
    }

    @BeforeEach
    void openRegistry() {
        registry = newRegistry();
    }

    @AfterEach
    void closeRegistry() {
        try {
            registry.close();
        } finally {
            closeResources();
        }
    }

    /** Releases what {@link #newRegistry()} opened besides the registry, such as a database; runs after each test. */
    protected void closeResources() {}

    @Nested
    class Applying {

        @Test
        void registered_definitions_are_returned_as_applied() {
            FeatureView view = stats().description("spend").owner("risk").tag("team", "risk").build();
            FeatureService service = FeatureService.of("fraud", "customer_stats:avg_amount", "amount_ratio:ratio");
            registry.apply(CUSTOMER, view, ratio(), service);

            assertThat(registry.entity("customer")).contains(CUSTOMER);
            assertThat(registry.featureView("customer_stats")).contains(view);
            assertThat(registry.featureView("customer_stats", 1)).contains(view);
            assertThat(registry.onDemandFeatureView("amount_ratio")).contains(ratio());
            assertThat(registry.featureService("fraud")).contains(service);
            assertThat(registry.featureView("customer_stats").orElseThrow().tags()).containsEntry("team", "risk");
        }

        @Test
        void unknown_names_are_empty() {
            assertThat(registry.entity("nobody")).isEmpty();
            assertThat(registry.featureView("nothing")).isEmpty();
            assertThat(registry.featureView("nothing", 1)).isEmpty();
            assertThat(registry.onDemandFeatureView("nothing")).isEmpty();
            assertThat(registry.featureService("nothing")).isEmpty();
            assertThat(registry.featureViews()).isEmpty();
        }

        @Test
        void applying_the_same_definitions_again_changes_nothing() {
            registry.apply(CUSTOMER, stats().build(), FeatureService.of("fraud", "customer_stats:avg_amount"));
            registry.apply(CUSTOMER, stats().build(), FeatureService.of("fraud", "customer_stats:avg_amount"));

            assertThat(registry.entities()).containsExactly(CUSTOMER);
            assertThat(registry.featureViews()).containsExactly(stats().build());
            assertThat(registry.featureServices()).hasSize(1);
        }

        @Test
        void lists_hold_the_latest_version_of_each_name_sorted_by_name() {
            FeatureView merchantView = FeatureView.builder("a_merchant_stats").entity(MERCHANT)
                    .feature("rating", ValueType.FLOAT32).build();
            registry.apply(CUSTOMER, MERCHANT, stats().build(), merchantView);
            FeatureView v2 = stats().version(2).feature("max_amount", ValueType.FLOAT64).build();
            registry.apply(v2);

            assertThat(registry.featureViews()).containsExactly(merchantView, v2);
            assertThat(registry.entities()).containsExactly(CUSTOMER, MERCHANT);
        }

        @Test
        void definitions_may_come_in_any_order_within_a_batch() {
            registry.apply(FeatureService.of("fraud", "amount_ratio:ratio"), ratio(), stats().build(), CUSTOMER);

            assertThat(registry.featureService("fraud")).isPresent();
        }

        @Test
        void a_rejected_batch_changes_nothing() {
            FeatureService broken = FeatureService.of("fraud", "customer_stats:no_such_feature");

            assertThatThrownBy(() -> registry.apply(CUSTOMER, stats().build(), broken))
                    .isInstanceOf(InvalidArgumentException.class)
                    .hasMessageContaining("customer_stats:no_such_feature");
            assertThat(registry.entities()).isEmpty();
            assertThat(registry.featureViews()).isEmpty();
            assertThat(registry.featureServices()).isEmpty();
        }

        @Test
        void two_different_definitions_of_one_version_in_a_batch_are_rejected() {
            assertThatThrownBy(() -> registry.apply(CUSTOMER, stats().build(), stats().description("other").build()))
                    .isInstanceOf(InvalidArgumentException.class)
                    .hasMessageContaining("customer_stats");
            assertThat(registry.featureViews()).isEmpty();
        }

        @Test
        void a_null_definition_is_rejected() {
            List<FeatureView> withNull = new ArrayList<>();
            withNull.add(null);
            assertThatThrownBy(() -> registry.apply(withNull)).isInstanceOf(InvalidArgumentException.class);
        }

        @Test
        void many_threads_applying_the_same_definitions_all_succeed_with_one_copy() throws Exception {
            int threads = 8;
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            CountDownLatch start = new CountDownLatch(1);
            try {
                List<Future<?>> futures = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    futures.add(pool.submit(() -> {
                        start.await();
                        registry.apply(CUSTOMER, stats().build(), ratio(),
                                FeatureService.of("fraud", "amount_ratio:ratio"));
                        return null;
                    }));
                }
                start.countDown();
                for (Future<?> f : futures) {
                    f.get(60, TimeUnit.SECONDS);
                }
            } finally {
                pool.shutdownNow();
            }
            assertThat(registry.featureViews()).containsExactly(stats().build());
            assertThat(registry.featureServices()).hasSize(1);
        }
    }

    @Nested
    class Compatible_changes_within_a_version {

        @Test
        void description_owner_tags_and_ttl_may_change() {
            registry.apply(CUSTOMER, stats().build());
            FeatureView changed = stats().description("new").owner("ml").tag("tier", "gold").ttl(Duration.ofDays(2))
                    .build();
            registry.apply(changed);

            assertThat(registry.featureView("customer_stats", 1)).contains(changed);
        }

        @Test
        void a_nullable_feature_may_be_appended() {
            registry.apply(CUSTOMER, stats().build());
            FeatureView more = stats().feature("max_amount", ValueType.FLOAT64).build();
            registry.apply(more);

            assertThat(registry.featureView("customer_stats").orElseThrow().featureNames())
                    .containsExactly("avg_amount", "txn_count", "max_amount");
        }

        @Test
        void an_entity_description_may_change() {
            registry.apply(CUSTOMER);
            registry.apply(CUSTOMER.withDescription("a paying customer"));

            assertThat(registry.entity("customer").orElseThrow().description()).isEqualTo("a paying customer");
        }

        @Test
        void a_service_description_may_change() {
            registry.apply(CUSTOMER, stats().build(), FeatureService.of("fraud", "customer_stats:avg_amount"));
            FeatureService described = FeatureService.builder("fraud").feature("customer_stats:avg_amount")
                    .description("for the fraud model").build();
            registry.apply(described);

            assertThat(registry.featureService("fraud")).contains(described);
        }
    }

    @Nested
    class Incompatible_changes {

        @BeforeEach
        void registerBase() {
            registry.apply(CUSTOMER, MERCHANT, stats().build(), ratio(),
                    FeatureService.of("fraud", "customer_stats:avg_amount"));
        }

        @Test
        void a_feature_changing_type_is_a_conflict_naming_the_feature() {
            FeatureView retyped = FeatureView.builder("customer_stats").entity(CUSTOMER).ttl(Duration.ofDays(10))
                    .feature("avg_amount", ValueType.FLOAT32).feature("txn_count", ValueType.INT64).build();

            assertThatThrownBy(() -> registry.apply(retyped)).isInstanceOf(ConflictException.class)
                    .hasMessageContaining("avg_amount").hasMessageContaining("float64").hasMessageContaining("version 2");
            assertThat(registry.featureView("customer_stats")).contains(stats().build());
        }

        @Test
        void a_removed_join_key_is_a_conflict() {
            FeatureView otherKeys = stats().entities(List.of(MERCHANT)).build();

            assertThatThrownBy(() -> registry.apply(otherKeys)).isInstanceOf(ConflictException.class)
                    .hasMessageContaining("join keys");
        }

        @Test
        void a_removed_feature_is_a_conflict() {
            FeatureView fewer = FeatureView.builder("customer_stats").entity(CUSTOMER).ttl(Duration.ofDays(10))
                    .feature("avg_amount", ValueType.FLOAT64).build();

            assertThatThrownBy(() -> registry.apply(fewer)).isInstanceOf(ConflictException.class)
                    .hasMessageContaining("txn_count");
        }

        @Test
        void an_appended_non_null_feature_is_a_conflict() {
            FeatureView required = stats().feature(Field.required("max_amount", ValueType.FLOAT64)).build();

            assertThatThrownBy(() -> registry.apply(required)).isInstanceOf(ConflictException.class)
                    .hasMessageContaining("max_amount");
        }

        @Test
        void an_entity_changing_its_join_keys_is_a_conflict() {
            Entity rekeyed = Entity.of("customer", "customer_id", ValueType.STRING);

            assertThatThrownBy(() -> registry.apply(rekeyed)).isInstanceOf(ConflictException.class)
                    .hasMessageContaining("customer");
            assertThat(registry.entity("customer")).contains(CUSTOMER);
        }

        @Test
        void a_service_changing_its_features_is_a_conflict() {
            FeatureService changed = FeatureService.of("fraud", "customer_stats:txn_count");

            assertThatThrownBy(() -> registry.apply(changed)).isInstanceOf(ConflictException.class)
                    .hasMessageContaining("fraud");
        }

        @Test
        void an_on_demand_view_changing_its_outputs_is_a_conflict() {
            OnDemandFeatureView changed = ratio().toBuilder().output("doubled", ValueType.FLOAT64).build();

            assertThatThrownBy(() -> registry.apply(changed)).isInstanceOf(ConflictException.class)
                    .hasMessageContaining("amount_ratio");
        }

        @Test
        void an_incompatible_change_as_a_new_version_is_accepted_and_the_old_version_kept() {
            FeatureView v2 = FeatureView.builder("customer_stats").version(2).entity(MERCHANT)
                    .feature("avg_amount", ValueType.FLOAT32).build();
            registry.apply(v2);

            assertThat(registry.featureView("customer_stats")).contains(v2);
            assertThat(registry.featureView("customer_stats", 1)).contains(stats().build());
        }

        @Test
        void a_service_may_change_its_features_in_a_new_version() {
            FeatureService v2 = FeatureService.builder("fraud").version(2).feature("customer_stats:txn_count").build();
            registry.apply(v2);

            assertThat(registry.featureService("fraud")).contains(v2);
            assertThat(registry.featureService("fraud", 1).orElseThrow().features()).hasSize(1);
        }

        @Test
        void a_version_older_than_the_registered_one_is_a_conflict() {
            registry.apply(stats().version(3).build());

            assertThatThrownBy(() -> registry.apply(stats().version(2).build())).isInstanceOf(ConflictException.class)
                    .hasMessageContaining("older");
        }
    }

    @Nested
    class References {

        @Test
        void a_view_of_an_unregistered_entity_is_rejected() {
            assertThatThrownBy(() -> registry.apply(stats().build())).isInstanceOf(InvalidArgumentException.class)
                    .hasMessageContaining("customer");
        }

        @Test
        void a_view_whose_entity_has_other_join_keys_than_registered_is_rejected() {
            registry.apply(CUSTOMER);
            Entity other = Entity.of("customer", "customer_id", ValueType.STRING);
            FeatureView view = FeatureView.builder("v").entity(other).feature("f", ValueType.INT64).build();

            assertThatThrownBy(() -> registry.apply(view)).isInstanceOfAny(InvalidArgumentException.class,
                    ConflictException.class);
        }

        @Test
        void a_service_referencing_an_unknown_feature_is_rejected_naming_it() {
            registry.apply(CUSTOMER, stats().build());

            assertThatThrownBy(() -> registry.apply(FeatureService.of("fraud", "customer_stats:nope")))
                    .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("customer_stats:nope");
            assertThatThrownBy(() -> registry.apply(FeatureService.of("fraud", "nowhere:avg_amount")))
                    .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("nowhere:avg_amount");
        }

        @Test
        void an_on_demand_view_reading_an_unknown_feature_is_rejected() {
            registry.apply(CUSTOMER);

            assertThatThrownBy(() -> registry.apply(ratio())).isInstanceOf(InvalidArgumentException.class)
                    .hasMessageContaining("customer_stats:avg_amount");
        }

        @Test
        void a_view_and_an_on_demand_view_cannot_share_a_name() {
            registry.apply(CUSTOMER, stats().build());
            OnDemandFeatureView clash = OnDemandFeatureView.builder("customer_stats")
                    .requestField("amount", ValueType.FLOAT64).output("x", ValueType.FLOAT64)
                    .transformation(in -> Map.of()).build();

            assertThatThrownBy(() -> registry.apply(clash)).isInstanceOf(InvalidArgumentException.class)
                    .hasMessageContaining("customer_stats");
        }

        @Test
        void a_new_view_version_may_not_drop_a_feature_a_service_still_uses() {
            registry.apply(CUSTOMER, stats().build(), FeatureService.of("fraud", "customer_stats:txn_count"));
            FeatureView v2 = FeatureView.builder("customer_stats").version(2).entity(CUSTOMER)
                    .feature("avg_amount", ValueType.FLOAT64).build();

            assertThatThrownBy(() -> registry.apply(v2)).isInstanceOf(InvalidArgumentException.class)
                    .hasMessageContaining("customer_stats:txn_count");
            assertThat(registry.featureView("customer_stats").orElseThrow().version()).isEqualTo(1);
        }
    }

    @Nested
    class Materialization_intervals {

        private final Instant t0 = Instant.parse("2024-01-01T00:00:00Z");

        @Test
        void are_recorded_per_view_version_in_order() {
            FeatureView v1 = stats().build();
            FeatureView v2 = stats().version(2).build();
            registry.apply(CUSTOMER, v1, v2);
            MaterializationInterval first = new MaterializationInterval(t0, t0.plusSeconds(60));
            MaterializationInterval second = new MaterializationInterval(t0.plusSeconds(60), t0.plusSeconds(120));
            registry.recordMaterialization(v1, first);
            registry.recordMaterialization(v1, second);

            assertThat(registry.materializations(v1)).containsExactly(first, second);
            assertThat(registry.materializations(v2)).isEmpty();
        }

        @Test
        void recording_for_an_unregistered_view_is_not_found() {
            assertThatThrownBy(() -> registry.recordMaterialization(stats().build(),
                    new MaterializationInterval(t0, t0))).isInstanceOf(NotFoundException.class);
        }
    }
}
