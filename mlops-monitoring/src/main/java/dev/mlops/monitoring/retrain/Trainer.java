package dev.mlops.monitoring.retrain;

/**
 * Trains a candidate model; the host supplies it. It receives the data and a context with the
 * tracking run (to log parameters and extra metrics) and the current champion, and returns the
 * candidate's serialized model and its evaluation metrics.
 *
 * <p>To compare like with like, as TFX's Evaluator does, a trainer should evaluate the champion on
 * the same evaluation data ({@link RetrainingContext#championModel()} gives its verified bytes) and
 * return those metrics in {@link Candidate#championMetrics()}.
 *
 * @param <D> the host's data type
 */
@FunctionalInterface
public interface Trainer<D> {

    /**
     * Trains and evaluates a candidate.
     *
     * @throws Exception any failure; the run is marked FAILED and nothing is registered
     */
    Candidate train(D data, RetrainingContext context) throws Exception;
}
