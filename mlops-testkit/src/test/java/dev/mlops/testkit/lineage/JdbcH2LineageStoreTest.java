package dev.mlops.testkit.lineage;

import dev.mlops.core.jdbc.Database;
import dev.mlops.core.lineage.LineageStore;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.InstantSource;
import java.util.UUID;

class JdbcH2LineageStoreTest extends LineageStoreContract {

    private String name;
    private Database db;

    @Override
    protected LineageStore newStore(InstantSource clock) {
        name = "lineage_" + UUID.randomUUID().toString().replace("-", "");
        db = Database.inMemory(name);
        return LineageStore.jdbc(db, clock);
    }

    @Override
    protected void closeStore() throws Exception {
        db.close();
        // An in-memory H2 database opened with DB_CLOSE_DELAY=-1 outlives its pool: drop it.
        try (Connection c = DriverManager.getConnection("jdbc:h2:mem:" + name); Statement s = c.createStatement()) {
            s.execute("SHUTDOWN");
        }
    }
}
