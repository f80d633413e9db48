package dev.mlops.featurestore;

import dev.mlops.core.Field;
import dev.mlops.core.InvalidArgumentException;
import dev.mlops.core.StorageException;
import dev.mlops.core.ValueType;
import java.io.IOException;
import java.io.Reader;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowFileReader;

/**
 * Where {@link FeatureStore#ingest} reads a feature view's rows in batch: a JDBC query, a CSV file
 * or an Arrow IPC file. Columns are named like the keys of a {@link FeatureStore#push} row: the
 * view's join keys, {@value FeatureView#EVENT_TIMESTAMP}, optionally
 * {@value FeatureView#CREATED_TIMESTAMP}, and features; a column the view does not have is an
 * {@link InvalidArgumentException} naming it, before any row is read.
 *
 * <p>Rows are numbered from 0 in the order the source gives them (for CSV, the data rows after the
 * header), and errors name that number and the column, as {@code push} does.
 *
 * <p>A source is an immutable description; nothing is opened until {@code ingest} reads it, and it
 * can be ingested any number of times from any thread. Files are read twice by {@code ingest} (a
 * validating pass, then a writing pass); a JDBC query runs once and its validated rows are held in
 * memory until written.
 */
public abstract sealed class BatchSource permits BatchSource.Jdbc, BatchSource.FileSource {

    /** Receives consecutive chunks of rows; {@code firstRow} is the number of the chunk's first row. */
    @FunctionalInterface
    interface ChunkSink {
        void accept(List<Map<String, Object>> rows, long firstRow);
    }

    private BatchSource() {}

    /**
     * The rows of a query. Column labels are matched to the view's columns exactly or, failing that,
     * ignoring case (databases such as H2 upper-case unquoted labels). Values are taken with
     * {@link ResultSet#getObject(int)} and checked by the view's types: cast in SQL where the driver's
     * type differs (a {@code DECIMAL} for a float64 feature, say). A {@code TIMESTAMP} without time
     * zone is rejected like any zoneless timestamp; use {@code TIMESTAMP WITH TIME ZONE}.
     *
     * <p>The query runs once per ingest; its rows are validated in full and held in memory, then
     * written, so the data written is exactly what one execution returned.
     *
     * @param params bound in order with {@link PreparedStatement#setObject(int, Object)}
     */
    public static BatchSource jdbc(DataSource dataSource, String sql, Object... params) {
        Objects.requireNonNull(dataSource, "dataSource");
        if (sql == null || sql.isBlank()) {
            throw new InvalidArgumentException("sql", "is blank");
        }
        return new Jdbc(dataSource, sql, params == null ? List.of() : Collections.unmodifiableList(Arrays.asList(params.clone())));
    }

    /**
     * A UTF-8 CSV file as in RFC 4180: a header row naming the columns, fields separated by commas,
     * records by CRLF or LF, fields with commas, quotes or line breaks enclosed in double quotes and
     * inner quotes doubled. Cells are parsed by the view's field types: booleans {@code true}/{@code
     * false}, decimal integers, floats as {@link Double#parseDouble} ({@code NaN}, {@code Infinity}),
     * bytes as Base64, timestamps as ISO-8601 with an offset or zone ({@code 2024-01-10T08:00:00Z});
     * a zoneless timestamp is rejected. An unquoted empty cell is null; a quoted empty cell is the
     * empty string for string fields. List types are not supported in CSV.
     */
    public static BatchSource csv(Path file) {
        return new Csv(Objects.requireNonNull(file, "file"));
    }

    /**
     * An Arrow IPC file (the random-access "file" format), read batch by batch with
     * {@link ArrowFileReader}. Column types must be those this library writes ({@link ArrowTables}):
     * timestamps are {@code timestamp[ns, tz=UTC]}; integers may be narrower than the view's.
     */
    public static BatchSource arrowIpc(Path file) {
        return new ArrowIpc(Objects.requireNonNull(file, "file"));
    }

    /** Whether reading twice gives the same rows, so that {@code ingest} may validate and write in two passes. */
    abstract boolean rereadable();

    /** Reads every row, in chunks of at most {@code chunkSize}; returns the number of rows read. */
    abstract long read(FeatureView view, int chunkSize, ChunkSink sink);

