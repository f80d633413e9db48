package dev.mlops.core;

/**
 * The root of every exception this library throws on purpose.
 *
 * <p>It is unchecked, like JDBI's and Spring's data-access roots: callers catch the specific
 * subclass they can act on ({@link NotFoundException}, {@link AlreadyExistsException},
 * {@link ConflictException}, {@link InvalidArgumentException}, {@link StorageException}) and let the
 * rest propagate. Messages name the offending input so that a log line alone explains the failure.
 */
public abstract class MlopsException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    protected MlopsException(String message) {
        super(message);
    }

    protected MlopsException(String message, Throwable cause) {
        super(message, cause);
    }
}
