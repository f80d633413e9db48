package dev.mlops.testkit.featurestore;

import dev.mlops.core.jdbc.Database;
import dev.mlops.featurestore.OfflineStore;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class JdbcSqliteOfflineStoreTest extends OfflineStoreConformance {

    @TempDir
    Path dir;

    private Database db;

    @Override
    protected OfflineStore newStore() {
        db = TestDatabases.sqlite(dir);
        return OfflineStore.jdbc(db);
    }

    @Override
    protected void closeResources() {
        db.close();
    }
}
