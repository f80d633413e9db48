package dev.mlops.registry.tracking;

import dev.mlops.core.InvalidArgumentException;
import dev.mlops.core.Names;
import dev.mlops.core.artifact.ArtifactRef;
import dev.mlops.registry.internal.Checks;

/**
 * A file a run produced: a relative path naming it within the run, and the content-addressed
 * {@link ArtifactRef} of its bytes in the {@link dev.mlops.core.artifact.ArtifactStore}.
 *
 * <p>The path is a label, never a file-system path: nothing ever resolves it against a directory, the
 * bytes are found by digest. It is still held to a strict rule so that it stays safe wherever a host
 * might display or export it: 1 to {@value #MAX_PATH_LENGTH} characters of {@code /}-separated segments,
 * each a valid {@linkplain Names name}. So {@code ../x}, {@code /etc/passwd}, {@code a//b},
 * {@code a\b}, {@code file:x} and percent-encoded forms such as {@code %2e%2e%2f} are rejected. Immutable.
 *
 * @param path the artifact's path within the run, such as {@code model/weights.bin}
 * @param ref its bytes
 */
public record RunArtifact(String path, ArtifactRef ref) {

    /** The longest path accepted. */
    public static final int MAX_PATH_LENGTH = 1024;

    public RunArtifact {
        requirePath(path);
        Checks.notNull("ref", ref);
    }

    /**
     * Returns {@code path} when it follows the rule above.
     *
     * @throws InvalidArgumentException naming the offending segment
     */
    public static String requirePath(String path) {
        Checks.text("artifact path", path, MAX_PATH_LENGTH);
        if (path.isEmpty()) {
            throw new InvalidArgumentException("artifact path", "is empty");
        }
        for (String segment : path.split("/", -1)) {
            if (!Names.isValid(segment)) {
                throw new InvalidArgumentException("artifact path", "segment '" + printable(segment) + "' of '"
                        + printable(path) + "' is not a valid name: use letters, digits, '_', '-' and '.' between"
                        + " single '/' separators, no '..'");
            }
        }
        return path;
    }

    private static String printable(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length() && i < 120; i++) {
            char c = s.charAt(i);
            b.append(c < 0x20 || c == 0x7f ? '?' : c);
        }
        return b.toString();
    }
}
