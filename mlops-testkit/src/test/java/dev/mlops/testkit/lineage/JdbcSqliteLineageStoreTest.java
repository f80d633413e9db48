package dev.mlops.testkit.lineage;

import dev.mlops.core.jdbc.Database;
import dev.mlops.core.lineage.LineageStore;
import java.nio.file.Path;
import java.time.InstantSource;
import org.junit.jupiter.api.io.TempDir;

class JdbcSqliteLineageStoreTest extends LineageStoreContract {

    @TempDir
    Path dir;

    private Database db;

    @Override
    protected LineageStore newStore(InstantSource clock) {
        db = Database.sqlite(dir.resolve("lineage.db"));
        return LineageStore.jdbc(db, clock);
    }

    @Override
    protected void closeStore() {
        db.close();
    }
}
