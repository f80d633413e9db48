package dev.mlops.testkit.artifact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mlops.core.InvalidArgumentException;
import dev.mlops.core.NotFoundException;
import dev.mlops.core.StorageException;
import dev.mlops.core.artifact.ArtifactRef;
import dev.mlops.core.artifact.ArtifactStore;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link ArtifactStore} adapter must have. An adapter's test extends this class and
 * supplies a fresh, empty store from {@link #newStore()}; adapters whose stored bytes a test can reach
 * also extend {@link ArtifactTamperContract}.
 */
public abstract class ArtifactStoreContract {

    /** A fresh, empty store; called before each test. */
    protected abstract ArtifactStore newStore() throws Exception;

    /** Releases what {@link #newStore()} opened; called after each test. */
    protected void closeStore() throws Exception {}

    protected ArtifactStore store;

    @BeforeEach
    void openStore() throws Exception {
        store = newStore();
    }

    @AfterEach
    void releaseStore() throws Exception {
        closeStore();
    }

    static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    static byte[] randomBytes(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    @Nested
    @DisplayName("put and open")
    class PutAndOpen {

        @Test
        @DisplayName("returns a ref with the SHA-256 digest, size and media type of the content")
        void refDescribesContent() throws Exception {
            byte[] content = "hello, model".getBytes(StandardCharsets.UTF_8);
            ArtifactRef ref = store.put(new ByteArrayInputStream(content), "text/plain");
            assertThat(ref.digest()).isEqualTo(sha256(content));
            assertThat(ref.size()).isEqualTo(content.length);
            assertThat(ref.mediaType()).isEqualTo("text/plain");
            assertThat(ref.uri()).isEqualTo("sha256:" + sha256(content));
        }

        @Test
        @DisplayName("gives back exactly the bytes that were put, for empty, small and multi-megabyte content")
        void roundTrips() throws Exception {
            for (int size : new int[] {0, 1, 4096, 3 * 1024 * 1024 + 17}) {
                byte[] content = randomBytes(size, size);
                ArtifactRef ref = store.put(new ByteArrayInputStream(content), ArtifactRef.OCTET_STREAM);
                try (InputStream in = store.open(ref)) {
                    assertThat(in.readAllBytes()).as("size %d", size).isEqualTo(content);
                }
                assertThat(store.readAllBytes(ref)).isEqualTo(content);
            }
        }

        @Test
        @DisplayName("defaults the media type to application/octet-stream")
        void defaultMediaType() {
            assertThat(store.put(new ByteArrayInputStream(new byte[] {1})).mediaType())
                    .isEqualTo("application/octet-stream");
        }

        @Test
        @DisplayName("reads the stream to its end without closing it")
        void doesNotCloseCallerStream() {
            boolean[] closed = {false};
            InputStream in = new ByteArrayInputStream(new byte[] {1, 2, 3}) {
                @Override
                public void close() {
                    closed[0] = true;
                }
            };
            store.put(in);
            assertThat(closed[0]).isFalse();
        }

        @Test
        @DisplayName("supports single-byte reads and skips while still verifying")
        void singleByteReads() throws Exception {
            byte[] content = randomBytes(1000, 7);
            ArtifactRef ref = store.put(content, "application/octet-stream");
            try (InputStream in = store.open(ref)) {
                assertThat(in.read()).isEqualTo(content[0] & 0xff);
                assertThat(in.skip(500)).isEqualTo(500);
                assertThat(in.read()).isEqualTo(content[501] & 0xff);
                assertThat(in.readAllBytes()).hasSize(498);
            }
        }
    }

    @Nested
    @DisplayName("content addressing")
    class ContentAddressing {

        @Test
        @DisplayName("the same content stored twice gives the same digest and is stored once")
        void sameContentSameRef() {
            byte[] content = randomBytes(10_000, 1);
            ArtifactRef a = store.put(content, "application/octet-stream");
            ArtifactRef b = store.put(content, "application/x-model");
            assertThat(b.digest()).isEqualTo(a.digest());
            assertThat(b.mediaType()).isEqualTo("application/x-model");
            assertThat(store.readAllBytes(b)).isEqualTo(content);
        }

        @Test
        @DisplayName("different content gives different digests")
        void differentContent() {
            ArtifactRef a = store.put(new byte[] {1}, "application/octet-stream");
            ArtifactRef b = store.put(new byte[] {2}, "application/octet-stream");
            assertThat(a.digest()).isNotEqualTo(b.digest());
        }

        @Test
        @DisplayName("exists is true after put and false after delete; delete reports whether it deleted")
        void existsAndDelete() {
            ArtifactRef ref = store.put(new byte[] {4, 2}, "application/octet-stream");
            assertThat(store.exists(ref)).isTrue();
            assertThat(store.delete(ref)).isTrue();
            assertThat(store.exists(ref)).isFalse();
            assertThat(store.delete(ref)).isFalse();
            assertThatThrownBy(() -> store.open(ref)).isInstanceOf(NotFoundException.class)
                    .hasMessageContaining(ref.digest());
        }

        @Test
        @DisplayName("deleting one artifact leaves the others intact")
        void deleteIsolated() {
            ArtifactRef keep = store.put(randomBytes(2 * 1024 * 1024, 3), "application/octet-stream");
            ArtifactRef drop = store.put(randomBytes(2 * 1024 * 1024, 4), "application/octet-stream");
            store.delete(drop);
            assertThat(store.readAllBytes(keep)).isEqualTo(randomBytes(2 * 1024 * 1024, 3));
        }
    }

    @Nested
    @DisplayName("integrity")
    class Integrity {

        @Test
        @DisplayName("opening a ref with a digest that is not stored is NotFound")
        void unknownDigest() {
            ArtifactRef ref = new ArtifactRef("ab".repeat(32), 3, "application/octet-stream");
            assertThat(store.exists(ref)).isFalse();
            assertThatThrownBy(() -> store.open(ref)).isInstanceOf(NotFoundException.class);
        }

        @Test
        @DisplayName("a ref whose size does not match the stored content fails instead of returning bytes")
        void sizeMismatch() {
            ArtifactRef ref = store.put(new byte[] {1, 2, 3}, "application/octet-stream");
            ArtifactRef lying = new ArtifactRef(ref.digest(), 2, ref.mediaType());
            assertThatThrownBy(() -> {
                try (InputStream in = store.open(lying)) {
                    in.readAllBytes();
                }
            }).isInstanceOf(StorageException.class);
        }
    }

    @Nested
    @DisplayName("bad input")
    class BadInput {

        @Test
        @DisplayName("a null stream, null bytes or a null ref is rejected")
        void nulls() {
            assertThatThrownBy(() -> store.put((InputStream) null)).isInstanceOf(InvalidArgumentException.class);
            assertThatThrownBy(() -> store.put((byte[]) null, "text/plain")).isInstanceOf(InvalidArgumentException.class);
            assertThatThrownBy(() -> store.open(null)).isInstanceOf(InvalidArgumentException.class);
            assertThatThrownBy(() -> store.exists(null)).isInstanceOf(InvalidArgumentException.class);
            assertThatThrownBy(() -> store.delete(null)).isInstanceOf(InvalidArgumentException.class);
        }

        @Test
        @DisplayName("an invalid media type is rejected and nothing is stored")
        void badMediaType() {
            byte[] content = {9, 9, 9};
            for (String bad : List.of("", "text", "../etc/passwd", "text/plain\nX-Injected: 1")) {
                assertThatThrownBy(() -> store.put(content, bad)).isInstanceOf(InvalidArgumentException.class)
                        .hasMessageContaining("mediaType");
            }
            assertThat(store.exists(store.put(content, "text/plain"))).isTrue();
        }

        @Test
        @DisplayName("digests that are not 64 lower-case hex characters cannot even form a ref")
        void pathLikeDigests() {
            for (String bad : List.of("../../etc/passwd", "AB".repeat(32), "ab".repeat(31), "/tmp/x",
                    "..%2f..%2f" + "a".repeat(54), "a".repeat(63) + "/")) {
                assertThatThrownBy(() -> new ArtifactRef(bad, 1, "text/plain"))
                        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("digest");
            }
        }

        @Test
        @DisplayName("a stream that fails while being read stores nothing and surfaces a StorageException")
        void failingStream() {
            InputStream failing = new InputStream() {
                private int served;

                @Override
                public int read() throws IOException {
                    if (served++ < 100) {
                        return 1;
                    }
                    throw new IOException("disk on fire");
                }
            };
            assertThatThrownBy(() -> store.put(failing)).isInstanceOf(StorageException.class)
                    .hasMessageContaining("disk on fire");
            byte[] hundredOnes = new byte[100];
            java.util.Arrays.fill(hundredOnes, (byte) 1);
            ArtifactRef partial = new ArtifactRef(sha256Unchecked(hundredOnes), 100, "application/octet-stream");
            assertThat(store.exists(partial)).isFalse();
        }
    }

    @Nested
    @DisplayName("concurrency")
    class Concurrency {

        @Test
        @DisplayName("eight threads putting the same and different content all get correct refs")
        void concurrentPuts() throws Exception {
            int threads = 8;
            byte[] shared = randomBytes(300_000, 99);
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            CountDownLatch start = new CountDownLatch(1);
            try {
                List<Future<ArtifactRef[]>> futures = IntStream.range(0, threads).mapToObj(i -> {
                    Callable<ArtifactRef[]> task = () -> {
                        start.await();
                        ArtifactRef same = store.put(shared, "application/octet-stream");
                        ArtifactRef own = store.put(randomBytes(50_000, 1000 + i), "application/octet-stream");
                        return new ArtifactRef[] {same, own};
                    };
                    return pool.submit(task);
                }).toList();
                start.countDown();
                String sharedDigest = sha256(shared);
                for (int i = 0; i < threads; i++) {
                    ArtifactRef[] refs = futures.get(i).get();
                    assertThat(refs[0].digest()).isEqualTo(sharedDigest);
                    assertThat(store.readAllBytes(refs[1])).isEqualTo(randomBytes(50_000, 1000 + i));
                }
                assertThat(store.readAllBytes(futures.get(0).get()[0])).isEqualTo(shared);
            } finally {
                pool.shutdownNow();
            }
        }
    }

    static String sha256Unchecked(byte[] bytes) {
        try {
            return sha256(bytes);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
