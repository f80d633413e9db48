package dev.mlops.monitoring.experiment;

/**
 * What {@link ExperimentRouter#route} returns: the answer and the decision that produced it.
 *
 * @param output the serving model's output
 * @param assignment the recorded decision (arm, model name and version)
 * @param <O> the output type
 */
public record Routed<O>(O output, Assignment assignment) {}
