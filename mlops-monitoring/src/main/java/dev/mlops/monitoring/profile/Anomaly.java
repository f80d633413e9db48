package dev.mlops.monitoring.profile;

import dev.mlops.core.InvalidArgumentException;
import java.util.List;

/**
 * One problem found by {@link Expectations#validate}: the column, the kind, a sentence saying what
 * was expected and what was seen, and the offending values where there are some (unexpected
 * categories, most frequent first). Immutable.
 *
 * @param column the column named by the anomaly
 * @param type the kind of anomaly
 * @param description what was expected and what was found
 * @param values offending values (unexpected categories); empty for other kinds
 */
public record Anomaly(String column, AnomalyType type, String description, List<String> values) {

    public Anomaly {
        if (column == null || type == null || description == null) {
            throw new InvalidArgumentException("anomaly", "column, type and description are required");
        }
        values = values == null ? List.of() : List.copyOf(values);
    }
}
