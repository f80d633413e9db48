package dev.mlops.monitoring.drift;

import dev.mlops.core.InvalidArgumentException;
import java.util.Optional;

/**
 * One column of a {@link DriftReport}: its name and kind, whether it was compared
 * ({@link ColumnStatus}), what each side held, the test result, and the distributions for charts.
 *
 * <p>Which parts are present follows from the status: {@code reference} is absent only for
 * {@link ColumnStatus#MISSING_IN_REFERENCE}, {@code current} only for
 * {@link ColumnStatus#MISSING_IN_CURRENT}; {@code result} and {@code distribution} are present
 * exactly for {@link ColumnStatus#TESTED}. An immutable value.
 *
 * @param column the column name, as given (not escaped)
 * @param kind numeric or categorical
 * @param status whether and why (not) compared
 * @param reference the reference side
 * @param current the current side
 * @param result the comparison
 * @param distribution counts of both sides over shared bins or categories
 */
public record ColumnDrift(String column, DriftColumnType kind, ColumnStatus status, Optional<ColumnStats> reference,
                          Optional<ColumnStats> current, Optional<ColumnTestResult> result,
                          Optional<Distribution> distribution) {

    /** Validates that the parts present match the status. */
    public ColumnDrift {
        if (column == null || column.isBlank()) {
            throw new InvalidArgumentException("column", "name must not be null or blank");
        }
        if (kind == null || status == null || reference == null || current == null || result == null
                || distribution == null) {
            throw new InvalidArgumentException(column, "kind, status and the optional parts must not be null");
        }
        if (reference.isPresent() == (status == ColumnStatus.MISSING_IN_REFERENCE)) {
            throw new InvalidArgumentException(column, "reference stats must be present unless the status is "
                    + ColumnStatus.MISSING_IN_REFERENCE.jsonName());
        }
        if (current.isPresent() == (status == ColumnStatus.MISSING_IN_CURRENT)) {
            throw new InvalidArgumentException(column, "current stats must be present unless the status is "
                    + ColumnStatus.MISSING_IN_CURRENT.jsonName());
        }
        boolean tested = status == ColumnStatus.TESTED;
        if (result.isPresent() != tested || distribution.isPresent() != tested) {
            throw new InvalidArgumentException(column, "a result and a distribution must be present exactly when"
                    + " the status is " + ColumnStatus.TESTED.jsonName());
        }
        if (distribution.isPresent() && kind == DriftColumnType.CATEGORICAL
                && !(distribution.get() instanceof Distribution.Categories)) {
            throw new InvalidArgumentException(column, "a categorical column's distribution must be categories");
        }
    }

    /** Whether the column was tested and found drifted. */
    public boolean drifted() {
        return result.map(ColumnTestResult::drifted).orElse(false);
    }
}
