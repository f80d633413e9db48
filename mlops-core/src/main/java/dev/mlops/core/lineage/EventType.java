package dev.mlops.core.lineage;

/** How an artifact takes part in an execution, as in ML Metadata's {@code Event.Type}. */
public enum EventType {
    /** The execution read the artifact. */
    INPUT,
    /** The execution produced the artifact. */
    OUTPUT
}
