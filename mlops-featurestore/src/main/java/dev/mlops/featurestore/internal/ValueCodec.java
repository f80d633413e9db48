package dev.mlops.featurestore.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.mlops.core.Field;
import dev.mlops.core.Json;
import dev.mlops.core.StorageException;
import dev.mlops.core.ValueType;
import dev.mlops.featurestore.EntityKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;

/**
 * Feature values and entity keys as JSON text, for stores that keep them in generic columns (the
 * JDBC adapters): a value array in view feature order, canonical values encoded by type (bytes as
 * base64, timestamps as nanoseconds since the epoch, NaN and infinities as strings), and entity keys
 * as a JSON array whose text is equal exactly when the keys are equal. Not API.
 */
public final class ValueCodec {

    private static final ObjectMapper JSON = Json.newMapper();

    private ValueCodec() {}

    /** The text of an entity key: {@code [42,"eu"]}. Equal keys give equal text. */
    public static String key(EntityKey key) {
        ArrayNode array = JSON.createArrayNode();
        for (Object v : key.values()) {
            if (v instanceof String s) {
                array.add(s);
            } else {
                array.add(((Number) v).longValue());
            }
        }
        return array.toString();
    }

    /** A JSON array of strings: {@code ["a","b"]}. */
    public static String jsonArray(List<String> texts) {
        ArrayNode array = JSON.createArrayNode();
        texts.forEach(array::add);
        return array.toString();
    }

    /** The entity key of its text, typed as the join keys say. */
    public static EntityKey key(String text, List<Field> joinKeys) {
        JsonNode array = read(text);
        Object[] values = new Object[joinKeys.size()];
        for (int k = 0; k < values.length; k++) {
            JsonNode n = array.get(k);
            values[k] = switch (joinKeys.get(k).type()) {
                case INT32 -> n.intValue();
                case INT64 -> n.longValue();
                default -> n.textValue();
            };
        }
        return EntityKey.of(values);
    }

    /** The text of feature values in view order. */
    public static String values(List<Field> features, List<Object> values) {
        ArrayNode array = JSON.createArrayNode();
        for (int f = 0; f < features.size(); f++) {
            add(array, features.get(f).type(), f < values.size() ? values.get(f) : null);
        }
        return array.toString();
    }

    private static void add(ArrayNode array, ValueType type, Object v) {
        if (v == null) {
            array.addNull();
            return;
        }
        switch (type) {
            case BOOL -> array.add((Boolean) v);
            case INT32 -> array.add((Integer) v);
            case INT64 -> array.add((Long) v);
            case FLOAT32 -> addDouble(array, (Float) v);
            case FLOAT64 -> addDouble(array, (Double) v);
            case STRING -> array.add((String) v);
            case BYTES -> array.add(Base64.getEncoder().encodeToString((byte[]) v));
            case TIMESTAMP -> array.add(Timestamps.toNanos((Instant) v));
            case FLOAT32_LIST -> {
                ArrayNode a = array.addArray();
                for (float x : (float[]) v) {
                    addDouble(a, x);
                }
            }
            case FLOAT64_LIST -> {
                ArrayNode a = array.addArray();
                for (double x : (double[]) v) {
                    addDouble(a, x);
                }
            }
            case INT64_LIST -> {
                ArrayNode a = array.addArray();
                for (long x : (long[]) v) {
                    a.add(x);
                }
            }
            case STRING_LIST -> {
                ArrayNode a = array.addArray();
                for (Object x : (List<?>) v) {
                    a.add((String) x);
                }
            }
        }
    }

    private static void addDouble(ArrayNode array, double d) {
        if (Double.isFinite(d)) {
            array.add(d);
        } else {
            array.add(Double.toString(d));
        }
    }

    private static double doubleOf(JsonNode n) {
        return n.isTextual() ? Double.parseDouble(n.textValue()) : n.doubleValue();
    }

    /**
     * The values of their text, typed by the view's features; a text written under an older
     * compatible version, with fewer values, gives just those.
     */
    public static List<Object> values(String text, List<Field> features) {
        JsonNode array = read(text);
        int n = Math.min(array.size(), features.size());
        Object[] out = new Object[n];
        for (int f = 0; f < n; f++) {
            JsonNode v = array.get(f);
            out[f] = v.isNull() ? null : decode(v, features.get(f).type());
        }
        return java.util.Arrays.asList(out);
    }

    private static Object decode(JsonNode v, ValueType type) {
        return switch (type) {
            case BOOL -> v.booleanValue();
            case INT32 -> v.intValue();
            case INT64 -> v.longValue();
            case FLOAT32 -> (float) doubleOf(v);
            case FLOAT64 -> doubleOf(v);
            case STRING -> v.textValue();
            case BYTES -> Base64.getDecoder().decode(v.textValue());
            case TIMESTAMP -> Timestamps.fromNanos(v.longValue());
            case FLOAT32_LIST -> {
                float[] a = new float[v.size()];
                for (int i = 0; i < a.length; i++) {
                    a[i] = (float) doubleOf(v.get(i));
                }
                yield a;
            }
            case FLOAT64_LIST -> {
                double[] a = new double[v.size()];
                for (int i = 0; i < a.length; i++) {
                    a[i] = doubleOf(v.get(i));
                }
                yield a;
            }
            case INT64_LIST -> {
                long[] a = new long[v.size()];
                for (int i = 0; i < a.length; i++) {
                    a[i] = v.get(i).longValue();
                }
                yield a;
            }
            case STRING_LIST -> {
                List<String> a = new ArrayList<>(v.size());
                v.forEach(x -> a.add(x.textValue()));
                yield Collections.unmodifiableList(a);
            }
        };
    }

    private static JsonNode read(String text) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new StorageException("stored feature data is not valid JSON: " + e.getOriginalMessage(), e);
        }
    }
}
