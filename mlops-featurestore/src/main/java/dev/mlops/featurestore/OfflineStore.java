package dev.mlops.featurestore;

import dev.mlops.core.jdbc.Database;
import dev.mlops.featurestore.arrow.ArrowFileOfflineStore;
import dev.mlops.featurestore.internal.ArrowBatches;
import dev.mlops.featurestore.jdbc.JdbcOfflineStore;
import dev.mlops.featurestore.memory.InMemoryOfflineStore;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * The full history of feature rows, for training data and materialization.
 *
 * <p><b>Point-in-time join</b> ({@link #pointInTimeJoin}). For each entity row {@code (keys, ts)}
 * and each selected view, a stored row qualifies when it has the same join keys, its event time is
 * at or before {@code ts}, and, when the view's TTL is positive, at or after {@code ts - ttl} (both
 * ends inclusive). The winner has the latest event time; equal event times go to the latest
 * creation time (which is never a filter). Nothing qualifies: the features are null. The result has
 * exactly one row per entity row, in input order, duplicates kept. Which of two rows with equal event
 * and creation times wins is unspecified.
 *
 * <p><b>Entity rows</b> are an Arrow table with a column per join key of every selected view (the
 * join key's type, no nulls) and {@value FeatureView#EVENT_TIMESTAMP} as {@code timestamp[ns,
 * tz=UTC]} without nulls; other columns are ignored. The result is a new table allocated from the
 * given allocator, one column per selected feature named by its output name, which the caller
 * closes.
 *
 * <p>Rows are validated by the caller ({@link FeatureView#validateRows}); a row stored under an
 * older compatible version of a view reads its missing trailing features as null. Implementations
 * are thread-safe. Adapters: in-memory ({@link #inMemory()}), Arrow IPC files, JDBC. Every adapter
 * passes the conformance suite in {@code mlops-testkit}, including randomized cases checked against
 * a brute-force oracle.
 */
public interface OfflineStore extends AutoCloseable {

    /** An empty store held in memory. */
    static OfflineStore inMemory() {
        return new InMemoryOfflineStore();
    }

    /** A store in database tables, the join done in SQL; see {@link JdbcOfflineStore}. */
    static OfflineStore jdbc(Database database) {
        return JdbcOfflineStore.create(database);
    }

    /** A store in Arrow IPC files under {@code dir}; see {@link ArrowFileOfflineStore}. */
    static OfflineStore arrowFiles(Path dir) {
        return ArrowFileOfflineStore.open(dir);
    }

    /**
     * Appends rows of a view; all or none become visible.
     *
     * @throws dev.mlops.core.StorageException when the backend fails
     */
    void append(FeatureView view, List<FeatureRow> rows);

    /**
     * Appends rows given as an Arrow batch: the view's join keys and {@value FeatureView#EVENT_TIMESTAMP}
     * (non-null), optionally {@value FeatureView#CREATED_TIMESTAMP}, and feature columns by name (a
     * missing one is null), typed as {@link ArrowTables} describes. The batch is validated like
     * {@link FeatureView#validateRows} first; nothing is written if any row is invalid. The caller
     * keeps ownership of the batch.
     *
     * @param defaultCreated the creation time of rows that have none
     * @throws dev.mlops.core.InvalidArgumentException naming the row and field of the first problem
     */
    default void appendArrow(FeatureView view, VectorSchemaRoot batch, Instant defaultCreated) {
        ArrowBatches.validate(view, batch);
        append(view, ArrowBatches.toRows(view, batch, defaultCreated));
    }

    /**
     * Delivers, for each key of the view, its winning row among those with {@code start <= event
     * time <= end} (latest event time, then latest creation time), in no particular order. This is
     * what materialization copies to the online store.
     */
    void latestPerKey(FeatureView view, Instant start, Instant end, Consumer<FeatureRow> sink);

    /** Delivers every row of the view, in no particular order. */
    void scan(FeatureView view, Consumer<FeatureRow> sink);

    /**
     * Joins feature values onto entity rows as of each row's timestamp; see the class comment.
     *
     * @param entityRows the entity rows; not modified, not closed
     * @param selections the views and features to read
     * @param allocator where the result is allocated
     * @return one column per selected feature, {@code entityRows.getRowCount()} rows, in input order
     * @throws dev.mlops.core.InvalidArgumentException when a join key or the timestamp column is
     *     missing, of the wrong type, or null
     */
    VectorSchemaRoot pointInTimeJoin(VectorSchemaRoot entityRows, List<ViewSelection> selections,
            BufferAllocator allocator);

    /** Releases files, connections and memory the store holds. */
    @Override
    void close();
}
