package dev.mlops.monitoring.alert;

import dev.mlops.core.InvalidArgumentException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The small, safe subset of Prometheus' alert templates used in rule labels and annotations.
 *
 * <p>Supported actions: {@code {{ $value }}} (or {@code {{ .Value }}}), rendered as Go renders a
 * float64, and {@code {{ $labels.name }}} (or {@code {{ .Labels.name }}}), the value of a label of the
 * series, {@code ""} when absent. Anything else between {@code {{ }}} is rejected when the rule is
 * built, so a template can never run code, and expanded values are never expanded again, so a label
 * value containing {@code {{ }}} is printed as it is.
 *
 * <p>Immutable and thread-safe.
 */
final class Template {

    private static final Pattern VALUE = Pattern.compile("(?:\\$value|\\.Value)");
    private static final Pattern LABEL = Pattern.compile("(?:\\$labels|\\.Labels)\\.([a-zA-Z_][a-zA-Z0-9_]*)");

    private sealed interface Part permits Text, Value, Label {}

    private record Text(String text) implements Part {}

    private record Value() implements Part {}

    private record Label(String name) implements Part {}

    private final String source;
    private final List<Part> parts;

    private Template(String source, List<Part> parts) {
        this.source = source;
        this.parts = parts;
    }

    /**
     * Parses {@code text}.
     *
     * @param field what the text is ("annotation summary"), named in the error
     * @throws InvalidArgumentException if an action is unsupported or a <code>{{</code> is not closed
     */
    static Template parse(String field, String text) {
        if (text == null) {
            throw new InvalidArgumentException(field, "is null");
        }
        List<Part> parts = new ArrayList<>();
        int pos = 0;
        while (pos < text.length()) {
            int open = text.indexOf("{{", pos);
            if (open < 0) {
                parts.add(new Text(text.substring(pos)));
                break;
            }
            if (open > pos) {
                parts.add(new Text(text.substring(pos, open)));
            }
            int close = text.indexOf("}}", open + 2);
            if (close < 0) {
                throw new InvalidArgumentException(field, "unclosed '{{' at offset " + open);
            }
            String action = text.substring(open + 2, close).strip();
            if (VALUE.matcher(action).matches()) {
                parts.add(new Value());
            } else {
                Matcher m = LABEL.matcher(action);
                if (!m.matches()) {
                    throw new InvalidArgumentException(field, "unsupported template action '{{"
                            + GoText.truncate(action, 60) + "}}'; supported: {{ $value }} and {{ $labels.<name> }}");
                }
                parts.add(new Label(m.group(1)));
            }
            pos = close + 2;
        }
        return new Template(text, List.copyOf(parts));
    }

    /** Whether the text has no actions. */
    boolean isConstant() {
        return parts.stream().allMatch(p -> p instanceof Text);
    }

    /** The text with each action replaced by the series' labels and value. */
    String expand(Labels labels, double value) {
        StringBuilder b = new StringBuilder();
        for (Part p : parts) {
            if (p instanceof Text t) {
                b.append(t.text());
            } else if (p instanceof Label l) {
                b.append(labels.value(l.name()));
            } else {
                b.append(GoText.formatFloat(value));
            }
        }
        return b.toString();
    }

    /** The template as written. */
    String source() {
        return source;
    }

    @Override
    public String toString() {
        return source;
    }
}
