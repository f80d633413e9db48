package dev.mlops.testkit.jdbc;

import dev.mlops.core.jdbc.Database;
import dev.mlops.core.jdbc.Dialect;

/** Opens (and so migrates) a PostgreSQL database from a second JVM, for the migration race test. */
public final class OpenDatabase {

    private OpenDatabase() {}

    public static void main(String[] args) {
        try (Database db = Database.builder(Dialect.POSTGRESQL, args[0]).maximumPoolSize(2).build()) {
            System.out.println("opened " + db.dialect());
        }
    }
}
