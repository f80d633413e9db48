package dev.mlops.monitoring.experiment;

/** The two arms of a serving experiment. */
public enum Arm {
    /** The model that serves by default (usually the {@code champion} alias). */
    CHAMPION,
    /** The model under test (usually the {@code challenger} alias). */
    CHALLENGER
}
