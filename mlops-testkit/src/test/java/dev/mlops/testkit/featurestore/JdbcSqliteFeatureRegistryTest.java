package dev.mlops.testkit.featurestore;

import dev.mlops.core.jdbc.Database;
import dev.mlops.featurestore.FeatureRegistry;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class JdbcSqliteFeatureRegistryTest extends FeatureRegistryConformance {

    @TempDir
    Path dir;

    private Database db;

    @Override
    protected FeatureRegistry newRegistry() {
        db = TestDatabases.sqlite(dir);
        return FeatureRegistry.jdbc(db);
    }

    @Override
    protected void closeResources() {
        db.close();
    }
}
