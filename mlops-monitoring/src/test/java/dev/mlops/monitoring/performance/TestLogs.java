package dev.mlops.monitoring.performance;

import dev.mlops.core.StorageException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** Prediction logs that misbehave on purpose, around an in-memory one. */
final class TestLogs {

    private TestLogs() {}

    /** Scans a whole model's range into a list. */
    static List<LabelledPrediction> scanAll(PredictionLog log, String model) {
        List<LabelledPrediction> out = new ArrayList<>();
        log.scan(PredictionRange.of(model, Prediction.MIN_TIME, Prediction.MAX_TIME), out::add);
        return out;
    }

    /** A log whose first append waits until {@link #release()}: the consumer thread is stuck meanwhile. */
    static final class Blocking implements PredictionLog {
        final PredictionLog delegate = PredictionLog.inMemory();
        final CountDownLatch entered = new CountDownLatch(1);
        private final CountDownLatch released = new CountDownLatch(1);

        void release() {
            released.countDown();
        }

        boolean awaitEntered() throws InterruptedException {
            return entered.await(1, TimeUnit.MINUTES);
        }

        @Override
        public void append(List<Prediction> predictions) {
            entered.countDown();
            try {
                if (!released.await(1, TimeUnit.MINUTES)) {
                    throw new IllegalStateException("test never released the log");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            delegate.append(predictions);
        }

        @Override
        public void appendLabels(List<GroundTruth> labels) {
            delegate.appendLabels(labels);
        }

        @Override
        public void scan(PredictionRange range, Consumer<? super LabelledPrediction> consumer) {
            delegate.scan(range, consumer);
        }
    }

    /** A log that fails every append. */
    static final class Failing implements PredictionLog {
        @Override
        public void append(List<Prediction> predictions) {
            throw new StorageException("disk full (test)");
        }

        @Override
        public void appendLabels(List<GroundTruth> labels) {
            throw new StorageException("disk full (test)");
        }

        @Override
        public void scan(PredictionRange range, Consumer<? super LabelledPrediction> consumer) {
            // nothing stored
        }
    }
}
