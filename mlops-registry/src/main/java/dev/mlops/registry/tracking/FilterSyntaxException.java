package dev.mlops.registry.tracking;

import dev.mlops.core.InvalidArgumentException;

/**
 * A search filter or order-by expression that does not parse, or that compares something the grammar
 * does not allow. {@link #position()} is the 0-based character index in the input where the problem
 * was found; the message names it and quotes the input around it.
 */
public final class FilterSyntaxException extends InvalidArgumentException {

    private static final long serialVersionUID = 1L;

    private final int position;

    /**
     * @param field {@code "filter"} or {@code "order_by"}
     * @param input the text that was parsed
     * @param position the 0-based index of the problem
     * @param problem what was wrong
     */
    public FilterSyntaxException(String field, String input, int position, String problem) {
        super(field, problem + " at position " + position + near(input, position));
        this.position = position;
    }

    /** The 0-based character index in the input where the problem was found. */
    public int position() {
        return position;
    }

    private static String near(String input, int position) {
        if (input == null || input.isEmpty()) {
            return "";
        }
        int from = Math.max(0, position - 20);
        int to = Math.min(input.length(), position + 20);
        StringBuilder b = new StringBuilder(" in '");
        for (int i = from; i < to; i++) {
            if (i == position) {
                b.append(">>");
            }
            char c = input.charAt(i);
            b.append(c < 0x20 || c == 0x7f ? '?' : c);
        }
        if (position >= to) {
            b.append(">>");
        }
        return b.append('\'').toString();
    }
}
