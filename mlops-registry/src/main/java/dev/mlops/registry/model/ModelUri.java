package dev.mlops.registry.model;

import dev.mlops.core.InvalidArgumentException;
import dev.mlops.core.Names;
import dev.mlops.registry.internal.Checks;
import java.util.Locale;

/**
 * A {@code models:/} URI: {@code models:/fraud/3} (a version), {@code models:/fraud@champion} (an
 * alias), {@code models:/fraud/Production} (the newest version in a legacy stage) or
 * {@code models:/fraud/latest} (the newest version).
 *
 * <p>Parsing is strict and never decodes anything: the model name and alias must be valid
 * {@linkplain Names names} as written, so percent-encoded ({@code %2e%2e%2f}, {@code %252e…}),
 * backslashed, absolute or dotted-segment forms are rejected rather than interpreted, and two
 * different URIs never name the same model. Immutable.
 *
 * @param name the registered model
 * @param kind what the reference is
 * @param reference the version number, alias, stage display name or {@code latest}
 */
public record ModelUri(String name, Kind kind, String reference) {

    /** The longest URI accepted. */
    public static final int MAX_LENGTH = 600;
    private static final String SCHEME = "models:/";

    /** What a URI refers to. */
    public enum Kind { VERSION, ALIAS, STAGE, LATEST }

    public ModelUri {
        Names.require("model name", name);
        Checks.notNull("kind", kind);
        Checks.notNull("reference", reference);
    }

    /** {@code models:/name/version}. */
    public static ModelUri ofVersion(String name, int version) {
        if (version < 1) {
            throw new InvalidArgumentException("version", "must be >= 1, got " + version);
        }
        return new ModelUri(name, Kind.VERSION, Integer.toString(version));
    }

    /** {@code models:/name@alias}. */
    public static ModelUri ofAlias(String name, String alias) {
        return new ModelUri(name, Kind.ALIAS, Aliases.require(alias));
    }

    /**
     * Parses a URI.
     *
     * @throws InvalidArgumentException naming what is wrong; nothing is ever decoded or normalized
     */
    public static ModelUri parse(String uri) {
        if (uri == null) {
            throw new InvalidArgumentException("uri", "is null");
        }
        if (uri.length() > MAX_LENGTH) {
            throw new InvalidArgumentException("uri", "is " + uri.length() + " characters long, the limit is "
                    + MAX_LENGTH);
        }
        if (!uri.startsWith(SCHEME) || uri.startsWith(SCHEME + "/")) {
            throw new InvalidArgumentException("uri", "expected models:/<name>/<version|stage|latest> or"
                    + " models:/<name>@<alias>");
        }
        String rest = uri.substring(SCHEME.length());
        int at = rest.indexOf('@');
        if (at >= 0) {
            String name = Names.require("model name", rest.substring(0, at));
            String alias = Names.require("alias", rest.substring(at + 1));
            return new ModelUri(name, Kind.ALIAS, alias);
        }
        int slash = rest.indexOf('/');
        if (slash < 0) {
            throw new InvalidArgumentException("uri", "expected a version, stage or 'latest' after the model name,"
                    + " or '@alias'");
        }
        String name = Names.require("model name", rest.substring(0, slash));
        String ref = rest.substring(slash + 1);
        if (!ref.isEmpty() && ref.chars().allMatch(c -> c >= '0' && c <= '9')) {
            if (ref.length() > 9 || ref.charAt(0) == '0') {
                throw new InvalidArgumentException("uri", "version '" + ref + "' is not a version number");
            }
            return new ModelUri(name, Kind.VERSION, ref);
        }
        if (ref.toLowerCase(Locale.ROOT).equals("latest")) {
            return new ModelUri(name, Kind.LATEST, "latest");
        }
        for (Stage s : Stage.values()) {
            if (s.displayName().equalsIgnoreCase(ref)) {
                return new ModelUri(name, Kind.STAGE, s.displayName());
            }
        }
        throw new InvalidArgumentException("uri", "expected a version number, a stage or 'latest' after '" + name
                + "/'");
    }

    /** The version number of a {@link Kind#VERSION} URI. */
    public int version() {
        if (kind != Kind.VERSION) {
            throw new IllegalStateException(this + " does not name a version number");
        }
        return Integer.parseInt(reference);
    }

    @Override
    public String toString() {
        return SCHEME + name + (kind == Kind.ALIAS ? "@" : "/") + reference;
    }
}
