package dev.mlops.registry.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mlops.core.InvalidArgumentException;
import dev.mlops.registry.tracking.RunFilter.Clause;
import dev.mlops.registry.tracking.RunFilter.Comparator;
import dev.mlops.registry.tracking.RunFilter.Entity;
import dev.mlops.registry.tracking.RunFilter.Key;
import java.util.List;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class RunFilterTest {

    private static Clause only(String filter) {
        List<Clause> clauses = RunFilter.parse(filter).clauses();
        assertThat(clauses).hasSize(1);
        return clauses.get(0);
    }

    private static int errorPosition(String filter) {
        try {
            RunFilter.parse(filter);
        } catch (FilterSyntaxException e) {
            assertThat(e).isInstanceOf(InvalidArgumentException.class);
            assertThat(e.field()).contains("filter");
            assertThat(e.getMessage()).contains("position " + e.position());
            return e.position();
        }
        throw new AssertionError("expected a syntax error for: " + filter);
    }

    @Nested
    class Parsing {

        @Test
        void the_issue_example_parses_into_four_clauses() {
            RunFilter f = RunFilter.parse("metrics.auc > 0.9 and params.model = 'lr' and tags.team LIKE 'risk%'"
                    + " and attributes.status = 'FINISHED'");
            assertThat(f.clauses()).containsExactly(
                    new Clause(new Key(Entity.METRIC, "auc"), Comparator.GT, new RunFilter.NumberValue(0.9)),
                    new Clause(new Key(Entity.PARAM, "model"), Comparator.EQ, new RunFilter.StringValue("lr")),
                    new Clause(new Key(Entity.TAG, "team"), Comparator.LIKE, new RunFilter.StringValue("risk%")),
                    new Clause(new Key(Entity.ATTRIBUTE, "status"), Comparator.EQ,
                            new RunFilter.StringValue("FINISHED")));
        }

        @Test
        void blank_filters_match_everything() {
            assertThat(RunFilter.parse(null).clauses()).isEmpty();
            assertThat(RunFilter.parse("   ").clauses()).isEmpty();
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
            "metric.a = 1|METRIC|a",
            "METRICS.a = 1|METRIC|a",
            "param.p = 'x'|PARAM|p",
            "parameters.p = 'x'|PARAM|p",
            "tag.t = 'x'|TAG|t",
            "attr.status = 'x'|ATTRIBUTE|status",
            "run.status = 'x'|ATTRIBUTE|status",
            "attributes.STATUS = 'x'|ATTRIBUTE|status",
            "status = 'x'|ATTRIBUTE|status",
            "dataset.digest = 'x'|DATASET|digest",
        })
        void prefixes_have_mlflow_aliases(String filter, Entity entity, String key) {
            assertThat(only(filter).key()).isEqualTo(new Key(entity, key));
        }

        @Test
        void quoted_keys_may_hold_any_character() {
            assertThat(only("metrics.\"error rate\" < 1").key()).isEqualTo(new Key(Entity.METRIC, "error rate"));
            assertThat(only("metrics.`a``b` < 1").key()).isEqualTo(new Key(Entity.METRIC, "a`b"));
            assertThat(only("params.'model-type' = 'x'").key()).isEqualTo(new Key(Entity.PARAM, "model-type"));
            assertThat(only("metrics.2019-04-02_err < 1").key()).isEqualTo(new Key(Entity.METRIC, "2019-04-02_err"));
        }

        @Test
        void strings_take_either_quote_and_a_doubled_quote_escapes_it() {
            assertThat(only("params.a = \"it's\"").value()).isEqualTo(new RunFilter.StringValue("it's"));
            assertThat(only("params.a = 'it''s'").value()).isEqualTo(new RunFilter.StringValue("it's"));
            assertThat(only("params.a = ''").value()).isEqualTo(new RunFilter.StringValue(""));
        }

        @ParameterizedTest
        @CsvSource({"1, 1.0", "-1, -1.0", "+2.5, 2.5", ".5, 0.5", "1e3, 1000.0", "-1.5E-2, -0.015", "3., 3.0"})
        void numbers_are_parsed_as_doubles(String text, double expected) {
            assertThat(only("metrics.m >= " + text).value()).isEqualTo(new RunFilter.NumberValue(expected));
        }

        @Test
        void no_whitespace_is_needed_around_operators() {
            assertThat(only("metrics.m>=-1").value()).isEqualTo(new RunFilter.NumberValue(-1));
            assertThat(only("metrics.m!=2").comparator()).isEqualTo(Comparator.NE);
        }

        @Test
        void in_lists_and_keywords_are_case_insensitive() {
            Clause c = only("attributes.run_id not in ('a', \"b\")");
            assertThat(c.comparator()).isEqualTo(Comparator.NOT_IN);
            assertThat(c.value()).isEqualTo(new RunFilter.StringListValue(List.of("a", "b")));
            assertThat(RunFilter.parse("metrics.a > 1 AnD metrics.b < 2").clauses()).hasSize(2);
            assertThat(only("tags.t ilike 'X%'").comparator()).isEqualTo(Comparator.ILIKE);
        }

        @Test
        void the_canonical_text_parses_back_to_the_same_filter() {
            RunFilter f = RunFilter.parse("metric.`a b` >= -0.5 and params.p LIKE 'it''s%' and run_id IN ('x','y')"
                    + " and attributes.start_time > 1700000000000");
            assertThat(RunFilter.parse(f.toString())).isEqualTo(f);
            assertThat(f.toString()).startsWith("metrics.`a b` >= -0.5 AND params.p LIKE 'it''s%'");
        }
    }

    @Nested
    class Errors {

        @Test
        void a_missing_comparator_points_at_what_stands_there() {
            assertThat(errorPosition("metrics.auc 0.9")).isEqualTo(12);
        }

        @Test
        void a_missing_value_points_at_the_end() {
            assertThat(errorPosition("metrics.auc >")).isEqualTo(13);
        }

        @Test
        void or_is_refused_where_it_stands() {
            assertThatThrownBy(() -> RunFilter.parse("metrics.a > 1 or metrics.b > 2"))
                    .isInstanceOf(FilterSyntaxException.class).hasMessageContaining("OR is not supported")
                    .hasMessageContaining("position 14");
        }

        @Test
        void a_string_for_a_metric_or_a_number_for_a_param_is_refused_at_the_value() {
            assertThat(errorPosition("metrics.auc > '0.9'")).isEqualTo(14);
            assertThat(errorPosition("params.lr = 0.1")).isEqualTo(12);
        }

        @Test
        void comparators_not_allowed_for_a_type_are_refused_at_the_comparator() {
            assertThat(errorPosition("metrics.auc LIKE '0.9'")).isEqualTo(12);
            assertThat(errorPosition("params.p > 'a'")).isEqualTo(9);
            assertThat(errorPosition("tags.t IN ('a')")).isEqualTo(7);
            assertThat(errorPosition("attributes.start_time LIKE 'x'")).isEqualTo(22);
        }

        @Test
        void unknown_types_attributes_and_bare_words_are_refused() {
            assertThat(errorPosition("foo.bar = 'x'")).isEqualTo(0);
            assertThat(errorPosition("metrics.a > 1 and attributes.lifecycle = 'x'")).isEqualTo(18);
            assertThat(errorPosition("auc > 1")).isEqualTo(0);
            assertThat(errorPosition("datasets.size = 'x'")).isEqualTo(9);
        }

        @Test
        void unterminated_strings_point_at_their_opening_quote() {
            assertThat(errorPosition("params.a = 'abc")).isEqualTo(11);
            assertThat(errorPosition("metrics.`abc > 1")).isEqualTo(8);
        }

        @Test
        void malformed_numbers_and_stray_characters_are_refused() {
            assertThat(errorPosition("metrics.a > 1.2.3")).isEqualTo(12);
            assertThat(errorPosition("metrics.a > 12abc")).isEqualTo(12);
            assertThat(errorPosition("metrics.a > 1e")).isEqualTo(12);
            assertThat(errorPosition("metrics.a > 1 ; drop table runs")).isEqualTo(14);
            assertThat(errorPosition("metrics.a ! 1")).isEqualTo(10);
            assertThat(errorPosition("metrics.a == 1")).isEqualTo(11);
            assertThat(errorPosition("metrics.a > 1e999")).isEqualTo(12);
        }

        @Test
        void trailing_and_dangling_tokens_are_refused() {
            assertThat(errorPosition("metrics.a > 1 metrics.b > 2")).isEqualTo(14);
            assertThat(errorPosition("metrics.a > 1 and")).isEqualTo(17);
            assertThat(errorPosition("and metrics.a > 1")).isEqualTo(0);
        }

        @Test
        void in_lists_must_be_well_formed() {
            assertThat(errorPosition("run_id IN 'a'")).isEqualTo(10);
            assertThat(errorPosition("run_id IN ()")).isEqualTo(11);
            assertThat(errorPosition("run_id IN ('a' 'b')")).isEqualTo(15);
            assertThat(errorPosition("run_id IN ('a',)")).isEqualTo(15);
            assertThat(errorPosition("run_id NOT LIKE 'a'")).isEqualTo(11);
        }

        @Test
        void a_quoted_key_must_follow_the_dot_directly() {
            assertThat(errorPosition("metrics. 'a' > 1")).isEqualTo(9);
            assertThat(errorPosition("metrics.'' > 1")).isEqualTo(8);
        }

        @Test
        void control_characters_in_the_message_are_rendered_harmless() {
            assertThatThrownBy(() -> RunFilter.parse("metrics.a > 1\n\u0007"))
                    .isInstanceOf(FilterSyntaxException.class)
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n").doesNotContain("\u0007"));
        }
    }

    @Nested
    class OrderBys {

        @Test
        void direction_defaults_to_ascending() {
            assertThat(OrderBy.parse("metrics.auc")).isEqualTo(OrderBy.asc(new Key(Entity.METRIC, "auc")));
            assertThat(OrderBy.parse("metrics.auc desc")).isEqualTo(OrderBy.desc(new Key(Entity.METRIC, "auc")));
            assertThat(OrderBy.parse("start_time ASC"))
                    .isEqualTo(OrderBy.asc(new Key(Entity.ATTRIBUTE, "start_time")));
            assertThat(OrderBy.parse("params.`a b` DESC").key()).isEqualTo(new Key(Entity.PARAM, "a b"));
        }

        @Test
        void malformed_orderings_are_refused_with_their_position() {
            assertThatThrownBy(() -> OrderBy.parse("metrics.auc DOWN")).isInstanceOf(FilterSyntaxException.class)
                    .extracting(e -> ((FilterSyntaxException) e).position()).isEqualTo(12);
            assertThatThrownBy(() -> OrderBy.parse("datasets.name")).isInstanceOf(FilterSyntaxException.class);
            assertThatThrownBy(() -> OrderBy.parse("")).isInstanceOf(FilterSyntaxException.class);
            assertThatThrownBy(() -> OrderBy.parse("metrics.auc DESC, params.a")).isInstanceOf(FilterSyntaxException.class)
                    .extracting(e -> ((FilterSyntaxException) e).field().orElseThrow()).isEqualTo("order_by");
        }
    }
}
