package dev.mlops.testkit.performance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlops.monitoring.performance.PredictionLog;
import dev.mlops.core.jdbc.Database;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class JdbcH2PredictionLogTest extends PredictionLogContract {

    private Database db;

    @Override
    protected PredictionLog newLog() {
        db = Database.inMemory("predictions-" + UUID.randomUUID());
        return PredictionLog.jdbc(db);
    }

    @Override
    protected void closeLog() {
        db.close();
    }

    @Test
    @DisplayName("a second log on the same database sees the first one's rows, migrations applied once")
    void sharedDatabase() {
        log.append(List.of(binary("a", T0, 0.5)));
        PredictionLog again = PredictionLog.jdbc(db);
        assertThat(scanAll(again, "fraud")).hasSize(1);
    }
}
