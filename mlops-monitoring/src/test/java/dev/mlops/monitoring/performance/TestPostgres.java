package dev.mlops.monitoring.performance;

import dev.mlops.core.jdbc.Database;
import dev.mlops.core.jdbc.Dialect;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * A PostgreSQL server for this module's tests: the one named by {@code -Dmlops.test.postgres.url} or
 * {@code MLOPS_TEST_POSTGRES_URL} (what {@code .ci/run} sets), otherwise, unless {@code CI=true}, an
 * embedded one for this JVM. A small stand-in for mlops-testkit's PostgresTestDatabase, which this
 * module cannot use (the test kit depends on it). Each {@link #newDatabase()} gets its own schema.
 */
final class TestPostgres {

    private static String url;

    private TestPostgres() {}

    static synchronized String serverUrl() {
        if (url == null) {
            String configured = System.getProperty("mlops.test.postgres.url", System.getenv("MLOPS_TEST_POSTGRES_URL"));
            if (configured != null && !configured.isBlank()) {
                url = configured.trim();
            } else if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new IllegalStateException("CI=true but MLOPS_TEST_POSTGRES_URL is not set (.ci/run sets it)");
            } else {
                try {
                    EmbeddedPostgres pg = EmbeddedPostgres.start();
                    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                        try {
                            pg.close();
                        } catch (IOException e) {
                            // the JVM is exiting; the server dies with it
                        }
                    }));
                    url = "jdbc:postgresql://127.0.0.1:" + pg.getPort() + "/postgres?user=postgres";
                } catch (IOException e) {
                    throw new UncheckedIOException("could not start an embedded PostgreSQL", e);
                }
            }
        }
        return url;
    }

    static Database newDatabase() {
        String server = serverUrl();
        String schema = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        try (Connection c = DriverManager.getConnection(server); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create a schema on " + server, e);
        }
        String schemaUrl = server + (server.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        return Database.builder(Dialect.POSTGRESQL, schemaUrl).maximumPoolSize(4).build();
    }
}
