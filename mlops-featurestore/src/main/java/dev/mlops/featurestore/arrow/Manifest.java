package dev.mlops.featurestore.arrow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mlops.core.Json;
import dev.mlops.core.StorageException;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The list of visible parts of one view version, kept in {@code manifest.json} beside them. A part
 * becomes visible only when the manifest naming it has replaced the old one (an atomic rename), so
 * an append or a compaction is all or nothing. Not thread-safe; the store serializes writers.
 */
final class Manifest {

    static final String FILE = "manifest.json";
    private static final ObjectMapper JSON = Json.newMapper();

    /**
     * One part: rows of one UTC day, sorted by key, event time and creation time, in two files of
     * the same row order: {@code <id>.keys.arrow} (join keys, event and creation times) and
     * {@code <id>.values.arrow} (features).
     */
    record Part(long id, long day, int rows, long minEvent, long maxEvent) {

        String keysFile() {
            return String.format("part-%08d.keys.arrow", id);
        }

        String valuesFile() {
            return String.format("part-%08d.values.arrow", id);
        }

        boolean overlaps(long from, long to) {
            return maxEvent >= from && minEvent <= to;
        }
    }

    final Path dir;
    final List<Part> parts;
    long nextId;

    private Manifest(Path dir, List<Part> parts, long nextId) {
        this.dir = dir;
        this.parts = parts;
        this.nextId = nextId;
    }

    static Manifest load(Path dir) {
        Path file = dir.resolve(FILE);
        if (!Files.exists(file)) {
            return new Manifest(dir, new ArrayList<>(), 1);
        }
        try {
            JsonNode root = JSON.readTree(file.toFile());
            List<Part> parts = new ArrayList<>();
            for (JsonNode p : root.get("parts")) {
                parts.add(new Part(p.get("id").asLong(), p.get("day").asLong(), p.get("rows").asInt(),
                        p.get("minEvent").asLong(), p.get("maxEvent").asLong()));
            }
            return new Manifest(dir, parts, root.get("nextId").asLong());
        } catch (IOException | RuntimeException e) {
            throw new StorageException("could not read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Writes the manifest and renames it into place. */
    void save() {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", 1);
        root.put("nextId", nextId);
        ArrayNode array = root.putArray("parts");
        for (Part p : parts) {
            array.addObject().put("id", p.id()).put("day", p.day()).put("rows", p.rows())
                    .put("minEvent", p.minEvent()).put("maxEvent", p.maxEvent());
        }
        Path file = dir.resolve(FILE);
        Path temp = dir.resolve(FILE + ".tmp");
        try {
            JSON.writeValue(temp.toFile(), root);
            moveIntoPlace(temp, file);
        } catch (IOException e) {
            throw new StorageException("could not write " + file + ": " + e.getMessage(), e);
        }
    }

    static void moveIntoPlace(Path temp, Path target) throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
