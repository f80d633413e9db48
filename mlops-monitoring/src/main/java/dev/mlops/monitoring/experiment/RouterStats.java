package dev.mlops.monitoring.experiment;

/**
 * Counters of an {@link ExperimentRouter}, read at one moment (each counter is exact; the set is
 * not one atomic snapshot).
 *
 * @param champion requests the champion answered
 * @param challenger requests the challenger answered (split mode only)
 * @param shadowSubmitted shadow runs handed to the executor
 * @param shadowCompleted shadow runs that finished and were recorded
 * @param shadowFailed shadow runs whose challenger (or shadow listener) threw
 * @param shadowDropped shadow runs not started: the in-flight bound was reached, the executor
 *     rejected the task, or the challenger had no loaded version
 */
public record RouterStats(long champion, long challenger, long shadowSubmitted, long shadowCompleted,
                          long shadowFailed, long shadowDropped) {}
