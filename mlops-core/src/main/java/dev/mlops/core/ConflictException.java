package dev.mlops.core;

/**
 * Thrown when a concurrent change won: the caller's update was computed against state that another
 * writer changed first. Nothing of the losing update was applied; re-reading and retrying is safe.
 * Also used when an update contradicts what is stored, such as logging a different value for an
 * immutable parameter.
 */
public class ConflictException extends MlopsException {

    private static final long serialVersionUID = 1L;

    public ConflictException(String message) {
        super(message);
    }

    public ConflictException(String message, Throwable cause) {
        super(message, cause);
    }
}
