package dev.mlops.testkit.featurestore;

import dev.mlops.featurestore.OnlineStore;

class InMemoryOnlineStoreTest extends OnlineStoreConformance {

    @Override
    protected OnlineStore newStore() {
        return OnlineStore.inMemory();
    }
}
