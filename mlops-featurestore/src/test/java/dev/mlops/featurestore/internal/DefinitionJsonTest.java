package dev.mlops.featurestore.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mlops.core.Field;
import dev.mlops.core.StorageException;
import dev.mlops.core.ValueType;
import dev.mlops.featurestore.Definition;
import dev.mlops.featurestore.Entity;
import dev.mlops.featurestore.FeatureService;
import dev.mlops.featurestore.FeatureView;
import dev.mlops.featurestore.OnDemandFeatureView;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class DefinitionJsonTest {

    @Test
    void every_kind_of_definition_reads_back_equal() {
        Entity customer = new Entity("customer", List.of(Field.required("customer_id", ValueType.INT64),
                Field.required("region", ValueType.STRING)), "who pays \"us\"");
        FeatureView.Builder view = FeatureView.builder("all").version(3).entity(customer)
                .ttl(Duration.ofDays(2).plusNanos(7)).description("d").owner("o").tag("team", "risk ü");
        for (ValueType t : ValueType.values()) {
            Field f = Field.of("f_" + t.jsonName(), t);
            view.feature(t.isFloatingPoint() ? f.allowingNonFinite() : t == ValueType.BOOL ? f.notNull() : f);
        }
        OnDemandFeatureView odfv = OnDemandFeatureView.builder("odfv").version(2)
                .requestField(Field.required("amount", ValueType.FLOAT64)).source("all:f_float64")
                .output("ratio", ValueType.FLOAT32).transformation(in -> Map.of()).tag("k", "v").build();
        FeatureService service = FeatureService.builder("svc").version(4).feature("all:f_int64")
                .feature("odfv:ratio").description("for x").owner("ml").tag("a", "b").build();

        for (Definition d : List.of(customer, view.build(), odfv, service)) {
            assertThat(DefinitionJson.read(DefinitionJson.write(d))).as(d.kind()).isEqualTo(d);
        }
        assertThat(DefinitionJson.version(view.build())).isEqualTo(3);
        assertThat(DefinitionJson.version(customer)).isEqualTo(1);
    }

    @Test
    void a_corrupt_definition_is_a_storage_error() {
        assertThatThrownBy(() -> DefinitionJson.read("{\"kind\":\"feature view\"}"))
                .isInstanceOf(StorageException.class);
        assertThatThrownBy(() -> DefinitionJson.read("{\"kind\":\"gadget\",\"name\":\"x\"}"))
                .isInstanceOf(StorageException.class).hasMessageContaining("gadget");
    }
}
