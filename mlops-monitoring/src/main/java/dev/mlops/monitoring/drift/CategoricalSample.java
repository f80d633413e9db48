package dev.mlops.monitoring.drift;

import java.util.HashMap;
import java.util.Map;
import java.util.OptionalDouble;

/** One side of a categorical column: the count of each category, and its {@link ColumnStats}. */
final class CategoricalSample {

    final Map<String, Long> counts;
    final ColumnStats stats;

    private CategoricalSample(Map<String, Long> counts, ColumnStats stats) {
        this.counts = counts;
        this.stats = stats;
    }

    static CategoricalSample of(Dataset.CategoricalColumn column) {
        String[] values = column.values();
        Map<String, long[]> tally = new HashMap<>();
        long nulls = 0;
        for (String v : values) {
            if (v == null) {
                nulls++;
            } else {
                tally.computeIfAbsent(v, x -> new long[1])[0]++;
            }
        }
        Map<String, Long> counts = new HashMap<>(tally.size() * 2);
        tally.forEach((k, c) -> counts.put(k, c[0]));
        return new CategoricalSample(counts, new ColumnStats(values.length, nulls, 0, 0, counts.size(),
                OptionalDouble.empty(), OptionalDouble.empty(), OptionalDouble.empty(), OptionalDouble.empty()));
    }
}
