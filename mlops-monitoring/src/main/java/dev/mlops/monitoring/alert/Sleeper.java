package dev.mlops.monitoring.alert;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Waits between delivery attempts. The HTTP notifiers take one so that tests can record the backoff
 * instead of waiting for it; production code uses {@link #threadSleep()}.
 */
@FunctionalInterface
public interface Sleeper {

    /** Waits for {@code duration}; throws if the thread is interrupted meanwhile. */
    void sleep(Duration duration) throws InterruptedException;

    /** Blocks the calling thread for the duration. */
    static Sleeper threadSleep() {
        return d -> TimeUnit.NANOSECONDS.sleep(d.toNanos());
    }
}
