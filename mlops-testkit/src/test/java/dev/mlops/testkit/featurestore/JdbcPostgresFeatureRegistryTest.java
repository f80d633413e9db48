package dev.mlops.testkit.featurestore;

import dev.mlops.core.jdbc.Database;
import dev.mlops.featurestore.FeatureRegistry;

class JdbcPostgresFeatureRegistryTest extends FeatureRegistryConformance {

    private Database db;

    @Override
    protected FeatureRegistry newRegistry() {
        db = TestDatabases.postgres();
        return FeatureRegistry.jdbc(db);
    }

    @Override
    protected void closeResources() {
        db.close();
    }
}
