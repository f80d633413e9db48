package dev.mlops.featurestore;

/**
 * What {@link FeatureStore#ingest} did: how many rows it read from the source and how many it wrote
 * (to the stores the push mode names). Immutable.
 *
 * @param rowsRead rows the source gave
 * @param rowsWritten rows written; equal to {@code rowsRead} after a successful ingest
 */
public record IngestResult(long rowsRead, long rowsWritten) {}
