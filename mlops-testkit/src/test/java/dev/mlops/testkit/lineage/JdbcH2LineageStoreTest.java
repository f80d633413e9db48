package dev.mlops.testkit.lineage;

import dev.mlops.core.jdbc.Database;
import dev.mlops.core.lineage.LineageStore;
import java.time.InstantSource;
import java.util.UUID;

class JdbcH2LineageStoreTest extends LineageStoreContract {

    private Database db;

    @Override
    protected LineageStore newStore(InstantSource clock) {
        db = Database.inMemory("lineage_" + UUID.randomUUID().toString().replace("-", ""));
        return LineageStore.jdbc(db, clock);
    }

    @Override
    protected void closeStore() {
        db.close(); // drops the in-memory database
    }
}
