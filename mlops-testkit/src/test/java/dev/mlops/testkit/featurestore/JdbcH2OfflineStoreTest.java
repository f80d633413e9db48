package dev.mlops.testkit.featurestore;

import dev.mlops.core.jdbc.Database;
import dev.mlops.featurestore.OfflineStore;

class JdbcH2OfflineStoreTest extends OfflineStoreConformance {

    private Database db;

    @Override
    protected OfflineStore newStore() {
        db = TestDatabases.h2();
        return OfflineStore.jdbc(db);
    }

    @Override
    protected void closeResources() {
        db.close();
    }
}
