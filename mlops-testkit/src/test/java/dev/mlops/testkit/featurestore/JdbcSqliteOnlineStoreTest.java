package dev.mlops.testkit.featurestore;

import dev.mlops.core.jdbc.Database;
import dev.mlops.featurestore.OnlineStore;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class JdbcSqliteOnlineStoreTest extends OnlineStoreConformance {

    @TempDir
    Path dir;

    private Database db;

    @Override
    protected OnlineStore newStore() {
        db = TestDatabases.sqlite(dir);
        return OnlineStore.jdbc(db);
    }

    @Override
    protected void closeResources() {
        db.close();
    }
}
