package dev.mlops.core.artifact;

import dev.mlops.core.InvalidArgumentException;
import dev.mlops.core.NotFoundException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** Heap-backed {@link ArtifactStore}; see {@link ArtifactStore#inMemory()}. Thread-safe. */
final class InMemoryArtifactStore implements ArtifactStore {

    private final ConcurrentMap<String, byte[]> contents = new ConcurrentHashMap<>();

    @Override
    public ArtifactRef put(InputStream content, String mediaType) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        Digests.Hashed hashed = Digests.copy(content, buffer);
        ArtifactRef ref = new ArtifactRef(hashed.digest(), hashed.size(), mediaType);
        contents.putIfAbsent(ref.digest(), buffer.toByteArray());
        return ref;
    }

    @Override
    public InputStream open(ArtifactRef ref) {
        byte[] bytes = contents.get(requireRef(ref).digest());
        if (bytes == null) {
            throw new NotFoundException("no artifact with digest " + ref.digest());
        }
        return Digests.verifying(new ByteArrayInputStream(bytes), ref);
    }

    @Override
    public boolean exists(ArtifactRef ref) {
        return contents.containsKey(requireRef(ref).digest());
    }

    @Override
    public boolean delete(ArtifactRef ref) {
        return contents.remove(requireRef(ref).digest()) != null;
    }

    static ArtifactRef requireRef(ArtifactRef ref) {
        if (ref == null) {
            throw new InvalidArgumentException("ref", "is null");
        }
        return ref;
    }
}
