package dev.mlops.testkit.featurestore;

import dev.mlops.core.jdbc.Database;
import dev.mlops.featurestore.OnlineStore;

class JdbcPostgresOnlineStoreTest extends OnlineStoreConformance {

    private Database db;

    @Override
    protected OnlineStore newStore() {
        db = TestDatabases.postgres();
        return OnlineStore.jdbc(db);
    }

    @Override
    protected void closeResources() {
        db.close();
    }
}
