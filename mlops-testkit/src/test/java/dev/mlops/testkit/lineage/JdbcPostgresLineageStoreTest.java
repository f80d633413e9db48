package dev.mlops.testkit.lineage;

import dev.mlops.core.jdbc.Database;
import dev.mlops.core.lineage.LineageStore;
import dev.mlops.testkit.PostgresTestDatabase;
import java.time.InstantSource;

class JdbcPostgresLineageStoreTest extends LineageStoreContract {

    private Database db;

    @Override
    protected LineageStore newStore(InstantSource clock) {
        db = PostgresTestDatabase.newDatabase();
        return LineageStore.jdbc(db, clock);
    }

    @Override
    protected void closeStore() {
        db.close();
    }
}
