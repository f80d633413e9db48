package dev.mlops.monitoring.internal.queue;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.function.Consumer;

/**
 * A bounded, lock-free, array-based queue for many producers and one consumer, whose {@link #offer}
 * never waits: it either claims a slot with one compare-and-set or reports the queue full (or closed)
 * at once. Not API: the prediction monitor's hand-off between the threads that log and the thread
 * that writes.
 *
 * <h2>Algorithm</h2>
 * The classic bounded MPSC ring (as in JCTools' {@code MpscArrayQueue}, Vyukov's design): producers
 * claim a sequence number by CAS on {@code producerIndex}, then publish the element into its slot with
 * a release store; the consumer reads the slot with an acquire load, clears it, and advances
 * {@code consumerIndex} with a release store. A producer that has claimed a slot but not yet written
 * it makes the consumer wait for that one slot (a few instructions); no other state is shared. To keep
 * producers off the consumer's cache line, they compare against a cached {@code producerLimit} and
 * re-read {@code consumerIndex} only when the cache says the ring is full.
 *
 * <h2>Closing</h2>
 * {@link #close()} sets a bit in {@code producerIndex}, so every later claim fails with
 * {@link Offer#CLOSED}, while every claim made before it is still handed to the consumer: after close,
 * the consumer drains exactly the elements whose offer returned {@link Offer#ACCEPTED}.
 *
 * <p>Thread safety: {@link #offer} from any thread; {@link #drain} and {@link #poll} from one consumer
 * thread at a time; {@link #size}, {@link #isClosed} and {@link #close} from any thread.
 *
 * @param <E> the element type
 */
public final class MpscRing<E> {

    /** What {@link #offer} did. */
    public enum Offer {
        /** The element is in the queue and will reach the consumer. */
        ACCEPTED,
        /** The queue was full; the element was not added. */
        FULL,
        /** The queue is closed; the element was not added. */
        CLOSED
    }

