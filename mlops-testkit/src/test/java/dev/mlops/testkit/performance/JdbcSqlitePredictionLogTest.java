package dev.mlops.testkit.performance;

import dev.mlops.monitoring.performance.PredictionLog;
import dev.mlops.core.jdbc.Database;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

class JdbcSqlitePredictionLogTest extends PredictionLogContract {

    private Database db;
    private Path dir;

    @Override
    protected PredictionLog newLog() {
        try {
            dir = Files.createTempDirectory("predictions-sqlite");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        db = Database.sqlite(dir.resolve("mlops.db"));
        return PredictionLog.jdbc(db);
    }

    @Override
    protected void closeLog() {
        db.close();
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
