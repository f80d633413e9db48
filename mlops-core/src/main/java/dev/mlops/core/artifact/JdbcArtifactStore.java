package dev.mlops.core.artifact;

import dev.mlops.core.InvalidArgumentException;
import dev.mlops.core.NotFoundException;
import dev.mlops.core.StorageException;
import dev.mlops.core.jdbc.Database;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * Artifact bytes in database tables; see {@link ArtifactStore#jdbc(Database)}.
 *
 * <p>Content is spooled to a temporary file while it is hashed (the digest is the key, so it must be
 * known before the first row is written), then inserted as chunks of {@value #CHUNK_SIZE} bytes in one
 * transaction. Reads fetch one chunk per query, so a large artifact never sits in memory whole.
 * Thread-safe; several machines may share the database.
 */
final class JdbcArtifactStore implements ArtifactStore {

    static final int CHUNK_SIZE = 1024 * 1024;

    private final Database db;

    JdbcArtifactStore(Database db) {
        if (db == null) {
            throw new InvalidArgumentException("database", "is null");
        }
        this.db = db;
    }

    @Override
    public ArtifactRef put(InputStream content, String mediaType) {
        if (content == null) {
            throw new InvalidArgumentException("content", "is null");
        }
        ArtifactRef.requireMediaType(mediaType);
        Path spool = null;
        try {
            spool = Files.createTempFile("mlops-artifact-", ".part");
            Digests.Hashed hashed;
            try (OutputStream out = Files.newOutputStream(spool)) {
                hashed = Digests.copy(content, out);
            }
            ArtifactRef ref = new ArtifactRef(hashed.digest(), hashed.size(), mediaType);
            store(ref, spool);
            return ref;
        } catch (IOException e) {
            throw new StorageException("could not spool artifact content: " + e, e);
        } finally {
            if (spool != null) {
                try {
                    Files.deleteIfExists(spool);
                } catch (IOException e) {
                    // Only a temp file is left behind; it holds no state of the store.
                }
            }
        }
    }

    private void store(ArtifactRef ref, Path spool) {
        int chunks = (int) ((ref.size() + CHUNK_SIZE - 1) / CHUNK_SIZE);
        try {
            db.inTransaction(c -> {
                try (PreparedStatement exists = c.prepareStatement("SELECT 1 FROM mlops_artifact WHERE digest = ?")) {
                    exists.setString(1, ref.digest());
                    try (ResultSet rs = exists.executeQuery()) {
                        if (rs.next()) {
                            return null;
                        }
                    }
                }
                try (PreparedStatement head = c.prepareStatement(
                        "INSERT INTO mlops_artifact (digest, size_bytes, chunk_count) VALUES (?, ?, ?)")) {
                    head.setString(1, ref.digest());
                    head.setLong(2, ref.size());
                    head.setInt(3, chunks);
                    head.executeUpdate();
                } catch (SQLException e) {
                    if (db.dialect().isUniqueViolation(e)) {
                        throw new StoredConcurrently();
                    }
                    throw e;
                }
                try (InputStream in = Files.newInputStream(spool);
                        PreparedStatement chunk = c.prepareStatement(
                                "INSERT INTO mlops_artifact_chunk (digest, seq, data) VALUES (?, ?, ?)")) {
                    for (int seq = 0; seq < chunks; seq++) {
                        chunk.setString(1, ref.digest());
                        chunk.setInt(2, seq);
                        chunk.setBytes(3, in.readNBytes(CHUNK_SIZE));
                        chunk.executeUpdate();
                    }
                } catch (IOException e) {
                    throw new StorageException("could not read spooled artifact content: " + e, e);
                }
                return null;
            });
        } catch (StoredConcurrently e) {
            // Another writer inserted the same content between our check and our insert: it is stored.
        }
    }

    /** Signals, through the transaction's rollback, that another writer stored the same digest first. */
    private static final class StoredConcurrently extends RuntimeException {
        private static final long serialVersionUID = 1L;

        StoredConcurrently() {
            super(null, null, false, false);
        }
    }

    @Override
    public InputStream open(ArtifactRef ref) {
        InMemoryArtifactStore.requireRef(ref);
        long[] head = head(ref.digest())
                .orElseThrow(() -> new NotFoundException("no artifact with digest " + ref.digest()));
        if (head[0] != ref.size()) {
            throw new StorageException("artifact " + ref.digest() + " is stored with " + head[0]
                    + " bytes, expected " + ref.size() + "; the stored content was changed");
        }
        return Digests.verifying(new ChunkStream(ref.digest(), (int) head[1]), ref);
    }

    /** The stored size and chunk count of a digest. */
    private Optional<long[]> head(String digest) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT size_bytes, chunk_count FROM mlops_artifact WHERE digest = ?")) {
                ps.setString(1, digest);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(new long[] {rs.getLong(1), rs.getInt(2)}) : Optional.empty();
                }
            }
        });
    }

    @Override
    public boolean exists(ArtifactRef ref) {
        return head(InMemoryArtifactStore.requireRef(ref).digest()).isPresent();
    }

    @Override
    public boolean delete(ArtifactRef ref) {
        String digest = InMemoryArtifactStore.requireRef(ref).digest();
        return db.inTransaction(c -> {
            try (PreparedStatement chunks = c.prepareStatement("DELETE FROM mlops_artifact_chunk WHERE digest = ?");
                    PreparedStatement head = c.prepareStatement("DELETE FROM mlops_artifact WHERE digest = ?")) {
                chunks.setString(1, digest);
                chunks.executeUpdate();
                head.setString(1, digest);
                return head.executeUpdate() > 0;
            }
        });
    }

    /** Reads the chunks of one digest in order, one query per chunk. */
    private final class ChunkStream extends InputStream {
        private final String digest;
        private final int chunkCount;
        private int nextSeq;
        private byte[] current = new byte[0];
        private int position;

        ChunkStream(String digest, int chunkCount) {
            this.digest = digest;
            this.chunkCount = chunkCount;
        }

        @Override
        public int read() {
            if (!ensureData()) {
                return -1;
            }
            return current[position++] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (len == 0) {
                return 0;
            }
            if (!ensureData()) {
                return -1;
            }
            int n = Math.min(len, current.length - position);
            System.arraycopy(current, position, b, off, n);
            position += n;
            return n;
        }

        private boolean ensureData() {
            while (position >= current.length) {
                if (nextSeq >= chunkCount) {
                    return false;
                }
                int seq = nextSeq++;
                current = db.withConnection(c -> {
                    try (PreparedStatement ps = c.prepareStatement(
                            "SELECT data FROM mlops_artifact_chunk WHERE digest = ? AND seq = ?")) {
                        ps.setString(1, digest);
                        ps.setInt(2, seq);
                        try (ResultSet rs = ps.executeQuery()) {
                            if (!rs.next()) {
                                throw new StorageException("artifact " + digest + " is missing chunk " + seq
                                        + " of " + chunkCount + "; the stored content was changed");
                            }
                            return rs.getBytes(1);
                        }
                    }
                });
                position = 0;
            }
            return true;
        }
    }

    @Override
    public String toString() {
        return "JdbcArtifactStore[" + db + "]";
    }
}
