package dev.mlops.featurestore;

import dev.mlops.core.jdbc.Database;
import dev.mlops.featurestore.jdbc.JdbcOnlineStore;
import dev.mlops.featurestore.memory.InMemoryOnlineStore;
import java.util.List;
import java.util.Optional;

/**
 * The latest feature values per entity, for serving: written by materialization and pushes, read
 * by {@code getOnlineFeatures}.
 *
 * <p><b>Contract.</b> Data is kept per view name and version. For each key, a written row replaces
 * the stored one only if it {@linkplain FeatureRow#supersedes supersedes} it (a later event time, or
 * the same event time and a creation time no earlier); an older row is ignored, so a late backfill
 * never overwrites fresher values. Within one {@link #write} call the same rule applies row by row.
 * {@link #read} answers many keys in one round trip to the backend. A reader never sees a row older
 * than one it has already seen for the same key.
 *
 * <p>Rows are validated by the caller ({@link FeatureView#validateRows}); a row stored under an
 * older compatible version of a view may hold fewer values than the view has features.
 *
 * <p>Implementations are thread-safe. Close the store when done with it; adapters: in-memory
 * ({@link #inMemory()}), a Caffeine-cached decorator over any store, JDBC. Every adapter passes the
 * conformance suite in {@code mlops-testkit}.
 */
public interface OnlineStore extends AutoCloseable {

    /** An empty store held in memory. */
    static OnlineStore inMemory() {
        return new InMemoryOnlineStore();
    }

    /** A store in a database table; see {@link JdbcOnlineStore}. The database stays the caller's. */
    static OnlineStore jdbc(Database database) {
        return JdbcOnlineStore.create(database);
    }

    /**
     * Writes rows of a view; per key, rows older than what is stored are ignored.
     *
     * @throws dev.mlops.core.StorageException when the backend fails
     */
    void write(FeatureView view, List<FeatureRow> rows);

    /**
     * The stored row of each key, in the order of {@code keys} (duplicates answered each time), in
     * one round trip.
     *
     * @throws dev.mlops.core.StorageException when the backend fails
     */
    List<Optional<FeatureRow>> read(FeatureView view, List<EntityKey> keys);

    /**
     * The stored row of one key: the same answer as {@code read(view, List.of(key)).get(0)}, which is
     * what this default does. {@code getOnlineFeatures} calls it for a single entity row; adapters
     * that can answer one key without building lists (the in-memory and cached ones) override it.
     *
     * @throws dev.mlops.core.StorageException when the backend fails
     */
    default Optional<FeatureRow> read(FeatureView view, EntityKey key) {
        return read(view, List.of(key)).get(0);
    }

    /** Releases connections, caches and threads the store holds. */
    @Override
    void close();
}
