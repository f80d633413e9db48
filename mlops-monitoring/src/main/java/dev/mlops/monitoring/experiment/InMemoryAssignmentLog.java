package dev.mlops.monitoring.experiment;

import dev.mlops.core.InvalidArgumentException;
import java.util.ArrayList;
import java.util.List;

/**
 * An {@link AssignmentLog} that keeps every assignment in memory, in arrival order. Unbounded: meant
 * for tests, examples and short experiments. Thread-safe.
 */
public final class InMemoryAssignmentLog implements AssignmentLog {

    private final List<Assignment> assignments = new ArrayList<>();

    InMemoryAssignmentLog() {}

    @Override
    public void record(Assignment assignment) {
        if (assignment == null) {
            throw new InvalidArgumentException("assignment", "is null");
        }
        synchronized (assignments) {
            assignments.add(assignment);
        }
    }

    /** A snapshot of every assignment recorded so far, in arrival order. */
    public List<Assignment> assignments() {
        synchronized (assignments) {
            return List.copyOf(assignments);
        }
    }

    /** A snapshot of the assignments of one experiment, in arrival order. */
    public List<Assignment> assignments(String experiment) {
        return assignments().stream().filter(a -> a.experiment().equals(experiment)).toList();
    }

    /** How many assignments have been recorded. */
    public int size() {
        synchronized (assignments) {
            return assignments.size();
        }
    }
}
