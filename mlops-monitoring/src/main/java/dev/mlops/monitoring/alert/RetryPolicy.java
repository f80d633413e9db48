package dev.mlops.monitoring.alert;

import dev.mlops.core.InvalidArgumentException;
import java.time.Duration;
import java.util.Objects;

/**
 * How the HTTP notifiers retry: responses 429 and 5xx, I/O errors and timeouts are retried with
 * exponential backoff; any other status is final. A {@code Retry-After} header (seconds or an HTTP
 * date) lengthens the wait to what the server asked, unless it asks for more than
 * {@code maxRetryAfter}, in which case the delivery fails at once rather than block the sender.
 *
 * <p>The wait before retry {@code n} (1-based) is {@code min(maxBackoff, initialBackoff × multiplier^(n-1))},
 * without jitter, so behaviour is reproducible.
 *
 * @param maxAttempts requests per delivery, at least 1 (1 = no retries)
 * @param initialBackoff the wait before the first retry, positive
 * @param maxBackoff the longest wait, at least {@code initialBackoff}
 * @param multiplier how much each wait grows, at least 1
 * @param maxRetryAfter the longest {@code Retry-After} honoured
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff, double multiplier,
                          Duration maxRetryAfter) {

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new InvalidArgumentException("maxAttempts", "must be >= 1, was " + maxAttempts);
        }
        Objects.requireNonNull(initialBackoff, "initialBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        Objects.requireNonNull(maxRetryAfter, "maxRetryAfter");
        if (initialBackoff.isNegative() || initialBackoff.isZero()) {
            throw new InvalidArgumentException("initialBackoff", "must be positive, was " + initialBackoff);
        }
        if (maxBackoff.compareTo(initialBackoff) < 0) {
            throw new InvalidArgumentException("maxBackoff", "must be >= initialBackoff " + initialBackoff + ", was " + maxBackoff);
        }
        if (!(multiplier >= 1) || !Double.isFinite(multiplier)) {
            throw new InvalidArgumentException("multiplier", "must be >= 1 and finite, was " + multiplier);
        }
        if (maxRetryAfter.isNegative()) {
            throw new InvalidArgumentException("maxRetryAfter", "must not be negative, was " + maxRetryAfter);
        }
    }

    /** 5 attempts, 0.5 s first backoff doubling up to 30 s, {@code Retry-After} honoured up to 60 s. */
    public static RetryPolicy defaults() {
        return new RetryPolicy(5, Duration.ofMillis(500), Duration.ofSeconds(30), 2, Duration.ofSeconds(60));
    }

    /** A single attempt. */
    public static RetryPolicy none() {
        return new RetryPolicy(1, Duration.ofMillis(500), Duration.ofMillis(500), 1, Duration.ZERO);
    }

    /** The wait before retry {@code n} (1 = the first retry). */
    public Duration backoff(int n) {
        double nanos = initialBackoff.toNanos() * Math.pow(multiplier, n - 1);
        if (nanos >= maxBackoff.toNanos()) {
            return maxBackoff;
        }
        return Duration.ofNanos((long) nanos);
    }
}
