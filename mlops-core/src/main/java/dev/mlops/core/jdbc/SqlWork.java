package dev.mlops.core.jdbc;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Work done on a JDBC connection inside {@link Database#inTransaction} or
 * {@link Database#withConnection}. It may run more than once when a transaction is retried, so it must
 * not have side effects outside the database (or only idempotent ones).
 *
 * @param <T> the result type
 */
@FunctionalInterface
public interface SqlWork<T> {

    /** Does the work; the connection belongs to the caller and must not be closed. */
    T run(Connection connection) throws SQLException;
}
