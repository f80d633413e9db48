package dev.mlops.monitoring.retrain;

import dev.mlops.registry.model.ModelVersion;
import dev.mlops.registry.tracking.ActiveRun;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What a {@link TrainingDataSource} and a {@link Trainer} know about the retraining they serve.
 * Valid only during that retraining.
 */
public final class RetrainingContext {

    private final String trigger;
    private final Instant startedAt;
    private final ActiveRun run;
    private final Optional<ModelVersion> champion;
    private final Supplier<byte[]> championBytes;

    RetrainingContext(String trigger, Instant startedAt, ActiveRun run, Optional<ModelVersion> champion,
            Supplier<byte[]> championBytes) {
        this.trigger = trigger;
        this.startedAt = startedAt;
        this.run = run;
        this.champion = champion;
        this.championBytes = championBytes;
    }

    /** Why this retraining runs, such as {@code schedule} or {@code alert: FeatureDrift}. */
    public String trigger() {
        return trigger;
    }

    /** When it started, by the injected clock: the as-of time for the training data. */
    public Instant startedAt() {
        return startedAt;
    }

    /** The tracking run of this retraining: log parameters and extra metrics on it. */
    public ActiveRun run() {
        return run;
    }

    /** The version the alias points at now, if any. */
    public Optional<ModelVersion> champion() {
        return champion;
    }

    /** The champion's model bytes, digest-verified, if there is a champion. */
    public Optional<byte[]> championModel() {
        return champion.map(c -> championBytes.get());
    }
}
