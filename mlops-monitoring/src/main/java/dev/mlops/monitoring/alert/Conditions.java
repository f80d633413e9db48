package dev.mlops.monitoring.alert;

import java.util.function.DoublePredicate;

/** The built-in {@link Condition} implementations. */
final class Conditions {

    private Conditions() {}

    /** A comparison with a constant. */
    record Threshold(String operator, double threshold, DoublePredicate predicate) implements Condition {
        @Override
        public boolean test(double value) {
            return predicate.test(value);
        }

        @Override
        public String toString() {
            return "value " + operator + " " + GoText.formatFloat(threshold);
        }
    }

    /** The condition that is always true. */
    enum Always implements Condition {
        INSTANCE;

        @Override
        public boolean test(double value) {
            return true;
        }

        @Override
        public String toString() {
            return "always";
        }
    }
}
