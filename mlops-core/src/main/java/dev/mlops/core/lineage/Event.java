package dev.mlops.core.lineage;

import java.time.Instant;

/**
 * An edge of the lineage graph: an execution read ({@link EventType#INPUT}) or wrote
 * ({@link EventType#OUTPUT}) an artifact.
 *
 * @param artifactId the artifact
 * @param executionId the execution
 * @param type input or output
 * @param recordedAt when the store recorded the event
 */
public record Event(long artifactId, long executionId, EventType type, Instant recordedAt) {}
