package dev.mlops.featurestore;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits RFC 4180 text into records of fields: commas between fields, CRLF or LF (or a lone CR)
 * between records, double-quoted fields that may hold commas, line breaks and doubled quotes. An
 * unquoted empty field is null, a quoted one the empty string. A blank line at the end is ignored.
 * Not thread-safe; one instance per reader.
 */
final class CsvRecords {

    /** Text that is not RFC 4180, naming the header or the data row (from 0, as ingest numbers rows). */
    static final class MalformedCsvException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        MalformedCsvException(String message) {
            super(message);
        }
    }

    private final Reader in;
    private long record;
    private int pushedBack = -2;

    CsvRecords(Reader in) {
        this.in = in;
    }

    private int read() throws IOException {
        if (pushedBack != -2) {
            int c = pushedBack;
            pushedBack = -2;
            return c;
        }
        return in.read();
    }

    /** The next record, or null at the end of input. */
    List<String> next() throws IOException {
        int c = read();
        if (c == -1) {
            return null;
        }
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        while (true) {
            if (c == '"') {
                if (field.length() > 0) {
                    throw malformed("quote inside an unquoted field");
                }
                c = quoted(field);
                fields.add(field.toString());
            } else {
                while (c != ',' && c != '\n' && c != '\r' && c != -1) {
                    if (c == '"') {
                        throw malformed("quote inside an unquoted field");
                    }
                    field.append((char) c);
                    c = read();
                }
                fields.add(field.length() == 0 ? null : field.toString());
            }
            field.setLength(0);
            if (c == ',') {
                c = read();
                continue;
            }
            if (c == '\r') {
                int n = read();
                if (n != '\n') {
                    pushedBack = n;
                }
            }
            record++;
            return fields;
        }
    }

    /** Reads a quoted field after its opening quote; returns the character after the closing quote. */
    private int quoted(StringBuilder field) throws IOException {
        while (true) {
            int c = read();
            if (c == -1) {
                throw malformed("unterminated quoted field");
            }
            if (c == '"') {
                int n = read();
                if (n != '"') {
                    if (n != ',' && n != '\n' && n != '\r' && n != -1) {
                        throw malformed("text after a closing quote");
                    }
                    return n;
                }
            }
            field.append((char) c);
        }
    }

    private MalformedCsvException malformed(String what) {
        return new MalformedCsvException((record == 0 ? "header" : "row " + (record - 1)) + ": " + what);
    }
}
