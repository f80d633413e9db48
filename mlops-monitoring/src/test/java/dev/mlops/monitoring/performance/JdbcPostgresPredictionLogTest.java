package dev.mlops.monitoring.performance;

import dev.mlops.core.jdbc.Database;

class JdbcPostgresPredictionLogTest extends PredictionLogContract {

    private Database db;

    @Override
    protected PredictionLog newLog() {
        db = TestPostgres.newDatabase();
        return PredictionLog.jdbc(db);
    }

    @Override
    protected void closeLog() {
        db.close();
    }
}
