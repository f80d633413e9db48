package dev.mlops.registry.tracking;

import dev.mlops.core.InvalidArgumentException;
import dev.mlops.core.Names;
import dev.mlops.registry.internal.Checks;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What {@link TrackingStore#createRun} needs to create a run. Immutable.
 *
 * @param experimentId an active experiment
 * @param name the run's display name (a valid {@linkplain Names name}), when it has one
 * @param startTime when the run started
 * @param parentRunId the parent run, for a nested run; it must exist
 * @param userId who starts the run, at most 250 printable characters (may be empty)
 * @param status {@link RunStatus#RUNNING} or {@link RunStatus#SCHEDULED}
 * @param tags the initial tags
 */
public record NewRun(String experimentId, Optional<String> name, Instant startTime, Optional<String> parentRunId,
        String userId, RunStatus status, List<Tag> tags) {

    public NewRun {
        Checks.notNull("experimentId", experimentId);
        Checks.notNull("name", name).ifPresent(n -> Names.require("run name", n));
        startTime = Checks.timestamp("startTime", startTime);
        Checks.notNull("parentRunId", parentRunId);
        Checks.text("userId", userId, 250);
        Checks.notNull("status", status);
        if (status.isTerminal()) {
            throw new InvalidArgumentException("status", "a new run is RUNNING or SCHEDULED, not " + status);
        }
        tags = Checks.list("tags", tags);
        TrackingLimits.checkBatch(0, 0, tags.size());
    }

    /** A running, top-level, unnamed run without tags. */
    public static NewRun of(String experimentId, Instant startTime, String userId) {
        return new NewRun(experimentId, Optional.empty(), startTime, Optional.empty(), userId, RunStatus.RUNNING,
                List.of());
    }
}