    private static final long CLOSED_BIT = 1L << 62;
    private static final VarHandle SLOTS = MethodHandles.arrayElementVarHandle(Object[].class);
    private static final VarHandle PRODUCER_INDEX;
    private static final VarHandle PRODUCER_LIMIT;
    private static final VarHandle CONSUMER_INDEX;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            PRODUCER_INDEX = lookup.findVarHandle(ProducerIndex.class, "producerIndex", long.class);
            PRODUCER_LIMIT = lookup.findVarHandle(ProducerLimit.class, "producerLimit", long.class);
            CONSUMER_INDEX = lookup.findVarHandle(ConsumerIndex.class, "consumerIndex", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Object[] slots;
    private final int mask;
    private final int capacity;
    // Each index on its own cache line: producers CAS one, the consumer writes another.
    private final ProducerIndex producer = new ProducerIndex();
    private final ProducerLimit limit = new ProducerLimit();
    private final ConsumerIndex consumer = new ConsumerIndex();

    /**
     * A ring holding at most {@code capacity} elements, rounded up to a power of two.
     *
     * @throws IllegalArgumentException if capacity is below 2 or above 2^30
     */
    public MpscRing(int capacity) {
        if (capacity < 2 || capacity > (1 << 30)) {
            throw new IllegalArgumentException("capacity must be in [2, 2^30], got " + capacity);
        }
        int size = Integer.highestOneBit(capacity - 1) << 1;
        this.slots = new Object[size];
        this.mask = size - 1;
        this.capacity = size;
        PRODUCER_LIMIT.setRelease(limit, (long) size);
    }

    /** The most elements the ring holds (a power of two). */
    public int capacity() {
        return capacity;
    }

    /**
     * Adds {@code element} if there is room and the ring is open; never blocks, never spins on a full
     * ring. Lock-free: a failed CAS means another producer made progress.
     *
     * @throws NullPointerException if element is null
     */
    public Offer offer(E element) {
        if (element == null) {
            throw new NullPointerException("element");
        }
        long cachedLimit = (long) PRODUCER_LIMIT.getVolatile(limit);
        long index;
        do {
            index = (long) PRODUCER_INDEX.getVolatile(producer);
            if ((index & CLOSED_BIT) != 0) {
                return Offer.CLOSED;
            }
            if (index >= cachedLimit) {
                long consumed = (long) CONSUMER_INDEX.getVolatile(consumer);
                cachedLimit = consumed + capacity;
                if (index >= cachedLimit) {
                    return Offer.FULL;
                }
                PRODUCER_LIMIT.setRelease(limit, cachedLimit);
            }
        } while (!PRODUCER_INDEX.compareAndSet(producer, index, index + 1));
        SLOTS.setRelease(slots, (int) (index & mask), element);
        return Offer.ACCEPTED;
    }

    /**
     * Removes and returns the oldest element, or null when the ring is empty. Consumer thread only.
     */
    @SuppressWarnings("unchecked")
    public E poll() {
        long index = (long) CONSUMER_INDEX.getOpaque(consumer);
        int offset = (int) (index & mask);
        Object e = SLOTS.getAcquire(slots, offset);
        if (e == null) {
            if (index == producedCount()) {
                return null;
            }
            // A producer claimed this slot and is about to write it.
            do {
                Thread.onSpinWait();
                e = SLOTS.getAcquire(slots, offset);
            } while (e == null);
        }
        SLOTS.setOpaque(slots, offset, null);
        CONSUMER_INDEX.setRelease(consumer, index + 1);
        return (E) e;
    }

    /**
     * Hands up to {@code max} elements, oldest first, to {@code sink} and returns how many. Consumer
     * thread only. Each element's slot is freed before the sink sees it.
     */
    public int drain(Consumer<? super E> sink, int max) {
        int n = 0;
        while (n < max) {
            E e = poll();
            if (e == null) {
                break;
            }
            n++;
            sink.accept(e);
        }
        return n;
    }

    /** How many elements were ever accepted (claimed), the closed bit removed. */
    public long producedCount() {
        return (long) PRODUCER_INDEX.getVolatile(producer) & ~CLOSED_BIT;
    }

    /** How many elements the consumer has taken out. */
    public long consumedCount() {
        return (long) CONSUMER_INDEX.getVolatile(consumer);
    }

    /** The number of elements in the ring at about this moment, in [0, capacity]. */
    public int size() {
        // Read the consumer first so that the difference never goes negative.
        long consumed = consumedCount();
        long produced = producedCount();
        return (int) Math.max(0, Math.min(capacity, produced - consumed));
    }

    /** Whether the ring holds nothing at about this moment. */
    public boolean isEmpty() {
        return size() == 0;
    }

    /**
     * Refuses every later offer with {@link Offer#CLOSED}; elements accepted before stay in the ring
     * for the consumer. Idempotent.
     */
    public void close() {
        long index;
        do {
            index = (long) PRODUCER_INDEX.getVolatile(producer);
            if ((index & CLOSED_BIT) != 0) {
                return;
            }
        } while (!PRODUCER_INDEX.compareAndSet(producer, index, index | CLOSED_BIT));
    }

    /** Whether {@link #close()} has been called. */
    public boolean isClosed() {
        return ((long) PRODUCER_INDEX.getVolatile(producer) & CLOSED_BIT) != 0;
    }

    /** Whether the ring is closed and the consumer has taken out every element it accepted. */
    public boolean isClosedAndDrained() {
        long p = (long) PRODUCER_INDEX.getVolatile(producer);
        return (p & CLOSED_BIT) != 0 && consumedCount() == (p & ~CLOSED_BIT);
    }

    // 64-byte cache lines: 7 longs of padding on each side of the hot field.
    @SuppressWarnings("unused")
    abstract static class Pad {
        long p01, p02, p03, p04, p05, p06, p07;
    }

    @SuppressWarnings("unused")
    static final class ProducerIndex extends Pad {
        volatile long producerIndex;
        long q01, q02, q03, q04, q05, q06, q07;
    }

    @SuppressWarnings("unused")
    static final class ProducerLimit extends Pad {
        volatile long producerLimit;
        long q01, q02, q03, q04, q05, q06, q07;
    }

    @SuppressWarnings("unused")
    static final class ConsumerIndex extends Pad {
        volatile long consumerIndex;
        long q01, q02, q03, q04, q05, q06, q07;
    }
}
