package dev.mlops.core.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.mlops.core.ConflictException;
import dev.mlops.core.InvalidArgumentException;
import dev.mlops.core.StorageException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.h2.tools.Server;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseTest {

    static final SchemaMigrations SECOND = new SchemaMigrations("second", "dev/mlops/core/testmigrations/second");

    private Database db;

    @AfterEach
    void close() {
        if (db != null) {
            db.close();
        }
    }

    static Database freshInMemory() {
        return Database.inMemory("db_" + UUID.randomUUID().toString().replace("-", ""));
    }

    static long count(Database db, String sql) {
        return db.withConnection(c -> {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    @Nested
    @DisplayName("migrations")
    class Migrations {

        @Test
        @DisplayName("opening the embedded default creates the file and applies the core migrations")
        void embeddedAppliesCore(@TempDir Path dir) {
            db = Database.embedded(dir);
            assertThat(dir.resolve("mlops.mv.db")).exists();
            assertThat(count(db, "SELECT COUNT(*) FROM mlops_artifact")).isZero();
            assertThat(count(db, "SELECT COUNT(*) FROM \"mlops_core_schema_history\" WHERE \"success\"")).isPositive();
        }

        @Test
        @DisplayName("reopening applies nothing twice and keeps the data")
        void reopen(@TempDir Path dir) {
            db = Database.embedded(dir);
            db.migrate(SECOND);
            db.withConnection(c -> c.createStatement().executeUpdate("INSERT INTO test_note VALUES (1, 'kept')"));
            long history = count(db, "SELECT COUNT(*) FROM \"mlops_second_schema_history\"");
            db.close();
            db = Database.embedded(dir);
            db.migrate(SECOND);
            db.migrate(SECOND);
            assertThat(count(db, "SELECT COUNT(*) FROM \"mlops_second_schema_history\"")).isEqualTo(history);
            assertThat(count(db, "SELECT COUNT(*) FROM test_note")).isEqualTo(1);
        }

        @Test
        @DisplayName("a module's migrations sit beside a host's own Flyway history without touching it")
        void besideHostMigrations() {
            db = freshInMemory();
            db.withConnection(c -> {
                try (Statement s = c.createStatement()) {
                    s.execute("CREATE TABLE host_orders (id INTEGER PRIMARY KEY)");
                    s.execute("CREATE TABLE \"flyway_schema_history\" (\"installed_rank\" INTEGER PRIMARY KEY)");
                    s.execute("INSERT INTO \"flyway_schema_history\" VALUES (42)");
                }
                return null;
            });
            db.migrate(SECOND);
            assertThat(count(db, "SELECT COUNT(*) FROM test_counter")).isEqualTo(1);
            assertThat(count(db, "SELECT COUNT(*) FROM \"flyway_schema_history\"")).isEqualTo(1);
            assertThat(count(db, "SELECT COUNT(*) FROM host_orders")).isZero();
        }

        @Test
        @DisplayName("a failing migration surfaces as a StorageException naming the module")
        void failingMigration() {
            db = freshInMemory();
            assertThatThrownBy(() -> db.migrate(new SchemaMigrations("broken", "dev/mlops/core/testmigrations/broken")))
                    .isInstanceOf(StorageException.class)
                    .hasMessageContaining("migrating module 'broken'");
            // The module is not marked done, so a later call tries again instead of pretending.
            assertThatThrownBy(() -> db.migrate(new SchemaMigrations("broken", "dev/mlops/core/testmigrations/broken")))
                    .isInstanceOf(StorageException.class);
        }

        @Test
        @DisplayName("module names and locations are validated")
        void validation() {
            assertThatThrownBy(() -> new SchemaMigrations("Core!", "a/b")).isInstanceOf(InvalidArgumentException.class);
            assertThatThrownBy(() -> new SchemaMigrations("core", "../etc")).isInstanceOf(InvalidArgumentException.class);
            assertThat(new SchemaMigrations("featurestore", "a/b").historyTable())
                    .isEqualTo("mlops_featurestore_schema_history");
        }
    }

    @Nested
    @DisplayName("transactions")
    class Transactions {

        @Test
        @DisplayName("commit what the work did and return its result")
        void commits() {
            db = freshInMemory();
            db.migrate(SECOND);
            long n = db.inTransaction(c -> {
                c.createStatement().executeUpdate("UPDATE test_counter SET n = n + 5 WHERE id = 1");
                return 5L;
            });
            assertThat(n).isEqualTo(5);
            assertThat(count(db, "SELECT n FROM test_counter")).isEqualTo(5);
        }

        @Test
        @DisplayName("roll back and rethrow unchanged when the work rejects its input")
        void rollsBackOnMlopsException() {
            db = freshInMemory();
            db.migrate(SECOND);
            assertThatThrownBy(() -> db.inTransaction(c -> {
                c.createStatement().executeUpdate("INSERT INTO test_note VALUES (1, 'half')");
                throw new InvalidArgumentException("body", "too short");
            })).isInstanceOf(InvalidArgumentException.class).hasMessage("body: too short");
            assertThat(count(db, "SELECT COUNT(*) FROM test_note")).isZero();
        }

        @Test
        @DisplayName("retry the whole work after a serialization failure and succeed")
        void retriesRetryable() {
            db = freshInMemory();
            db.migrate(SECOND);
            AtomicInteger attempts = new AtomicInteger();
            long result = db.inTransaction(c -> {
                c.createStatement().executeUpdate("UPDATE test_counter SET n = n + 1 WHERE id = 1");
                if (attempts.incrementAndGet() < 3) {
                    throw new SQLException("could not serialize access", "40001");
                }
                return 1L;
            });
            assertThat(result).isEqualTo(1);
            assertThat(attempts).hasValue(3);
            assertThat(count(db, "SELECT n FROM test_counter")).as("failed attempts rolled back").isEqualTo(1);
        }

        @Test
        @DisplayName("give up with a ConflictException after the last attempt")
        void exhaustsRetries() {
            db = Database.builder(Dialect.H2, "jdbc:h2:mem:" + UUID.randomUUID().toString().replace("-", "")
                    + ";DB_CLOSE_DELAY=-1").maxAttempts(3).build();
            AtomicInteger attempts = new AtomicInteger();
            assertThatThrownBy(() -> db.inTransaction(c -> {
                attempts.incrementAndGet();
                throw new SQLException("Timeout trying to lock table", "HYT00", 50200);
            })).isInstanceOf(ConflictException.class).hasMessageContaining("failed 3 times");
            assertThat(attempts).hasValue(3);
        }

        @Test
        @DisplayName("turn other SQL failures into a StorageException with the cause kept, without retrying")
        void storageException() {
            db = freshInMemory();
            AtomicInteger attempts = new AtomicInteger();
            assertThatThrownBy(() -> db.inTransaction(c -> {
                attempts.incrementAndGet();
                return c.createStatement().executeQuery("SELECT * FROM no_such_table");
            })).isInstanceOf(StorageException.class).hasCauseInstanceOf(SQLException.class)
                    .hasMessageContaining("NO_SUCH_TABLE");
            assertThat(attempts).hasValue(1);
        }

        @Test
        @DisplayName("a real lock conflict between two H2 transactions is retried until it succeeds")
        void realLockConflict() throws Exception {
            String name = "lock_" + UUID.randomUUID().toString().replace("-", "");
            db = Database.builder(Dialect.H2, "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=100").build();
            db.migrate(SECOND);
            java.util.concurrent.CountDownLatch locked = new java.util.concurrent.CountDownLatch(1);
            java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
            Thread holder = new Thread(() -> db.inTransaction(c -> {
                c.createStatement().executeUpdate("UPDATE test_counter SET n = n + 1 WHERE id = 1");
                locked.countDown();
                awaitUninterruptibly(release);
                return null;
            }));
            holder.start();
            locked.await();
            AtomicInteger attempts = new AtomicInteger();
            Thread waiter = new Thread(() -> db.inTransaction(c -> {
                if (attempts.incrementAndGet() == 2) {
                    release.countDown(); // the first attempt timed out on the lock; let the holder finish
                }
                c.createStatement().executeUpdate("UPDATE test_counter SET n = n + 10 WHERE id = 1");
                return null;
            }));
            waiter.start();
            waiter.join();
            holder.join();
            assertThat(attempts.get()).isGreaterThanOrEqualTo(2);
            assertThat(count(db, "SELECT n FROM test_counter")).isEqualTo(11);
        }
    }

    static void awaitUninterruptibly(java.util.concurrent.CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Nested
    @DisplayName("failures of the database itself")
    class Failures {

        @Test
        @DisplayName("a server that cannot be reached fails the open with a StorageException within the timeout")
        void unreachableAtOpen() {
            assertTimeoutPreemptively(Duration.ofSeconds(20), () -> assertThatThrownBy(() ->
                    Database.builder(Dialect.POSTGRESQL, "jdbc:postgresql://127.0.0.1:1/none?connectTimeout=1")
                            .user("nobody").connectionTimeout(Duration.ofSeconds(1)).build())
                    .isInstanceOf(StorageException.class)
                    .hasMessageContaining("could not open POSTGRESQL jdbc:postgresql://127.0.0.1:1/none"));
        }

        @Test
        @DisplayName("a server that goes down makes calls fail with a StorageException, never hang")
        void serverGoesDown() throws Exception {
            Server server = Server.createTcpServer("-tcpPort", "0", "-ifNotExists").start();
            try {
                db = Database.builder(Dialect.H2, "jdbc:h2:tcp://127.0.0.1:" + server.getPort() + "/mem:down"
                        + UUID.randomUUID().toString().replace("-", "")).connectionTimeout(Duration.ofSeconds(1)).build();
                assertThat(count(db, "SELECT COUNT(*) FROM mlops_artifact")).isZero();
            } finally {
                server.stop();
            }
            assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
                for (int i = 0; i < 3; i++) {
                    assertThatThrownBy(() -> count(db, "SELECT COUNT(*) FROM mlops_artifact"))
                            .isInstanceOf(StorageException.class);
                }
            });
        }

        @Test
        @DisplayName("closing an in-memory database drops it, so reopening the name starts empty")
        void inMemoryDroppedOnClose() {
            String name = "drop_" + UUID.randomUUID().toString().replace("-", "");
            try (Database first = Database.inMemory(name)) {
                first.migrate(SECOND);
                first.withConnection(c -> c.createStatement().executeUpdate("INSERT INTO test_note VALUES (1, 'x')"));
            }
            db = Database.inMemory(name);
            assertThatThrownBy(() -> count(db, "SELECT COUNT(*) FROM test_note")).isInstanceOf(StorageException.class);
            db.close();
            db.close(); // idempotent
        }

        @Test
        @DisplayName("a builder rejects bad settings before opening anything")
        void builderValidation() {
            assertThatThrownBy(() -> Database.builder(Dialect.H2, "h2:mem:x")).isInstanceOf(InvalidArgumentException.class);
            assertThatThrownBy(() -> Database.builder(Dialect.H2, "jdbc:h2:mem:x").maximumPoolSize(0))
                    .isInstanceOf(InvalidArgumentException.class);
            assertThatThrownBy(() -> Database.builder(Dialect.H2, "jdbc:h2:mem:x").connectionTimeout(Duration.ofMillis(10)))
                    .isInstanceOf(InvalidArgumentException.class);
            assertThatThrownBy(() -> Database.inMemory("../x")).isInstanceOf(InvalidArgumentException.class);
            assertThatThrownBy(() -> Database.embedded(null)).isInstanceOf(InvalidArgumentException.class);
        }

        @Test
        @DisplayName("a host's pool is left open when the database is closed")
        void hostPoolStaysOpen() throws Exception {
            org.h2.jdbcx.JdbcDataSource host = new org.h2.jdbcx.JdbcDataSource();
            host.setURL("jdbc:h2:mem:host" + UUID.randomUUID().toString().replace("-", "") + ";DB_CLOSE_DELAY=-1");
            Database shared = Database.of(host, Dialect.H2);
            shared.close();
            try (var c = host.getConnection(); var s = c.createStatement();
                    var rs = s.executeQuery("SELECT COUNT(*) FROM mlops_artifact")) {
                assertThat(rs.next()).isTrue();
            }
        }

        @Test
        @DisplayName("SQLite databases open in WAL mode and apply the core migrations")
        void sqlite(@TempDir Path dir) {
            db = Database.sqlite(dir.resolve("m.db"));
            assertThat(count(db, "SELECT COUNT(*) FROM mlops_artifact")).isZero();
            String mode = db.withConnection(c -> {
                try (var rs = c.createStatement().executeQuery("PRAGMA journal_mode")) {
                    rs.next();
                    return rs.getString(1);
                }
            });
            assertThat(mode).isEqualToIgnoringCase("wal");
            assertThat(Files.exists(dir.resolve("m.db"))).isTrue();
        }
    }
}
