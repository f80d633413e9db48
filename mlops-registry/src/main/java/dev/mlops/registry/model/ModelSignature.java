package dev.mlops.registry.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mlops.core.InvalidArgumentException;
import dev.mlops.core.Json;
import dev.mlops.core.Schema;
import dev.mlops.registry.internal.Checks;

/**
 * What a model takes and gives: the {@link Schema} of its inputs and of its outputs. A
 * {@link LiveModel} only swaps in a version whose signature equals the one its loader expects. Immutable.
 *
 * @param inputs the input schema
 * @param outputs the output schema
 */
public record ModelSignature(Schema inputs, Schema outputs) {

    private static final ObjectMapper JSON = Json.newMapper();

    public ModelSignature {
        Checks.notNull("inputs", inputs);
        Checks.notNull("outputs", outputs);
    }

    /** The signature as {@code {"inputs": <schema>, "outputs": <schema>}}. */
    public String toJson() {
        try {
            ObjectNode root = JSON.createObjectNode();
            root.set("inputs", JSON.readTree(inputs.toJson()));
            root.set("outputs", JSON.readTree(outputs.toJson()));
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a schema's own JSON did not parse", e);
        }
    }

    /**
     * Reads a signature written by {@link #toJson()}.
     *
     * @throws InvalidArgumentException for malformed JSON or schemas
     */
    public static ModelSignature fromJson(String json) {
        JsonNode root;
        try {
            root = JSON.readTree(json == null ? "" : json);
        } catch (JsonProcessingException e) {
            throw new InvalidArgumentException("signature", "malformed JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.path("inputs").isObject() || !root.path("outputs").isObject()) {
            throw new InvalidArgumentException("signature", "expected an object with \"inputs\" and \"outputs\"");
        }
        return new ModelSignature(Schema.fromJson(root.get("inputs").toString()),
                Schema.fromJson(root.get("outputs").toString()));
    }
}
