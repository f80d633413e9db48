package dev.mlops.testkit.registry;

import dev.mlops.core.jdbc.Database;
import dev.mlops.registry.tracking.TrackingStore;
import java.time.InstantSource;
import java.util.UUID;

/** The JDBC tracking store on in-memory H2 passes the conformance suite. */
class JdbcH2TrackingStoreTest extends TrackingStoreContract {

    private Database db;

    @Override
    protected TrackingStore newStore(InstantSource clock) {
        db = Database.inMemory("tracking_" + UUID.randomUUID().toString().replace("-", ""));
        return TrackingStore.jdbc(db, clock);
    }

    @Override
    protected void closeStore(TrackingStore store) {
        db.close();
    }
}
