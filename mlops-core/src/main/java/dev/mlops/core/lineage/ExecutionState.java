package dev.mlops.core.lineage;

/** The last known state of an execution, as in ML Metadata's {@code Execution.State}. */
public enum ExecutionState {
    NEW,
    RUNNING,
    COMPLETE,
    FAILED,
    CACHED,
    CANCELED
}
