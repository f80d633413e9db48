package dev.mlops.monitoring.profile;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mlops.core.Json;
import java.util.List;

/**
 * The anomalies found when a batch was checked against {@link Expectations}, in schema order
 * (expected columns first, then new ones). Immutable and thread-safe.
 *
 * @param rowCount rows in the batch that was checked
 * @param anomalies the anomalies; empty when the batch met every expectation
 */
public record ValidationReport(long rowCount, List<Anomaly> anomalies) {

    private static final ObjectMapper JSON = Json.newMapper();

    public ValidationReport {
        anomalies = List.copyOf(anomalies);
    }

    /** Whether no anomaly was found. */
    public boolean isValid() {
        return anomalies.isEmpty();
    }

    /** The anomalies of one column. */
    public List<Anomaly> anomaliesOf(String column) {
        return anomalies.stream().filter(a -> a.column().equals(column)).toList();
    }

    /** The anomalies of one kind. */
    public List<Anomaly> anomaliesOf(AnomalyType type) {
        return anomalies.stream().filter(a -> a.type() == type).toList();
    }

    /**
     * The report as JSON: {@code {"valid":false,"rowCount":n,"anomalies":[{"column":..,"type":..,
     * "tfdvType":..,"description":..,"values":[..]}]}}.
     */
    public String toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("valid", isValid());
        root.put("rowCount", rowCount);
        ArrayNode list = root.putArray("anomalies");
        for (Anomaly a : anomalies) {
            ObjectNode o = list.addObject();
            o.put("column", a.column());
            o.put("type", a.type().name());
            o.put("tfdvType", a.type().tfdvName());
            o.put("description", a.description());
            ArrayNode values = o.putArray("values");
            a.values().forEach(values::add);
        }
        return root.toString();
    }
}
