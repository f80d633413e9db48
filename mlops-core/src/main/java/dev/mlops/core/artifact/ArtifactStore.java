package dev.mlops.core.artifact;

import dev.mlops.core.jdbc.Database;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * Content-addressed storage for model files, datasets and other artifacts.
 *
 * <p>{@link #put} reads a stream to its end, stores the bytes under their SHA-256 digest and returns
 * an {@link ArtifactRef}; storing the same bytes again stores nothing new. {@link #open} streams the
 * bytes back and verifies size and digest while doing so: a stream whose content does not match its
 * ref throws {@link dev.mlops.core.StorageException} at the latest when its end is read, so a caller
 * that reads to the end never silently uses tampered or truncated bytes.
 *
 * <p>Deleting is by content: two refs with the same digest share their bytes, and deleting either
 * deletes both. Keeping artifacts that are still referenced is the caller's job (the model registry
 * never deletes the artifact of a registered version).
 *
 * <p>Adapters: {@link #inMemory()}, {@link #fileSystem(Path)}, {@link #jdbc(Database)}. Every adapter is
 * thread-safe and passes {@code ArtifactStoreContract} in {@code mlops-testkit}.
 */
public interface ArtifactStore {

    /**
     * Stores everything {@code content} yields, up to its end. The stream is not closed.
     *
     * @param mediaType the media type recorded in the returned ref
     * @throws dev.mlops.core.InvalidArgumentException if {@code content} is null or the media type invalid
     * @throws dev.mlops.core.StorageException if reading the stream or writing the store failed;
     *     nothing is stored then
     */
    ArtifactRef put(InputStream content, String mediaType);

    /** Stores {@code content} as {@code application/octet-stream}. */
    default ArtifactRef put(InputStream content) {
        return put(content, ArtifactRef.OCTET_STREAM);
    }

    /** Stores a byte array. */
    default ArtifactRef put(byte[] content, String mediaType) {
        if (content == null) {
            throw new dev.mlops.core.InvalidArgumentException("content", "is null");
        }
        return put(new ByteArrayInputStream(content), mediaType);
    }

    /**
     * Opens the content of {@code ref} for reading; the caller closes the stream. The stream verifies
     * size and digest as it is read.
     *
     * @throws dev.mlops.core.NotFoundException if nothing is stored under the ref's digest
     * @throws dev.mlops.core.StorageException if the stored size differs from the ref's (at once), or
     *     the content does not match the digest (when the end of the stream is read)
     */
    InputStream open(ArtifactRef ref);

    /** Reads and verifies the whole content of {@code ref}. */
    default byte[] readAllBytes(ArtifactRef ref) {
        try (InputStream in = open(ref)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether content with the ref's digest is stored. */
    boolean exists(ArtifactRef ref);

    /**
     * Deletes the content with the ref's digest.
     *
     * @return whether anything was deleted
     */
    boolean delete(ArtifactRef ref);

    /** A store that keeps everything on the heap; for tests and small tools. */
    static ArtifactStore inMemory() {
        return new InMemoryArtifactStore();
    }

    /**
     * A store under {@code root}: one file per digest ({@code root/sha256/ab/<digest>}), written to a
     * temporary file first and renamed atomically into place, so a crash never leaves a partial
     * artifact under a valid name. The directory is created if needed.
     */
    static ArtifactStore fileSystem(Path root) {
        return new FileSystemArtifactStore(root);
    }

    /**
     * A store in the database's tables, in chunks of one MiB, for deployments where several machines
     * share a database but no disk. Applies the core schema migrations if needed.
     */
    static ArtifactStore jdbc(Database database) {
        return new JdbcArtifactStore(database);
    }
}
