package dev.mlops.monitoring.alert;

import dev.mlops.core.InvalidArgumentException;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A condition on one label, as in Alertmanager's routes, silences and inhibition rules:
 * {@code name="value"}, {@code name!="value"}, {@code name=~"regex"} or {@code name!~"regex"}.
 *
 * <p>A missing label has the value {@code ""}, so {@code team=""} matches alerts without a {@code team}
 * label and {@code team!=""} matches alerts that have one. Regular expressions are anchored at both
 * ends, as in Prometheus: {@code severity=~"crit"} does not match {@code "critical"}.
 *
 * <p>Immutable and thread-safe.
 */
public final class Matcher {

    /** How the label's value is compared. */
    public enum Type {
        /** The value equals the given string. */
        EQUAL("="),
        /** The value differs from the given string. */
        NOT_EQUAL("!="),
        /** The whole value matches the regular expression. */
        REGEX("=~"),
        /** The whole value does not match the regular expression. */
        NOT_REGEX("!~");

        private final String symbol;

        Type(String symbol) {
            this.symbol = symbol;
        }

        /** The operator as written in Alertmanager's configuration. */
        public String symbol() {
            return symbol;
        }
    }

    static final Comparator<Matcher> ORDER = Comparator.comparing(Matcher::name)
            .thenComparing(Matcher::type)
            .thenComparing(Matcher::value);

    private final String name;
    private final Type type;
    private final String value;
    private final Pattern pattern;

    private Matcher(String name, Type type, String value) {
        this.name = Labels.requireName(name);
        this.type = Objects.requireNonNull(type, "type");
        if (value == null) {
            throw new InvalidArgumentException("matcher", "value of '" + name + "' is null");
        }
        this.value = value;
        if (type == Type.REGEX || type == Type.NOT_REGEX) {
            try {
                this.pattern = Pattern.compile("^(?:" + value + ")$");
            } catch (PatternSyntaxException e) {
                throw new InvalidArgumentException("matcher", "invalid regular expression for '" + name + "': "
                        + e.getDescription());
            }
        } else {
            this.pattern = null;
        }
    }

    /** {@code name="value"}. */
    public static Matcher equal(String name, String value) {
        return new Matcher(name, Type.EQUAL, value);
    }

    /** {@code name!="value"}. */
    public static Matcher notEqual(String name, String value) {
        return new Matcher(name, Type.NOT_EQUAL, value);
    }

    /** {@code name=~"regex"}, anchored at both ends. */
    public static Matcher regex(String name, String regex) {
        return new Matcher(name, Type.REGEX, regex);
    }

    /** {@code name!~"regex"}, anchored at both ends. */
    public static Matcher notRegex(String name, String regex) {
        return new Matcher(name, Type.NOT_REGEX, regex);
    }

    public String name() {
        return name;
    }

    public Type type() {
        return type;
    }

    public String value() {
        return value;
    }

    /** Whether the label value in {@code labels} (or {@code ""} when absent) satisfies this matcher. */
    public boolean matches(Labels labels) {
        return matchesValue(labels.value(name));
    }

    boolean matchesValue(String v) {
        return switch (type) {
            case EQUAL -> v.equals(value);
            case NOT_EQUAL -> !v.equals(value);
            case REGEX -> pattern.matcher(v).matches();
            case NOT_REGEX -> !pattern.matcher(v).matches();
        };
    }

    /** Whether every matcher matches {@code labels} (true for an empty list). */
    static boolean all(List<Matcher> matchers, Labels labels) {
        for (Matcher m : matchers) {
            if (!m.matches(labels)) {
                return false;
            }
        }
        return true;
    }

    /** Alertmanager's rendering of a matcher list: {@code {a="b",c=~"d"}}, sorted. */
    static String render(List<Matcher> matchers) {
        StringBuilder b = new StringBuilder("{");
        matchers.stream().sorted(ORDER).forEach(m -> {
            if (b.length() > 1) {
                b.append(',');
            }
            b.append(m);
        });
        return b.append('}').toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Matcher m && name.equals(m.name) && type == m.type && value.equals(m.value);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, type, value);
    }

    /** {@code name="value"} with the value quoted Go-style. */
    @Override
    public String toString() {
        return name + type.symbol + GoText.quote(value);
    }
}
