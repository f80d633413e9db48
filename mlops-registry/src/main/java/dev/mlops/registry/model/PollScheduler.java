package dev.mlops.registry.model;

import dev.mlops.registry.internal.Checks;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs a task periodically: how a {@link LiveModel} polls its alias. The host passes one built on its
 * own {@link ScheduledExecutorService} ({@link #of}); tests pass one that captures the task and run it
 * by hand, so no test waits for time to pass.
 */
@FunctionalInterface
public interface PollScheduler {

    /**
     * Runs {@code task} every {@code interval}, starting one interval from now, until the returned
     * handle is closed. Closing the handle stops later runs and never throws.
     */
    AutoCloseable schedule(Runnable task, Duration interval);

    /** A scheduler on the host's executor, at a fixed delay between the end of one run and the next. */
    static PollScheduler of(ScheduledExecutorService executor) {
        Checks.notNull("executor", executor);
        return (task, interval) -> {
            long millis = Math.max(1, interval.toMillis());
            ScheduledFuture<?> f = executor.scheduleWithFixedDelay(task, millis, millis, TimeUnit.MILLISECONDS);
            return () -> f.cancel(false);
        };
    }
}
