package dev.mlops.testkit.artifact;

import dev.mlops.core.artifact.ArtifactStore;

class InMemoryArtifactStoreTest extends ArtifactStoreContract {
    @Override
    protected ArtifactStore newStore() {
        return ArtifactStore.inMemory();
    }
}