    /** The view's field for each column, or an error naming every column the view does not have. */
    static List<Field> columns(FeatureView view, List<String> names, boolean ignoreCase) {
        Map<String, Field> byLowerName = new HashMap<>();
        view.schema().fields().forEach(f -> byLowerName.put(f.name().toLowerCase(Locale.ROOT), f));
        List<Field> out = new ArrayList<>(names.size());
        List<String> unknown = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String name : names) {
            Field field = view.schema().field(name)
                    .or(() -> ignoreCase ? Optional.ofNullable(byLowerName.get(name.toLowerCase(Locale.ROOT)))
                            : Optional.empty())
                    .orElse(null);
            if (field == null) {
                unknown.add(name);
            } else if (!seen.add(field.name())) {
                throw new InvalidArgumentException(name, "column appears twice");
            }
            out.add(field);
        }
        if (!unknown.isEmpty()) {
            throw new InvalidArgumentException(String.join(", ", unknown), "unknown column" + (unknown.size() > 1 ? "s " : " ")
                    + unknown + "; view '" + view.name() + "' has " + view.schema().names());
        }
        return out;
    }

    /** Collects rows and hands them on in chunks. */
    private static final class Chunker {
        private final int chunkSize;
        private final ChunkSink sink;
        private List<Map<String, Object>> rows = new ArrayList<>();
        private long count;

        Chunker(int chunkSize, ChunkSink sink) {
            this.chunkSize = chunkSize;
            this.sink = sink;
        }

        long next() {
            return count;
        }

        void add(Map<String, Object> row) {
            rows.add(row);
            count++;
            if (rows.size() == chunkSize) {
                flush();
            }
        }

        long finish() {
            if (!rows.isEmpty()) {
                flush();
            }
            return count;
        }

        private void flush() {
            List<Map<String, Object>> chunk = rows;
            rows = new ArrayList<>();
            sink.accept(chunk, count - chunk.size());
        }
    }

    // ---------------------------------------------------------------- JDBC

    static final class Jdbc extends BatchSource {
        private final DataSource dataSource;
        private final String sql;
        private final List<Object> params;

        private Jdbc(DataSource dataSource, String sql, List<Object> params) {
            this.dataSource = dataSource;
            this.sql = sql;
            this.params = params;
        }

        @Override
        boolean rereadable() {
            return false;
        }

        @Override
        long read(FeatureView view, int chunkSize, ChunkSink sink) {
            try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
                for (int i = 0; i < params.size(); i++) {
                    ps.setObject(i + 1, params.get(i));
                }
                ps.setFetchSize(chunkSize);
                try (ResultSet rs = ps.executeQuery()) {
                    ResultSetMetaData meta = rs.getMetaData();
                    List<String> labels = new ArrayList<>(meta.getColumnCount());
                    for (int i = 1; i <= meta.getColumnCount(); i++) {
                        labels.add(meta.getColumnLabel(i));
                    }
                    List<Field> fields = columns(view, labels, true);
                    Chunker chunker = new Chunker(chunkSize, sink);
                    while (rs.next()) {
                        Map<String, Object> row = new LinkedHashMap<>();
                        for (int i = 0; i < fields.size(); i++) {
                            row.put(fields.get(i).name(), jdbcValue(rs.getObject(i + 1)));
                        }
                        chunker.add(row);
                    }
                    return chunker.finish();
                }
            } catch (SQLException e) {
                throw new StorageException("ingest query failed: " + e.getMessage(), e);
            }
        }

        /** Legacy JDBC time types carry no zone: turned into their java.time forms, which validation rejects. */
        private static Object jdbcValue(Object value) {
            if (value instanceof java.sql.Timestamp t) {
                return t.toLocalDateTime();
            }
            if (value instanceof java.sql.Date d) {
                return d.toLocalDate();
            }
            return value;
        }
    }

    // ---------------------------------------------------------------- files

    /** A file, which reads the same twice. */
    abstract static sealed class FileSource extends BatchSource permits Csv, ArrowIpc {
        final Path file;

        FileSource(Path file) {
            this.file = file;
        }

        @Override
        boolean rereadable() {
            return true;
        }

        @Override
        long read(FeatureView view, int chunkSize, ChunkSink sink) {
            try {
                return readFile(view, chunkSize, sink);
            } catch (IOException e) {
                throw new StorageException("cannot read " + file + ": " + e.getMessage(), e);
            }
        }

        abstract long readFile(FeatureView view, int chunkSize, ChunkSink sink) throws IOException;
    }

    // ---------------------------------------------------------------- CSV

    static final class Csv extends FileSource {
        private static final Pattern FLOAT =
                Pattern.compile("[+-]?(NaN|Infinity|(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?)");

        private Csv(Path file) {
            super(file);
        }

        @Override
        long readFile(FeatureView view, int chunkSize, ChunkSink sink) throws IOException {
            try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                CsvRecords records = new CsvRecords(in);
                List<String> header = records.next();
                if (header == null) {
                    throw new InvalidArgumentException("file", file + ": no header row");
                }
                if (!header.isEmpty() && header.get(0) != null && header.get(0).startsWith("\uFEFF")) {
                    header.set(0, header.get(0).substring(1));
                }
                List<Field> fields = columns(view, header.stream().map(h -> h == null ? "" : h).toList(), false);
                Chunker chunker = new Chunker(chunkSize, sink);
                for (List<String> record = records.next(); record != null; record = records.next()) {
                    long rowNumber = chunker.next();
                    if (record.size() != fields.size()) {
                        throw new InvalidArgumentException("row", "row " + rowNumber + ": " + record.size()
                                + " fields, the header has " + fields.size());
                    }
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int i = 0; i < fields.size(); i++) {
                        row.put(fields.get(i).name(), parse(fields.get(i), record.get(i), rowNumber));
                    }
                    chunker.add(row);
                }
                return chunker.finish();
            } catch (CsvRecords.MalformedCsvException e) {
                throw new InvalidArgumentException("file", file + ": " + e.getMessage());
            }
        }

        private static Object parse(Field field, String cell, long rowNumber) {
            if (cell == null) {
                return null;
            }
            ValueType type = field.type();
            try {
                return switch (type) {
                    case STRING -> cell;
                    case BOOL -> {
                        if (cell.equalsIgnoreCase("true") || cell.equalsIgnoreCase("false")) {
                            yield Boolean.parseBoolean(cell);
                        }
                        throw new IllegalArgumentException();
                    }
                    case INT32 -> Integer.parseInt(cell);
                    case INT64 -> Long.parseLong(cell);
                    case FLOAT32 -> Float.parseFloat(decimal(cell));
                    case FLOAT64 -> Double.parseDouble(decimal(cell));
                    case BYTES -> Base64.getDecoder().decode(cell);
                    case TIMESTAMP -> timestamp(cell);
                    default -> throw new InvalidArgumentException(field.name(), "row " + rowNumber + ": "
                            + type.jsonName() + " columns are not supported in CSV");
                };
            } catch (IllegalArgumentException | DateTimeParseException e) {
                String shown = cell.length() > 40 ? cell.substring(0, 40) + "..." : cell;
                throw new InvalidArgumentException(field.name(), "row " + rowNumber + ": cannot parse '" + shown
                        + "' as " + type.jsonName());
            }
        }

        /** The cell when it is a plain decimal, {@code NaN} or {@code [+-]Infinity}; Java's hex and suffixed forms are not CSV. */
        private static String decimal(String cell) {
            if (!FLOAT.matcher(cell).matches()) {
                throw new IllegalArgumentException();
            }
            return cell;
        }

        /** A zoned instant, or a LocalDateTime (which validation rejects, naming row and column). */
        private static Object timestamp(String cell) {
            TemporalAccessor t = DateTimeFormatter.ISO_DATE_TIME.parseBest(cell, ZonedDateTime::from, LocalDateTime::from);
            return t instanceof ZonedDateTime z ? z.toInstant() : t;
        }
    }

    // ---------------------------------------------------------------- Arrow IPC

    static final class ArrowIpc extends FileSource {
        private ArrowIpc(Path file) {
            super(file);
        }

        @Override
        long readFile(FeatureView view, int chunkSize, ChunkSink sink) throws IOException {
            try (BufferAllocator allocator = new RootAllocator();
                 FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
                 ArrowFileReader reader = new ArrowFileReader(channel, allocator)) {
                VectorSchemaRoot root = reader.getVectorSchemaRoot();
                List<String> names = root.getSchema().getFields().stream()
                        .map(org.apache.arrow.vector.types.pojo.Field::getName).toList();
                List<Field> fields = columns(view, names, false);
                List<ValueType> types = new ArrayList<>(names.size());
                for (org.apache.arrow.vector.types.pojo.Field f : root.getSchema().getFields()) {
                    types.add(ArrowTables.valueType(f));
                }
                Chunker chunker = new Chunker(chunkSize, sink);
                while (reader.loadNextBatch()) {
                    List<FieldVector> vectors = root.getFieldVectors();
                    for (int r = 0; r < root.getRowCount(); r++) {
                        Map<String, Object> row = new LinkedHashMap<>();
                        for (int c = 0; c < fields.size(); c++) {
                            row.put(fields.get(c).name(), ArrowTables.value(vectors.get(c), r, types.get(c)));
                        }
                        chunker.add(row);
                    }
                }
                return chunker.finish();
            }
        }
    }
}
