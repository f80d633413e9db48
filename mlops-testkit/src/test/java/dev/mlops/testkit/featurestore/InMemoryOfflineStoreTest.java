package dev.mlops.testkit.featurestore;

import dev.mlops.featurestore.OfflineStore;

class InMemoryOfflineStoreTest extends OfflineStoreConformance {

    @Override
    protected OfflineStore newStore() {
        return OfflineStore.inMemory();
    }
}
