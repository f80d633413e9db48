package dev.mlops.testkit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mlops.core.StorageException;
import dev.mlops.core.jdbc.Database;
import dev.mlops.core.jdbc.Dialect;
import dev.mlops.core.jdbc.SchemaMigrations;
import dev.mlops.testkit.PostgresTestDatabase;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** What only a real PostgreSQL server can show: cross-JVM migration safety, real serialization failures. */
class PostgresDatabaseTest {

    static long count(Database db, String sql) {
        return db.withConnection(c -> {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    @Test
    @DisplayName("two JVMs and two pools opening one fresh database at once apply each migration exactly once")
    void concurrentMigrationAcrossJvms() throws Exception {
        String url = PostgresTestDatabase.newSchemaUrl();
        List<Process> processes = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            processes.add(new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), OpenDatabase.class.getName(), url)
                    .redirectErrorStream(true).start());
        }
        ExecutorService pool = Executors.newFixedThreadPool(2);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<Database>> opened = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                opened.add(pool.submit(() -> {
                    go.await();
                    return Database.builder(Dialect.POSTGRESQL, url).maximumPoolSize(2).build();
                }));
            }
            go.countDown();
            List<Database> dbs = new ArrayList<>();
            for (Future<Database> f : opened) {
                dbs.add(f.get(60, TimeUnit.SECONDS));
            }
            for (Process p : processes) {
                assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
                String output = new String(p.getInputStream().readAllBytes());
                assertThat(p.exitValue()).as(output).isZero();
            }
            Database db = dbs.get(0);
            long applied = count(db, "SELECT COUNT(*) FROM mlops_core_schema_history WHERE success AND version IS NOT NULL");
            long distinct = count(db,
                    "SELECT COUNT(DISTINCT version) FROM mlops_core_schema_history WHERE success AND version IS NOT NULL");
            assertThat(applied).isPositive().isEqualTo(distinct);
            assertThat(count(db, "SELECT COUNT(*) FROM mlops_artifact")).isZero();
            dbs.forEach(Database::close);
        } finally {
            pool.shutdownNow();
            processes.forEach(Process::destroyForcibly);
        }
    }

    @Test
    @DisplayName("a failing migration leaves nothing of its script behind")
    void failingMigrationRollsBack() {
        try (Database db = PostgresTestDatabase.newDatabase()) {
            assertThatThrownBy(() -> db.migrate(new SchemaMigrations("broken", "dev/mlops/testkit/brokenmigration")))
                    .isInstanceOf(StorageException.class).hasMessageContaining("migrating module 'broken'");
            assertThat(count(db, "SELECT COUNT(*) FROM information_schema.tables WHERE table_name = 'broken_one'"
                    + " AND table_schema = current_schema()")).isZero();
        }
    }

    @Test
    @DisplayName("serializable transactions that conflict are retried until every increment lands")
    void serializationFailuresRetried() throws Exception {
        try (Database db = Database.builder(Dialect.POSTGRESQL, PostgresTestDatabase.newSchemaUrl())
                .maximumPoolSize(8).maxAttempts(50).build()) {
            db.withConnection(c -> c.createStatement().executeUpdate(
                    "CREATE TABLE counter (id INT PRIMARY KEY, n BIGINT NOT NULL); INSERT INTO counter VALUES (1, 0)"));
            int threads = 8;
            int perThread = 25;
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            CountDownLatch go = new CountDownLatch(1);
            try {
                List<Future<?>> done = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    done.add(pool.submit(() -> {
                        go.await();
                        for (int i = 0; i < perThread; i++) {
                            db.inTransaction(Database.Isolation.SERIALIZABLE, c -> {
                                long n;
                                try (ResultSet rs = c.createStatement().executeQuery("SELECT n FROM counter WHERE id = 1")) {
                                    rs.next();
                                    n = rs.getLong(1);
                                }
                                c.createStatement().executeUpdate("UPDATE counter SET n = " + (n + 1) + " WHERE id = 1");
                                return null;
                            });
                        }
                        return null;
                    }));
                }
                go.countDown();
                for (Future<?> f : done) {
                    f.get(120, TimeUnit.SECONDS);
                }
            } finally {
                pool.shutdownNow();
            }
            assertThat(count(db, "SELECT n FROM counter")).isEqualTo((long) threads * perThread);
        }
    }
}
