package dev.mlops.registry.internal;

import dev.mlops.core.jdbc.Dialect;
import dev.mlops.registry.tracking.LifecycleStage;
import dev.mlops.registry.tracking.OrderBy;
import dev.mlops.registry.tracking.RunFilter;
import dev.mlops.registry.tracking.RunFilter.Clause;
import dev.mlops.registry.tracking.RunFilter.Key;
import dev.mlops.registry.tracking.RunSearch;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Translates a {@link RunSearch} into one parameterized SQL query over the registry tables, with the
 * semantics {@link RunMatcher} defines in memory. Every metric, param and tag comparison is an inner
 * join on the {@code (run_key, key_name)} primary key of its table (latest metrics also have an index on
 * {@code (key_name, value_num, run_key)}, so a metric range can drive the query without reading rows);
 * orderings are left joins. Runs are joined by their integer key, never by their string id.
 * Identifiers come from constants only; every user value is a bind value. Not API.
 */
public final class RunSearchSql {

    private RunSearchSql() {}

    /**
     * The query selecting the keys and ids ({@code run_key, run_id}) of one page: {@code limit} rows from
     * {@code offset}, in search order.
     */
    public static Sql pageQuery(Dialect dialect, RunSearch search, long offset, int limit) {
        Sql joins = new Sql();
        Sql where = new Sql().append(" WHERE r.lifecycle_stage IN ");
        where.inList(switch (search.viewType()) {
            case ACTIVE_ONLY -> List.of(LifecycleStage.ACTIVE.name());
            case DELETED_ONLY -> List.of(LifecycleStage.DELETED.name());
            case ALL -> List.of(LifecycleStage.ACTIVE.name(), LifecycleStage.DELETED.name());
        });
        if (!search.experimentIds().isEmpty()) {
            List<Long> ids = new ArrayList<>();
            for (String id : search.experimentIds()) {
                try {
                    ids.add(Long.parseLong(id));
                } catch (NumberFormatException e) {
                    // an id this store never issued matches nothing
                }
            }
            if (ids.isEmpty()) {
                where.append(" AND 1 = 0");
            } else {
                where.append(" AND r.experiment_id IN ").inList(ids);
            }
        }
        int n = 0;
        for (Clause c : search.filter().clauses()) {
            String alias = "f" + n++;
            switch (c.key().entity()) {
                case METRIC, PARAM, TAG -> {
                    joins.append(" JOIN " + table(c.key()) + " " + alias + " ON " + alias + ".run_key = r.run_key"
                            + " AND " + alias + ".key_name = ?", c.key().name());
                    boolean metric = c.key().isNumeric();
                    joins.append(" AND ").append(condition(dialect, c,
                            alias + (metric ? ".value_num" : ".value_text"), metric ? alias + ".is_nan" : null));
                }
                case ATTRIBUTE -> where.append(" AND ")
                        .append(condition(dialect, c, "r." + attributeColumn(c.key()), null));
                case DATASET -> {
                    String column = switch (c.key().name()) {
                        case "name" -> alias + ".dataset_name";
                        case "digest" -> alias + ".digest";
                        default -> alias + ".context";
                    };
                    where.append(" AND EXISTS (SELECT 1 FROM reg_run_input " + alias + " WHERE " + alias
                            + ".run_key = r.run_key AND ");
                    if (c.key().name().equals("context")) {
                        where.append(column + " <> '' AND ");
                    }
                    where.append(condition(dialect, c, column, null)).append(")");
                }
            }
        }
        Sql order = new Sql();
        int o = 0;
        for (OrderBy ob : RunMatcher.withTieBreakers(search.orderBy())) {
            String dir = ob.ascending() ? " ASC" : " DESC";
            order.append(o == 0 ? " ORDER BY " : ", ");
            Key key = ob.key();
            if (key.entity() == RunFilter.Entity.ATTRIBUTE) {
                String column = "r." + attributeColumn(key);
                if (key.name().equals("run_name") || key.name().equals("end_time")) {
                    order.append("CASE WHEN " + column + " IS NULL THEN 1 ELSE 0 END, ");
                }
                order.append((key.isNumeric() ? column : Sql.binaryOrder(dialect, column)) + dir);
            } else {
                String alias = "o" + o;
                joins.append(" LEFT JOIN " + table(key) + " " + alias + " ON " + alias + ".run_key = r.run_key"
                        + " AND " + alias + ".key_name = ?", key.name());
                order.append("CASE WHEN " + alias + ".run_key IS NULL THEN 1 ELSE 0 END, ");
                if (key.entity() == RunFilter.Entity.METRIC) {
                    order.append(alias + ".is_nan" + dir + ", " + alias + ".value_num" + dir);
                } else {
                    order.append(Sql.binaryOrder(dialect, alias + ".value_text") + dir);
                }
            }
            o++;
        }
        return new Sql().append("SELECT r.run_key, r.run_id FROM reg_run r").append(joins).append(where)
                .append(order).append(" OFFSET ? ROWS FETCH FIRST ? ROWS ONLY", offset, limit);
    }

