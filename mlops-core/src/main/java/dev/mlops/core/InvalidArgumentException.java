package dev.mlops.core;

import java.util.Optional;

/**
 * Thrown when input is rejected: a bad name, a value of the wrong type, a malformed filter. The
 * message names what was wrong; {@link #field()} names the offending field or parameter when there
 * is one. A call that throws this has changed nothing.
 */
public class InvalidArgumentException extends MlopsException {

    private static final long serialVersionUID = 1L;

    private final String field;

    public InvalidArgumentException(String message) {
        super(message);
        this.field = null;
    }

    /** An error about one named field or parameter; the field is prefixed to the message. */
    public InvalidArgumentException(String field, String message) {
        super(field + ": " + message);
        this.field = field;
    }

    /** The field, column or parameter that was wrong, when the error is about one. */
    public Optional<String> field() {
        return Optional.ofNullable(field);
    }
}
