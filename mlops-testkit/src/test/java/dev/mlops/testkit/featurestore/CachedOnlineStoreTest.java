package dev.mlops.testkit.featurestore;

import dev.mlops.featurestore.OnlineStore;
import dev.mlops.featurestore.cache.CachedOnlineStore;
import java.time.Duration;

class CachedOnlineStoreTest extends OnlineStoreConformance {

    @Override
    protected OnlineStore newStore() {
        return CachedOnlineStore.builder(OnlineStore.inMemory()).maximumSize(64)
                .expireAfterWrite(Duration.ofMinutes(5)).build();
    }
}
