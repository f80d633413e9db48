package dev.mlops.registry.internal;

import dev.mlops.core.jdbc.Dialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * A SQL statement assembled from fixed text and bound values: user input only ever travels as a bind
 * value, never as text. Not thread-safe; not API.
 */
public final class Sql {

    private final StringBuilder text = new StringBuilder();
    private final List<Object> values = new ArrayList<>();

    /** Appends fixed SQL text. */
    public Sql append(String sql) {
        text.append(sql);
        return this;
    }

    /** Appends SQL text with {@code ?} placeholders and the values bound to them, in order. */
    public Sql append(String sql, Object... bound) {
        text.append(sql);
        for (Object v : bound) {
            values.add(v);
        }
        return this;
    }

    /** Appends another statement fragment with its bound values. */
    public Sql append(Sql fragment) {
        text.append(fragment.text);
        values.addAll(fragment.values);
        return this;
    }

    /** Whether nothing was appended. */
    public boolean isEmpty() {
        return text.length() == 0;
    }

    /** Appends {@code (?, ?, …)} binding each value. */
    public Sql inList(Collection<?> bound) {
        text.append('(');
        int i = 0;
        for (Object v : bound) {
            text.append(i++ == 0 ? "?" : ", ?");
            values.add(v);
        }
        return append(")");
    }

    /** Prepares the statement and binds the values. */
    public PreparedStatement prepare(Connection c) throws SQLException {
        return bindAll(c.prepareStatement(text.toString()));
    }

    /** Prepares an insert that returns the generated values of {@code keyColumns}, and binds the values. */
    public PreparedStatement prepare(Connection c, String... keyColumns) throws SQLException {
        return bindAll(c.prepareStatement(text.toString(), keyColumns));
    }

    private PreparedStatement bindAll(PreparedStatement ps) throws SQLException {
        try {
            for (int i = 0; i < values.size(); i++) {
                bind(ps, i + 1, values.get(i));
            }
            return ps;
        } catch (SQLException | RuntimeException e) {
            ps.close();
            throw e;
        }
    }

    /** Runs an update with bound values and returns the row count. */
    public static int update(Connection c, String sql, Object... values) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                bind(ps, i + 1, values[i]);
            }
            return ps.executeUpdate();
        }
    }

    /** The first column of the first row of a query with bound values, or null when there is no row. */
    public static String queryText(Connection c, String sql, Object... values) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                bind(ps, i + 1, values[i]);
            }
            try (java.sql.ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    /** Binds one value by its Java type; null binds SQL NULL. */
    public static void bind(PreparedStatement ps, int index, Object v) throws SQLException {
        if (v == null) {
            ps.setNull(index, Types.NULL);
        } else if (v instanceof String s) {
            ps.setString(index, s);
        } else if (v instanceof Long l) {
            ps.setLong(index, l);
        } else if (v instanceof Integer n) {
            ps.setInt(index, n);
        } else if (v instanceof Double d) {
            ps.setDouble(index, d);
        } else if (v instanceof Boolean b) {
            ps.setBoolean(index, b);
        } else {
            throw new IllegalArgumentException("cannot bind a " + v.getClass().getName());
        }
    }

    /**
     * An upsert of one row: insert, or update the non-key columns when the key exists. Table and
     * column names are the caller's constants, never user input.
     */
    public static String upsert(Dialect dialect, String table, List<String> keyColumns, List<String> valueColumns) {
        List<String> all = new ArrayList<>(keyColumns);
        all.addAll(valueColumns);
        String cols = String.join(", ", all);
        String marks = String.join(", ", all.stream().map(c -> "?").toList());
        if (dialect == Dialect.H2) {
            return "MERGE INTO " + table + " (" + cols + ") KEY (" + String.join(", ", keyColumns) + ") VALUES ("
                    + marks + ")";
        }
        return "INSERT INTO " + table + " (" + cols + ") VALUES (" + marks + ") ON CONFLICT ("
                + String.join(", ", keyColumns) + ") DO UPDATE SET "
                + String.join(", ", valueColumns.stream().map(c -> c + " = EXCLUDED." + c).toList());
    }

    /** {@code column} in an ORDER BY that compares strings by code point, as {@link String#compareTo} does. */
    public static String binaryOrder(Dialect dialect, String column) {
        return dialect == Dialect.POSTGRESQL ? column + " COLLATE \"C\"" : column;
    }

    @Override
    public String toString() {
        return text.toString();
    }
}
