package dev.mlops.testkit.lineage;

import dev.mlops.core.lineage.LineageStore;
import java.time.InstantSource;

class InMemoryLineageStoreTest extends LineageStoreContract {
    @Override
    protected LineageStore newStore(InstantSource clock) {
        return LineageStore.inMemory(clock);
    }
}
