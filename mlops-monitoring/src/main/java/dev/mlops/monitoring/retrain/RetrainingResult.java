package dev.mlops.monitoring.retrain;

import dev.mlops.registry.model.ModelVersion;
import java.time.Instant;
import java.util.Optional;

/**
 * How one request to retrain ended.
 *
 * @param status what happened
 * @param trigger why it was requested
 * @param at when it was requested, by the injected clock
 * @param runId the tracking run, when training started
 * @param version the registered candidate, when one was registered
 * @param gate the gate's decision, when the candidate reached it
 * @param error why it failed, for {@link Status#FAILED}
 */
public record RetrainingResult(Status status, String trigger, Instant at, Optional<String> runId,
        Optional<ModelVersion> version, Optional<GateResult> gate, Optional<String> error) {

    /** The outcomes of a retraining request. */
    public enum Status {
        /** The candidate passed the gate, was registered, and the alias now points at it. */
        PROMOTED,
        /** The candidate was registered, failed the gate, and was tagged with the reasons. */
        REJECTED,
        /** Not started: the last retraining started less than the cooldown ago. */
        SKIPPED_COOLDOWN,
        /** Not started: another retraining is running. */
        SKIPPED_RUNNING,
        /** Started and failed (data, training, registration, or the alias moved meanwhile). */
        FAILED
    }

    static RetrainingResult skipped(Status status, String trigger, Instant at) {
        return new RetrainingResult(status, trigger, at, Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty());
    }
}
