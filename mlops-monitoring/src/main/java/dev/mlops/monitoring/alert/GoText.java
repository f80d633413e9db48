package dev.mlops.monitoring.alert;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * Text renderings that must match what Prometheus and Alertmanager (written in Go) produce, so that
 * messages and payloads look the same as theirs: Go's {@code %q} quoting, Go's {@code %v} rendering of
 * a float64, and Go's RFC 3339 JSON time format.
 */
final class GoText {

    /** What Go prints for the zero {@code time.Time}, used as {@code endsAt} of a firing alert. */
    static final String ZERO_TIME = "0001-01-01T00:00:00Z";

    private GoText() {}

    /** {@code s} in double quotes with Go's escapes ({@code strconv.Quote}) for ASCII controls. */
    static String quote(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                case 0x07 -> b.append("\\a");
                case '\b' -> b.append("\\b");
                case '\f' -> b.append("\\f");
                case 0x0b -> b.append("\\v");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        b.append(String.format("\\x%02x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    /** {@code s} with ASCII control characters escaped as {@link #quote} does, without the quotes. */
    static String escapeControls(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                String q = quote(s);
                return q.substring(1, q.length() - 1);
            }
        }
        return s;
    }

    /**
     * Go's {@code fmt.Sprint(float64)}: the shortest decimal that reads back as {@code v}, in plain
     * notation when the decimal exponent is in [-4, 6), else as {@code d.ddde+XX}; {@code NaN},
     * {@code +Inf}, {@code -Inf} for the special values.
     */
    static String formatFloat(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+Inf" : "-Inf";
        }
        if (v == 0) {
            return (1 / v < 0) ? "-0" : "0";
        }
        BigDecimal shortest = shortest(v);
        String digits = shortest.unscaledValue().abs().toString();
        int exponent = digits.length() - 1 - shortest.scale();
        String sign = v < 0 ? "-" : "";
        if (exponent < -4 || exponent >= 6) {
            StringBuilder b = new StringBuilder(sign).append(digits.charAt(0));
            if (digits.length() > 1) {
                b.append('.').append(digits, 1, digits.length());
            }
            b.append('e').append(exponent < 0 ? '-' : '+');
            int abs = Math.abs(exponent);
            if (abs < 10) {
                b.append('0');
            }
            return b.append(abs).toString();
        }
        return sign + shortest.abs().toPlainString();
    }

    private static BigDecimal shortest(double v) {
        BigDecimal exact = new BigDecimal(v);
        for (int precision = 1; precision < 17; precision++) {
            BigDecimal candidate = exact.round(new MathContext(precision, RoundingMode.HALF_EVEN));
            if (candidate.doubleValue() == v) {
                return candidate.stripTrailingZeros();
            }
        }
        return exact.round(new MathContext(17, RoundingMode.HALF_EVEN)).stripTrailingZeros();
    }

    /**
     * Go's JSON encoding of a UTC {@code time.Time} (RFC 3339 with nanoseconds, trailing zeros of the
     * fraction dropped): {@code 2024-01-01T00:00:00.5Z}.
     */
    static String formatTime(Instant t) {
        Instant seconds = t.truncatedTo(ChronoUnit.SECONDS);
        String base = seconds.toString();
        int nanos = t.getNano();
        if (nanos == 0) {
            return base;
        }
        String fraction = String.format("%09d", nanos).replaceAll("0+$", "");
        return base.substring(0, base.length() - 1) + "." + fraction + "Z";
    }

    /** {@link #formatTime} of the value, or Go's zero time when absent. */
    static String formatTime(Optional<Instant> t) {
        return t.map(GoText::formatTime).orElse(ZERO_TIME);
    }

    /** {@code s} cut to at most {@code max} characters, ending in an ellipsis when cut. */
    static String truncate(String s, int max) {
        if (s.length() <= max) {
            return s;
        }
        return s.substring(0, max - 1) + "…";
    }
}
