package dev.mlops.core.lineage;

import dev.mlops.core.AlreadyExistsException;
import dev.mlops.core.InvalidArgumentException;
import dev.mlops.core.Names;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * The input rules and the idempotence rule of {@link LineageStore}, shared by every adapter so that
 * they accept, reject and compare exactly alike. Stateless.
 */
final class LineageRules {

    private LineageRules() {}

    /** Returns {@code type} when it is a valid name, else throws naming {@code field}. */
    static String type(String field, String type) {
        return Names.require(field, type);
    }

    /** Checks the arguments of a put of an artifact. */
    static void artifact(String type, String name, String uri, Map<String, String> properties) {
        key(type, name);
        uri(uri);
        properties(properties);
    }

    /** Checks the arguments of a put or a record of an execution. */
    static void execution(String type, String name, ExecutionState state, Map<String, String> properties) {
        key(type, name);
        notNull("state", state);
        properties(properties);
    }

    /** Checks the arguments of a put of a context. */
    static void context(String type, String name, Map<String, String> properties) {
        key(type, name);
        properties(properties);
    }

    /** Checks a {@code (type, name)} identity, as given to a put or a lookup. */
    static void key(String type, String name) {
        type("type", type);
        name("name", name);
    }

    /** A name: non-blank free text; see {@link #text}. */
    static String name(String field, String name) {
        text(field, name, LineageStore.MAX_NAME_LENGTH, false);
        if (name.isBlank()) {
            throw new InvalidArgumentException(field, "is blank");
        }
        return name;
    }

    /** A URI: free text, empty when the artifact has none; see {@link #text}. */
    static String uri(String uri) {
        return text("uri", uri, LineageStore.MAX_NAME_LENGTH, false);
    }

    /**
     * Free text: not null, at most {@code maxLength} UTF-16 units, well-formed UTF-16 (no unpaired
     * surrogate, which no database stores faithfully), and, unless {@code controlsAllowed}, no
     * control characters (which would let a name forge log lines).
     */
    private static String text(String field, String value, int maxLength, boolean controlsAllowed) {
        if (value == null) {
            throw new InvalidArgumentException(field, "is null");
        }
        if (value.length() > maxLength) {
            throw new InvalidArgumentException(field, "is " + value.length() + " characters long, the limit is "
                    + maxLength);
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!controlsAllowed && Character.isISOControl(c)) {
                throw new InvalidArgumentException(field, String.format(
                        "contains the control character \\u%04x at index %d", (int) c, i));
            }
            if (Character.isHighSurrogate(c) && i + 1 < value.length()
                    && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new InvalidArgumentException(field, "contains an unpaired surrogate at index " + i);
            }
        }
        return value;
    }

    /**
     * Properties: a non-null map whose keys are valid names and whose values are non-null text of at
     * most {@value LineageStore#MAX_PROPERTY_VALUE_LENGTH} characters (control characters allowed).
     */
    static Map<String, String> properties(Map<String, String> properties) {
        if (properties == null) {
            throw new InvalidArgumentException("properties", "is null");
        }
        for (Map.Entry<String, String> e : properties.entrySet()) {
            Names.require("properties", e.getKey());
            text("properties." + e.getKey(), e.getValue(), LineageStore.MAX_PROPERTY_VALUE_LENGTH, true);
        }
        return properties;
    }

    static <E extends Enum<E>> E notNull(String field, E value) {
        if (value == null) {
            throw new InvalidArgumentException(field, "is null");
        }
        return value;
    }

    /** The ids of a list argument, rejecting a null list or a null element. */
    static List<Long> ids(String field, List<Long> ids) {
        if (ids == null) {
            throw new InvalidArgumentException(field, "is null");
        }
        List<Long> copy = new ArrayList<>(ids.size());
        for (int i = 0; i < ids.size(); i++) {
            Long id = ids.get(i);
            if (id == null) {
                throw new InvalidArgumentException(field, "element " + i + " is null");
            }
            copy.add(id);
        }
        return copy;
    }

    /** Checks the arguments of an upstream or downstream query. */
    static void query(LineageNode start, int maxHops) {
        if (start == null) {
            throw new InvalidArgumentException("start", "is null");
        }
        if (maxHops < 0 || maxHops > LineageStore.MAX_HOPS) {
            throw new InvalidArgumentException("maxHops", "must be between 0 and " + LineageStore.MAX_HOPS
                    + ", got " + maxHops);
        }
    }

    /** The store's notion of now: the clock's instant at millisecond precision, as every adapter keeps it. */
    static Instant now(InstantSource clock) {
        return Instant.ofEpochMilli(clock.millis());
    }

    /** Describes ids that were looked up but not found, as in "artifact(s) 3, 9". */
    static String missing(String what, Collection<Long> ids) {
        return "no " + what + " with id " + String.join(", ", new TreeSet<>(ids).stream().map(String::valueOf)
                .toList());
    }

    /** Returns the stored artifact if it has the given content, else throws {@link AlreadyExistsException}. */
    static Artifact same(Artifact stored, String uri, Map<String, String> properties) {
        Difference d = new Difference();
        d.value("uri", stored.uri(), uri);
        d.properties(stored.properties(), properties);
        d.throwIfAny("artifact", stored.type(), stored.name(), stored.id());
        return stored;
    }

    /** Returns the stored execution if it has the given content, else throws {@link AlreadyExistsException}. */
    static Execution same(Execution stored, ExecutionState state, Map<String, String> properties) {
        Difference d = new Difference();
        d.value("state", stored.state().name(), state.name());
        d.properties(stored.properties(), properties);
        d.throwIfAny("execution", stored.type(), stored.name(), stored.id());
        return stored;
    }

    /** Returns the stored context if it has the given content, else throws {@link AlreadyExistsException}. */
    static Context same(Context stored, Map<String, String> properties) {
        Difference d = new Difference();
        d.properties(stored.properties(), properties);
        d.throwIfAny("context", stored.type(), stored.name(), stored.id());
        return stored;
    }

    /** Collects how a put differs from what is stored, for the message of the conflict. */
    private static final class Difference {
        private final List<String> parts = new ArrayList<>();

        void value(String what, String stored, String given) {
            if (!stored.equals(given)) {
                parts.add(what + " '" + stored + "' is stored, '" + given + "' was given");
            }
        }

        void properties(Map<String, String> stored, Map<String, String> given) {
            if (stored.equals(given)) {
                return;
            }
            TreeSet<String> keys = new TreeSet<>(stored.keySet());
            keys.addAll(given.keySet());
            keys.removeIf(k -> Objects.equals(stored.get(k), given.get(k)));
            parts.add("properties differ at " + keys);
        }

        void throwIfAny(String kind, String type, String name, long id) {
            if (!parts.isEmpty()) {
                throw new AlreadyExistsException(kind + " of type " + type + " named '" + name + "' already exists"
                        + " (id " + id + ") with different content: " + String.join("; ", parts));
            }
        }
    }
}
