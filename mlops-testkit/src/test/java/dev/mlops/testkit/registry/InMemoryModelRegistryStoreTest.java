package dev.mlops.testkit.registry;

import dev.mlops.registry.model.ModelRegistryStore;
import java.time.InstantSource;

/** The in-memory model registry store passes the conformance suite. */
class InMemoryModelRegistryStoreTest extends ModelRegistryStoreContract {

    @Override
    protected ModelRegistryStore newStore(InstantSource clock) {
        return ModelRegistryStore.inMemory(clock);
    }
}
