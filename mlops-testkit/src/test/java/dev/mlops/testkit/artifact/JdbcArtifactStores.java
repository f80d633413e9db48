package dev.mlops.testkit.artifact;

import dev.mlops.core.artifact.ArtifactRef;
import dev.mlops.core.jdbc.Database;
import java.sql.PreparedStatement;

/** Reaches under a JDBC artifact store to change stored bytes, for the tamper tests. */
final class JdbcArtifactStores {

    private JdbcArtifactStores() {}

    /** Rewrites the chunks of {@code ref} as one chunk holding {@code replacement}, keeping the head row. */
    static void overwrite(Database db, ArtifactRef ref, byte[] replacement) {
        db.inTransaction(c -> {
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM mlops_artifact_chunk WHERE digest = ?");
                    PreparedStatement insert = c.prepareStatement(
                            "INSERT INTO mlops_artifact_chunk (digest, seq, data) VALUES (?, 0, ?)");
                    PreparedStatement head = c.prepareStatement(
                            "UPDATE mlops_artifact SET chunk_count = 1, size_bytes = ? WHERE digest = ?")) {
                delete.setString(1, ref.digest());
                delete.executeUpdate();
                insert.setString(1, ref.digest());
                insert.setBytes(2, replacement);
                insert.executeUpdate();
                // Keep the recorded size when the length is unchanged, as an attacker would.
                head.setLong(1, replacement.length);
                head.setString(2, ref.digest());
                head.executeUpdate();
            }
            return null;
        });
    }
}
