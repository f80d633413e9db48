package dev.mlops.featurestore.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mlops.core.Field;
import dev.mlops.core.Json;
import dev.mlops.core.StorageException;
import dev.mlops.core.ValueType;
import dev.mlops.featurestore.Definition;
import dev.mlops.featurestore.Entity;
import dev.mlops.featurestore.FeatureReference;
import dev.mlops.featurestore.FeatureService;
import dev.mlops.featurestore.FeatureView;
import dev.mlops.featurestore.OnDemandFeatureView;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Definitions as JSON, for registries that persist them. An on-demand view's function is not
 * persisted: it reads back without one (see {@link OnDemandFeatureView}). Not API.
 */
public final class DefinitionJson {

    private static final ObjectMapper JSON = Json.newMapper();

    private DefinitionJson() {}

    /** The version a registry files a definition under (entities: 1). */
    public static int version(Definition d) {
        if (d instanceof FeatureView v) {
            return v.version();
        }
        if (d instanceof OnDemandFeatureView v) {
            return v.version();
        }
        if (d instanceof FeatureService s) {
            return s.version();
        }
        return 1;
    }

    /** The JSON text of a definition. */
    public static String write(Definition d) {
        ObjectNode o = JSON.createObjectNode();
        o.put("kind", d.kind()).put("name", d.name());
        if (d instanceof Entity e) {
            o.put("description", e.description());
            fields(o.putArray("joinKeys"), e.joinKeys());
        } else if (d instanceof FeatureView v) {
            o.put("version", v.version()).put("ttl", v.ttl().toString()).put("description", v.description())
                    .put("owner", v.owner());
            ArrayNode entities = o.putArray("entities");
            for (Entity e : v.entities()) {
                ObjectNode en = entities.addObject().put("name", e.name()).put("description", e.description());
                fields(en.putArray("joinKeys"), e.joinKeys());
            }
            fields(o.putArray("features"), v.features());
            tags(o, v.tags());
        } else if (d instanceof OnDemandFeatureView v) {
            o.put("version", v.version()).put("description", v.description()).put("owner", v.owner());
            fields(o.putArray("requestFields"), v.requestFields());
            references(o.putArray("sources"), v.sources());
            fields(o.putArray("outputs"), v.outputs());
            tags(o, v.tags());
        } else if (d instanceof FeatureService s) {
            o.put("version", s.version()).put("description", s.description()).put("owner", s.owner());
            references(o.putArray("features"), s.features());
            tags(o, s.tags());
        }
        return o.toString();
    }

    private static void fields(ArrayNode array, List<Field> fields) {
        for (Field f : fields) {
            array.addObject().put("name", f.name()).put("type", f.type().jsonName()).put("nullable", f.nullable())
                    .put("allowNonFinite", f.allowNonFinite());
        }
    }

    private static void references(ArrayNode array, List<FeatureReference> refs) {
        refs.forEach(r -> array.add(r.toString()));
    }

    private static void tags(ObjectNode o, Map<String, String> tags) {
        ObjectNode t = o.putObject("tags");
        tags.forEach(t::put);
    }

    /** The definition of its JSON text. */
    public static Definition read(String text) {
        try {
            JsonNode o = JSON.readTree(text);
            String kind = o.get("kind").asText();
            String name = o.get("name").asText();
            return switch (kind) {
                case "entity" -> new Entity(name, fields(o.get("joinKeys")), o.get("description").asText());
                case "feature view" -> {
                    FeatureView.Builder b = FeatureView.builder(name).version(o.get("version").asInt())
                            .ttl(Duration.parse(o.get("ttl").asText())).description(o.get("description").asText())
                            .owner(o.get("owner").asText()).features(fields(o.get("features")));
                    for (JsonNode e : o.get("entities")) {
                        b.entity(new Entity(e.get("name").asText(), fields(e.get("joinKeys")),
                                e.get("description").asText()));
                    }
                    tags(o).forEach(b::tag);
                    yield b.build();
                }
                case "on-demand feature view" -> {
                    OnDemandFeatureView.Builder b = OnDemandFeatureView.builder(name).version(o.get("version").asInt())
                            .description(o.get("description").asText()).owner(o.get("owner").asText());
                    fields(o.get("requestFields")).forEach(b::requestField);
                    o.get("sources").forEach(s -> b.source(s.asText()));
                    fields(o.get("outputs")).forEach(b::output);
                    tags(o).forEach(b::tag);
                    yield b.build();
                }
                case "feature service" -> {
                    FeatureService.Builder b = FeatureService.builder(name).version(o.get("version").asInt())
                            .description(o.get("description").asText()).owner(o.get("owner").asText());
                    o.get("features").forEach(f -> b.feature(f.asText()));
                    tags(o).forEach(b::tag);
                    yield b.build();
                }
                default -> throw new StorageException("unknown definition kind '" + kind + "' in the registry");
            };
        } catch (JsonProcessingException | RuntimeException e) {
            if (e instanceof StorageException s) {
                throw s;
            }
            throw new StorageException("a stored definition cannot be read: " + e.getMessage(), e);
        }
    }

    private static List<Field> fields(JsonNode array) {
        List<Field> out = new ArrayList<>();
        for (JsonNode f : array) {
            out.add(new Field(f.get("name").asText(), ValueType.fromJsonName(f.get("type").asText()),
                    f.get("nullable").asBoolean(), f.get("allowNonFinite").asBoolean()));
        }
        return out;
    }

    private static Map<String, String> tags(JsonNode o) {
        Map<String, String> out = new TreeMap<>();
        o.get("tags").properties().forEach(e -> out.put(e.getKey(), e.getValue().asText()));
        return out;
    }
}
