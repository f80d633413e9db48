package dev.mlops.testkit.registry;

import dev.mlops.core.jdbc.Database;
import dev.mlops.registry.tracking.TrackingStore;
import dev.mlops.testkit.PostgresTestDatabase;
import java.time.InstantSource;

/** The JDBC tracking store on PostgreSQL passes the conformance suite. */
class JdbcPostgresTrackingStoreTest extends TrackingStoreContract {

    private Database db;

    @Override
    protected TrackingStore newStore(InstantSource clock) {
        db = PostgresTestDatabase.newDatabase();
        return TrackingStore.jdbc(db, clock);
    }

    @Override
    protected void closeStore(TrackingStore store) {
        db.close();
    }
}
