package dev.mlops.examples.fraud;

import dev.mlops.featurestore.FeatureService;
import dev.mlops.featurestore.FeatureStore;
import dev.mlops.featurestore.TrainingSet;
import dev.mlops.monitoring.retrain.RetrainingContext;
import dev.mlops.monitoring.retrain.TrainingData;
import dev.mlops.monitoring.retrain.TrainingDataSource;
import dev.mlops.registry.tracking.DatasetInput;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Retraining data from the feature store: the labelled transactions of a recent window joined
 * point-in-time with the customer features, written as an Arrow IPC file whose digest becomes the
 * run's dataset input. The newest labelled day is held out for evaluation; training rows are weighted
 * by recency (half-life {@code halfLife}) so that a model retrained after drift follows the new
 * behaviour. Thread-safe if the transaction supplier is.
 */
public final class FeatureStoreTrainingData implements TrainingDataSource<FraudData> {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmm").withZone(ZoneOffset.UTC);

    private final FeatureStore store;
    private final FeatureService service;
    private final Supplier<List<Transaction>> labelled;
    private final Path dir;
    private final Duration window;
    private final Duration halfLife;

    /**
     * @param store the feature store
     * @param service the features the model reads
     * @param labelled the transactions whose labels have arrived so far
     * @param dir where training sets are written
     * @param window how far back training data reaches
     * @param halfLife recency weighting of training rows
     */
    public FeatureStoreTrainingData(FeatureStore store, FeatureService service, Supplier<List<Transaction>> labelled,
            Path dir, Duration window, Duration halfLife) {
        this.store = store;
        this.service = service;
        this.labelled = labelled;
        this.dir = dir;
        this.window = window;
        this.halfLife = halfLife;
    }

    @Override
    public TrainingData<FraudData> load(RetrainingContext context) throws IOException {
        Instant asOf = context.startedAt();
        List<Transaction> rows = labelled.get().stream()
                .filter(t -> !t.time().isBefore(asOf.minus(window)) && t.time().isBefore(asOf)).toList();
        FraudData data = build(rows, asOf, "fraud-retrain-");
        return TrainingData.of(data, DatasetInput.of("fraud-training-set", data.digest(), data.file().toString())
                .withContext("training"));
    }

    /**
     * Joins {@code transactions} with the features as of each transaction's time, writes the set, and
     * splits off the newest day (by transaction time) as the holdout.
     */
    public FraudData build(List<Transaction> transactions, Instant asOf, String filePrefix) throws IOException {
        if (transactions.isEmpty()) {
            throw new IllegalStateException("no labelled transactions before " + asOf);
        }
        Files.createDirectories(dir);
        Path file = dir.resolve(filePrefix + STAMP.format(asOf) + ".arrow");
        List<Map<String, Object>> all = new ArrayList<>();
        String digest;
        try (TrainingSet set = store.getHistoricalFeatures(transactions.stream().map(Transaction::entityRow).toList(),
                service)) {
            digest = set.writeArrowIpc(file);
            for (Map<String, Object> row : set) {
                all.add(new HashMap<>(row));
            }
        }
        Instant newest = transactions.stream().map(Transaction::time).max(Instant::compareTo).orElseThrow();
        Instant holdoutFrom = newest.truncatedTo(java.time.temporal.ChronoUnit.DAYS);
        List<Map<String, Object>> train = new ArrayList<>();
        List<Map<String, Object>> holdout = new ArrayList<>();
        List<Double> weights = new ArrayList<>();
        for (Map<String, Object> row : all) {
            Instant t = (Instant) row.get("event_timestamp");
            if (t.isBefore(holdoutFrom)) {
                train.add(row);
                double ageDays = Duration.between(t, holdoutFrom).toMinutes() / 1440.0;
                weights.add(Math.pow(0.5, ageDays / (halfLife.toMinutes() / 1440.0)));
            } else {
                holdout.add(row);
            }
        }
        return new FraudData(train, weights.stream().mapToDouble(Double::doubleValue).toArray(), holdout, file, digest);
    }
}
