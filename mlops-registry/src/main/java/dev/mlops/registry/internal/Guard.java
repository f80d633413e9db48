package dev.mlops.registry.internal;

import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

/** A read-write lock with helpers that run a body under it; the in-memory stores' only lock. Not API. */
public final class Guard {

    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();

    /** Runs {@code body} holding the read lock. */
    public <T> T read(Supplier<T> body) {
        lock.readLock().lock();
        try {
            return body.get();
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Runs {@code body} holding the write lock. */
    public <T> T write(Supplier<T> body) {
        lock.writeLock().lock();
        try {
            return body.get();
        } finally {
            lock.writeLock().unlock();
        }
    }
}
