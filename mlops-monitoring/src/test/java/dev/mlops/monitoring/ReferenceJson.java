package dev.mlops.monitoring;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlops.core.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Named;

/** Reads the committed reference JSON files of the tests (each written by the script beside it). */
public final class ReferenceJson {

    private ReferenceJson() {}

    /** The JSON document at a class-path resource path. */
    public static JsonNode load(String resource) {
        try (InputStream in = ReferenceJson.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the test class path");
            }
            return Json.newMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The cases of an array section, each named by its {@code name} field for JUnit. */
    public static Stream<Named<JsonNode>> cases(JsonNode root, String section) {
        return StreamSupport.stream(root.get(section).spliterator(), false)
                .map(c -> Named.of(c.get("name").asText(), c));
    }
}
