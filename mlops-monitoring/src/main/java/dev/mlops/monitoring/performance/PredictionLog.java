package dev.mlops.monitoring.performance;

import dev.mlops.core.StorageException;
import dev.mlops.core.jdbc.Database;
import java.util.List;
import java.util.function.Consumer;

/**
 * Where predictions and their labels are kept, and read back joined: the storage SPI behind
 * {@link PredictionMonitor}. The library ships an in-memory log and a JDBC log (H2, PostgreSQL,
 * SQLite); a host may write its own, and should run it through the same contract tests.
 *
 * <h2>Contract</h2>
 * <ul>
 *   <li>{@link #append}: stores predictions. Within one model a prediction id is stored once: a
 *       prediction whose (model, id) is already stored is ignored, so the first one wins and a retried
 *       batch does no harm.</li>
 *   <li>{@link #appendLabels}: stores labels by prediction id, whether or not the prediction is stored
 *       yet. For one id the label with the latest {@link GroundTruth#time()} is kept; on a tie the one
 *       appended last.</li>
 *   <li>{@link #scan}: the predictions in a {@link PredictionRange}, each with the label stored for its
 *       id at the time of the scan, ordered by prediction time, then id.</li>
 *   <li>A failed call throws {@link StorageException} (or another {@code MlopsException}) and may have
 *       stored a part of its batch; a retry is safe because of the rules above.</li>
 * </ul>
 *
 * <p>Implementations are thread-safe: the monitor's consumer thread appends while other threads scan
 * or append labels directly.
 */
public interface PredictionLog {

    /** Stores predictions; see the class comment for duplicates. */
    void append(List<Prediction> predictions);

    /** Stores labels; see the class comment for which label is kept. */
    void appendLabels(List<GroundTruth> labels);

    /**
     * Hands every stored prediction in {@code range}, with its label if one is stored, to
     * {@code consumer}, in order of prediction time, then id.
     */
    void scan(PredictionRange range, Consumer<? super LabelledPrediction> consumer);

    /**
     * An in-memory log that keeps the latest {@value InMemoryPredictionLog#DEFAULT_CAPACITY}
     * predictions and as many labels, forgetting the oldest (by arrival) beyond that.
     */
    static PredictionLog inMemory() {
        return new InMemoryPredictionLog(InMemoryPredictionLog.DEFAULT_CAPACITY);
    }

    /**
     * An in-memory log that keeps the latest {@code capacity} predictions and as many labels.
     *
     * @throws dev.mlops.core.InvalidArgumentException if capacity is not positive
     */
    static PredictionLog inMemory(int capacity) {
        return new InMemoryPredictionLog(capacity);
    }

    /**
     * A log in tables of {@code db} ({@code mlops_prediction}, {@code mlops_prediction_label}), created
     * by the monitoring module's migrations, which this call applies. The database stays the caller's
     * to close.
     *
     * @throws StorageException if the migrations fail
     */
    static PredictionLog jdbc(Database db) {
        return new JdbcPredictionLog(db);
    }
}
