package dev.mlops.monitoring.performance;

import dev.mlops.core.InvalidArgumentException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * {@link PredictionLog#inMemory(int)}: two insertion-ordered hash maps under one lock, each bounded to
 * the capacity by forgetting its oldest entry. Appends cost one lock per batch; a scan copies the
 * matching rows under the lock and sorts and hands them out after releasing it. Thread-safe.
 */
final class InMemoryPredictionLog implements PredictionLog {

    static final int DEFAULT_CAPACITY = 1_000_000;

    private static final Comparator<LabelledPrediction> ORDER = Comparator
            .comparing((LabelledPrediction lp) -> lp.prediction().time())
            .thenComparing(lp -> lp.prediction().id());

    private record Key(String model, String id) {}

    private final Object lock = new Object();
    private final LinkedHashMap<Key, Prediction> predictions;
    private final LinkedHashMap<String, GroundTruth> labels;

    InMemoryPredictionLog(int capacity) {
        if (capacity < 1) {
            throw new InvalidArgumentException("capacity", "must be positive, got " + capacity);
        }
        this.predictions = new LinkedHashMap<>(16, 0.75f, false) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, Prediction> eldest) {
                return size() > capacity;
            }
        };
        this.labels = new LinkedHashMap<>(16, 0.75f, false) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, GroundTruth> eldest) {
                return size() > capacity;
            }
        };
    }

    @Override
    public void append(List<Prediction> batch) {
        synchronized (lock) {
            for (Prediction p : batch) {
                predictions.putIfAbsent(new Key(p.model(), p.id()), p);
            }
        }
    }

    @Override
    public void appendLabels(List<GroundTruth> batch) {
        synchronized (lock) {
            for (GroundTruth g : batch) {
                GroundTruth old = labels.get(g.predictionId());
                if (old == null || !g.time().isBefore(old.time())) {
                    labels.put(g.predictionId(), g);
                }
            }
        }
    }

    @Override
    public void scan(PredictionRange range, Consumer<? super LabelledPrediction> consumer) {
        List<LabelledPrediction> rows = new ArrayList<>();
        synchronized (lock) {
            for (Prediction p : predictions.values()) {
                if (range.contains(p)) {
                    rows.add(new LabelledPrediction(p, Optional.ofNullable(labels.get(p.id()))));
                }
            }
        }
        rows.sort(ORDER);
        rows.forEach(consumer);
    }

    @Override
    public String toString() {
        synchronized (lock) {
            return "InMemoryPredictionLog[predictions=" + predictions.size() + ", labels=" + labels.size() + "]";
        }
    }
}
