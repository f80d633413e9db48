package dev.mlops.featurestore;

/**
 * What one view's materialization did.
 *
 * @param view the view's name
 * @param version the view's version
 * @param interval the event-time interval read from the offline store
 * @param rows how many rows (one per key) were written to the online store; rows older than what
 *     the online store held were ignored by it
 */
public record Materialization(String view, int version, MaterializationInterval interval, long rows) {}
