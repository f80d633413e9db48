package dev.mlops.testkit.featurestore;

import dev.mlops.core.jdbc.Database;
import dev.mlops.featurestore.OnlineStore;

class JdbcH2OnlineStoreTest extends OnlineStoreConformance {

    private Database db;

    @Override
    protected OnlineStore newStore() {
        db = TestDatabases.h2();
        return OnlineStore.jdbc(db);
    }

    @Override
    protected void closeResources() {
        db.close();
    }
}
