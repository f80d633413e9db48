package dev.mlops.monitoring.retrain;

/**
 * Where retraining gets its data. The host implements it: the end-to-end example builds a point-in-time
 * training set with the feature store; a batch job might read a warehouse table. Keeping this an
 * interface keeps the monitoring module independent of the feature store.
 *
 * @param <D> the host's data type
 */
@FunctionalInterface
public interface TrainingDataSource<D> {

    /**
     * Loads the data for one retraining.
     *
     * @param context why and when the retraining runs, and the current champion
     * @throws Exception any failure; the retraining is then recorded as failed
     */
    TrainingData<D> load(RetrainingContext context) throws Exception;
}
