package dev.mlops.registry.internal;

import dev.mlops.registry.tracking.FilterSyntaxException;
import java.util.ArrayList;
import java.util.List;

/** Splits a search filter or order-by expression into tokens, remembering where each starts. Not API. */
final class FilterLexer {

    enum Kind { WORD, STRING, QUOTED_KEY, NUMBER, OPERATOR, LPAREN, RPAREN, COMMA, END }

    /**
     * A token.
     *
     * @param kind its kind
     * @param text the word, the unquoted string, the number's text or the operator
     * @param start index of its first character
     * @param end index after its last character
     */
    record Token(Kind kind, String text, int start, int end) {

        boolean isWord(String keyword) {
            return kind == Kind.WORD && text.equalsIgnoreCase(keyword);
        }

        String describe() {
            return switch (kind) {
                case END -> "the end of the input";
                case STRING -> "string '" + text + "'";
                case QUOTED_KEY -> "quoted name `" + text + "`";
                default -> "'" + text + "'";
            };
        }
    }

    private final String field;
    private final String input;
    private int pos;

    private FilterLexer(String field, String input) {
        this.field = field;
        this.input = input;
    }

    static List<Token> tokenize(String field, String input) {
        return new FilterLexer(field, input).run();
    }

    private List<Token> run() {
        List<Token> tokens = new ArrayList<>();
        while (true) {
            while (pos < input.length() && Character.isWhitespace(input.charAt(pos))) {
                pos++;
            }
            if (pos >= input.length()) {
                tokens.add(new Token(Kind.END, "", pos, pos));
                return tokens;
            }
            tokens.add(next());
        }
    }

    private Token next() {
        int start = pos;
        char c = input.charAt(pos);
        if (Character.isLetter(c) || c == '_') {
            while (pos < input.length() && isWordChar(input.charAt(pos))) {
                pos++;
            }
            return new Token(Kind.WORD, input.substring(start, pos), start, pos);
        }
        if (isNumberStart(start)) {
            return number(start);
        }
        switch (c) {
            case '\'', '"' -> {
                return new Token(Kind.STRING, quoted(c), start, pos);
            }
            case '`' -> {
                return new Token(Kind.QUOTED_KEY, quoted(c), start, pos);
            }
            case '(' -> {
                pos++;
                return new Token(Kind.LPAREN, "(", start, pos);
            }
            case ')' -> {
                pos++;
                return new Token(Kind.RPAREN, ")", start, pos);
            }
            case ',' -> {
                pos++;
                return new Token(Kind.COMMA, ",", start, pos);
            }
            case '=' -> {
                pos++;
                return new Token(Kind.OPERATOR, "=", start, pos);
            }
            case '!', '<', '>' -> {
                pos++;
                if (pos < input.length() && input.charAt(pos) == '=') {
                    pos++;
                } else if (c == '!') {
                    throw error(start, "'!' must be followed by '='");
                }
                return new Token(Kind.OPERATOR, input.substring(start, pos), start, pos);
            }
            default -> throw error(start, "unexpected character '" + (c < 0x20 || c == 0x7f ? "?" : c) + "'");
        }
    }

    private static boolean isWordChar(char c) {
        return c < 0x80 && (Character.isLetterOrDigit(c) || c == '_' || c == '.' || c == '-');
    }

    private boolean isNumberStart(int i) {
        char c = input.charAt(i);
        if (Character.isDigit(c)) {
            return true;
        }
        if (c == '.') {
            return i + 1 < input.length() && Character.isDigit(input.charAt(i + 1));
        }
        if (c == '-' || c == '+') {
            return i + 1 < input.length() && (Character.isDigit(input.charAt(i + 1))
                    || (input.charAt(i + 1) == '.' && i + 2 < input.length() && Character.isDigit(input.charAt(i + 2))));
        }
        return false;
    }

    private Token number(int start) {
        if (input.charAt(pos) == '-' || input.charAt(pos) == '+') {
            pos++;
        }
        digits();
        if (pos < input.length() && input.charAt(pos) == '.') {
            pos++;
            digits();
        }
        if (pos < input.length() && (input.charAt(pos) == 'e' || input.charAt(pos) == 'E')) {
            pos++;
            if (pos < input.length() && (input.charAt(pos) == '-' || input.charAt(pos) == '+')) {
                pos++;
            }
            int expStart = pos;
            digits();
            if (pos == expStart) {
                throw error(start, "malformed number '" + input.substring(start, pos) + "'");
            }
        }
        if (pos < input.length() && isWordChar(input.charAt(pos))) {
            while (pos < input.length() && isWordChar(input.charAt(pos))) {
                pos++;
            }
            throw error(start, "malformed number '" + input.substring(start, pos) + "'");
        }
        return new Token(Kind.NUMBER, input.substring(start, pos), start, pos);
    }

    private void digits() {
        while (pos < input.length() && Character.isDigit(input.charAt(pos))) {
            pos++;
        }
    }

    /** Reads a quoted run starting at pos; a doubled quote character stands for itself. */
    private String quoted(char quote) {
        int start = pos;
        pos++;
        StringBuilder b = new StringBuilder();
        while (pos < input.length()) {
            char c = input.charAt(pos);
            if (c == quote) {
                if (pos + 1 < input.length() && input.charAt(pos + 1) == quote) {
                    b.append(quote);
                    pos += 2;
                    continue;
                }
                pos++;
                return b.toString();
            }
            b.append(c);
            pos++;
        }
        throw error(start, "unterminated " + (quote == '`' ? "quoted name" : "string") + " starting");
    }

    private FilterSyntaxException error(int at, String problem) {
        return new FilterSyntaxException(field, input, at, problem);
    }
}
