package dev.mlops.core.artifact;

import dev.mlops.core.InvalidArgumentException;
import dev.mlops.core.StorageException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 helpers shared by the artifact store adapters. */
final class Digests {

    private static final int BUFFER = 64 * 1024;

    private Digests() {}

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError("every Java platform has SHA-256", e);
        }
    }

    /** The digest and size of what {@link #copy} moved. */
    record Hashed(String digest, long size) {}

    /**
     * Copies {@code in} to its end into {@code out} while hashing it.
     *
     * @throws StorageException if reading or writing fails
     */
    static Hashed copy(InputStream in, OutputStream out) {
        if (in == null) {
            throw new InvalidArgumentException("content", "is null");
        }
        MessageDigest md = sha256();
        byte[] buffer = new byte[BUFFER];
        long size = 0;
        try {
            int n;
            while ((n = in.read(buffer)) != -1) {
                md.update(buffer, 0, n);
                out.write(buffer, 0, n);
                size += n;
            }
        } catch (IOException e) {
            throw new StorageException("could not copy artifact content: " + e.getMessage(), e);
        }
        return new Hashed(HexFormat.of().formatHex(md.digest()), size);
    }

    /**
     * Wraps a stream of stored content so that reading it verifies size and digest against
     * {@code expected}: more bytes than expected fail as soon as they arrive, a wrong digest or a short
     * stream fails when the end is read.
     */
    static InputStream verifying(InputStream stored, ArtifactRef expected) {
        return new VerifyingInputStream(stored, expected);
    }

    private static final class VerifyingInputStream extends FilterInputStream {
        private final ArtifactRef expected;
        private final MessageDigest md = sha256();
        private long count;
        private boolean verified;

        VerifyingInputStream(InputStream in, ArtifactRef expected) {
            super(in);
            this.expected = expected;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b == -1) {
                verifyAtEnd();
            } else {
                md.update((byte) b);
                advance(1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n == -1) {
                verifyAtEnd();
            } else if (n > 0) {
                md.update(b, off, n);
                advance(n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            // Skipped bytes must still be hashed, so skip by reading.
            byte[] buffer = new byte[(int) Math.min(BUFFER, Math.max(n, 1))];
            long skipped = 0;
            while (skipped < n) {
                int r = read(buffer, 0, (int) Math.min(buffer.length, n - skipped));
                if (r == -1) {
                    break;
                }
                skipped += r;
            }
            return skipped;
        }

        @Override
        public boolean markSupported() {
            return false;
        }

        @Override
        public synchronized void mark(int readlimit) {
            // Not supported: re-reading would be hashed twice.
        }

        @Override
        public synchronized void reset() throws IOException {
            throw new IOException("mark/reset not supported on a verifying stream");
        }

        private void advance(int n) {
            count += n;
            if (count > expected.size()) {
                throw new StorageException("artifact " + expected.digest() + " has more than its recorded "
                        + expected.size() + " bytes; the stored content was changed");
            }
        }

        private void verifyAtEnd() {
            if (verified) {
                return;
            }
            verified = true;
            if (count != expected.size()) {
                throw new StorageException("artifact " + expected.digest() + " has " + count
                        + " bytes, expected " + expected.size() + "; the stored content is truncated");
            }
            String actual = HexFormat.of().formatHex(md.digest());
            if (!actual.equals(expected.digest())) {
                throw new StorageException("artifact " + expected.digest() + " does not match its digest (content"
                        + " hashes to " + actual + "); the stored content was changed");
            }
        }
    }
}
