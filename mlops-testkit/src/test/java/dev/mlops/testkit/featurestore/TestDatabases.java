package dev.mlops.testkit.featurestore;

import dev.mlops.core.jdbc.Database;
import dev.mlops.testkit.PostgresTestDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/** Fresh, empty databases of each dialect for the JDBC adapter suites. */
final class TestDatabases {

    private TestDatabases() {}

    static Database h2() {
        return Database.inMemory("fs-" + UUID.randomUUID());
    }

    static Database postgres() {
        return PostgresTestDatabase.newDatabase();
    }

    static Database sqlite(Path dir) {
        try {
            return Database.sqlite(Files.createTempFile(dir, "fs", ".db"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
