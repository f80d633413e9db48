package dev.mlops.core;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An ordered list of uniquely named {@link Field}s: the shape of a feature view's rows, a model's
 * inputs or outputs, a dataset.
 *
 * <p>Immutable and thread-safe. Rows are validated with {@link #validateRow}, which also converts
 * each value to its canonical representation; schemas travel as JSON through {@link #toJson()} and
 * {@link #fromJson(String)}.
 */
public final class Schema {

    private static final ObjectMapper JSON = Json.newMapper();

    private final List<Field> fields;
    private final Map<String, Integer> index;

    private Schema(List<Field> fields) {
        this.fields = List.copyOf(fields);
        Map<String, Integer> byName = new HashMap<>();
        for (int i = 0; i < this.fields.size(); i++) {
            Field f = this.fields.get(i);
            if (byName.putIfAbsent(f.name(), i) != null) {
                throw new InvalidArgumentException(f.name(), "field name appears twice in the schema");
            }
        }
        this.index = Map.copyOf(byName);
    }

    /** A schema of the given fields, in order. */
    public static Schema of(Field... fields) {
        return of(List.of(fields));
    }

    /**
     * A schema of the given fields, in order.
     *
     * @throws InvalidArgumentException when a name appears twice
     */
    public static Schema of(List<Field> fields) {
        if (fields == null) {
            throw new InvalidArgumentException("fields", "is null");
        }
        for (Field f : fields) {
            if (f == null) {
                throw new InvalidArgumentException("fields", "contains null");
            }
        }
        return new Schema(fields);
    }

    /** The fields, in order. */
    public List<Field> fields() {
        return fields;
    }

    /** The number of fields. */
    public int size() {
        return fields.size();
    }

    /** The field with this name. */
    public Optional<Field> field(String name) {
        Integer i = index.get(name);
        return i == null ? Optional.empty() : Optional.of(fields.get(i));
    }

    /** The position of the named field, or -1. */
    public int indexOf(String name) {
        Integer i = index.get(name);
        return i == null ? -1 : i;
    }

    /** The field names, in order. */
    public List<String> names() {
        return fields.stream().map(Field::name).toList();
    }

    /**
     * Validates one row and returns it in canonical form, in schema order.
     *
     * <p>Every key of {@code row} must be a field; a missing field counts as null. The first problem
     * found is reported with the row number and the field named.
     *
     * @param row the values by field name
     * @param rowNumber the row's position in its batch, for the message
     * @return an unmodifiable map in schema order; absent nullable fields map to null
     * @throws InvalidArgumentException naming the row and the field
     */
    public Map<String, Object> validateRow(Map<String, ?> row, long rowNumber) {
        String where = "row " + rowNumber;
        if (row == null) {
            throw new InvalidArgumentException("row", where + " is null");
        }
        for (String key : row.keySet()) {
            if (!index.containsKey(key)) {
                throw new InvalidArgumentException(String.valueOf(key), where + ": unknown field; the schema has "
                        + names());
            }
        }
        Map<String, Object> out = new LinkedHashMap<>(fields.size() * 2);
        for (Field f : fields) {
            out.put(f.name(), f.validate(row.get(f.name()), where));
        }
        return Collections.unmodifiableMap(out);
    }

    /** This schema as JSON: {@code {"fields":[{"name":..,"type":..,"nullable":..,"allowNonFinite":..}]}}. */
    public String toJson() {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode array = root.putArray("fields");
        for (Field f : fields) {
            array.addObject()
                    .put("name", f.name())
                    .put("type", f.type().jsonName())
                    .put("nullable", f.nullable())
                    .put("allowNonFinite", f.allowNonFinite());
        }
        return root.toString();
    }

    /**
     * Reads a schema written by {@link #toJson()}. {@code nullable} defaults to true and
     * {@code allowNonFinite} to false when absent.
     *
     * @throws InvalidArgumentException for malformed JSON, an unknown type or an invalid field
     */
    public static Schema fromJson(String json) {
        JsonNode root;
        try {
            root = JSON.readTree(json == null ? "" : json);
        } catch (JsonProcessingException e) {
            throw new InvalidArgumentException("schema", "malformed JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.path("fields").isArray()) {
            throw new InvalidArgumentException("schema", "expected an object with a \"fields\" array");
        }
        List<Field> out = new ArrayList<>();
        int i = 0;
        for (JsonNode node : root.get("fields")) {
            JsonNode name = node.get("name");
            JsonNode type = node.get("type");
            if (name == null || !name.isTextual() || type == null || !type.isTextual()) {
                throw new InvalidArgumentException("schema", "field " + i + " needs a string \"name\" and \"type\"");
            }
            out.add(new Field(name.asText(), ValueType.fromJsonName(type.asText()),
                    node.path("nullable").asBoolean(true), node.path("allowNonFinite").asBoolean(false)));
            i++;
        }
        return of(out);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Schema s && s.fields.equals(fields);
    }

    @Override
    public int hashCode() {
        return fields.hashCode();
    }

    @Override
    public String toString() {
        return "Schema" + fields;
    }
}
