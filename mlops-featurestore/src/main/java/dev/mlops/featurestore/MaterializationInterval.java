package dev.mlops.featurestore;

import dev.mlops.core.InvalidArgumentException;
import java.time.Instant;

/**
 * A closed interval of event times that was materialized into the online store.
 *
 * @param start the first event time included
 * @param end the last event time included; not before {@code start}
 */
public record MaterializationInterval(Instant start, Instant end) {

    public MaterializationInterval {
        if (start == null || end == null) {
            throw new InvalidArgumentException(start == null ? "start" : "end", "is null");
        }
        if (end.isBefore(start)) {
            throw new InvalidArgumentException("end", "end " + end + " is before start " + start);
        }
    }
}
