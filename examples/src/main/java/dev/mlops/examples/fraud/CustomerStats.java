package dev.mlops.examples.fraud;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The batch job behind the {@code customer_stats} feature view: per customer, the mean amount and the
 * number of transactions over the trailing seven days, as rows ready to push with the time they
 * describe as {@code event_timestamp}. Not thread-safe.
 */
public final class CustomerStats {

    private static final Duration WINDOW = Duration.ofDays(7);
    private final List<Deque<Transaction>> recent;

    /** Stats for customers 1..customers. */
    public CustomerStats(int customers) {
        recent = new ArrayList<>(customers + 1);
        for (int c = 0; c <= customers; c++) {
            recent.add(new ArrayDeque<>());
        }
    }

    /** Adds a day's transactions. */
    public void addAll(List<Transaction> transactions) {
        for (Transaction t : transactions) {
            recent.get((int) t.customerId()).addLast(t);
        }
    }

    /** One row per customer with recent activity, as of {@code asOf} (transactions before it). */
    public List<Map<String, Object>> rowsAsOf(Instant asOf) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int c = 1; c < recent.size(); c++) {
            Deque<Transaction> q = recent.get(c);
            while (!q.isEmpty() && q.peekFirst().time().isBefore(asOf.minus(WINDOW))) {
                q.removeFirst();
            }
            if (q.isEmpty()) {
                continue;
            }
            double sum = 0;
            for (Transaction t : q) {
                sum += t.amount();
            }
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("customer_id", (long) c);
            row.put("event_timestamp", asOf);
            row.put("avg_amount", Math.round(sum / q.size() * 100.0) / 100.0);
            row.put("txn_count_7d", (long) q.size());
            rows.add(row);
        }
        return rows;
    }
}
