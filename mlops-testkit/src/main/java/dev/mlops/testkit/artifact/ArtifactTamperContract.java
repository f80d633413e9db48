package dev.mlops.testkit.artifact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mlops.core.StorageException;
import dev.mlops.core.artifact.ArtifactRef;
import dev.mlops.core.artifact.ArtifactStore;
import java.io.InputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Tamper detection for {@link ArtifactStore} adapters whose stored bytes live outside the JVM (files,
 * database rows): a test changes the stored bytes behind the store's back and the store must refuse to
 * hand them out as the original artifact.
 */
public abstract class ArtifactTamperContract {

    /** A fresh, empty store. */
    protected abstract ArtifactStore newStore() throws Exception;

    /** Replaces the stored bytes of {@code ref} with {@code replacement}, bypassing the store. */
    protected abstract void overwriteStoredBytes(ArtifactRef ref, byte[] replacement) throws Exception;

    /** Releases what {@link #newStore()} opened. */
    protected void closeStore() throws Exception {}

    private ArtifactStore store;

    @BeforeEach
    void openStore() throws Exception {
        store = newStore();
    }

    @AfterEach
    void releaseStore() throws Exception {
        closeStore();
    }

    @Test
    @DisplayName("content changed in place (same size) fails when the stream's end is read")
    void sameSizeTamper() throws Exception {
        byte[] content = ArtifactStoreContract.randomBytes(100_000, 5);
        ArtifactRef ref = store.put(content, "application/octet-stream");
        byte[] evil = content.clone();
        evil[50_000] ^= 1;
        overwriteStoredBytes(ref, evil);
        assertThatThrownBy(() -> {
            try (InputStream in = store.open(ref)) {
                in.readAllBytes();
            }
        }).isInstanceOf(StorageException.class).hasMessageContaining(ref.digest()).hasMessageContaining("digest");
    }

    @Test
    @DisplayName("content that grew or shrank is refused")
    void sizeTamper() throws Exception {
        byte[] content = ArtifactStoreContract.randomBytes(10_000, 6);
        ArtifactRef ref = store.put(content, "application/octet-stream");
        overwriteStoredBytes(ref, ArtifactStoreContract.randomBytes(10_001, 6));
        assertThatThrownBy(() -> store.readAllBytes(ref)).isInstanceOf(StorageException.class);
        overwriteStoredBytes(ref, new byte[10]);
        assertThatThrownBy(() -> store.readAllBytes(ref)).isInstanceOf(StorageException.class);
    }

    @Test
    @DisplayName("other artifacts stay readable after one is tampered with, and the tampered one stays refused")
    void storeStillWorks() throws Exception {
        byte[] content = ArtifactStoreContract.randomBytes(1000, 8);
        ArtifactRef ref = store.put(content, "application/octet-stream");
        overwriteStoredBytes(ref, new byte[1000]);
        ArtifactRef other = store.put(ArtifactStoreContract.randomBytes(1000, 9), "application/octet-stream");
        assertThat(store.readAllBytes(other)).isEqualTo(ArtifactStoreContract.randomBytes(1000, 9));
        assertThatThrownBy(() -> store.readAllBytes(ref)).isInstanceOf(StorageException.class);
    }
}
