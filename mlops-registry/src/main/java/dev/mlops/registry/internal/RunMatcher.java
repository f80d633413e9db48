package dev.mlops.registry.internal;

import dev.mlops.registry.tracking.DatasetInput;
import dev.mlops.registry.tracking.Metric;
import dev.mlops.registry.tracking.OrderBy;
import dev.mlops.registry.tracking.Run;
import dev.mlops.registry.tracking.RunFilter;
import dev.mlops.registry.tracking.RunFilter.Clause;
import dev.mlops.registry.tracking.RunFilter.Key;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Evaluates {@link RunFilter}s and {@link OrderBy}s against {@link Run} snapshots in memory: the
 * reference semantics that the SQL translation of the JDBC adapters reproduces. Not API.
 */
public final class RunMatcher {

    private RunMatcher() {}

    /** Whether the run satisfies every clause of the filter. */
    public static boolean matches(RunFilter filter, Run run) {
        for (Clause c : filter.clauses()) {
            if (!matches(c, run)) {
                return false;
            }
        }
        return true;
    }

    static boolean matches(Clause c, Run run) {
        Key key = c.key();
        if (key.entity() == RunFilter.Entity.DATASET) {
            for (DatasetInput in : run.inputs()) {
                Optional<String> v = switch (key.name()) {
                    case "name" -> Optional.of(in.name());
                    case "digest" -> Optional.of(in.digest());
                    default -> in.context();
                };
                if (v.isPresent() && compareText(c, v.get())) {
                    return true;
                }
            }
            return false;
        }
        if (key.isNumeric()) {
            Optional<Double> v = number(key, run);
            return v.isPresent() && compareNumber(c, v.get());
        }
        Optional<String> v = text(key, run);
        return v.isPresent() && compareText(c, v.get());
    }

    private static boolean compareNumber(Clause c, double v) {
        double x = ((RunFilter.NumberValue) c.value()).value();
        return switch (c.comparator()) {
            case EQ -> v == x;
            case NE -> v != x;
            case GT -> v > x;
            case GE -> v >= x;
            case LT -> v < x;
            case LE -> v <= x;
            default -> throw new IllegalArgumentException("not a numeric comparator: " + c);
        };
    }

    private static boolean compareText(Clause c, String v) {
        return switch (c.comparator()) {
            case EQ -> v.equals(((RunFilter.StringValue) c.value()).value());
            case NE -> !v.equals(((RunFilter.StringValue) c.value()).value());
            case LIKE -> Like.matches(((RunFilter.StringValue) c.value()).value(), v, false);
            case ILIKE -> Like.matches(((RunFilter.StringValue) c.value()).value(), v, true);
            case IN -> ((RunFilter.StringListValue) c.value()).values().contains(v);
            case NOT_IN -> !((RunFilter.StringListValue) c.value()).values().contains(v);
            default -> throw new IllegalArgumentException("not a string comparator: " + c);
        };
    }

    /** The numeric value of a metric or time attribute, when the run has it. */
    static Optional<Double> number(Key key, Run run) {
        if (key.entity() == RunFilter.Entity.METRIC) {
            Metric m = run.metrics().get(key.name());
            return m == null ? Optional.empty() : Optional.of(m.value());
        }
        return switch (key.attribute()) {
            case START_TIME -> Optional.of((double) run.startTime().toEpochMilli());
            case END_TIME -> run.endTime().map(t -> (double) t.toEpochMilli());
            default -> throw new IllegalArgumentException("not numeric: " + key);
        };
    }

    /** The string value of a param, tag or string attribute, when the run has it. */
    static Optional<String> text(Key key, Run run) {
        return switch (key.entity()) {
            case PARAM -> run.param(key.name());
            case TAG -> run.tag(key.name());
            case ATTRIBUTE -> switch (key.attribute()) {
                case RUN_ID -> Optional.of(run.id());
                case RUN_NAME -> run.name();
                case STATUS -> Optional.of(run.status().name());
                case USER_ID -> Optional.of(run.userId());
                default -> throw new IllegalArgumentException("not a string attribute: " + key);
            };
            default -> throw new IllegalArgumentException("not a string key: " + key);
        };
    }

    /**
     * The complete ordering of a search: the given orderings, then {@code start_time DESC} unless
     * start time was ordered already, then {@code run_id ASC}. Missing values sort last in either
     * direction; numbers use {@link Double#compare} (NaN above +Infinity).
     */
    public static Comparator<Run> ordering(List<OrderBy> orderBy) {
        List<OrderBy> all = withTieBreakers(orderBy);
        Comparator<Run> result = null;
        for (OrderBy o : all) {
            Comparator<Run> next = single(o);
            result = result == null ? next : result.thenComparing(next);
        }
        return result;
    }

    /** The given orderings followed by the tie-breakers that make the order total. */
    public static List<OrderBy> withTieBreakers(List<OrderBy> orderBy) {
        List<OrderBy> all = new ArrayList<>(orderBy);
        Key start = new Key(RunFilter.Entity.ATTRIBUTE, RunFilter.Attribute.START_TIME.key());
        Key id = new Key(RunFilter.Entity.ATTRIBUTE, RunFilter.Attribute.RUN_ID.key());
        if (orderBy.stream().noneMatch(o -> o.key().equals(start))) {
            all.add(OrderBy.desc(start));
        }
        if (orderBy.stream().noneMatch(o -> o.key().equals(id))) {
            all.add(OrderBy.asc(id));
        }
        return all;
    }

    private static Comparator<Run> single(OrderBy o) {
        Key key = o.key();
        if (key.isNumeric()) {
            // Double.compare, except that -0.0 equals 0.0 as it does in SQL
            Comparator<Double> natural = (a, b) -> a.doubleValue() == b.doubleValue() ? 0 : Double.compare(a, b);
            return nullsLast(run -> number(key, run).orElse(null), o.ascending() ? natural : natural.reversed());
        }
        Comparator<String> natural = String::compareTo;
        return nullsLast(run -> text(key, run).orElse(null), o.ascending() ? natural : natural.reversed());
    }

    private static <T> Comparator<Run> nullsLast(java.util.function.Function<Run, T> value, Comparator<T> order) {
        return Comparator.comparing(value, Comparator.nullsLast(order));
    }
}
