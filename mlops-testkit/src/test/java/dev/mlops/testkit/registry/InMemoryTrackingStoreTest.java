package dev.mlops.testkit.registry;

import dev.mlops.registry.tracking.TrackingStore;
import java.time.InstantSource;

/** The in-memory tracking store passes the conformance suite. */
class InMemoryTrackingStoreTest extends TrackingStoreContract {

    @Override
    protected TrackingStore newStore(InstantSource clock) {
        return TrackingStore.inMemory(clock);
    }
}
