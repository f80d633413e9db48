package dev.mlops.registry.internal;

import java.util.Locale;

/**
 * SQL {@code LIKE} matching in memory, with the same semantics the JDBC adapters get from the
 * database: {@code %} matches any run of characters, {@code _} exactly one, {@code \} escapes the next
 * character. Not API.
 */
public final class Like {

    private Like() {}

    /** Whether {@code value} matches {@code pattern}; case-insensitively when {@code ignoreCase}. */
    public static boolean matches(String pattern, String value, boolean ignoreCase) {
        String p = ignoreCase ? pattern.toLowerCase(Locale.ROOT) : pattern;
        String v = ignoreCase ? value.toLowerCase(Locale.ROOT) : value;
        return match(p, 0, v, 0);
    }

    private static boolean match(String p, int pi, String v, int vi) {
        // Iterative with one backtrack point for the last '%', which is linear for typical patterns
        // and never exponential.
        int starP = -1;
        int starV = -1;
        while (vi < v.length()) {
            if (pi < p.length()) {
                char c = p.charAt(pi);
                if (c == '%') {
                    starP = ++pi;
                    starV = vi;
                    continue;
                }
                if (c == '\\' && pi + 1 < p.length()) {
                    if (p.charAt(pi + 1) == v.charAt(vi)) {
                        pi += 2;
                        vi++;
                        continue;
                    }
                } else if (c == '_' || c == v.charAt(vi)) {
                    pi++;
                    vi++;
                    continue;
                }
            }
            if (starP < 0) {
                return false;
            }
            pi = starP;
            vi = ++starV;
        }
        while (pi < p.length() && p.charAt(pi) == '%') {
            pi++;
        }
        return pi == p.length();
    }
}
