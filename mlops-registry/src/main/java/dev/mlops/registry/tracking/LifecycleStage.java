package dev.mlops.registry.tracking;

/** Whether an experiment or a run is active or soft-deleted (and so restorable). */
public enum LifecycleStage {
    ACTIVE,
    DELETED
}
