package dev.mlops.testkit.featurestore;

import dev.mlops.featurestore.OfflineStore;
import dev.mlops.featurestore.arrow.ArrowFileOfflineStore;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The Arrow IPC file store, compacting after three parts a day so that the suite exercises merging. */
class ArrowFileOfflineStoreTest extends OfflineStoreConformance {

    @TempDir
    Path dir;

    @Override
    protected OfflineStore newStore() {
        return ArrowFileOfflineStore.builder(dir).compactAfter(3).build();
    }
}
