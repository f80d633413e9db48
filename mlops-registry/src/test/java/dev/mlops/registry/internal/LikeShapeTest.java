package dev.mlops.registry.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlops.registry.internal.LikeShape.Kind;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LikeShapeTest {

    @Test
    void exact_prefix_and_suffix_patterns_have_cheap_shapes() {
        assertThat(LikeShape.of("abc")).contains(new LikeShape(Kind.EQUALS, "abc"));
        assertThat(LikeShape.of("risk%")).contains(new LikeShape(Kind.PREFIX, "risk"));
        assertThat(LikeShape.of("%ops")).contains(new LikeShape(Kind.SUFFIX, "ops"));
        assertThat(LikeShape.of("50\\%%")).contains(new LikeShape(Kind.PREFIX, "50%"));
        assertThat(LikeShape.of("%\\_off")).contains(new LikeShape(Kind.SUFFIX, "_off"));
        assertThat(LikeShape.of("a\\\\b")).contains(new LikeShape(Kind.EQUALS, "a\\b"));
    }

    @Test
    void other_patterns_stay_like() {
        for (String p : new String[] {"%r%", "a_c", "a%c", "%", "%%", "", "a%b%", "_abc", "\uD83D\uDE00%"}) {
            assertThat(LikeShape.of(p)).as(p).isEqualTo(Optional.empty());
        }
    }
}
