package dev.mlops.testkit.artifact;

import dev.mlops.core.artifact.ArtifactRef;
import dev.mlops.core.artifact.ArtifactStore;
import dev.mlops.core.jdbc.Database;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;

class JdbcH2ArtifactStoreTest extends ArtifactStoreContract {

    private Database db;

    @Override
    protected ArtifactStore newStore() {
        db = Database.inMemory("artifacts_" + java.util.UUID.randomUUID().toString().replace("-", ""));
        return ArtifactStore.jdbc(db);
    }

    @Override
    protected void closeStore() {
        db.close();
    }

    @Nested
    @DisplayName("tamper detection on database rows")
    class Tamper extends ArtifactTamperContract {
        private Database tamperDb;

        @Override
        protected ArtifactStore newStore() {
            tamperDb = Database.inMemory("artifacts_" + java.util.UUID.randomUUID().toString().replace("-", ""));
            return ArtifactStore.jdbc(tamperDb);
        }

        @Override
        protected void overwriteStoredBytes(ArtifactRef ref, byte[] replacement) {
            JdbcArtifactStores.overwrite(tamperDb, ref, replacement);
        }

        @Override
        protected void closeStore() {
            tamperDb.close();
        }
    }
}
