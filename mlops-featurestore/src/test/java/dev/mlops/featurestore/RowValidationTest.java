package dev.mlops.featurestore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.mlops.core.Field;
import dev.mlops.core.InvalidArgumentException;
import dev.mlops.core.ValueType;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class RowValidationTest {

    private static final Instant T = Instant.parse("2024-01-02T03:04:05Z");
    private static final Instant NOW = Instant.parse("2024-02-01T00:00:00Z");

    private final FeatureView view = FeatureView.builder("stats")
            .entity(Entity.of("customer", "customer_id", ValueType.INT64))
            .feature("avg", ValueType.FLOAT64)
            .feature(Field.of("score", ValueType.FLOAT64).allowingNonFinite())
            .feature("embedding", ValueType.FLOAT32_LIST)
            .feature("seen", ValueType.TIMESTAMP)
            .build();

    private static Map<String, Object> row(Object... kv) {
        Map<String, Object> m = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    private InvalidArgumentException reject(List<Map<String, Object>> rows) {
        return (InvalidArgumentException) catchThrowable(
                () -> view.validateRows(rows, NOW));
    }

    @Test
    void valid_rows_become_canonical_feature_rows_in_view_order() {
        List<FeatureRow> rows = view.validateRows(List.of(
                row("customer_id", 7, "event_timestamp", OffsetDateTime.of(2024, 1, 2, 4, 4, 5, 0, ZoneOffset.ofHours(1)),
                        "avg", 1.5f, "embedding", List.of(1, 2.5)),
                row("customer_id", 8L, "event_timestamp", T, "created_timestamp", T.plusSeconds(1),
                        "score", Double.NaN)), NOW);

        FeatureRow first = rows.get(0);
        assertThat(first.key()).isEqualTo(EntityKey.of(7L));
        assertThat(first.eventTimestamp()).isEqualTo(T);
        assertThat(first.createdTimestamp()).as("defaults to the push time").isEqualTo(NOW);
        assertThat(first.values().get(0)).isEqualTo(1.5d);
        assertThat((float[]) first.values().get(2)).containsExactly(1f, 2.5f);
        assertThat(first.value(1)).isNull();
        FeatureRow second = rows.get(1);
        assertThat(second.createdTimestamp()).isEqualTo(T.plusSeconds(1));
        assertThat((Double) second.value(1)).isNaN();
    }

    @Test
    void a_missing_join_key_names_the_row_and_key() {
        InvalidArgumentException e = reject(List.of(row("customer_id", 1L, "event_timestamp", T),
                row("event_timestamp", T, "avg", 1.0)));

        assertThat(e.field()).contains("customer_id");
        assertThat(e).hasMessageContaining("row 1").hasMessageContaining("join key");
    }

    @Test
    void a_missing_event_timestamp_names_the_row() {
        InvalidArgumentException e = reject(List.of(row("customer_id", 1L)));

        assertThat(e.field()).contains("event_timestamp");
        assertThat(e).hasMessageContaining("row 0");
    }

    @Test
    void a_wrong_type_names_the_row_and_field() {
        InvalidArgumentException e = reject(List.of(row("customer_id", 1L, "event_timestamp", T),
                row("customer_id", 2L, "event_timestamp", T), row("customer_id", 3L, "event_timestamp", T,
                        "avg", "1.5")));

        assertThat(e.field()).contains("avg");
        assertThat(e).hasMessageContaining("row 2").hasMessageContaining("float64");
        assertThat(reject(List.of(row("customer_id", "1", "event_timestamp", T))).field()).contains("customer_id");
    }

    @Test
    void a_timestamp_without_a_zone_is_rejected_not_guessed() {
        InvalidArgumentException e = reject(List.of(row("customer_id", 1L, "event_timestamp",
                LocalDateTime.of(2024, 1, 1, 0, 0))));
        assertThat(e.field()).contains("event_timestamp");
        assertThat(e).hasMessageContaining("zone");

        InvalidArgumentException feature = reject(List.of(row("customer_id", 1L, "event_timestamp", T,
                "seen", LocalDateTime.of(2024, 1, 1, 0, 0))));
        assertThat(feature.field()).contains("seen");
    }

    @Test
    void nan_is_rejected_where_the_schema_forbids_it_even_inside_lists() {
        assertThat(reject(List.of(row("customer_id", 1L, "event_timestamp", T, "avg", Double.NaN))).field())
                .contains("avg");
        assertThat(reject(List.of(row("customer_id", 1L, "event_timestamp", T,
                "embedding", new float[] {1f, Float.POSITIVE_INFINITY}))).field()).contains("embedding");
    }

    @Test
    void an_unknown_column_is_rejected() {
        InvalidArgumentException e = reject(List.of(row("customer_id", 1L, "event_timestamp", T, "avgg", 1.0)));

        assertThat(e.field()).contains("avgg");
        assertThat(e).hasMessageContaining("row 0");
    }

    @Test
    void a_timestamp_beyond_nanosecond_range_is_rejected() {
        assertThat(reject(List.of(row("customer_id", 1L, "event_timestamp", Instant.parse("3000-01-01T00:00:00Z"))))
                .field()).contains("event_timestamp");
    }

    @Test
    void a_null_row_or_list_is_rejected() {
        List<Map<String, Object>> withNull = new ArrayList<>();
        withNull.add(null);
        assertThat(reject(withNull)).hasMessageContaining("row 0");
        assertThatThrownBy(() -> view.validateRows(null, NOW)).isInstanceOf(InvalidArgumentException.class);
    }
}
