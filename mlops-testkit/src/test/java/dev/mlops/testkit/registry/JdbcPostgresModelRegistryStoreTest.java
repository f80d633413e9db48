package dev.mlops.testkit.registry;

import dev.mlops.core.jdbc.Database;
import dev.mlops.registry.model.ModelRegistryStore;
import java.time.InstantSource;

/** The JDBC model registry store on Postgres passes the conformance suite. */
class JdbcPostgresModelRegistryStoreTest extends ModelRegistryStoreContract {

    private Database db;

    @Override
    protected ModelRegistryStore newStore(InstantSource clock) {
        db = dev.mlops.testkit.PostgresTestDatabase.newDatabase();
        return ModelRegistryStore.jdbc(db, clock);
    }

    @Override
    protected void closeStore(ModelRegistryStore store) {
        db.close();
    }
}
