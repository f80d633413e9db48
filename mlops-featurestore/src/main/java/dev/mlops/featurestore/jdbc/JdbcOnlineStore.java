package dev.mlops.featurestore.jdbc;

import dev.mlops.core.StorageException;
import dev.mlops.core.jdbc.Database;
import dev.mlops.core.jdbc.Dialect;
import dev.mlops.featurestore.EntityKey;
import dev.mlops.featurestore.FeatureRow;
import dev.mlops.featurestore.FeatureView;
import dev.mlops.featurestore.OnlineStore;
import dev.mlops.featurestore.internal.ValueCodec;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An {@link OnlineStore} in a database table ({@code mlops_fs_online}), for services on several
 * machines sharing one PostgreSQL (or one process on an embedded H2 or SQLite file).
 *
 * <p>A write is an upsert guarded by event time in the database itself: the stored row is replaced
 * only when the new one has a later event time, or the same event time and a creation time no
 * earlier (PostgreSQL and SQLite: {@code INSERT ... ON CONFLICT DO UPDATE ... WHERE}; H2:
 * {@code MERGE ... WHEN MATCHED AND ...}), so concurrent writers on many machines never let an old
 * backfill overwrite a fresh value. A read of any number of keys is one {@code SELECT}.
 * Rows are JSON text, so views need no DDL of their own.
 *
 * <p>Thread-safe. The database belongs to the caller; {@link #close()} leaves it open.
 */
public final class JdbcOnlineStore implements OnlineStore {

    private static final String UPSERT = "INSERT INTO mlops_fs_online (view_name, view_version, entity_key, event_ts,"
            + " created_ts, feature_values) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (view_name, view_version, entity_key)"
            + " DO UPDATE SET event_ts = excluded.event_ts, created_ts = excluded.created_ts,"
            + " feature_values = excluded.feature_values WHERE excluded.event_ts > mlops_fs_online.event_ts"
            + " OR (excluded.event_ts = mlops_fs_online.event_ts AND excluded.created_ts >= mlops_fs_online.created_ts)";
    private static final String MERGE = "MERGE INTO mlops_fs_online t USING (VALUES (CAST(? AS VARCHAR(250)),"
            + " CAST(? AS INTEGER), CAST(? AS VARCHAR(4096)), CAST(? AS BIGINT), CAST(? AS BIGINT),"
            + " CAST(? AS VARCHAR(1048576)))) s (view_name, view_version, entity_key, event_ts, created_ts,"
            + " feature_values) ON t.view_name = s.view_name AND t.view_version = s.view_version"
            + " AND t.entity_key = s.entity_key"
            + " WHEN MATCHED AND (s.event_ts > t.event_ts OR (s.event_ts = t.event_ts AND s.created_ts >= t.created_ts))"
            + " THEN UPDATE SET event_ts = s.event_ts, created_ts = s.created_ts, feature_values = s.feature_values"
            + " WHEN NOT MATCHED THEN INSERT (view_name, view_version, entity_key, event_ts, created_ts, feature_values)"
            + " VALUES (s.view_name, s.view_version, s.entity_key, s.event_ts, s.created_ts, s.feature_values)";

    /*
     * H2 answers "entity_key IN (?, ?, ...)" and "= ANY(?)" by scanning every row of the view (100 keys
     * of 100,000: 70 ms), but probes the primary key once per key when the keys are a table joined to
     * the online table (1 ms). SQLite is the other way round: it drives that join from the online
     * table (850 ms) and probes per key for "IN (SELECT value FROM json_each(?))" (0.3 ms).
     */
    private static final String COLUMNS = "SELECT t.entity_key, t.event_ts, t.created_ts, t.feature_values";
    private static final String SELECT_ARRAY = COLUMNS + " FROM UNNEST(?) AS u(k) JOIN mlops_fs_online t"
            + " ON t.view_name = ? AND t.view_version = ? AND t.entity_key = u.k";
    private static final String SELECT_SQLITE = COLUMNS + " FROM mlops_fs_online t"
            + " WHERE t.entity_key IN (SELECT value FROM json_each(?)) AND t.view_name = ? AND t.view_version = ?";
    private static final int WRITE_ATTEMPTS = 10;

    private final Database db;

    private JdbcOnlineStore(Database db) {
        this.db = FeatureStoreTables.migrated(db);
    }

    /** A store in {@code db}, creating its table if needed. */
    public static JdbcOnlineStore create(Database db) {
        return new JdbcOnlineStore(db);
    }

    @Override
    public void write(FeatureView view, List<FeatureRow> rows) {
        if (rows.isEmpty()) {
            return;
        }
        String sql = db.dialect() == Dialect.H2 ? MERGE : UPSERT;
        for (int attempt = 1; ; attempt++) {
            try {
                db.inTransaction(c -> {
                    try (PreparedStatement ps = c.prepareStatement(sql)) {
                        for (FeatureRow row : rows) {
                            FeatureStoreTables.bindRow(ps, view, row);
                            ps.addBatch();
                        }
                        ps.executeBatch();
                    }
                    return null;
                });
                return;
            } catch (StorageException e) {
                // Two first writes of one key raced past each other's existence check (H2's MERGE):
                // the loser's whole batch is retried, and then finds the row.
                if (attempt >= WRITE_ATTEMPTS || !(e.getCause() instanceof SQLException s)
                        || !db.dialect().isUniqueViolation(s)) {
                    throw e;
                }
            }
        }
    }

    @Override
    public List<Optional<FeatureRow>> read(FeatureView view, List<EntityKey> keys) {
        Map<String, Integer> distinct = new LinkedHashMap<>();
        List<String> texts = new ArrayList<>(keys.size());
        for (EntityKey k : keys) {
            String text = ValueCodec.key(k);
            texts.add(text);
            distinct.putIfAbsent(text, distinct.size());
        }
        Map<String, FeatureRow> found = db.withConnection(c -> select(c, view, new ArrayList<>(distinct.keySet())));
        List<Optional<FeatureRow>> out = new ArrayList<>(keys.size());
        for (String text : texts) {
            out.add(Optional.ofNullable(found.get(text)));
        }
        return out;
    }

    /**
     * One statement for all the keys, whatever their number: the keys travel as one array parameter
     * or, on SQLite, which has no array type, as one JSON array unpacked by {@code json_each}.
     */
    private Map<String, FeatureRow> select(Connection c, FeatureView view, List<String> keys) throws SQLException {
        Map<String, FeatureRow> found = new HashMap<>();
        boolean sqlite = db.dialect() == Dialect.SQLITE;
        try (PreparedStatement ps = c.prepareStatement(sqlite ? SELECT_SQLITE : SELECT_ARRAY)) {
            if (sqlite) {
                ps.setString(1, ValueCodec.jsonArray(keys));
            } else {
                ps.setArray(1, c.createArrayOf("VARCHAR", keys.toArray()));
            }
            ps.setString(2, view.name());
            ps.setInt(3, view.version());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    found.put(rs.getString(1), FeatureStoreTables.readRow(rs, view));
                }
            }
        }
        return found;
    }

    /** Leaves the database open: it belongs to the caller. */
    @Override
    public void close() {}
}
