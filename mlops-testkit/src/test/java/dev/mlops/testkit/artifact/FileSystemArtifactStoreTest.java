package dev.mlops.testkit.artifact;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlops.core.artifact.ArtifactRef;
import dev.mlops.core.artifact.ArtifactStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSystemArtifactStoreTest extends ArtifactStoreContract {

    @TempDir
    Path root;

    @Override
    protected ArtifactStore newStore() {
        return ArtifactStore.fileSystem(root);
    }

    static Path fileOf(Path root, ArtifactRef ref) {
        return root.resolve("sha256").resolve(ref.digest().substring(0, 2)).resolve(ref.digest());
    }

    @Nested
    @DisplayName("tamper detection on files")
    class Tamper extends ArtifactTamperContract {
        @Override
        protected ArtifactStore newStore() {
            return ArtifactStore.fileSystem(root);
        }

        @Override
        protected void overwriteStoredBytes(ArtifactRef ref, byte[] replacement) throws Exception {
            Files.write(fileOf(root, ref), replacement);
        }
    }

    @Test
    @DisplayName("lays files out by digest and leaves no temporary files behind")
    void layout() throws Exception {
        ArtifactRef ref = store.put(new byte[] {1, 2, 3}, "application/octet-stream");
        assertThat(fileOf(root, ref)).exists().hasBinaryContent(new byte[] {1, 2, 3});
        try (Stream<Path> tmp = Files.list(root.resolve("tmp"))) {
            assertThat(tmp).isEmpty();
        }
    }

    @Test
    @DisplayName("a store reopened on the same directory sees what was stored")
    void reopen() {
        ArtifactRef ref = store.put(new byte[] {7}, "application/octet-stream");
        assertThat(ArtifactStore.fileSystem(root).readAllBytes(ref)).containsExactly(7);
    }
}
