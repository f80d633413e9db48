package dev.mlops.featurestore.jdbc;

import dev.mlops.core.InvalidArgumentException;
import dev.mlops.core.jdbc.Database;
import dev.mlops.core.jdbc.SchemaMigrations;
import dev.mlops.featurestore.FeatureRow;
import dev.mlops.featurestore.FeatureView;
import dev.mlops.featurestore.internal.Timestamps;
import dev.mlops.featurestore.internal.ValueCodec;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** The feature store's migrations, applied by every JDBC adapter when it is created. */
final class FeatureStoreTables {

    static final SchemaMigrations MIGRATIONS = new SchemaMigrations("featurestore", "dev/mlops/featurestore/db/migration");

    private FeatureStoreTables() {}

    static Database migrated(Database db) {
        if (db == null) {
            throw new InvalidArgumentException("database", "is null");
        }
        db.migrate(MIGRATIONS);
        return db;
    }

    /**
     * Binds a row to parameters 1 to 6: view name, view version, entity key, event time, creation
     * time, feature values.
     */
    static void bindRow(PreparedStatement ps, FeatureView view, FeatureRow row) throws SQLException {
        ps.setString(1, view.name());
        ps.setInt(2, view.version());
        ps.setString(3, ValueCodec.key(row.key()));
        ps.setLong(4, Timestamps.toNanos(row.eventTimestamp()));
        ps.setLong(5, Timestamps.toNanos(row.createdTimestamp()));
        ps.setString(6, ValueCodec.values(view.features(), row.values()));
    }

    /** The row in columns 1 to 4 of the result: entity key, event time, creation time, feature values. */
    static FeatureRow readRow(ResultSet rs, FeatureView view) throws SQLException {
        return FeatureRow.of(ValueCodec.key(rs.getString(1), view.joinKeys()), Timestamps.fromNanos(rs.getLong(2)),
                Timestamps.fromNanos(rs.getLong(3)), ValueCodec.values(rs.getString(4), view.features()).toArray());
    }
}
