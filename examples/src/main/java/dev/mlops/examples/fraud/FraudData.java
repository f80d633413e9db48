package dev.mlops.examples.fraud;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A point-in-time-correct training set, split by time: older rows to train on (with example weights),
 * the newest labelled day to evaluate on, and the Arrow IPC file it was written to with its digest.
 *
 * @param train rows to train on
 * @param weights one example weight per training row
 * @param holdout rows to evaluate on (candidate and champion alike)
 * @param file the Arrow IPC file holding all rows
 * @param digest the file's content digest ({@code sha256:...})
 */
public record FraudData(List<Map<String, Object>> train, double[] weights, List<Map<String, Object>> holdout,
        Path file, String digest) {

    public FraudData {
        train = List.copyOf(train);
        holdout = List.copyOf(holdout);
        weights = weights.clone();
    }

    @Override
    public double[] weights() {
        return weights.clone();
    }
}
