package dev.mlops.monitoring.internal.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class MpscRingTest {

    @Test
    @DisplayName("capacity rounds up to a power of two and a full ring refuses at once")
    void fullRingRefuses() {
        MpscRing<Integer> ring = new MpscRing<>(5);
        assertThat(ring.capacity()).isEqualTo(8);
        for (int i = 0; i < 8; i++) {
            assertThat(ring.offer(i)).isEqualTo(MpscRing.Offer.ACCEPTED);
        }
        assertThat(ring.offer(99)).isEqualTo(MpscRing.Offer.FULL);
        assertThat(ring.size()).isEqualTo(8);
        assertThat(ring.poll()).isZero();
        assertThat(ring.offer(8)).isEqualTo(MpscRing.Offer.ACCEPTED);
        List<Integer> out = new ArrayList<>();
        assertThat(ring.drain(out::add, 100)).isEqualTo(8);
        assertThat(out).containsExactly(1, 2, 3, 4, 5, 6, 7, 8);
        assertThat(ring.poll()).isNull();
        assertThat(ring.isEmpty()).isTrue();
    }

    @Test
    @DisplayName("after close, offers are refused and what was accepted before is still drained")
    void closeKeepsAccepted() {
        MpscRing<String> ring = new MpscRing<>(4);
        ring.offer("a");
        ring.offer("b");
        assertThat(ring.isClosedAndDrained()).isFalse();
        ring.close();
        ring.close();
        assertThat(ring.isClosed()).isTrue();
        assertThat(ring.offer("c")).isEqualTo(MpscRing.Offer.CLOSED);
        assertThat(ring.isClosedAndDrained()).isFalse();
        assertThat(ring.poll()).isEqualTo("a");
        assertThat(ring.poll()).isEqualTo("b");
        assertThat(ring.isClosedAndDrained()).isTrue();
        assertThat(ring.producedCount()).isEqualTo(2);
    }

    @Test
    @DisplayName("bad construction and null elements are rejected")
    void rejects() {
        assertThatThrownBy(() -> new MpscRing<>(1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MpscRing<>((1 << 30) + 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MpscRing<>(4).offer(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    @DisplayName("many producers and one consumer: every accepted element arrives once, in each producer's order")
    void concurrentProducers() throws Exception {
        int producers = 6;
        int perProducer = 200_000;
        MpscRing<long[]> ring = new MpscRing<>(256);
        AtomicLong accepted = new AtomicLong();
        AtomicLong refused = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(producers);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> futures = new ArrayList<>();
        for (int p = 0; p < producers; p++) {
            long producer = p;
            futures.add(pool.submit(() -> {
                start.await();
                for (long i = 0; i < perProducer; i++) {
                    if (ring.offer(new long[] {producer, i}) == MpscRing.Offer.ACCEPTED) {
                        accepted.incrementAndGet();
                    } else {
                        refused.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        long[] lastSeen = new long[producers];
        Arrays.fill(lastSeen, -1);
        long received = 0;
        start.countDown();
        boolean producing = true;
        while (producing || !ring.isEmpty()) {
            long[] e = ring.poll();
            if (e == null) {
                producing = futures.stream().anyMatch(f -> !f.isDone());
                continue;
            }
            int p = (int) e[0];
            assertThat(e[1]).as("producer %d order", p).isGreaterThan(lastSeen[p]);
            lastSeen[p] = e[1];
            received++;
        }
        for (Future<?> f : futures) {
            f.get(1, TimeUnit.MINUTES);
        }
        pool.shutdown();
        assertThat(received).isEqualTo(accepted.get());
        assertThat(accepted.get() + refused.get()).isEqualTo((long) producers * perProducer);
        assertThat(ring.producedCount()).isEqualTo(accepted.get());
        assertThat(ring.consumedCount()).isEqualTo(received);
    }
}
