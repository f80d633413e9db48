package dev.mlops.monitoring.alert;

import dev.mlops.core.InvalidArgumentException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * An immutable set of label name/value pairs that identifies a series or an alert, like Prometheus'
 * label sets.
 *
 * <p>Names follow Prometheus' rule ({@code [a-zA-Z_][a-zA-Z0-9_]*}); values are any string. As in
 * Prometheus, a label with an empty value is the same as no label: {@code with("a", "")} removes
 * {@code a}, and {@link #value(String)} answers {@code ""} for a missing name. Labels are kept sorted by
 * name, so two sets with the same pairs are equal and print and hash the same.
 *
 * <p>{@link #fingerprint()} is Prometheus' and Alertmanager's alert fingerprint (64-bit FNV-1a over
 * the sorted pairs), printed as 16 hex digits, so a fingerprint in a webhook payload matches what
 * Alertmanager would send for the same labels.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class Labels {

    private static final Labels EMPTY = new Labels(new TreeMap<>());
    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;
    private static final byte SEPARATOR = (byte) 0xff;

    private final SortedMap<String, String> pairs;
    private final String fingerprint;
    private final int hash;

    private Labels(TreeMap<String, String> pairs) {
        this.pairs = Collections.unmodifiableSortedMap(pairs);
        this.fingerprint = computeFingerprint(pairs);
        this.hash = pairs.hashCode();
    }

    /** The empty label set. */
    public static Labels empty() {
        return EMPTY;
    }

    /**
     * Labels from alternating names and values: {@code Labels.of("model", "fraud", "env", "prod")}.
     *
     * @throws InvalidArgumentException if the count is odd, a name is invalid or repeated, or a value is
     *     null
     */
    public static Labels of(String... namesAndValues) {
        Objects.requireNonNull(namesAndValues, "namesAndValues");
        if (namesAndValues.length % 2 != 0) {
            throw new InvalidArgumentException("labels", "expected name/value pairs, got "
                    + namesAndValues.length + " strings");
        }
        TreeMap<String, String> map = new TreeMap<>();
        Set<String> seen = new TreeSet<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            String name = requireName(namesAndValues[i]);
            String value = requireValue(name, namesAndValues[i + 1]);
            if (!seen.add(name)) {
                throw new InvalidArgumentException("labels", "label '" + name + "' is given twice");
            }
            if (!value.isEmpty()) {
                map.put(name, value);
            }
        }
        return map.isEmpty() ? EMPTY : new Labels(map);
    }

    /**
     * Labels from a map.
     *
     * @throws InvalidArgumentException if a name is invalid or a value is null
     */
    public static Labels of(Map<String, String> map) {
        Objects.requireNonNull(map, "map");
        TreeMap<String, String> copy = new TreeMap<>();
        for (Map.Entry<String, String> e : map.entrySet()) {
            String name = requireName(e.getKey());
            String value = requireValue(name, e.getValue());
            if (!value.isEmpty()) {
                copy.put(name, value);
            }
        }
        return copy.isEmpty() ? EMPTY : new Labels(copy);
    }

    /** Whether {@code name} is a valid label (or annotation) name: {@code [a-zA-Z_][a-zA-Z0-9_]*}. */
    public static boolean isValidName(String name) {
        if (name == null || name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
            if (!letter && !(i > 0 && c >= '0' && c <= '9')) {
                return false;
            }
        }
        return true;
    }

    static String requireName(String name) {
        if (!isValidName(name)) {
            throw new InvalidArgumentException("label name", "'" + (name == null ? "null" : GoText.quote(name))
                    + "' must match [a-zA-Z_][a-zA-Z0-9_]*");
        }
        return name;
    }

    private static String requireValue(String name, String value) {
        if (value == null) {
            throw new InvalidArgumentException("label value", "value of '" + name + "' is null");
        }
        return value;
    }

    /** The value of {@code name}, or {@code ""} when the label is absent (Prometheus' convention). */
    public String value(String name) {
        return pairs.getOrDefault(name, "");
    }

    /** The value of {@code name}, if present. */
    public Optional<String> get(String name) {
        return Optional.ofNullable(pairs.get(name));
    }

    /** Whether the label is present. */
    public boolean has(String name) {
        return pairs.containsKey(name);
    }

    /** These labels with {@code name} set to {@code value}; an empty value removes the label. */
    public Labels with(String name, String value) {
        requireName(name);
        requireValue(name, value);
        TreeMap<String, String> copy = new TreeMap<>(pairs);
        if (value.isEmpty()) {
            copy.remove(name);
        } else {
            copy.put(name, value);
        }
        return copy.isEmpty() ? EMPTY : new Labels(copy);
    }

    /** These labels with every pair of {@code other} added, {@code other} winning on a clash. */
    public Labels withAll(Labels other) {
        if (other.isEmpty()) {
            return this;
        }
        TreeMap<String, String> copy = new TreeMap<>(pairs);
        copy.putAll(other.pairs);
        return new Labels(copy);
    }

    /** Only the labels whose names are in {@code names}. */
    public Labels retain(Set<String> names) {
        TreeMap<String, String> copy = new TreeMap<>(pairs);
        copy.keySet().retainAll(names);
        return copy.isEmpty() ? EMPTY : new Labels(copy);
    }

    /** The pairs, sorted by name, as an unmodifiable map. */
    public SortedMap<String, String> asMap() {
        return pairs;
    }

    /** The label names, sorted. */
    public Set<String> names() {
        return pairs.keySet();
    }

    public int size() {
        return pairs.size();
    }

    public boolean isEmpty() {
        return pairs.isEmpty();
    }

    /**
     * Prometheus' fingerprint of this label set: FNV-1a (64 bit) over each sorted name and value, each
     * followed by the byte {@code 0xff}, as 16 lower-case hex digits.
     */
    public String fingerprint() {
        return fingerprint;
    }

    private static String computeFingerprint(SortedMap<String, String> pairs) {
        long hash = FNV_OFFSET;
        for (Map.Entry<String, String> e : pairs.entrySet()) {
            hash = fnv(hash, e.getKey().getBytes(StandardCharsets.UTF_8));
            hash = fnv(hash, new byte[] {SEPARATOR});
            hash = fnv(hash, e.getValue().getBytes(StandardCharsets.UTF_8));
            hash = fnv(hash, new byte[] {SEPARATOR});
        }
        String hex = Long.toHexString(hash);
        return "0".repeat(16 - hex.length()) + hex;
    }

    private static long fnv(long hash, byte[] bytes) {
        long h = hash;
        for (byte b : bytes) {
            h ^= b & 0xff;
            h *= FNV_PRIME;
        }
        return h;
    }

    /**
     * Alertmanager's order of label sets: fewer labels first, then by the first differing pair in name
     * order (a set lacking a name sorts first).
     */
    static int compare(Labels a, Labels b) {
        if (a.size() != b.size()) {
            return Integer.compare(a.size(), b.size());
        }
        TreeSet<String> names = new TreeSet<>(a.pairs.keySet());
        names.addAll(b.pairs.keySet());
        for (String name : names) {
            String av = a.pairs.get(name);
            if (av == null) {
                return -1;
            }
            String bv = b.pairs.get(name);
            if (bv == null) {
                return 1;
            }
            int c = av.compareTo(bv);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    @Override
    public boolean equals(Object o) {
        return o == this || (o instanceof Labels other && hash == other.hash && pairs.equals(other.pairs));
    }

    @Override
    public int hashCode() {
        return hash;
    }

    /** Prometheus' rendering: {@code {env="prod", model="fraud"}}, values quoted Go-style. */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("{");
        boolean first = true;
        for (Map.Entry<String, String> e : pairs.entrySet()) {
            if (!first) {
                b.append(", ");
            }
            first = false;
            b.append(e.getKey()).append('=').append(GoText.quote(e.getValue()));
        }
        return b.append('}').toString();
    }
}
