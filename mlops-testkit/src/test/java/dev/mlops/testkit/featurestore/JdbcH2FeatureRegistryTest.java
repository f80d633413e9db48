package dev.mlops.testkit.featurestore;

import dev.mlops.core.jdbc.Database;
import dev.mlops.featurestore.FeatureRegistry;

class JdbcH2FeatureRegistryTest extends FeatureRegistryConformance {

    private Database db;

    @Override
    protected FeatureRegistry newRegistry() {
        db = TestDatabases.h2();
        return FeatureRegistry.jdbc(db);
    }

    @Override
    protected void closeResources() {
        db.close();
    }
}
