package dev.mlops.featurestore.jdbc;

import dev.mlops.core.jdbc.Database;
import dev.mlops.featurestore.FeatureRow;
import dev.mlops.featurestore.FeatureView;
import dev.mlops.featurestore.OfflineStore;
import dev.mlops.featurestore.ViewSelection;
import dev.mlops.featurestore.internal.ArrowColumns;
import dev.mlops.featurestore.internal.JoinColumns;
import dev.mlops.featurestore.internal.Timestamps;
import dev.mlops.featurestore.internal.ValueCodec;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * An {@link OfflineStore} in a database table ({@code mlops_fs_offline}), with the point-in-time
 * join done by the database.
 *
 * <p>A join writes the entity rows (key, time and the TTL's lower bound) to
 * {@code mlops_fs_join_rows} inside one transaction, lets the database pick each row's winner with
 * a window function ({@code ROW_NUMBER() OVER (PARTITION BY row ORDER BY event_ts DESC, created_ts
 * DESC)} over the rows with the same key and {@code lower <= event_ts <= ts}), reads the winners
 * back and deletes its entity rows before committing, so no other transaction ever sees them. An
 * index on (view, key, event time, creation time) serves both the join and materialization
 * ({@code latestPerKey}). Rows are JSON text, so views need no DDL of their own.
 *
 * <p>Thread-safe. The database belongs to the caller; {@link #close()} leaves it open.
 */
public final class JdbcOfflineStore implements OfflineStore {

    private static final int BATCH = 1_000;

    private final Database db;

    private JdbcOfflineStore(Database db) {
        this.db = FeatureStoreTables.migrated(db);
    }

    /** A store in {@code db}, creating its tables if needed. */
    public static JdbcOfflineStore create(Database db) {
        return new JdbcOfflineStore(db);
    }

    @Override
    public void append(FeatureView view, List<FeatureRow> rows) {
        if (rows.isEmpty()) {
            return;
        }
        db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO mlops_fs_offline (view_name, view_version,"
                    + " entity_key, event_ts, created_ts, feature_values) VALUES (?, ?, ?, ?, ?, ?)")) {
                int pending = 0;
                for (FeatureRow row : rows) {
                    FeatureStoreTables.bindRow(ps, view, row);
                    ps.addBatch();
                    if (++pending == BATCH) {
                        ps.executeBatch();
                        pending = 0;
                    }
                }
                if (pending > 0) {
                    ps.executeBatch();
                }
            }
            return null;
        });
    }

    @Override
    public void latestPerKey(FeatureView view, Instant start, Instant end, Consumer<FeatureRow> sink) {
        List<FeatureRow> out = db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT entity_key, event_ts, created_ts, feature_values"
                    + " FROM (SELECT entity_key, event_ts, created_ts, feature_values, ROW_NUMBER() OVER"
                    + " (PARTITION BY entity_key ORDER BY event_ts DESC, created_ts DESC) AS rn FROM mlops_fs_offline"
                    + " WHERE view_name = ? AND view_version = ? AND event_ts >= ? AND event_ts <= ?) latest"
                    + " WHERE rn = 1")) {
                ps.setString(1, view.name());
                ps.setInt(2, view.version());
                ps.setLong(3, Timestamps.toNanosSaturated(start));
                ps.setLong(4, Timestamps.toNanosSaturated(end));
                return rows(view, ps);
            }
        });
        out.forEach(sink);
    }

    @Override
    public void scan(FeatureView view, Consumer<FeatureRow> sink) {
        List<FeatureRow> out = db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT entity_key, event_ts, created_ts, feature_values"
                    + " FROM mlops_fs_offline WHERE view_name = ? AND view_version = ?")) {
                ps.setString(1, view.name());
                ps.setInt(2, view.version());
                return rows(view, ps);
            }
        });
        out.forEach(sink);
    }

    private static List<FeatureRow> rows(FeatureView view, PreparedStatement ps) throws SQLException {
        List<FeatureRow> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(FeatureStoreTables.readRow(rs, view));
            }
        }
        return out;
    }

    @Override
    public VectorSchemaRoot pointInTimeJoin(VectorSchemaRoot entityRows, List<ViewSelection> selections,
            BufferAllocator allocator) {
        return JoinColumns.join(entityRows, selections, allocator, this::joinView);
    }

    private void joinView(ViewSelection selection, FieldVector[] keyVectors, long[] ts, VectorSchemaRoot out,
            int firstColumn) {
        FeatureView view = selection.view();
        int n = ts.length;
        long ttl = JoinColumns.ttlNanos(view);
        String joinId = UUID.randomUUID().toString();
        String[] values = db.inTransaction(c -> {
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO mlops_fs_join_rows (join_id, row_id,"
                    + " entity_key, ts, lower_ts) VALUES (?, ?, ?, ?, ?)")) {
                int pending = 0;
                for (int i = 0; i < n; i++) {
                    insert.setString(1, joinId);
                    insert.setInt(2, i);
                    insert.setString(3, ValueCodec.key(JoinColumns.key(keyVectors, i)));
                    insert.setLong(4, ts[i]);
                    insert.setLong(5, JoinColumns.lowerBound(ts[i], ttl));
                    insert.addBatch();
                    if (++pending == BATCH) {
                        insert.executeBatch();
                        pending = 0;
                    }
                }
                if (pending > 0) {
                    insert.executeBatch();
                }
            }
            String[] found = new String[n];
            try (PreparedStatement ps = c.prepareStatement("SELECT row_id, feature_values FROM (SELECT e.row_id,"
                    + " f.feature_values, ROW_NUMBER() OVER (PARTITION BY e.row_id ORDER BY f.event_ts DESC,"
                    + " f.created_ts DESC) AS rn FROM mlops_fs_join_rows e JOIN mlops_fs_offline f"
                    + " ON f.view_name = ? AND f.view_version = ? AND f.entity_key = e.entity_key"
                    + " AND f.event_ts <= e.ts AND f.event_ts >= e.lower_ts WHERE e.join_id = ?) winners"
                    + " WHERE rn = 1")) {
                ps.setString(1, view.name());
                ps.setInt(2, view.version());
                ps.setString(3, joinId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        found[rs.getInt(1)] = rs.getString(2);
                    }
                }
            }
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM mlops_fs_join_rows WHERE join_id = ?")) {
                delete.setString(1, joinId);
                delete.executeUpdate();
            }
            return found;
        });
        int[] featureIndexes = selection.features().stream().mapToInt(view::featureIndex).toArray();
        for (int i = 0; i < n; i++) {
            if (values[i] == null) {
                continue;
            }
            List<Object> row = ValueCodec.values(values[i], view.features());
            for (int f = 0; f < featureIndexes.length; f++) {
                int index = featureIndexes[f];
                ArrowColumns.set(out.getVector(firstColumn + f), i, view.features().get(index).type(),
                        index < row.size() ? row.get(index) : null);
            }
        }
    }

    /** Leaves the database open: it belongs to the caller. */
    @Override
    public void close() {}
}
