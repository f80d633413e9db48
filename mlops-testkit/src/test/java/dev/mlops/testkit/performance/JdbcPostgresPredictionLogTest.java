package dev.mlops.testkit.performance;

import dev.mlops.monitoring.performance.PredictionLog;
import dev.mlops.core.jdbc.Database;

class JdbcPostgresPredictionLogTest extends PredictionLogContract {

    private Database db;

    @Override
    protected PredictionLog newLog() {
        db = dev.mlops.testkit.PostgresTestDatabase.newDatabase();
        return PredictionLog.jdbc(db);
    }

    @Override
    protected void closeLog() {
        db.close();
    }
}
