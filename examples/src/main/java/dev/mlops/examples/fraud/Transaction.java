package dev.mlops.examples.fraud;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One synthetic card transaction and whether it turned out to be fraud (which the service learns only
 * when the chargeback arrives).
 *
 * @param id unique id, also the prediction id
 * @param customerId the card holder
 * @param time when it happened
 * @param amount in currency units
 * @param merchant the merchant category
 * @param hour hour of day (UTC)
 * @param fraud the ground truth
 */
public record Transaction(String id, long customerId, Instant time, double amount, String merchant, long hour,
        boolean fraud) {

    /** The entity row of a point-in-time join: keys, time, request fields and the label. */
    public Map<String, Object> entityRow() {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("customer_id", customerId);
        row.put("event_timestamp", time);
        row.put("amount", amount);
        row.put("merchant", merchant);
        row.put("hour", hour);
        row.put("is_fraud", fraud);
        return row;
    }
}
