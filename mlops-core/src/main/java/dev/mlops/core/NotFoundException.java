package dev.mlops.core;

/** Thrown when a named or identified object (a run, a model version, an artifact) does not exist. */
public class NotFoundException extends MlopsException {

    private static final long serialVersionUID = 1L;

    public NotFoundException(String message) {
        super(message);
    }
}