    private static String table(Key key) {
        return switch (key.entity()) {
            case METRIC -> "reg_latest_metric";
            case PARAM -> "reg_param";
            case TAG -> "reg_run_tag";
            default -> throw new IllegalArgumentException("no table for " + key);
        };
    }

    private static String attributeColumn(Key key) {
        return switch (key.attribute()) {
            case RUN_ID -> "run_id";
            case RUN_NAME -> "run_name";
            case STATUS -> "status";
            case USER_ID -> "user_id";
            case START_TIME -> "start_time";
            case END_TIME -> "end_time";
        };
    }

    /** The SQL condition of one clause on {@code column}; {@code nanColumn} is set for metrics. */
    private static Sql condition(Dialect dialect, Clause c, String column, String nanColumn) {
        Sql s = new Sql();
        RunFilter.Value v = c.value();
        return switch (c.comparator()) {
            case EQ -> s.append(column + " = ?", literal(v));
            case NE -> nanColumn != null ? s.append("(" + nanColumn + " OR " + column + " <> ?)", literal(v))
                    : s.append(column + " <> ?", literal(v));
            case GT -> s.append(column + " > ?", literal(v));
            case GE -> s.append(column + " >= ?", literal(v));
            case LT -> s.append(column + " < ?", literal(v));
            case LE -> s.append(column + " <= ?", literal(v));
            case LIKE -> like(dialect, column, (String) literal(v), false);
            case ILIKE -> like(dialect, column, (String) literal(v), true);
            case IN -> s.append(column + " IN ").inList(((RunFilter.StringListValue) v).values());
            case NOT_IN -> s.append(column + " NOT IN ").inList(((RunFilter.StringListValue) v).values());
        };
    }

    /**
     * LIKE, or for the common shapes an equality on the value or on its first or last characters,
     * which H2 evaluates much faster; case-insensitive by lower-casing both sides. PostgreSQL keeps a
     * case-sensitive prefix or suffix as LIKE: its planner estimates how many rows a LIKE pattern
     * matches from the column's statistics, but guesses for {@code LEFT(..) = ?}, and a bad guess makes
     * it drive the search from the wrong table.
     */
    private static Sql like(Dialect dialect, String column, String pattern, boolean ignoreCase) {
        String side = ignoreCase ? "LOWER(" + column + ")" : column;
        Optional<LikeShape> shape = LikeShape.of(pattern);
        if (shape.isEmpty() || (dialect == Dialect.POSTGRESQL && !ignoreCase
                && shape.get().kind() != LikeShape.Kind.EQUALS)) {
            return new Sql().append(side + (ignoreCase ? " LIKE LOWER(?)" : " LIKE ?"), pattern);
        }
        String text = ignoreCase ? shape.get().literal().toLowerCase(Locale.ROOT) : shape.get().literal();
        return switch (shape.get().kind()) {
            case EQUALS -> new Sql().append(side + " = ?", text);
            case PREFIX -> new Sql().append("LEFT(" + side + ", ?) = ?", text.length(), text);
            case SUFFIX -> new Sql().append("RIGHT(" + side + ", ?) = ?", text.length(), text);
        };
    }

    private static Object literal(RunFilter.Value v) {
        if (v instanceof RunFilter.NumberValue n) {
            return n.value();
        }
        return ((RunFilter.StringValue) v).value();
    }
}
