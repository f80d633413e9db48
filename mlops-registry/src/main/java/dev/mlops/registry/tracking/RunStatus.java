package dev.mlops.registry.tracking;

/**
 * The status of a run, as in MLflow: a run is {@code SCHEDULED} or {@code RUNNING} until it ends
 * {@code FINISHED}, {@code FAILED} or {@code KILLED}.
 *
 * <p>Allowed transitions: {@code SCHEDULED → RUNNING}, and from {@code SCHEDULED} or {@code RUNNING}
 * to any terminal status. A terminal status is final; setting the same terminal status again is a
 * no-op, setting a different one is a {@link dev.mlops.core.ConflictException}.
 */
public enum RunStatus {
    RUNNING,
    SCHEDULED,
    FINISHED,
    FAILED,
    KILLED;

    /** Whether the run has ended. */
    public boolean isTerminal() {
        return this == FINISHED || this == FAILED || this == KILLED;
    }

    /** Whether a run in this status may move to {@code next} (the same status is always allowed). */
    public boolean canMoveTo(RunStatus next) {
        if (next == this) {
            return true;
        }
        return switch (this) {
            case SCHEDULED -> true;
            case RUNNING -> next.isTerminal();
            default -> false;
        };
    }
}
