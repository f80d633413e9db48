package dev.mlops.featurestore.jdbc;

import dev.mlops.core.InvalidArgumentException;
import dev.mlops.core.jdbc.Database;
import dev.mlops.core.jdbc.SchemaMigrations;

/** The feature store's migrations, applied by every JDBC adapter when it is created. */
final class FeatureStoreTables {

    static final SchemaMigrations MIGRATIONS = new SchemaMigrations("featurestore", "dev/mlops/featurestore/db/migration");

    /** At most this many keys go into one {@code IN (...)} list. */
    static final int IN_LIST = 500;

    private FeatureStoreTables() {}

    static Database migrated(Database db) {
        if (db == null) {
            throw new InvalidArgumentException("database", "is null");
        }
        db.migrate(MIGRATIONS);
        return db;
    }

    static String placeholders(int n) {
        StringBuilder b = new StringBuilder(n * 3);
        for (int i = 0; i < n; i++) {
            b.append(i == 0 ? "?" : ", ?");
        }
        return b.toString();
    }
}
