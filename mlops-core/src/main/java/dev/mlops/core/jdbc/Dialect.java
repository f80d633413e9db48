package dev.mlops.core.jdbc;

import java.sql.SQLException;

/**
 * The SQL databases this library runs on, and what differs between them that code must know: how
 * they report retryable and duplicate-key failures, and where their migration scripts live.
 *
 * <p>Adapters write portable SQL where they can and switch on the dialect where they must (upserts,
 * binary column types).
 */
public enum Dialect {
    /** H2 2.x, embedded file or in memory: the single-machine default. */
    H2("h2"),
    /** PostgreSQL 12 or newer: the many-machine choice. */
    POSTGRESQL("postgresql"),
    /** SQLite 3, through xerial's sqlite-jdbc, in WAL mode. */
    SQLITE("sqlite");

    private final String vendor;

    Dialect(String vendor) {
        this.vendor = vendor;
    }

    /** The folder name of this dialect's migration scripts, as Flyway's {@code {vendor}} placeholder names it. */
    public String vendor() {
        return vendor;
    }

    /**
     * Whether running the whole transaction again may succeed: a serialization failure, a deadlock, a
     * lock wait that timed out, or (SQLite) a busy database.
     */
    public boolean isRetryable(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s && isRetryableCode(s)) {
                return true;
            }
        }
        return false;
    }

    private boolean isRetryableCode(SQLException e) {
        String state = e.getSQLState();
        if ("40001".equals(state)) {
            return true; // serialization failure (PostgreSQL, H2 deadlock)
        }
        return switch (this) {
            case POSTGRESQL -> "40P01".equals(state) || "55P03".equals(state); // deadlock, lock not available
            // 50200 lock timeout, 90131 concurrent update in MVStore, 40001 deadlock.
            case H2 -> e.getErrorCode() == 50200 || e.getErrorCode() == 90131 || e.getErrorCode() == 40001;
            // SQLITE_BUSY (5) and SQLITE_LOCKED (6), including their extended codes.
            case SQLITE -> (e.getErrorCode() & 0xff) == 5 || (e.getErrorCode() & 0xff) == 6;
        };
    }

    /** Whether {@code e} reports a unique or primary-key violation. */
    public boolean isUniqueViolation(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s) {
                if ("23505".equals(s.getSQLState())) {
                    return true; // PostgreSQL and H2
                }
                // SQLITE_CONSTRAINT_PRIMARYKEY (1555) and SQLITE_CONSTRAINT_UNIQUE (2067).
                if (this == SQLITE && (s.getErrorCode() == 1555 || s.getErrorCode() == 2067
                        || (s.getErrorCode() == 19 && String.valueOf(s.getMessage()).contains("UNIQUE")))) {
                    return true;
                }
            }
        }
        return false;
    }
}
