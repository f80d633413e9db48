package dev.mlops.monitoring.stream;

import dev.mlops.core.InvalidArgumentException;

/** Parameter and input validation with messages that name the offending parameter. */
final class Check {

    static final String INPUT = "x";

    private Check() {}

    static void finiteInput(double x) {
        if (!Double.isFinite(x)) {
            throw new InvalidArgumentException(INPUT, "must be a finite number, was " + x);
        }
    }

    static void binaryInput(double x) {
        if (x != 0.0 && x != 1.0) {
            throw new InvalidArgumentException(INPUT, "must be 0 (success) or 1 (error), was " + x);
        }
    }

    static void unitIntervalInput(double x) {
        if (!(x >= 0.0 && x <= 1.0)) {
            throw new InvalidArgumentException(INPUT, "must be in [0, 1], was " + x);
        }
    }

    /** 0 &lt; value &lt; 1. */
    static double openUnit(String name, double value) {
        if (!(value > 0.0 && value < 1.0)) {
            throw new InvalidArgumentException(name, "must be in (0, 1), was " + value);
        }
        return value;
    }

    /** 0 &lt; value &lt;= 1. */
    static double halfOpenUnit(String name, double value) {
        if (!(value > 0.0 && value <= 1.0)) {
            throw new InvalidArgumentException(name, "must be in (0, 1], was " + value);
        }
        return value;
    }

    /** A finite value &gt; 0. */
    static double positive(String name, double value) {
        if (!(value > 0.0 && Double.isFinite(value))) {
            throw new InvalidArgumentException(name, "must be a finite number > 0, was " + value);
        }
        return value;
    }

    /** A finite value &gt;= 0. */
    static double nonNegative(String name, double value) {
        if (!(value >= 0.0 && Double.isFinite(value))) {
            throw new InvalidArgumentException(name, "must be a finite number >= 0, was " + value);
        }
        return value;
    }

    static int atLeast(String name, int value, int min) {
        if (value < min) {
            throw new InvalidArgumentException(name, "must be >= " + min + ", was " + value);
        }
        return value;
    }

    static int between(String name, int value, int min, int max) {
        if (value < min || value > max) {
            throw new InvalidArgumentException(
                    name, "must be between " + min + " and " + max + ", was " + value);
        }
        return value;
    }

    static <T> T notNull(String name, T value) {
        if (value == null) {
            throw new InvalidArgumentException(name, "must not be null");
        }
        return value;
    }
}
