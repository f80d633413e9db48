package dev.mlops.core.jdbc;

import dev.mlops.core.InvalidArgumentException;
import java.util.regex.Pattern;

/**
 * One module's versioned schema migrations: Flyway SQL scripts ({@code V1__create_tables.sql},
 * {@code V2__...}) on the classpath under {@code <location>/<vendor>}, where vendor is
 * {@link Dialect#vendor()}.
 *
 * <p>Each module keeps its own history table, {@code mlops_<module>_schema_history}, so the library's
 * modules and the host's own migrations (Flyway, Liquibase or none) live side by side in one schema
 * without touching each other's history.
 *
 * @param module a short lower-case module name such as {@code core} or {@code featurestore}
 * @param location a classpath folder such as {@code dev/mlops/core/db/migration}
 */
public record SchemaMigrations(String module, String location) {

    private static final Pattern MODULE = Pattern.compile("[a-z][a-z0-9_]{0,30}");
    private static final Pattern LOCATION = Pattern.compile("[A-Za-z0-9_]+(?:/[A-Za-z0-9_]+)*");

    public SchemaMigrations {
        if (module == null || !MODULE.matcher(module).matches()) {
            throw new InvalidArgumentException("module", "expected a short lower-case name, got '" + module + "'");
        }
        if (location == null || !LOCATION.matcher(location).matches()) {
            throw new InvalidArgumentException("location", "expected a classpath folder like a/b/c, got '"
                    + location + "'");
        }
    }

    /** The Flyway history table of this module. */
    public String historyTable() {
        return "mlops_" + module + "_schema_history";
    }
}
