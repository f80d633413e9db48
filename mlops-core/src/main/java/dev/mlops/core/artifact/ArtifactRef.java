package dev.mlops.core.artifact;

import dev.mlops.core.InvalidArgumentException;
import java.util.regex.Pattern;

/**
 * A content-addressed reference to stored bytes: the SHA-256 digest of the content, its size, and
 * the media type it was stored as.
 *
 * <p>The digest is the only key an {@link ArtifactStore} ever uses, so a caller can never make a store
 * read or write a path of its choosing. Two puts of the same bytes give refs with the same digest.
 * Immutable and thread-safe.
 *
 * @param digest 64 lower-case hexadecimal characters
 * @param size the content length in bytes
 * @param mediaType an RFC 6838 media type such as {@code application/octet-stream}
 */
public record ArtifactRef(String digest, long size, String mediaType) {

    /** The media type used when none is given. */
    public static final String OCTET_STREAM = "application/octet-stream";

    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern MEDIA_TYPE = Pattern.compile(
            "[a-z0-9][a-z0-9!#$&^_.+-]{0,126}/[a-z0-9][a-z0-9!#$&^_.+-]{0,126}"
                    + "(?:\\s*;\\s*[a-z0-9!#$&^_.+-]+=[a-zA-Z0-9!#$&^_.+-]+)*");

    public ArtifactRef {
        if (digest == null || !SHA256_HEX.matcher(digest).matches()) {
            throw new InvalidArgumentException("digest", "expected 64 lower-case hex characters (SHA-256), got "
                    + (digest == null ? "null" : "'" + abbreviate(digest) + "'"));
        }
        if (size < 0) {
            throw new InvalidArgumentException("size", "must be >= 0, got " + size);
        }
        requireMediaType(mediaType);
    }

    /** Returns {@code mediaType} if it is a valid RFC 6838 media type, else throws. */
    static String requireMediaType(String mediaType) {
        if (mediaType == null || !MEDIA_TYPE.matcher(mediaType).matches()) {
            throw new InvalidArgumentException("mediaType", "not a media type: "
                    + (mediaType == null ? "null" : "'" + abbreviate(mediaType) + "'"));
        }
        return mediaType;
    }

    /** The digest as a URI-style string, {@code sha256:<hex>}, as OCI and Docker write it. */
    public String uri() {
        return "sha256:" + digest;
    }

    /** This reference with another media type; the content is the same. */
    public ArtifactRef withMediaType(String newMediaType) {
        return new ArtifactRef(digest, size, newMediaType);
    }

    private static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 80) + "...";
    }
}
