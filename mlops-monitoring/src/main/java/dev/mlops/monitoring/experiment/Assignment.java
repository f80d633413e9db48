package dev.mlops.monitoring.experiment;

import dev.mlops.core.InvalidArgumentException;
import java.time.Instant;

/**
 * One routing decision of an {@link ExperimentRouter}: which arm, and which model version, served a
 * key. The A/B analysis ({@link ExperimentKpis}) joins these to business KPIs by key.
 *
 * <p>An immutable value, safe to share between threads.
 *
 * @param experiment the experiment's name
 * @param key the unit of randomisation (user id, session id, ...)
 * @param arm the arm whose model answered the caller
 * @param modelName the registered model that answered
 * @param modelVersion its version number
 * @param shadow whether the experiment ran in shadow mode (the challenger only ran on the side)
 * @param time when the decision was made, from the router's clock
 */
public record Assignment(String experiment, String key, Arm arm, String modelName, int modelVersion,
                         boolean shadow, Instant time) {

    /** Validates that no field is null. */
    public Assignment {
        if (experiment == null || key == null || arm == null || modelName == null || time == null) {
            throw new InvalidArgumentException("assignment", "experiment, key, arm, modelName and time must not be null");
        }
    }
}
