package dev.mlops.core.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.mlops.core.ConflictException;
import dev.mlops.core.InvalidArgumentException;
import dev.mlops.core.MlopsException;
import dev.mlops.core.StorageException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One relational database for everything the library stores in tables: a connection pool, its
 * {@link Dialect}, versioned schema migrations, and transactions that retry when a concurrent writer
 * got in the way.
 *
 * <pre>{@code
 * try (Database db = Database.embedded(Path.of("mlops-data"))) {      // H2 file, the default
 *     ArtifactStore artifacts = ArtifactStore.jdbc(db);
 * }
 * Database pg = Database.postgres("jdbc:postgresql://db:5432/mlops", "mlops", secret);
 * Database shared = Database.of(hostDataSource, Dialect.POSTGRESQL); // the host's own pool
 * }</pre>
 *
 * <h2>Migrations</h2>
 * Opening a database applies the core module's migrations. Every other module's JDBC adapters apply
 * their module's {@link SchemaMigrations} through {@link #migrate} when they are created. Migrations
 * run with Flyway, one history table per module, so they sit beside a host's own migrations; on
 * PostgreSQL, Flyway holds an advisory lock while it migrates, so two JVMs opening one database at once
 * apply each script exactly once.
 *
 * <h2>Transactions</h2>
 * {@link #inTransaction} runs work in one transaction and runs it again (with a short randomized
 * backoff) when the database reports a serialization failure, a deadlock or a lock timeout; after the
 * last attempt that failure surfaces as {@link ConflictException}. Any other {@link SQLException}
 * becomes a {@link StorageException}; an {@link MlopsException} thrown by the work rolls back and
 * propagates unchanged, so a rejected call leaves nothing behind.
 *
 * <h2>Failures</h2>
 * A database that is down makes every call fail with {@link StorageException} within the pool's
 * connection timeout ({@link Builder#connectionTimeout}, five seconds by default) rather than hang.
 *
 * <p>Thread-safe. Closing a database closes the pool it created; a pool passed to {@link #of} belongs to
 * the host and is left open.
 */
public final class Database implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Database.class);

    /** The core module's migrations: artifact blobs and lineage. */
    static final SchemaMigrations CORE_MIGRATIONS = new SchemaMigrations("core", "dev/mlops/core/db/migration");

    private static final Duration DEFAULT_CONNECTION_TIMEOUT = Duration.ofSeconds(5);
    private static final int DEFAULT_MAX_ATTEMPTS = 8;

    private final DataSource dataSource;
    private final HikariDataSource ownedPool;
    private final Dialect dialect;
    private final String description;
    private final int maxAttempts;
    private final boolean shutdownOnClose;
    private final Set<String> migratedModules = ConcurrentHashMap.newKeySet();

    private Database(DataSource dataSource, HikariDataSource ownedPool, Dialect dialect, String description,
            int maxAttempts, boolean shutdownOnClose) {
        this.dataSource = dataSource;
        this.ownedPool = ownedPool;
        this.dialect = dialect;
        this.description = description;
        this.maxAttempts = maxAttempts;
        this.shutdownOnClose = shutdownOnClose;
    }

    /**
     * The single-machine default: an H2 database in the file {@code directory/mlops.mv.db}, created
     * if absent. Only one process may have it open at a time; several machines need {@link #postgres}.
     */
    public static Database embedded(Path directory) {
        if (directory == null) {
            throw new InvalidArgumentException("directory", "is null");
        }
        Path file = directory.toAbsolutePath().normalize().resolve("mlops");
        return builder(Dialect.H2, "jdbc:h2:file:" + file + ";" + H2_OPTIONS).build();
    }

    /**
     * An H2 database in this JVM's memory. Databases opened with the same name in one JVM are the same
     * database; closing any of them drops it (its tables and data are gone for every holder), so tests
     * that use a fresh name per test leak nothing.
     */
    public static Database inMemory(String name) {
        dev.mlops.core.Names.require("database name", name);
        Builder builder = builder(Dialect.H2, "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1;" + H2_OPTIONS);
        builder.shutdownOnClose = true;
        return builder.build();
    }

    /** A PostgreSQL database, with a pool of ten connections. */
    public static Database postgres(String jdbcUrl, String user, String password) {
        return builder(Dialect.POSTGRESQL, jdbcUrl).user(user).password(password).build();
    }

    /** A SQLite database file in WAL mode, created if absent. */
    public static Database sqlite(Path file) {
        if (file == null) {
            throw new InvalidArgumentException("file", "is null");
        }
        return builder(Dialect.SQLITE, "jdbc:sqlite:" + file.toAbsolutePath().normalize()).build();
    }

    /**
     * A database over a pool the host already has. The pool stays the host's: {@link #close()} does not
     * close it. The core migrations are applied now.
     */
    public static Database of(DataSource dataSource, Dialect dialect) {
        if (dataSource == null) {
            throw new InvalidArgumentException("dataSource", "is null");
        }
        if (dialect == null) {
            throw new InvalidArgumentException("dialect", "is null");
        }
        Database db = new Database(dataSource, null, dialect, dialect + " via " + dataSource.getClass().getName(),
                DEFAULT_MAX_ATTEMPTS, false);
        db.migrate(CORE_MIGRATIONS);
        return db;
    }

    /** A builder for a database with its own HikariCP pool. */
    public static Builder builder(Dialect dialect, String jdbcUrl) {
        return new Builder(dialect, jdbcUrl);
    }

    // Lock waits end in a retryable error instead of hanging; NULLs sort as in PostgreSQL.
    private static final String H2_OPTIONS = "LOCK_TIMEOUT=10000;DEFAULT_NULL_ORDERING=HIGH";

    /** The dialect. */
    public Dialect dialect() {
        return dialect;
    }

    /** The pool, for adapters that hand it to another library. Connections taken must be closed. */
    public DataSource dataSource() {
        return dataSource;
    }

    /**
     * Applies a module's migrations, once per database object; later calls return at once. Safe to
     * call from several threads and several JVMs at once.
     *
     * @throws StorageException if a migration fails. On PostgreSQL and SQLite, whose DDL is
     *     transactional, the failing script is rolled back whole; H2 commits each DDL statement, so
     *     scripts for it keep to one statement per table
     */
    public void migrate(SchemaMigrations migrations) {
        Objects.requireNonNull(migrations, "migrations");
        if (migratedModules.contains(migrations.module())) {
            return;
        }
        synchronized (migratedModules) {
            if (migratedModules.contains(migrations.module())) {
                return;
            }
            try {
                var result = Flyway.configure(Database.class.getClassLoader())
                        .dataSource(dataSource)
                        .table(migrations.historyTable())
                        .locations("classpath:" + migrations.location() + "/" + dialect.vendor())
                        // The host's own tables may already be in the schema: start our history at 0.
                        .baselineOnMigrate(true)
                        .baselineVersion("0")
                        .cleanDisabled(true)
                        .validateMigrationNaming(true)
                        .load()
                        .migrate();
                if (result.migrationsExecuted > 0) {
                    LOG.info("Applied {} migration(s) of module '{}' to {}", result.migrationsExecuted,
                            migrations.module(), description);
                }
            } catch (FlywayException e) {
                throw new StorageException("migrating module '" + migrations.module() + "' on " + description
                        + " failed: " + e.getMessage(), e);
            }
            migratedModules.add(migrations.module());
        }
    }

    /**
     * Runs {@code work} in a transaction at the connection's default isolation (READ COMMITTED on H2
     * and PostgreSQL), retrying on retryable failures; see the class comment.
     */
    public <T> T inTransaction(SqlWork<T> work) {
        return inTransaction(Isolation.DEFAULT, work);
    }

    /** Runs {@code work} in a transaction at the given isolation level, retrying on retryable failures. */
    public <T> T inTransaction(Isolation isolation, SqlWork<T> work) {
        Objects.requireNonNull(isolation, "isolation");
        Objects.requireNonNull(work, "work");
        for (int attempt = 1; ; attempt++) {
            try (Connection connection = connection()) {
                int previousIsolation = connection.getTransactionIsolation();
                try {
                    if (isolation != Isolation.DEFAULT) {
                        connection.setTransactionIsolation(isolation.jdbcLevel);
                    }
                    connection.setAutoCommit(false);
                    T result = work.run(connection);
                    connection.commit();
                    return result;
                } catch (SQLException e) {
                    rollback(connection, e);
                    if (!dialect.isRetryable(e)) {
                        throw new StorageException("database operation failed on " + description + ": "
                                + e.getMessage(), e);
                    }
                    if (attempt >= maxAttempts) {
                        throw new ConflictException("transaction on " + description + " failed " + attempt
                                + " times because of concurrent changes: " + e.getMessage(), e);
                    }
                    LOG.debug("Retrying transaction after attempt {} on {}: {}", attempt, description, e.toString());
                } catch (RuntimeException | Error e) {
                    rollback(connection, e);
                    throw e;
                } finally {
                    restore(connection, previousIsolation);
                }
            } catch (SQLException e) {
                // Closing the connection failed, or reading its isolation: the pool discards it.
                throw new StorageException("database connection failed on " + description + ": " + e.getMessage(), e);
            }
            backoff(attempt);
        }
    }

    /**
     * Runs {@code work} on a connection in auto-commit mode: for reads, and for single statements that
     * need no retry.
     */
    public <T> T withConnection(SqlWork<T> work) {
        Objects.requireNonNull(work, "work");
        try (Connection connection = connection()) {
            return work.run(connection);
        } catch (SQLException e) {
            throw new StorageException("database operation failed on " + description + ": " + e.getMessage(), e);
        }
    }

    private Connection connection() {
        try {
            return dataSource.getConnection();
        } catch (SQLException e) {
            throw new StorageException("could not get a connection to " + description + ": " + e.getMessage(), e);
        }
    }

    private static void rollback(Connection connection, Throwable cause) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    private static void restore(Connection connection, int isolation) {
        try {
            connection.setAutoCommit(true);
            if (connection.getTransactionIsolation() != isolation) {
                connection.setTransactionIsolation(isolation);
            }
        } catch (SQLException e) {
            // A connection that cannot be reset is broken; the pool notices on its next validation.
            LOG.debug("Could not reset connection state: {}", e.toString());
        }
    }

    private static void backoff(int attempt) {
        long maxMillis = Math.min(200, 2L << Math.min(attempt, 7));
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(1, maxMillis + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StorageException("interrupted while retrying a transaction", e);
        }
    }

    /**
     * Closes the pool this database created (an {@link #inMemory} database is dropped first); a host's
     * pool is left open. Idempotent.
     */
    @Override
    public void close() {
        if (ownedPool == null || ownedPool.isClosed()) {
            return;
        }
        if (shutdownOnClose) {
            try (Connection c = ownedPool.getConnection(); var s = c.createStatement()) {
                s.execute("SHUTDOWN");
            } catch (SQLException | RuntimeException e) {
                // The pool is being closed anyway; an in-memory database that did not shut down is
                // only memory, released when the JVM exits.
                LOG.debug("Could not drop in-memory database {}: {}", description, e.toString());
            }
        }
        ownedPool.close();
    }

    @Override
    public String toString() {
        return "Database[" + description + "]";
    }

    /** Transaction isolation levels for {@link #inTransaction(Isolation, SqlWork)}. */
    public enum Isolation {
        /** Whatever the connection uses by default: READ COMMITTED on H2 and PostgreSQL. */
        DEFAULT(-1),
        READ_COMMITTED(Connection.TRANSACTION_READ_COMMITTED),
        REPEATABLE_READ(Connection.TRANSACTION_REPEATABLE_READ),
        SERIALIZABLE(Connection.TRANSACTION_SERIALIZABLE);

        private final int jdbcLevel;

        Isolation(int jdbcLevel) {
            this.jdbcLevel = jdbcLevel;
        }
    }

    /**
     * Configures a database with its own HikariCP pool. Not thread-safe; {@link #build()} opens the
     * pool, checks that the database answers, and applies the core migrations.
     */
    public static final class Builder {
        private final Dialect dialect;
        private final String jdbcUrl;
        private String user;
        private String password;
        private int maximumPoolSize = 10;
        private Duration connectionTimeout = DEFAULT_CONNECTION_TIMEOUT;
        private int maxAttempts = DEFAULT_MAX_ATTEMPTS;
        private boolean shutdownOnClose;

        private Builder(Dialect dialect, String jdbcUrl) {
            if (dialect == null) {
                throw new InvalidArgumentException("dialect", "is null");
            }
            if (jdbcUrl == null || !jdbcUrl.startsWith("jdbc:")) {
                throw new InvalidArgumentException("jdbcUrl", "expected a JDBC URL starting with 'jdbc:'");
            }
            this.dialect = dialect;
            this.jdbcUrl = jdbcUrl;
        }

        /** The user name, if the URL does not carry it. */
        public Builder user(String user) {
            this.user = user;
            return this;
        }

        /** The password, if the URL does not carry it. */
        public Builder password(String password) {
            this.password = password;
            return this;
        }

        /** The most connections the pool opens (default 10). */
        public Builder maximumPoolSize(int size) {
            if (size < 1) {
                throw new InvalidArgumentException("maximumPoolSize", "must be >= 1, got " + size);
            }
            this.maximumPoolSize = size;
            return this;
        }

        /**
         * How long a call waits for a connection before failing with {@link StorageException}
         * (default 5 s; HikariCP's minimum is 250 ms).
         */
        public Builder connectionTimeout(Duration timeout) {
            if (timeout == null || timeout.toMillis() < 250) {
                throw new InvalidArgumentException("connectionTimeout", "must be at least 250 ms, got " + timeout);
            }
            this.connectionTimeout = timeout;
            return this;
        }

        /** How many times a transaction runs before a retryable failure is given up on (default 8). */
        public Builder maxAttempts(int attempts) {
            if (attempts < 1) {
                throw new InvalidArgumentException("maxAttempts", "must be >= 1, got " + attempts);
            }
            this.maxAttempts = attempts;
            return this;
        }

        /**
         * Opens the pool and applies the core migrations.
         *
         * @throws StorageException if the database cannot be reached within the connection timeout or a
         *     migration fails; no pool is left open then
         */
        public Database build() {
            HikariConfig config = new HikariConfig();
            config.setJdbcUrl(jdbcUrl);
            config.setUsername(user);
            config.setPassword(password);
            config.setMaximumPoolSize(maximumPoolSize);
            config.setMinimumIdle(Math.min(2, maximumPoolSize));
            config.setConnectionTimeout(connectionTimeout.toMillis());
            config.setValidationTimeout(Math.min(connectionTimeout.toMillis(), 5_000));
            config.setInitializationFailTimeout(connectionTimeout.toMillis());
            config.setPoolName("mlops-" + dialect.vendor());
            if (dialect == Dialect.SQLITE) {
                Properties p = new Properties();
                p.setProperty("journal_mode", "WAL");
                p.setProperty("busy_timeout", "10000");
                p.setProperty("transaction_mode", "IMMEDIATE");
                p.setProperty("foreign_keys", "true");
                config.setDataSourceProperties(p);
            }
            String description = dialect + " " + redact(jdbcUrl);
            HikariDataSource pool;
            try {
                pool = new HikariDataSource(config);
            } catch (RuntimeException e) {
                throw new StorageException("could not open " + description + ": " + rootMessage(e), e);
            }
            Database db = new Database(pool, pool, dialect, description, maxAttempts, shutdownOnClose);
            try {
                db.migrate(CORE_MIGRATIONS);
            } catch (RuntimeException e) {
                pool.close();
                throw e;
            }
            return db;
        }

        private static String rootMessage(Throwable e) {
            Throwable t = e;
            while (t.getCause() != null && t.getCause() != t) {
                t = t.getCause();
            }
            return t.getMessage();
        }

        /** The URL without query parameters, which may carry a password. */
        private static String redact(String url) {
            int q = url.indexOf('?');
            return q < 0 ? url : url.substring(0, q) + "?...";
        }
    }
}
