package dev.mlops.featurestore.arrow;

import java.util.concurrent.FutureTask;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Consumer;
import java.util.function.IntFunction;

/**
 * Something read from each part of a join (its keys, its values), read once by the first of the
 * join's tasks to ask, shared read-only with the others, and dropped (closed, for Arrow memory) as
 * soon as every task has released it. Each task releases every part exactly once, in any order,
 * whether or not it asked for it. Thread-safe.
 */
final class SharedParts<T> {

    private final IntFunction<T> read;
    private final Consumer<T> drop;
    private final AtomicReferenceArray<FutureTask<T>> loaded;
    private final AtomicIntegerArray holders;

    /**
     * @param parts how many parts
     * @param tasks how many tasks will release each part
     * @param read reads part {@code p}
     * @param drop releases what was read, once every task is done with it
     */
    SharedParts(int parts, int tasks, IntFunction<T> read, Consumer<T> drop) {
        this.read = read;
        this.drop = drop;
        this.loaded = new AtomicReferenceArray<>(parts);
        this.holders = new AtomicIntegerArray(parts);
        for (int p = 0; p < parts; p++) {
            holders.set(p, tasks);
        }
    }

    /**
     * Part {@code p}'s data, read now or by another task; valid until this task releases it. When
     * another task is reading it, {@code whileBusy} runs first (say, reading what comes next) instead
     * of waiting idle.
     */
    T get(int p, Runnable whileBusy) {
        FutureTask<T> f = loaded.get(p);
        if (f == null) {
            FutureTask<T> created = new FutureTask<>(() -> read.apply(p));
            f = loaded.compareAndSet(p, null, created) ? created : loaded.get(p);
        }
        f.run(); // no-op when another task has read it or is reading it
        if (!f.isDone()) {
            whileBusy.run();
        }
        return JoinThreads.await(f);
    }

    /**
     * Reads part {@code p} on the calling thread unless another task has started to; returns
     * whether it did. Only for a part the calling task has not released (so that it is dropped).
     */
    boolean readAhead(int p) {
        if (p >= loaded.length() || loaded.get(p) != null) {
            return false;
        }
        FutureTask<T> created = new FutureTask<>(() -> read.apply(p));
        if (!loaded.compareAndSet(p, null, created)) {
            return false;
        }
        created.run();
        return true;
    }

    /** The calling task is done with part {@code p}; the last one to say so drops its data. */
    void release(int p) {
        if (holders.decrementAndGet(p) > 0) {
            return;
        }
        FutureTask<T> f = loaded.getAndSet(p, null);
        if (f != null) {
            // Every holder has returned from get(), so the read has finished, well or not.
            T value;
            try {
                value = JoinThreads.await(f);
            } catch (RuntimeException | Error failedRead) {
                return; // reported to the task that asked for it
            }
            drop.accept(value);
        }
    }

    /** Releases parts {@code [from, to)} for the calling task; returns {@code max(from, to)}. */
    int releaseRange(int from, int to) {
        for (int p = from; p < to; p++) {
            release(p);
        }
        return Math.max(from, to);
    }
}
