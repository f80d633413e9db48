package dev.mlops.monitoring.alert;

import dev.mlops.core.MlopsException;
import java.util.OptionalInt;

/**
 * Thrown by the built-in {@link Notifier notifiers} when a notification could not be delivered: the
 * endpoint answered with a status that is not retried (400 and other 4xx), retries were exhausted
 * (429, 5xx, I/O errors and timeouts), the server asked to wait longer than allowed
 * ({@code Retry-After}), or the notifier was closed. The message never contains secrets.
 */
public class DeliveryException extends MlopsException {

    private static final long serialVersionUID = 1L;

    private final int attempts;
    private final int status;

    /**
     * @param message what failed
     * @param attempts how many requests were made
     * @param status the last HTTP status, or -1 when there was no response
     * @param cause the last I/O error, if any
     */
    public DeliveryException(String message, int attempts, int status, Throwable cause) {
        super(message, cause);
        this.attempts = attempts;
        this.status = status;
    }

    /** How many requests were made before giving up. */
    public int attempts() {
        return attempts;
    }

    /** The HTTP status of the last response, if there was one. */
    public OptionalInt status() {
        return status < 0 ? OptionalInt.empty() : OptionalInt.of(status);
    }
}
