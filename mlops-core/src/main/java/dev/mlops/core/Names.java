package dev.mlops.core;

import java.util.regex.Pattern;

/**
 * The one rule for every user-supplied name in the library: entities, features, views, experiments,
 * metrics, params, tags, models, aliases.
 *
 * <p>A name is 1 to {@value #MAX_LENGTH} characters of ASCII letters, digits, {@code _}, {@code -} and
 * {@code .}; it starts with a letter, a digit or {@code _}, and never contains {@code ..}. The rule
 * is deliberately narrow: a valid name is safe as a file-name component, a URL path segment and a
 * SQL string value, and two different valid names never become equal after URL decoding (the class
 * of bugs behind MLflow's CVE-2024-3099). The length bound is MLflow's key limit.
 */
public final class Names {

    /** The longest name accepted. */
    public static final int MAX_LENGTH = 250;

    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]*");

    private Names() {}

    /**
     * Returns {@code name} when it follows the rule, else throws.
     *
     * @param what what the name is for ("feature view", "metric key"), used in the message
     * @throws InvalidArgumentException naming {@code what} and the rejected value
     */
    public static String require(String what, String name) {
        String problem = problem(name);
        if (problem != null) {
            throw new InvalidArgumentException(what, problem);
        }
        return name;
    }

    /** Whether {@code name} follows the rule. */
    public static boolean isValid(String name) {
        return problem(name) == null;
    }

    private static String problem(String name) {
        if (name == null) {
            return "name is null";
        }
        if (name.isBlank()) {
            return "name is blank";
        }
        if (name.length() > MAX_LENGTH) {
            return "name is " + name.length() + " characters long, the limit is " + MAX_LENGTH;
        }
        if (!VALID.matcher(name).matches()) {
            return "name '" + printable(name) + "' may only contain letters, digits, '_', '-' and '.',"
                    + " and must start with a letter, a digit or '_'";
        }
        if (name.contains("..")) {
            return "name '" + name + "' must not contain '..'";
        }
        return null;
    }

    /** Renders control characters visibly so that an error message cannot forge log lines. */
    static String printable(String s) {
        StringBuilder b = new StringBuilder(Math.min(s.length(), 80));
        for (int i = 0; i < s.length() && i < 80; i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        if (s.length() > 80) {
            b.append("...");
        }
        return b.toString();
    }
}
