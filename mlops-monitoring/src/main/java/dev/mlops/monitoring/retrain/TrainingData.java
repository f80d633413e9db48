package dev.mlops.monitoring.retrain;

import dev.mlops.core.InvalidArgumentException;
import dev.mlops.registry.tracking.DatasetInput;
import java.util.List;

/**
 * What a {@link TrainingDataSource} hands to a retraining: the data itself, in whatever form the
 * host's trainer takes, and the datasets it came from, which are logged on the training run so that
 * lineage links them to the model version.
 *
 * @param data the training (and evaluation) data
 * @param inputs the datasets behind it (name, content digest, source), possibly empty
 * @param <D> the host's data type, such as a feature store training set
 */
public record TrainingData<D>(D data, List<DatasetInput> inputs) {

    public TrainingData {
        if (data == null) {
            throw new InvalidArgumentException("data", "is null");
        }
        inputs = List.copyOf(inputs);
    }

    /** Data with one dataset input. */
    public static <D> TrainingData<D> of(D data, DatasetInput input) {
        return new TrainingData<>(data, List.of(input));
    }
}
