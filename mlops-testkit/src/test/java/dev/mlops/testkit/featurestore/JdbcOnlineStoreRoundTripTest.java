package dev.mlops.testkit.featurestore;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlops.core.ValueType;
import dev.mlops.core.jdbc.Database;
import dev.mlops.core.jdbc.Dialect;
import dev.mlops.featurestore.Entity;
import dev.mlops.featurestore.EntityKey;
import dev.mlops.featurestore.FeatureRow;
import dev.mlops.featurestore.FeatureService;
import dev.mlops.featurestore.FeatureStatus;
import dev.mlops.featurestore.FeatureStore;
import dev.mlops.featurestore.FeatureView;
import dev.mlops.featurestore.OnlineFeatures;
import dev.mlops.featurestore.OnlineStore;
import dev.mlops.featurestore.PushMode;
import dev.mlops.testkit.PostgresTestDatabase;
import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * "Reading many entities costs one round trip per view": the JDBC online store is given a data
 * source that counts the statements it prepares, on each dialect, and must answer 1,500 keys (more
 * than any {@code IN} list chunking would allow in one statement) with exactly one; the facade reads a
 * service over two views with exactly two.
 */
class JdbcOnlineStoreRoundTripTest {

    private static final Set<String> STATEMENT_METHODS = Set.of("prepareStatement", "createStatement", "prepareCall");
    private static final Instant T0 = Instant.parse("2024-05-01T00:00:00Z");

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void readsAnyNumberOfKeysOfOneViewInOneStatement(Dialect dialect) {
        AtomicInteger statements = new AtomicInteger();
        FeatureView view = FeatureView.builder("customer_stats")
                .entity(Entity.of("customer", "customer_id", ValueType.INT64))
                .feature("spend", ValueType.FLOAT64).ttl(Duration.ofDays(1)).build();
        try (Database db = Database.of(counting(url(dialect), statements), dialect)) {
            OnlineStore store = OnlineStore.jdbc(db);
            List<FeatureRow> rows = new ArrayList<>();
            for (long k = 0; k < 1_500; k++) {
                rows.add(FeatureRow.of(EntityKey.of(k), T0.plusSeconds(k), T0.plusSeconds(k), k * 0.25));
            }
            store.write(view, rows);
            List<EntityKey> keys = new ArrayList<>();
            for (long k = 1_499; k >= -3; k -= 1) {
                keys.add(EntityKey.of(k)); // newest first, three unknown keys at the end
            }
            keys.add(EntityKey.of(7L)); // a duplicate

            statements.set(0);
            List<Optional<FeatureRow>> read = store.read(view, keys);

            assertThat(statements).as("statements prepared for one read of %d keys", keys.size()).hasValue(1);
            assertThat(read).hasSize(keys.size());
            for (int i = 0; i < keys.size(); i++) {
                long k = (Long) keys.get(i).values().get(0);
                if (k < 0) {
                    assertThat(read.get(i)).as("unknown key %d", k).isEmpty();
                } else {
                    FeatureRow row = read.get(i).orElseThrow();
                    assertThat(row.key()).isEqualTo(keys.get(i));
                    assertThat(row.values()).containsExactly(k * 0.25);
                    assertThat(row.eventTimestamp()).isEqualTo(T0.plusSeconds(k));
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void onlineFeaturesOfAServiceOverTwoViewsCostTwoStatements(Dialect dialect) {
        AtomicInteger statements = new AtomicInteger();
        Entity customer = Entity.of("customer", "customer_id", ValueType.INT64);
        FeatureView spend = FeatureView.builder("spend").entity(customer).feature("total", ValueType.FLOAT64).build();
        FeatureView risk = FeatureView.builder("risk").entity(customer).feature("score", ValueType.INT64).build();
        FeatureService service = FeatureService.builder("model").features(spend).features(risk).build();
        try (Database db = Database.of(counting(url(dialect), statements), dialect);
                FeatureStore fs = FeatureStore.builder().onlineStore(OnlineStore.jdbc(db))
                        .clock(InstantSource.fixed(T0.plusSeconds(3600))).build()) {
            fs.apply(customer, spend, risk, service);
            List<Map<String, Object>> spendRows = new ArrayList<>();
            List<Map<String, Object>> riskRows = new ArrayList<>();
            List<Map<String, Object>> entityRows = new ArrayList<>();
            for (long k = 0; k < 100; k++) {
                spendRows.add(Map.of("customer_id", k, "event_timestamp", T0, "total", k * 2.0));
                riskRows.add(Map.of("customer_id", k, "event_timestamp", T0, "score", k % 7));
                entityRows.add(Map.of("customer_id", 99 - k));
            }
            fs.push("spend", spendRows, PushMode.ONLINE);
            fs.push("risk", riskRows, PushMode.ONLINE);

            statements.set(0);
            OnlineFeatures features = fs.getOnlineFeatures(service, entityRows);

            assertThat(statements).as("statements for 100 entities of a service over two views").hasValue(2);
            assertThat(features.rowCount()).isEqualTo(100);
            for (int row = 0; row < 100; row++) {
                long k = 99 - row;
                assertThat(features.value(row, "total")).isEqualTo(k * 2.0);
                assertThat(features.value(row, "score")).isEqualTo(k % 7);
                assertThat(features.status(row, "score")).isEqualTo(FeatureStatus.PRESENT);
            }
        }
    }

    private String url(Dialect dialect) {
        return switch (dialect) {
            case H2 -> "jdbc:h2:mem:rt-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
            case POSTGRESQL -> PostgresTestDatabase.newSchemaUrl();
            case SQLITE -> "jdbc:sqlite:" + dir.resolve("online.db");
        };
    }

    /** A data source opening plain driver connections that count every statement they create. */
    private static DataSource counting(String url, AtomicInteger statements) {
        return (DataSource) Proxy.newProxyInstance(JdbcOnlineStoreRoundTripTest.class.getClassLoader(),
                new Class<?>[] {DataSource.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getConnection" -> countingConnection(DriverManager.getConnection(url), statements);
                    case "getLogWriter" -> (PrintWriter) null;
                    case "getLoginTimeout" -> 0;
                    case "getParentLogger" -> Logger.getGlobal();
                    case "isWrapperFor" -> false;
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    case "toString" -> "counting data source for " + url;
                    default -> throw new SQLException("not supported by the test data source: " + method.getName());
                });
    }

    private static Connection countingConnection(Connection target, AtomicInteger statements) {
        return (Connection) Proxy.newProxyInstance(JdbcOnlineStoreRoundTripTest.class.getClassLoader(),
                new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                    if (STATEMENT_METHODS.contains(method.getName())) {
                        statements.incrementAndGet();
                    }
                    try {
                        return method.invoke(target, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
