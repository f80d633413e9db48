package dev.mlops.monitoring.profile;

import dev.mlops.core.InvalidArgumentException;
import dev.mlops.core.Names;
import dev.mlops.core.ValueType;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * What one column of a batch is expected to look like: TFDV's per-feature schema constraints.
 * Inferred by {@link Expectations#infer}, or written by hand. Immutable.
 *
 * @param name the column
 * @param type the expected value type
 * @param required whether the column must be present with at least one value (TFDV
 *     {@code presence.min_count = 1})
 * @param minPresence the least fraction of rows that must have a value (TFDV
 *     {@code presence.min_fraction}); 1 when the reference always had one
 * @param nanAllowed whether NaN may occur (TFDV {@code float_domain.disallow_nan} negated)
 * @param infAllowed whether ±∞ may occur (TFDV {@code float_domain.disallow_inf} negated)
 * @param min the least allowed value (epoch microseconds for timestamps), if bounded
 * @param max the greatest allowed value, if bounded
 * @param domain the allowed categories, if the column has a domain
 */
public record ColumnExpectation(String name, ValueType type, boolean required, double minPresence,
        boolean nanAllowed, boolean infAllowed, OptionalDouble min, OptionalDouble max,
        Optional<SortedSet<String>> domain) {

    public ColumnExpectation {
        Names.require("name", name);
        if (type == null || min == null || max == null || domain == null) {
            throw new InvalidArgumentException(name, "type, min, max and domain must not be null (use empty)");
        }
        if (!(minPresence >= 0 && minPresence <= 1)) {
            throw new InvalidArgumentException(name, "minPresence must be in [0, 1], was " + minPresence);
        }
        if (min.isPresent() && max.isPresent() && min.getAsDouble() > max.getAsDouble()) {
            throw new InvalidArgumentException(name, "min " + min.getAsDouble() + " exceeds max " + max.getAsDouble());
        }
        domain = domain.map(d -> java.util.Collections.unmodifiableSortedSet(new TreeSet<>(d)));
    }

    /** This expectation with another range, for example widened by hand. */
    public ColumnExpectation withRange(OptionalDouble newMin, OptionalDouble newMax) {
        return new ColumnExpectation(name, type, required, minPresence, nanAllowed, infAllowed, newMin, newMax, domain);
    }

    /** This expectation with another domain (or none). */
    public ColumnExpectation withDomain(Optional<SortedSet<String>> newDomain) {
        return new ColumnExpectation(name, type, required, minPresence, nanAllowed, infAllowed, min, max, newDomain);
    }
}
