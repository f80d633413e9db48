package dev.mlops.core.artifact;

import dev.mlops.core.InvalidArgumentException;
import dev.mlops.core.NotFoundException;
import dev.mlops.core.StorageException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Content-addressed files under one root; see {@link ArtifactStore#fileSystem(Path)}.
 *
 * <p>Layout: {@code root/sha256/<first two hex digits>/<digest>}, temporary files in {@code root/tmp}
 * (same file system, so the final rename is atomic). Paths are built only from validated digests, never
 * from caller strings. Thread-safe, and safe for several processes sharing the directory: concurrent
 * puts of the same content race only on an atomic rename of identical bytes.
 */
final class FileSystemArtifactStore implements ArtifactStore {

    private final Path root;
    private final Path objects;
    private final Path tmp;

    FileSystemArtifactStore(Path root) {
        if (root == null) {
            throw new InvalidArgumentException("root", "is null");
        }
        this.root = root.toAbsolutePath().normalize();
        this.objects = this.root.resolve("sha256");
        this.tmp = this.root.resolve("tmp");
        try {
            Files.createDirectories(objects);
            Files.createDirectories(tmp);
        } catch (IOException e) {
            throw new StorageException("cannot create artifact directory " + this.root + ": " + e, e);
        }
    }

    @Override
    public ArtifactRef put(InputStream content, String mediaType) {
        if (content == null) {
            throw new InvalidArgumentException("content", "is null");
        }
        // Validate the media type before reading anything, so bad input costs no I/O.
        ArtifactRef.requireMediaType(mediaType);
        Path temp = null;
        try {
            temp = Files.createTempFile(tmp, "put-", ".part");
            Digests.Hashed hashed;
            try (OutputStream out = Files.newOutputStream(temp)) {
                hashed = Digests.copy(content, out);
            }
            ArtifactRef ref = new ArtifactRef(hashed.digest(), hashed.size(), mediaType);
            Path target = pathOf(ref);
            if (!Files.exists(target)) {
                Files.createDirectories(target.getParent());
                moveIntoPlace(temp, target);
            }
            return ref;
        } catch (IOException e) {
            throw new StorageException("could not store artifact under " + root + ": " + e, e);
        } finally {
            deleteQuietly(temp);
        }
    }

    private static void moveIntoPlace(Path temp, Path target) throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException e) {
            // Another writer stored the same content first; its bytes are ours.
        } catch (AtomicMoveNotSupportedException e) {
            throw new StorageException("the file system under " + target.getParent()
                    + " cannot rename atomically; artifact stores need one that can", e);
        }
    }

    @Override
    public InputStream open(ArtifactRef ref) {
        Path path = pathOf(InMemoryArtifactStore.requireRef(ref));
        try {
            long stored = Files.size(path);
            if (stored != ref.size()) {
                throw new StorageException("artifact " + ref.digest() + " is stored with " + stored
                        + " bytes, expected " + ref.size() + "; the file was changed");
            }
            return Digests.verifying(Files.newInputStream(path), ref);
        } catch (NoSuchFileException e) {
            throw new NotFoundException("no artifact with digest " + ref.digest());
        } catch (IOException e) {
            throw new StorageException("could not open artifact " + ref.digest() + ": " + e, e);
        }
    }

    @Override
    public boolean exists(ArtifactRef ref) {
        return Files.isRegularFile(pathOf(InMemoryArtifactStore.requireRef(ref)));
    }

    @Override
    public boolean delete(ArtifactRef ref) {
        try {
            return Files.deleteIfExists(pathOf(InMemoryArtifactStore.requireRef(ref)));
        } catch (IOException e) {
            throw new StorageException("could not delete artifact " + ref.digest() + ": " + e, e);
        }
    }

    /** The file of a digest; the digest was validated by {@link ArtifactRef}, so this stays under root. */
    Path pathOf(ArtifactRef ref) {
        String digest = ref.digest();
        return objects.resolve(digest.substring(0, 2)).resolve(digest);
    }

    private static void deleteQuietly(Path temp) {
        if (temp == null) {
            return;
        }
        try {
            Files.deleteIfExists(temp);
        } catch (IOException e) {
            // A leftover temp file is harmless: it never has a digest's name and is never read.
        }
    }

    @Override
    public String toString() {
        return "FileSystemArtifactStore[" + root + "]";
    }
}
