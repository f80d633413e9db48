package dev.mlops.registry.internal;

import dev.mlops.core.InvalidArgumentException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Opaque offset page tokens bound to the query that made them: a token carries the offset of the
 * next page and a short hash of the query, so a token replayed against another query is rejected
 * instead of silently skipping results. Not API.
 */
public final class PageTokens {

    private PageTokens() {}

    /** The token for the page starting at {@code offset} of the query described by {@code queryKey}. */
    public static String encode(long offset, String queryKey) {
        String raw = "v1:" + offset + ":" + hash(queryKey);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The offset carried by {@code token}.
     *
     * @throws InvalidArgumentException when the token is malformed or belongs to another query
     */
    public static long decode(String token, String queryKey) {
        String raw;
        try {
            raw = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new InvalidArgumentException("pageToken", "is not a page token of this library");
        }
        String[] parts = raw.split(":", -1);
        if (parts.length != 3 || !parts[0].equals("v1")) {
            throw new InvalidArgumentException("pageToken", "is not a page token of this library");
        }
        if (!parts[2].equals(hash(queryKey))) {
            throw new InvalidArgumentException("pageToken", "belongs to a different query");
        }
        try {
            long offset = Long.parseLong(parts[1]);
            if (offset < 0) {
                throw new NumberFormatException();
            }
            return offset;
        } catch (NumberFormatException e) {
            throw new InvalidArgumentException("pageToken", "is not a page token of this library");
        }
    }

    private static String hash(String s) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
