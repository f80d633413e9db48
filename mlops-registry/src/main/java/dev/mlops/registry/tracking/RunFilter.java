package dev.mlops.registry.tracking;

import dev.mlops.registry.internal.Checks;
import dev.mlops.registry.internal.FilterParser;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A parsed run search filter in MLflow's grammar: comparisons joined by {@code AND}.
 *
 * <pre>{@code
 * metrics.auc > 0.9 and params.model = 'lr' and tags.team LIKE 'risk%' and attributes.status = 'FINISHED'
 * }</pre>
 *
 * <ul>
 *   <li>An identifier is {@code <type>.<key>}: {@code metrics}/{@code metric}, {@code params}/
 *       {@code param}/{@code parameters}, {@code tags}/{@code tag}, {@code attributes}/{@code attribute}/
 *       {@code attr}/{@code run}, {@code datasets}/{@code dataset} (type names are case-insensitive).
 *       A key with characters other than letters, digits, {@code _ . -} is quoted: {@code metrics."error
 *       rate"} or {@code metrics.`error rate`}. A known attribute may also stand alone ({@code run_id}).</li>
 *   <li>Metrics compare with {@code = != > >= < <=} against a number; params and tags with
 *       {@code = != LIKE ILIKE} against a quoted string; string attributes ({@code run_id, run_name,
 *       status, user_id}) also with {@code IN} and {@code NOT IN} and a parenthesised list; time
 *       attributes ({@code start_time, end_time}, epoch milliseconds) like metrics; datasets
 *       ({@code name, digest, context}) with {@code = != LIKE ILIKE IN NOT IN}, matching when any input
 *       of the run does.</li>
 *   <li>Strings are in single or double quotes; a quote inside is doubled. {@code LIKE} patterns use
 *       {@code %} and {@code _}, with {@code \} as the escape; {@code LIKE} is case-sensitive,
 *       {@code ILIKE} is not. Keywords are case-insensitive.</li>
 *   <li>A run lacking the metric, param, tag or attribute in a comparison does not match it, whatever
 *       the comparator. Metric comparisons follow IEEE 754: NaN only satisfies {@code !=}.</li>
 * </ul>
 *
 * <p>A blank filter matches every run. Anything else that does not follow the grammar is a
 * {@link FilterSyntaxException} naming the position. Immutable and thread-safe.
 */
public final class RunFilter {

    /** What kind of value an identifier names. */
    public enum Entity {
        METRIC("metrics"),
        PARAM("params"),
        TAG("tags"),
        ATTRIBUTE("attributes"),
        DATASET("datasets");

        private final String prefix;

        Entity(String prefix) {
            this.prefix = prefix;
        }

        /** The canonical prefix, such as {@code metrics}. */
        public String prefix() {
            return prefix;
        }
    }

    /** The run attributes a filter or order-by can name. */
    public enum Attribute {
        RUN_ID(false),
        RUN_NAME(false),
        STATUS(false),
        USER_ID(false),
        START_TIME(true),
        END_TIME(true);

        private final boolean numeric;

        Attribute(boolean numeric) {
            this.numeric = numeric;
        }

        /** The name used in filters, such as {@code start_time}. */
        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** Whether the attribute is a time compared as epoch milliseconds. */
        public boolean isNumeric() {
            return numeric;
        }

        /** The attribute with this filter name (case-insensitive). */
        public static Optional<Attribute> byKey(String key) {
            for (Attribute a : values()) {
                if (a.key().equalsIgnoreCase(key)) {
                    return Optional.of(a);
                }
            }
            return Optional.empty();
        }
    }

    /** The fields of a dataset input a filter can name. */
    public enum DatasetField {
        NAME,
        DIGEST,
        CONTEXT;

        /** The name used in filters, such as {@code digest}. */
        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** A comparison operator. */
    public enum Comparator {
        EQ("="),
        NE("!="),
        GT(">"),
        GE(">="),
        LT("<"),
        LE("<="),
        LIKE("LIKE"),
        ILIKE("ILIKE"),
        IN("IN"),
        NOT_IN("NOT IN");

        private final String symbol;

        Comparator(String symbol) {
            this.symbol = symbol;
        }

        /** The operator as written in a filter. */
        public String symbol() {
            return symbol;
        }
    }

    /**
     * What a comparison or an ordering refers to.
     *
     * @param entity the kind of value
     * @param name the metric, param or tag key; for attributes and dataset fields the lower-case
     *     {@linkplain Attribute#key() key}
     */
    public record Key(Entity entity, String name) {

        public Key {
            Checks.notNull("entity", entity);
            Checks.notNull("name", name);
        }

        /** The attribute this key names; only for {@link Entity#ATTRIBUTE} keys. */
        public Attribute attribute() {
            if (entity != Entity.ATTRIBUTE) {
                throw new IllegalStateException(this + " is not an attribute");
            }
            return Attribute.byKey(name).orElseThrow();
        }

        /** Whether values of this key are numbers (metrics and time attributes). */
        public boolean isNumeric() {
            return entity == Entity.METRIC || (entity == Entity.ATTRIBUTE && attribute().isNumeric());
        }

        @Override
        public String toString() {
            return entity.prefix() + "." + quoteIfNeeded(name);
        }
    }

    /** The constant on the right of a comparison. */
    public sealed interface Value permits NumberValue, StringValue, StringListValue {}

    /** A numeric constant. @param value the number */
    public record NumberValue(double value) implements Value {
        @Override
        public String toString() {
            return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value)
                    : Double.toString(value);
        }
    }

    /** A string constant. @param value the string, unquoted */
    public record StringValue(String value) implements Value {
        public StringValue {
            Checks.notNull("value", value);
        }

        @Override
        public String toString() {
            return quote(value);
        }
    }

    /** A parenthesised list of strings, for {@code IN}. @param values the strings */
    public record StringListValue(List<String> values) implements Value {
        public StringListValue {
            values = Checks.list("values", values);
        }

        @Override
        public String toString() {
            return values.stream().map(RunFilter::quote).collect(Collectors.joining(", ", "(", ")"));
        }
    }

    /**
     * One comparison.
     *
     * @param key what is compared
     * @param comparator how
     * @param value with what
     */
    public record Clause(Key key, Comparator comparator, Value value) {

        public Clause {
            Checks.notNull("key", key);
            Checks.notNull("comparator", comparator);
            Checks.notNull("value", value);
        }

        @Override
        public String toString() {
            return key + " " + comparator.symbol() + " " + value;
        }
    }

    private static final RunFilter ALL = new RunFilter(List.of());

    private final List<Clause> clauses;

    private RunFilter(List<Clause> clauses) {
        this.clauses = List.copyOf(clauses);
    }

    /**
     * Parses a filter.
     *
     * @param filter the filter text; null or blank matches everything
     * @throws FilterSyntaxException with the position of the first problem
     */
    public static RunFilter parse(String filter) {
        if (filter == null || filter.isBlank()) {
            return ALL;
        }
        return new RunFilter(FilterParser.parseFilter(filter));
    }

    /** The filter that matches every run. */
    public static RunFilter all() {
        return ALL;
    }

    /** The comparisons, all of which must hold. Empty for the filter that matches everything. */
    public List<Clause> clauses() {
        return clauses;
    }

    /** A canonical rendering that parses back to an equal filter. */
    @Override
    public String toString() {
        return clauses.stream().map(Clause::toString).collect(Collectors.joining(" AND "));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RunFilter f && f.clauses.equals(clauses);
    }

    @Override
    public int hashCode() {
        return clauses.hashCode();
    }

    static String quote(String s) {
        return "'" + s.replace("'", "''") + "'";
    }

    static String quoteIfNeeded(String key) {
        return key.matches("[A-Za-z0-9_][A-Za-z0-9_.\\-]*") ? key : "`" + key.replace("`", "``") + "`";
    }
}
