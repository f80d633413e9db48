package dev.mlops.registry.internal;

import java.util.Optional;

/**
 * The shape of a LIKE pattern, so that common patterns compile to cheaper SQL than {@code LIKE ?}
 * (which some databases, H2 among them, re-analyse for every row when the pattern is a bind value):
 * no wildcard is an equality, {@code abc%} a prefix, {@code %abc} a suffix. Not API.
 *
 * @param kind the shape
 * @param literal the unescaped text the shape compares with
 */
public record LikeShape(Kind kind, String literal) {

    /** The shapes with a cheaper translation. */
    public enum Kind { EQUALS, PREFIX, SUFFIX }

    /**
     * The shape of {@code pattern} ({@code \} escapes), when it has a cheaper translation. Literals with
     * characters outside the Basic Multilingual Plane are left to LIKE, because databases count their
     * length differently.
     */
    public static Optional<LikeShape> of(String pattern) {
        boolean leading = pattern.startsWith("%");
        boolean trailing = false;
        StringBuilder literal = new StringBuilder();
        for (int i = leading ? 1 : 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\\' && i + 1 < pattern.length()) {
                literal.append(pattern.charAt(++i));
            } else if (c == '%' && i == pattern.length() - 1 && !leading) {
                trailing = true;
            } else if (c == '%' || c == '_') {
                return Optional.empty();
            } else {
                literal.append(c);
            }
        }
        String text = literal.toString();
        if (text.isEmpty() || text.chars().anyMatch(ch -> Character.isSurrogate((char) ch))) {
            return Optional.empty();
        }
        Kind kind = leading ? Kind.SUFFIX : trailing ? Kind.PREFIX : Kind.EQUALS;
        return Optional.of(new LikeShape(kind, text));
    }
}
