package dev.mlops.registry.model;

/** Whether a model version's files are in place, as MLflow's {@code ModelVersionStatus}. */
public enum ModelVersionStatus {
    /** Registered, but its artifact is still being uploaded; not loadable yet. */
    PENDING_REGISTRATION,
    /** Loadable. */
    READY,
    /** The upload failed; never loadable. */
    FAILED_REGISTRATION
}
