package dev.mlops.registry.internal;

import dev.mlops.registry.internal.FilterLexer.Kind;
import dev.mlops.registry.internal.FilterLexer.Token;
import dev.mlops.registry.tracking.FilterSyntaxException;
import dev.mlops.registry.tracking.OrderBy;
import dev.mlops.registry.tracking.RunFilter;
import dev.mlops.registry.tracking.RunFilter.Attribute;
import dev.mlops.registry.tracking.RunFilter.Clause;
import dev.mlops.registry.tracking.RunFilter.Comparator;
import dev.mlops.registry.tracking.RunFilter.DatasetField;
import dev.mlops.registry.tracking.RunFilter.Entity;
import dev.mlops.registry.tracking.RunFilter.Key;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A recursive-descent parser for MLflow's search grammar (see {@link RunFilter}). Every error carries
 * the position of the offending token. Not API: use {@link RunFilter#parse} and {@link OrderBy#parse}.
 */
public final class FilterParser {

    private static final Map<String, Entity> PREFIXES = Map.ofEntries(
            Map.entry("metric", Entity.METRIC), Map.entry("metrics", Entity.METRIC),
            Map.entry("param", Entity.PARAM), Map.entry("params", Entity.PARAM),
            Map.entry("parameter", Entity.PARAM), Map.entry("parameters", Entity.PARAM),
            Map.entry("tag", Entity.TAG), Map.entry("tags", Entity.TAG),
            Map.entry("attribute", Entity.ATTRIBUTE), Map.entry("attributes", Entity.ATTRIBUTE),
            Map.entry("attr", Entity.ATTRIBUTE), Map.entry("run", Entity.ATTRIBUTE),
            Map.entry("dataset", Entity.DATASET), Map.entry("datasets", Entity.DATASET));

    private static final Set<Comparator> NUMERIC = EnumSet.of(Comparator.EQ, Comparator.NE, Comparator.GT,
            Comparator.GE, Comparator.LT, Comparator.LE);
    private static final Set<Comparator> TEXT = EnumSet.of(Comparator.EQ, Comparator.NE, Comparator.LIKE,
            Comparator.ILIKE);
    private static final Set<Comparator> TEXT_OR_LIST = EnumSet.of(Comparator.EQ, Comparator.NE,
            Comparator.LIKE, Comparator.ILIKE, Comparator.IN, Comparator.NOT_IN);

    private final String field;
    private final String input;
    private final List<Token> tokens;
    private int i;

    private FilterParser(String field, String input) {
        this.field = field;
        this.input = input;
        this.tokens = FilterLexer.tokenize(field, input);
    }

    /** Parses a non-blank filter into its clauses. */
    public static List<Clause> parseFilter(String filter) {
        return new FilterParser("filter", filter).filter();
    }

    /** Parses one order-by expression. */
    public static OrderBy parseOrderBy(String orderBy) {
        if (orderBy == null || orderBy.isBlank()) {
            throw new FilterSyntaxException("order_by", orderBy == null ? "" : orderBy, 0,
                    "expected an identifier such as metrics.auc");
        }
        return new FilterParser("order_by", orderBy).orderBy();
    }

    private List<Clause> filter() {
        List<Clause> clauses = new ArrayList<>();
        clauses.add(clause());
        while (peek().kind() != Kind.END) {
            Token t = take();
            if (t.isWord("or")) {
                throw error(t, "OR is not supported, only AND");
            }
            if (!t.isWord("and")) {
                throw error(t, "expected AND or the end of the filter, found " + t.describe());
            }
            clauses.add(clause());
        }
        return clauses;
    }

    private OrderBy orderBy() {
        Key key = key();
        if (key.entity() == Entity.DATASET) {
            throw error(tokens.get(0), "cannot order by dataset fields");
        }
        boolean ascending = true;
        Token t = take();
        if (t.isWord("desc")) {
            ascending = false;
            t = take();
        } else if (t.isWord("asc")) {
            t = take();
        }
        if (t.kind() != Kind.END) {
            throw error(t, "expected ASC, DESC or the end, found " + t.describe());
        }
        return new OrderBy(key, ascending);
    }

    private Clause clause() {
        Key key = key();
        Token opToken = peek();
        Comparator op = comparator(key);
        Set<Comparator> allowed = allowed(key);
        if (!allowed.contains(op)) {
            throw error(opToken, "comparator " + op.symbol() + " cannot be used with " + key + "; use one of "
                    + allowed.stream().map(Comparator::symbol).toList());
        }
        RunFilter.Value value;
        if (op == Comparator.IN || op == Comparator.NOT_IN) {
            value = list();
        } else if (key.isNumeric()) {
            Token t = take();
            if (t.kind() != Kind.NUMBER) {
                throw error(t, key + " compares with a number, found " + t.describe());
            }
            value = new RunFilter.NumberValue(parseNumber(t));
        } else {
            Token t = take();
            if (t.kind() != Kind.STRING) {
                throw error(t, key + " compares with a quoted string, found " + t.describe());
            }
            value = new RunFilter.StringValue(t.text());
            if ((op == Comparator.LIKE || op == Comparator.ILIKE) && !validEscapes(t.text())) {
                throw error(t, "in a LIKE pattern '\\' may only precede '%', '_' or another '\\'");
            }
        }
        return new Clause(key, op, value);
    }

    private Key key() {
        Token t = take();
        if (t.kind() != Kind.WORD) {
            throw error(t, "expected an identifier such as metrics.auc, found " + t.describe());
        }
        String word = t.text();
        int dot = word.indexOf('.');
        if (dot < 0) {
            return Attribute.byKey(word).map(a -> new Key(Entity.ATTRIBUTE, a.key())).orElseThrow(() -> error(t,
                    "unknown identifier '" + word + "'; expected metrics.<key>, params.<key>, tags.<key>,"
                            + " attributes.<name> or datasets.<field>"));
        }
        String prefix = word.substring(0, dot);
        Entity entity = PREFIXES.get(prefix.toLowerCase(Locale.ROOT));
        if (entity == null) {
            throw error(t, "unknown identifier type '" + prefix + "'; expected metrics, params, tags, attributes"
                    + " or datasets");
        }
        String name = word.substring(dot + 1);
        int nameAt = t.start() + dot + 1;
        if (name.isEmpty()) {
            Token quoted = peek();
            if ((quoted.kind() != Kind.STRING && quoted.kind() != Kind.QUOTED_KEY) || quoted.start() != t.end()) {
                throw error(quoted, "expected a name right after '" + word + "'");
            }
            take();
            name = quoted.text();
            nameAt = quoted.start();
            if (name.isEmpty()) {
                throw new FilterSyntaxException(field, input, nameAt, "empty name");
            }
        }
        return switch (entity) {
            case ATTRIBUTE -> {
                String n = name;
                Attribute a = Attribute.byKey(n).orElseThrow(() -> new FilterSyntaxException(field, input,
                        t.start(), "unknown attribute '" + n + "'; expected one of "
                                + java.util.Arrays.stream(Attribute.values()).map(Attribute::key).toList()));
                yield new Key(Entity.ATTRIBUTE, a.key());
            }
            case DATASET -> {
                for (DatasetField f : DatasetField.values()) {
                    if (f.key().equalsIgnoreCase(name)) {
                        yield new Key(Entity.DATASET, f.key());
                    }
                }
                throw new FilterSyntaxException(field, input, nameAt, "unknown dataset field '" + name
                        + "'; expected name, digest or context");
            }
            default -> new Key(entity, name);
        };
    }

    private Comparator comparator(Key key) {
        Token t = take();
        if (t.kind() == Kind.OPERATOR) {
            return switch (t.text()) {
                case "=" -> Comparator.EQ;
                case "!=" -> Comparator.NE;
                case ">" -> Comparator.GT;
                case ">=" -> Comparator.GE;
                case "<" -> Comparator.LT;
                case "<=" -> Comparator.LE;
                default -> throw error(t, "unknown comparator " + t.describe());
            };
        }
        if (t.isWord("like")) {
            return Comparator.LIKE;
        }
        if (t.isWord("ilike")) {
            return Comparator.ILIKE;
        }
        if (t.isWord("in")) {
            return Comparator.IN;
        }
        if (t.isWord("not")) {
            Token in = take();
            if (!in.isWord("in")) {
                throw error(in, "expected IN after NOT, found " + in.describe());
            }
            return Comparator.NOT_IN;
        }
        throw error(t, "expected a comparator after " + key + ", found " + t.describe());
    }

    private Set<Comparator> allowed(Key key) {
        return switch (key.entity()) {
            case METRIC -> NUMERIC;
            case PARAM, TAG -> TEXT;
            case DATASET -> TEXT_OR_LIST;
            case ATTRIBUTE -> key.attribute().isNumeric() ? NUMERIC : TEXT_OR_LIST;
        };
    }

    /** Whether every escape in a LIKE pattern escapes a wildcard or itself (what every database accepts). */
    private static boolean validEscapes(String pattern) {
        for (int k = 0; k < pattern.length(); k++) {
            if (pattern.charAt(k) == '\\') {
                if (k + 1 >= pattern.length() || "%_\\".indexOf(pattern.charAt(k + 1)) < 0) {
                    return false;
                }
                k++;
            }
        }
        return true;
    }

    private RunFilter.StringListValue list() {
        Token open = take();
        if (open.kind() != Kind.LPAREN) {
            throw error(open, "expected '(' to start a list, found " + open.describe());
        }
        List<String> values = new ArrayList<>();
        while (true) {
            Token v = take();
            if (v.kind() != Kind.STRING) {
                throw error(v, "expected a quoted string in the list, found " + v.describe());
            }
            values.add(v.text());
            Token sep = take();
            if (sep.kind() == Kind.RPAREN) {
                return new RunFilter.StringListValue(values);
            }
            if (sep.kind() != Kind.COMMA) {
                throw error(sep, "expected ',' or ')' in the list, found " + sep.describe());
            }
        }
    }

    private double parseNumber(Token t) {
        double d = Double.parseDouble(t.text());
        if (!Double.isFinite(d)) {
            throw error(t, "number " + t.text() + " is out of range");
        }
        return d;
    }

    private Token peek() {
        return tokens.get(i);
    }

    private Token take() {
        Token t = tokens.get(i);
        if (t.kind() != Kind.END) {
            i++;
        }
        return t;
    }

    private FilterSyntaxException error(Token t, String problem) {
        return new FilterSyntaxException(field, input, t.start(), problem);
    }
}
