package dev.mlops.registry.jdbc;

import dev.mlops.core.InvalidArgumentException;
import dev.mlops.core.jdbc.Database;
import dev.mlops.core.jdbc.Dialect;
import dev.mlops.core.jdbc.SchemaMigrations;

/** The registry module's schema migrations, applied by each JDBC store on creation. */
final class RegistryMigrations {

    static final SchemaMigrations MIGRATIONS = new SchemaMigrations("registry", "dev/mlops/registry/db/migration");

    private RegistryMigrations() {}

    /** Applies the migrations (once per database object) and returns the dialect. */
    static Dialect apply(Database db) {
        Dialect d = db.dialect();
        if (d != Dialect.H2 && d != Dialect.POSTGRESQL) {
            throw new InvalidArgumentException("database", "the registry's JDBC stores run on H2 and PostgreSQL, not "
                    + d);
        }
        db.migrate(MIGRATIONS);
        return d;
    }
}
