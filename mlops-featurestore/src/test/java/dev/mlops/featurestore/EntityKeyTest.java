package dev.mlops.featurestore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mlops.core.InvalidArgumentException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class EntityKeyTest {

    @Test
    void keys_of_equal_values_are_equal_and_hash_alike() {
        assertThat(EntityKey.of(7L)).isEqualTo(EntityKey.of(List.of(7L))).hasSameHashCodeAs(EntityKey.of(7L));
        assertThat(EntityKey.of(7L, "eu")).isEqualTo(EntityKey.of(Arrays.asList(7L, "eu")));
        assertThat(EntityKey.of(7)).isEqualTo(EntityKey.of(7));
        assertThat(EntityKey.of("a")).isEqualTo(EntityKey.of("a"));
        assertThat(EntityKey.of(7L).hashCode()).isEqualTo(List.of(7L).hashCode());
    }

    @Test
    void keys_differ_by_value_type_and_order() {
        assertThat(EntityKey.of(7L)).isNotEqualTo(EntityKey.of(7)).isNotEqualTo(EntityKey.of(8L));
        assertThat(EntityKey.of(7L, "eu")).isNotEqualTo(EntityKey.of("eu", 7L)).isNotEqualTo(EntityKey.of(7L, "EU"));
        assertThat(EntityKey.of("7")).isNotEqualTo(EntityKey.of(7L));
    }

    @Test
    void values_are_a_read_only_copy() {
        Object[] source = {1L, "x"};
        EntityKey key = EntityKey.of(source);
        source[0] = 2L;

        assertThat(key.values()).containsExactly(1L, "x");
        assertThat(key.get(1)).isEqualTo("x");
        assertThat(key.size()).isEqualTo(2);
        assertThatThrownBy(() -> key.values().set(0, 3L)).isInstanceOf(UnsupportedOperationException.class);
        assertThat(key).hasToString("EntityKey[1, x]");
    }

    @Test
    void a_one_value_key_reads_as_a_list_of_one() {
        EntityKey key = EntityKey.of("eu");

        assertThat(key.values()).containsExactly("eu");
        assertThat(key.size()).isEqualTo(1);
        assertThat(key.get(0)).isEqualTo("eu");
        assertThatThrownBy(() -> key.get(1)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> key.values().set(0, "us")).isInstanceOf(UnsupportedOperationException.class);
        assertThat(key).hasToString("EntityKey[eu]").isEqualTo(EntityKey.of(new Object[] {"eu"}))
                .isNotEqualTo(EntityKey.of("eu", "eu"));
        assertThat(key.hashCode()).isEqualTo(List.of("eu").hashCode());
        assertThat(EntityKey.of(7, "eu").hashCode()).isEqualTo(List.of(7, "eu").hashCode());
    }

    @Test
    void only_integers_and_strings_are_key_values() {
        assertThatThrownBy(() -> EntityKey.of(1.5)).isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("Double");
        assertThatThrownBy(() -> EntityKey.of((Object) null)).isInstanceOf(InvalidArgumentException.class);
        assertThatThrownBy(() -> EntityKey.of(List.of())).isInstanceOf(InvalidArgumentException.class);
    }
}
