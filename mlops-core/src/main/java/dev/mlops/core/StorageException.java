package dev.mlops.core;

/**
 * Thrown when a backend failed: the database is unreachable, a statement failed for a reason that is
 * not the caller's input, a file could not be written, stored bytes no longer match their digest.
 * The original failure is kept as the cause.
 */
public class StorageException extends MlopsException {

    private static final long serialVersionUID = 1L;

    public StorageException(String message) {
        super(message);
    }

    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
