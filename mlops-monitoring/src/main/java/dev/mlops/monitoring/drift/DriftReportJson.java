package dev.mlops.monitoring.drift;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mlops.core.InvalidArgumentException;
import dev.mlops.core.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Writes and reads {@link DriftReport} JSON with explicit, stable field names (the module README
 * lists them). Absent optional values are left out. Stateless; the mapper is thread-safe.
 */
final class DriftReportJson {

    /** Version of the JSON layout, written as {@code "format"}. */
    static final int FORMAT = 1;

    private static final ObjectMapper MAPPER = Json.newMapper();

    private DriftReportJson() {}

    static String write(DriftReport report) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("format", FORMAT);
        root.put("referenceRows", report.referenceRows());
        root.put("currentRows", report.currentRows());
        root.put("testedColumns", report.testedColumns());
        root.put("driftedColumns", report.driftedColumns());
        root.put("driftShare", report.driftShare());
        root.put("driftShareThreshold", report.driftShareThreshold());
        root.put("datasetDrift", report.datasetDrift());
        ArrayNode columns = root.putArray("columns");
        for (ColumnDrift c : report.columns()) {
            ObjectNode node = columns.addObject();
            node.put("column", c.column());
            node.put("kind", c.kind().jsonName());
            node.put("status", c.status().jsonName());
            node.put("drifted", c.drifted());
            c.reference().ifPresent(s -> writeStats(node.putObject("reference"), s));
            c.current().ifPresent(s -> writeStats(node.putObject("current"), s));
            c.result().ifPresent(r -> writeResult(node.putObject("result"), r));
            c.distribution().ifPresent(d -> writeDistribution(node.putObject("distribution"), d));
        }
        try {
            return MAPPER.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree could not be written", e);
        }
    }

    private static void writeStats(ObjectNode node, ColumnStats s) {
        node.put("rows", s.rows());
        node.put("nulls", s.nulls());
        node.put("nan", s.nan());
        node.put("infinite", s.infinite());
        node.put("valid", s.valid());
        node.put("distinct", s.distinct());
        putOptional(node, "mean", s.mean());
        putOptional(node, "std", s.std());
        putOptional(node, "min", s.min());
        putOptional(node, "max", s.max());
    }

    private static void writeResult(ObjectNode node, ColumnTestResult r) {
        node.put("test", r.test().jsonName());
        node.put("statistic", r.statistic());
        putOptional(node, "pValue", r.pValue());
        node.put("threshold", r.threshold());
        node.put("drifted", r.drifted());
        node.put("effectSizeName", r.effectSizeName());
        node.put("effectSize", r.effectSize());
        if (r.errorBound().isPresent()) {
            node.put("errorBound", r.errorBound().getAsDouble());
        }
    }

    private static void writeDistribution(ObjectNode node, Distribution d) {
        if (d instanceof Distribution.Histogram h) {
            node.put("type", "histogram");
            ArrayNode edges = node.putArray("edges");
            h.edges().forEach(edges::add);
        } else {
            Distribution.Categories c = (Distribution.Categories) d;
            node.put("type", "categories");
            ArrayNode labels = node.putArray("labels");
            c.labels().forEach(labels::add);
        }
        ArrayNode ref = node.putArray("reference");
        d.reference().forEach(ref::add);
        ArrayNode cur = node.putArray("current");
        d.current().forEach(cur::add);
        if (d instanceof Distribution.Categories c) {
            node.put("otherCategories", c.otherCategories());
            node.put("otherReference", c.otherReference());
            node.put("otherCurrent", c.otherCurrent());
            node.put("unseenCategories", c.unseenCategories());
            node.put("unseenCurrent", c.unseenCurrent());
        }
    }

    private static void putOptional(ObjectNode node, String field, OptionalDouble value) {
        if (value.isPresent()) {
            node.put(field, value.getAsDouble());
        }
    }

    // ------------------------------------------------------------------ reading

    static DriftReport read(String json) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json == null ? "" : json);
        } catch (JsonProcessingException e) {
            throw new InvalidArgumentException("json", "malformed drift report: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new InvalidArgumentException("json", "a drift report must be a JSON object");
        }
        int format = (int) integer(root, "format");
        if (format != FORMAT) {
            throw new InvalidArgumentException("format", "unsupported drift report format " + format
                    + ", this version reads " + FORMAT);
        }
        List<ColumnDrift> columns = new ArrayList<>();
        for (JsonNode c : array(root, "columns")) {
            String name = text(c, "column");
            columns.add(new ColumnDrift(name, DriftColumnType.fromJsonName(text(c, "kind")),
                    ColumnStatus.fromJsonName(text(c, "status")),
                    optionalObject(c, "reference").map(DriftReportJson::readStats),
                    optionalObject(c, "current").map(DriftReportJson::readStats),
                    optionalObject(c, "result").map(DriftReportJson::readResult),
                    optionalObject(c, "distribution").map(DriftReportJson::readDistribution)));
        }
        return new DriftReport(integer(root, "referenceRows"), integer(root, "currentRows"),
                number(root, "driftShareThreshold"), columns);
    }

    private static ColumnStats readStats(JsonNode n) {
        return new ColumnStats(integer(n, "rows"), integer(n, "nulls"), integer(n, "nan"), integer(n, "infinite"),
                integer(n, "distinct"), optionalNumber(n, "mean"), optionalNumber(n, "std"), optionalNumber(n, "min"),
                optionalNumber(n, "max"));
    }

    private static ColumnTestResult readResult(JsonNode n) {
        JsonNode drifted = n.get("drifted");
        if (drifted == null || !drifted.isBoolean()) {
            throw new InvalidArgumentException("drifted", "must be a boolean");
        }
        return new ColumnTestResult(DriftTest.fromJsonName(text(n, "test")), number(n, "statistic"),
                optionalNumber(n, "pValue"), number(n, "threshold"), drifted.booleanValue(), text(n, "effectSizeName"),
                number(n, "effectSize"), optionalNumber(n, "errorBound"));
    }

    private static Distribution readDistribution(JsonNode n) {
        String type = text(n, "type");
        List<Long> ref = longs(array(n, "reference"));
        List<Long> cur = longs(array(n, "current"));
        switch (type) {
            case "histogram" -> {
                List<Double> edges = new ArrayList<>();
                for (JsonNode e : array(n, "edges")) {
                    edges.add(asNumber("edges", e));
                }
                return new Distribution.Histogram(edges, ref, cur);
            }
            case "categories" -> {
                List<String> labels = new ArrayList<>();
                for (JsonNode l : array(n, "labels")) {
                    if (!l.isTextual()) {
                        throw new InvalidArgumentException("labels", "must be strings");
                    }
                    labels.add(l.asText());
                }
                return new Distribution.Categories(labels, ref, cur, (int) integer(n, "otherCategories"),
                        integer(n, "otherReference"), integer(n, "otherCurrent"), (int) integer(n, "unseenCategories"),
                        integer(n, "unseenCurrent"));
            }
            default -> throw new InvalidArgumentException("type", "unknown distribution type '" + type + "'");
        }
    }

    private static List<Long> longs(JsonNode array) {
        List<Long> out = new ArrayList<>(array.size());
        for (JsonNode v : array) {
            if (!v.canConvertToExactIntegral() || !v.canConvertToLong()) {
                throw new InvalidArgumentException("counts", "must be integers, got " + v);
            }
            out.add(v.longValue());
        }
        return out;
    }

    private static JsonNode field(JsonNode n, String name) {
        JsonNode v = n.get(name);
        if (v == null || v.isNull()) {
            throw new InvalidArgumentException(name, "is missing");
        }
        return v;
    }

    private static String text(JsonNode n, String name) {
        JsonNode v = field(n, name);
        if (!v.isTextual()) {
            throw new InvalidArgumentException(name, "must be a string");
        }
        return v.asText();
    }

    private static long integer(JsonNode n, String name) {
        JsonNode v = field(n, name);
        if (!v.isIntegralNumber() || !v.canConvertToLong()) {
            throw new InvalidArgumentException(name, "must be an integer");
        }
        return v.longValue();
    }

    private static double number(JsonNode n, String name) {
        return asNumber(name, field(n, name));
    }

    private static double asNumber(String name, JsonNode v) {
        if (!v.isNumber()) {
            throw new InvalidArgumentException(name, "must be a number");
        }
        return v.doubleValue();
    }

    private static OptionalDouble optionalNumber(JsonNode n, String name) {
        JsonNode v = n.get(name);
        return v == null || v.isNull() ? OptionalDouble.empty() : OptionalDouble.of(asNumber(name, v));
    }

    private static JsonNode array(JsonNode n, String name) {
        JsonNode v = field(n, name);
        if (!v.isArray()) {
            throw new InvalidArgumentException(name, "must be an array");
        }
        return v;
    }

    private static Optional<JsonNode> optionalObject(JsonNode n, String name) {
        JsonNode v = n.get(name);
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        if (!v.isObject()) {
            throw new InvalidArgumentException(name, "must be an object");
        }
        return Optional.of(v);
    }
}
