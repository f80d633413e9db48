package dev.mlops.core;

/** Thrown when creating an object whose name or identity is already taken. */
public class AlreadyExistsException extends MlopsException {

    private static final long serialVersionUID = 1L;

    public AlreadyExistsException(String message) {
        super(message);
    }
}
