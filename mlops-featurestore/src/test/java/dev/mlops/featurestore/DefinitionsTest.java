package dev.mlops.featurestore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mlops.core.Field;
import dev.mlops.core.InvalidArgumentException;
import dev.mlops.core.ValueType;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class DefinitionsTest {

    static final Entity CUSTOMER = Entity.of("customer", "customer_id", ValueType.INT64);

    @Nested
    class Entities {

        @Test
        void join_keys_are_typed_and_never_null() {
            Entity e = Entity.of("trip", Field.of("driver_id", ValueType.INT64), Field.of("zone", ValueType.STRING));

            assertThat(e.joinKeyNames()).containsExactly("driver_id", "zone");
            assertThat(e.joinKeys()).allSatisfy(k -> assertThat(k.nullable()).isFalse());
        }

        @Test
        void a_join_key_of_a_type_that_does_not_hash_exactly_is_rejected() {
            assertThatThrownBy(() -> Entity.of("e", "k", ValueType.FLOAT64))
                    .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("k").hasMessageContaining("float64");
        }

        @Test
        void an_entity_needs_a_key_and_unique_key_names() {
            assertThatThrownBy(() -> Entity.of("e")).isInstanceOf(InvalidArgumentException.class);
            assertThatThrownBy(() -> Entity.of("e", Field.of("k", ValueType.INT64), Field.of("k", ValueType.INT32)))
                    .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("twice");
        }

        @Test
        void reserved_and_invalid_names_are_rejected() {
            assertThatThrownBy(() -> Entity.of("e", FeatureView.EVENT_TIMESTAMP, ValueType.INT64))
                    .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("reserved");
            assertThatThrownBy(() -> Entity.of("../etc", "k", ValueType.INT64))
                    .isInstanceOf(InvalidArgumentException.class);
        }
    }

    @Nested
    class Feature_views {

        @Test
        void a_view_exposes_its_keys_features_and_row_schema() {
            FeatureView v = FeatureView.builder("stats").entity(CUSTOMER).feature("avg", ValueType.FLOAT64)
                    .feature("count", ValueType.INT64).ttl(Duration.ofDays(1)).tag("team", "risk").build();

            assertThat(v.joinKeyNames()).containsExactly("customer_id");
            assertThat(v.featureNames()).containsExactly("avg", "count");
            assertThat(v.featureIndex("count")).isEqualTo(1);
            assertThat(v.featureIndex("nope")).isEqualTo(-1);
            assertThat(v.schema().names()).containsExactly("customer_id", "event_timestamp", "created_timestamp",
                    "avg", "count");
            assertThat(v.hasTtl()).isTrue();
            assertThat(v.toBuilder().build()).isEqualTo(v).hasSameHashCodeAs(v);
        }

        @Test
        void a_feature_named_like_a_join_key_or_reserved_column_is_rejected() {
            assertThatThrownBy(() -> FeatureView.builder("v").entity(CUSTOMER).feature("customer_id", ValueType.INT64)
                    .build()).isInstanceOf(InvalidArgumentException.class).hasMessageContaining("customer_id");
            assertThatThrownBy(() -> FeatureView.builder("v").entity(CUSTOMER)
                    .feature(FeatureView.CREATED_TIMESTAMP, ValueType.TIMESTAMP).build())
                    .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("reserved");
        }

        @Test
        void two_entities_with_one_join_key_name_are_rejected() {
            Entity other = Entity.of("account", "customer_id", ValueType.INT64);

            assertThatThrownBy(() -> FeatureView.builder("v").entity(CUSTOMER).entity(other)
                    .feature("f", ValueType.INT64).build()).isInstanceOf(InvalidArgumentException.class)
                    .hasMessageContaining("customer_id");
        }

        @Test
        void a_view_needs_an_entity_a_feature_a_valid_version_and_a_non_negative_ttl() {
            assertThatThrownBy(() -> FeatureView.builder("v").feature("f", ValueType.INT64).build())
                    .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("entity");
            assertThatThrownBy(() -> FeatureView.builder("v").entity(CUSTOMER).build())
                    .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("feature");
            assertThatThrownBy(() -> FeatureView.builder("v").entity(CUSTOMER).feature("f", ValueType.INT64)
                    .version(0).build()).isInstanceOf(InvalidArgumentException.class).hasMessageContaining("version");
            assertThatThrownBy(() -> FeatureView.builder("v").entity(CUSTOMER).feature("f", ValueType.INT64)
                    .ttl(Duration.ofSeconds(-1)).build()).isInstanceOf(InvalidArgumentException.class)
                    .hasMessageContaining("ttl");
        }
    }

    @Nested
    class References_and_services {

        @Test
        void a_reference_parses_from_view_colon_feature() {
            FeatureReference ref = FeatureReference.parse("customer_stats:avg_amount");

            assertThat(ref.view()).isEqualTo("customer_stats");
            assertThat(ref.feature()).isEqualTo("avg_amount");
            assertThat(ref.fullName()).isEqualTo("customer_stats__avg_amount");
            assertThat(ref).hasToString("customer_stats:avg_amount");
        }

        @Test
        void malformed_references_are_rejected() {
            for (String bad : new String[] {"no_colon", "a:b:c", ":f", "v:", "v:f g"}) {
                assertThatThrownBy(() -> FeatureReference.parse(bad)).as(bad)
                        .isInstanceOf(InvalidArgumentException.class);
            }
        }

        @Test
        void a_service_lists_each_reference_once() {
            assertThatThrownBy(() -> FeatureService.of("s", "v:f", "v:f"))
                    .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("v:f");
            assertThatThrownBy(() -> FeatureService.of("s")).isInstanceOf(InvalidArgumentException.class);
        }

        @Test
        void a_service_can_take_every_feature_of_a_view() {
            FeatureView v = FeatureView.builder("stats").entity(CUSTOMER).feature("a", ValueType.FLOAT64)
                    .feature("b", ValueType.INT64).build();

            assertThat(FeatureService.builder("s").features(v).build().features())
                    .containsExactly(new FeatureReference("stats", "a"), new FeatureReference("stats", "b"));
        }
    }

    @Nested
    class On_demand_views {

        private final OnDemandFeatureView ratio = OnDemandFeatureView.builder("ratio")
                .requestField("amount", ValueType.FLOAT64).source("stats:avg").output("ratio", ValueType.FLOAT64)
                .transformation(in -> {
                    Map<String, Object> out = new HashMap<>();
                    Double avg = (Double) in.get("stats__avg");
                    out.put("ratio", avg == null ? null : (Double) in.get("amount") / avg);
                    return out;
                }).build();

        @Test
        void compute_runs_the_function_over_request_and_source_values() {
            Map<String, Object> in = ratio.input(Map.of("amount", 30.0), Map.of("stats__avg", 10.0));

            assertThat(ratio.compute(in, 0)).containsExactly(3.0);
        }

        @Test
        void a_wrong_output_is_rejected_naming_the_row_and_output() {
            OnDemandFeatureView bad = ratio.toBuilder().transformation(in -> Map.of("ratio", Double.NaN)).build();

            assertThatThrownBy(() -> bad.compute(Map.of(), 7)).isInstanceOf(InvalidArgumentException.class)
                    .hasMessageContaining("row 7").hasMessageContaining("ratio").hasMessageContaining("NaN");
            OnDemandFeatureView unknown = ratio.toBuilder().transformation(in -> Map.of("other", 1.0)).build();
            assertThatThrownBy(() -> unknown.compute(Map.of(), 0)).isInstanceOf(InvalidArgumentException.class)
                    .hasMessageContaining("other");
        }

        @Test
        void equality_ignores_the_function() {
            assertThat(ratio.toBuilder().transformation(in -> Map.of()).build()).isEqualTo(ratio);
        }

        @Test
        void a_view_without_a_function_fails_when_computed() {
            OnDemandFeatureView unbound = OnDemandFeatureView.builder("x").requestField("a", ValueType.INT64)
                    .output("b", ValueType.INT64).build();

            assertThatThrownBy(() -> unbound.compute(Map.of(), 0)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("x");
        }

        @Test
        void a_view_needs_inputs_and_outputs_and_cannot_read_itself() {
            assertThatThrownBy(() -> OnDemandFeatureView.builder("x").output("b", ValueType.INT64).build())
                    .isInstanceOf(InvalidArgumentException.class);
            assertThatThrownBy(() -> OnDemandFeatureView.builder("x").requestField("a", ValueType.INT64).build())
                    .isInstanceOf(InvalidArgumentException.class);
            assertThatThrownBy(() -> OnDemandFeatureView.builder("x").source("x:b").output("b", ValueType.INT64)
                    .build()).isInstanceOf(InvalidArgumentException.class);
        }
    }
}
