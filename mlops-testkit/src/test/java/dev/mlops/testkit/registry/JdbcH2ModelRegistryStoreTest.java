package dev.mlops.testkit.registry;

import dev.mlops.core.jdbc.Database;
import dev.mlops.registry.model.ModelRegistryStore;
import java.time.InstantSource;

/** The JDBC model registry store on H2 passes the conformance suite. */
class JdbcH2ModelRegistryStoreTest extends ModelRegistryStoreContract {

    private Database db;

    @Override
    protected ModelRegistryStore newStore(InstantSource clock) {
        db = Database.inMemory("registry_" + java.util.UUID.randomUUID().toString().replace("-", ""));
        return ModelRegistryStore.jdbc(db, clock);
    }

    @Override
    protected void closeStore(ModelRegistryStore store) {
        db.close();
    }
}
