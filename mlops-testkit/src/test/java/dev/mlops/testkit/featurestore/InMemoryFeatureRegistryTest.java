package dev.mlops.testkit.featurestore;

import dev.mlops.featurestore.FeatureRegistry;

class InMemoryFeatureRegistryTest extends FeatureRegistryConformance {

    @Override
    protected FeatureRegistry newRegistry() {
        return FeatureRegistry.inMemory();
    }
}
