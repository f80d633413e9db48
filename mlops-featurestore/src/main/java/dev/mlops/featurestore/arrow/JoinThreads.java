package dev.mlops.featurestore.arrow;

import dev.mlops.core.StorageException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.FutureTask;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads a store's joins run on: the calling thread plus, when the parallelism is above one,
 * a fixed pool of {@code parallelism - 1} daemon threads that the store owns, started on first use
 * and shut down on {@link #close()}. {@link #runAll} runs a join's tasks there and on the caller;
 * a task that no pool thread has started by the time the caller is free is run by the caller, so a
 * busy pool (another join in flight) delays a join but never deadlocks it. Thread-safe.
 */
final class JoinThreads implements AutoCloseable {

    private final int parallelism;
    private final ExecutorService pool;

    JoinThreads(int parallelism) {
        this.parallelism = parallelism;
        if (parallelism == 1) {
            this.pool = null;
        } else {
            AtomicInteger threads = new AtomicInteger();
            ThreadFactory factory = r -> {
                Thread t = new Thread(r, "mlops-pit-join-" + threads.incrementAndGet());
                t.setDaemon(true);
                return t;
            };
            this.pool = new ThreadPoolExecutor(parallelism - 1, parallelism - 1, 0, TimeUnit.MILLISECONDS,
                    new LinkedBlockingQueue<>(), factory);
        }
    }

    /** How many tasks a join splits into: the pool's threads plus the caller. */
    int parallelism() {
        return parallelism;
    }

    /**
     * Runs every task, the first on the calling thread, and returns when all have finished. The
     * first failure is rethrown (after all tasks have finished, so none still writes to shared
     * output), later ones are attached to it as suppressed.
     */
    void runAll(List<Runnable> tasks) {
        List<FutureTask<Void>> futures = new ArrayList<>();
        for (Runnable task : tasks) {
            futures.add(new FutureTask<>(task, null));
        }
        if (pool != null) {
            for (int i = 1; i < futures.size(); i++) {
                try {
                    pool.execute(futures.get(i));
                } catch (RejectedExecutionException closing) {
                    // the store is closing: the caller runs the task below
                }
            }
        }
        Throwable failure = null;
        for (FutureTask<Void> f : futures) {
            f.run(); // no-op when a pool thread has started or finished it
            try {
                await(f);
            } catch (RuntimeException | Error e) {
                failure = addFailure(failure, e);
            }
        }
        if (failure instanceof RuntimeException r) {
            throw r;
        }
        if (failure instanceof Error e) {
            throw e;
        }
    }

    /**
     * The task's result, waiting without giving up on interrupts (a running task still writes to
     * the caller's arrays; the interrupt is kept for the caller); a task's unchecked exception is
     * rethrown as is.
     */
    static <T> T await(FutureTask<T> task) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return task.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new StorageException("a point-in-time join task failed: " + e.getCause(), e.getCause());
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static Throwable addFailure(Throwable first, Throwable next) {
        if (first == null) {
            return next;
        }
        if (next != first) { // tasks that needed the same failed read rethrow the same exception
            first.addSuppressed(next);
        }
        return first;
    }

    /** Stops the pool's threads; joins still running finish their remaining tasks on their callers. */
    @Override
    public void close() {
        if (pool != null) {
            pool.shutdown();
        }
    }
}
