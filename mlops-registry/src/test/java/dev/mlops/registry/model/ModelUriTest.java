package dev.mlops.registry.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mlops.core.InvalidArgumentException;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ModelUriTest {

    @Test
    void versions_aliases_stages_and_latest_parse() {
        assertThat(ModelUri.parse("models:/fraud/3")).isEqualTo(new ModelUri("fraud", ModelUri.Kind.VERSION, "3"));
        assertThat(ModelUri.parse("models:/fraud/3").version()).isEqualTo(3);
        assertThat(ModelUri.parse("models:/fraud@champion"))
                .isEqualTo(new ModelUri("fraud", ModelUri.Kind.ALIAS, "champion"));
        assertThat(ModelUri.parse("models:/fraud/production"))
                .isEqualTo(new ModelUri("fraud", ModelUri.Kind.STAGE, "Production"));
        assertThat(ModelUri.parse("models:/fraud/Latest")).isEqualTo(new ModelUri("fraud", ModelUri.Kind.LATEST,
                "latest"));
        assertThat(ModelUri.parse("models:/my.model-2/12").name()).isEqualTo("my.model-2");
    }

    @Test
    void uris_print_back_to_what_parses() {
        for (String s : new String[] {"models:/fraud/3", "models:/fraud@champion", "models:/fraud/Staging",
            "models:/fraud/latest"}) {
            assertThat(ModelUri.parse(s).toString()).isEqualTo(s.replace("staging", "Staging"));
        }
        assertThat(ModelUri.ofVersion("fraud", 7).toString()).isEqualTo("models:/fraud/7");
        assertThat(ModelUri.ofAlias("fraud", "champion").toString()).isEqualTo("models:/fraud@champion");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "models:/../fraud/1",
        "models:/fraud/../1",
        "models:/fraud/1/../../etc/passwd",
        "models:/%2e%2e%2ffraud/1",
        "models:/fraud%2f..%2f/1",
        "models:/%252e%252e%252ffraud/1",
        "models:/fraud/%31",
        "models:/..\\fraud/1",
        "models:/fraud\\1",
        "models://proc/self/root/1",
        "models:///etc/passwd",
        "models:/fraud//1",
        "models:/fraud/1/",
        "models:/fraud/1?x=y",
        "models:/fraud/1#frag",
        "models:/fraud@../x",
        "models:/fraud@champ%69on",
        "models:/fraud/0",
        "models:/fraud/01",
        "models:/fraud/9999999999",
        "models:/fraud/-1",
        "models:/fraud",
        "models:/fraud/",
        "models:/",
        "file:///etc/passwd",
        "file:/tmp/model.bin",
        "/etc/passwd",
        "MODELS:/fraud/1",
        "runs:/abc/model",
        "models:/fraud/Deleted_Internal",
        "models:/fr aud/1",
        "models:/fraud\u0000/1",
    })
    void traversal_encoding_and_foreign_schemes_are_refused(String uri) {
        assertThatThrownBy(() -> ModelUri.parse(uri)).isInstanceOf(InvalidArgumentException.class);
    }

    @Test
    void absurdly_long_uris_are_refused_before_parsing() {
        assertThatThrownBy(() -> ModelUri.parse("models:/" + "a".repeat(10_000) + "/1"))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("limit");
        assertThatThrownBy(() -> ModelUri.parse(null)).isInstanceOf(InvalidArgumentException.class);
    }

    @Test
    void reserved_aliases_cannot_be_built_into_uris() {
        assertThatThrownBy(() -> ModelUri.ofAlias("fraud", "latest")).isInstanceOf(InvalidArgumentException.class);
        assertThatThrownBy(() -> ModelUri.ofAlias("fraud", "v3")).isInstanceOf(InvalidArgumentException.class);
    }
}
