package dev.mlops.featurestore;

import dev.mlops.core.Field;
import dev.mlops.core.InvalidArgumentException;
import dev.mlops.core.Schema;
import dev.mlops.core.StorageException;
import dev.mlops.core.ValueType;
import dev.mlops.featurestore.internal.ArrowColumns;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowFileWriter;

/**
 * Training data from {@link FeatureStore#getHistoricalFeatures}: the entity rows' columns (join keys,
 * {@value FeatureView#EVENT_TIMESTAMP}, request fields and any other columns passed in, such as
 * labels) followed by the requested features, one row per entity row in input order, held in Arrow
 * memory.
 *
 * <p>Read it row by row ({@link #iterator()}, {@link #value}), hand the Arrow table to training code
 * ({@link #arrow()}), or write it as an Arrow IPC file readable from Python, R, Spark and others
 * ({@link #writeArrowIpc}). {@link #contentDigest()} is the SHA-256 of exactly the bytes
 * {@code writeArrowIpc} writes, so equal data gives an equal digest.
 *
 * <p><b>Lifecycle.</b> A training set owns its Arrow memory: close it when done (before closing the
 * {@link FeatureStore}, whose allocator reports leaks). Not thread-safe for use while closing;
 * concurrent reads are safe.
 */
public final class TrainingSet implements AutoCloseable, Iterable<Map<String, Object>> {

    private final BufferAllocator allocator;
    private final VectorSchemaRoot root;
    private final List<String> columns;
    private final List<ValueType> types;
    private final Map<String, Integer> index;
    private volatile String digest;
    private volatile boolean closed;

    TrainingSet(BufferAllocator allocator, VectorSchemaRoot root) {
        this.allocator = allocator;
        this.root = root;
        List<String> names = new ArrayList<>();
        List<ValueType> valueTypes = new ArrayList<>();
        Map<String, Integer> positions = new HashMap<>();
        for (FieldVector v : root.getFieldVectors()) {
            positions.put(v.getName(), names.size());
            names.add(v.getName());
            valueTypes.add(ArrowColumns.valueType(v.getField()));
        }
        this.columns = List.copyOf(names);
        this.types = List.copyOf(valueTypes);
        this.index = Map.copyOf(positions);
    }

    private void open() {
        if (closed) {
            throw new IllegalStateException("the training set is closed");
        }
    }

    /** The number of rows. */
    public int rowCount() {
        open();
        return root.getRowCount();
    }

    /** The column names, entity columns first, then features in request order. */
    public List<String> columnNames() {
        return columns;
    }

    /** The columns as a schema (every column nullable). */
    public Schema schema() {
        List<Field> fields = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            Field f = Field.of(columns.get(i), types.get(i));
            fields.add(types.get(i).isFloatingPoint() ? f.allowingNonFinite() : f);
        }
        return Schema.of(fields);
    }

    /**
     * The Arrow table itself, for zero-copy hand-over to training code. It stays owned by this
     * training set: do not close it, and do not use it after {@link #close()}.
     */
    public VectorSchemaRoot arrow() {
        open();
        return root;
    }

    /** The canonical value of a column in a row, or null. */
    public Object value(int row, String column) {
        open();
        Integer c = index.get(column);
        if (c == null) {
            throw new InvalidArgumentException(String.valueOf(column), "no such column; the columns are " + columns);
        }
        if (row < 0 || row >= root.getRowCount()) {
            throw new InvalidArgumentException("row", row + " is outside 0.." + (root.getRowCount() - 1));
        }
        return ArrowColumns.get(root.getVector(c), row, types.get(c));
    }

    /** One row's values by column name, in column order. */
    public Map<String, Object> row(int row) {
        open();
        Map<String, Object> out = new LinkedHashMap<>();
        for (int c = 0; c < columns.size(); c++) {
            out.put(columns.get(c), ArrowColumns.get(root.getVector(c), row, types.get(c)));
        }
        return Collections.unmodifiableMap(out);
    }

    /** The rows in order, each as a map of column name to canonical value, read lazily. */
    @Override
    public Iterator<Map<String, Object>> iterator() {
        open();
        return new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < root.getRowCount();
            }

            @Override
            public Map<String, Object> next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return row(next++);
            }
        };
    }

    /**
     * Writes the training set as an Arrow IPC file (replacing any file there, atomically where the
     * file system allows) and returns its content digest.
     *
     * @return {@code sha256:} and the hex SHA-256 of the written bytes
     * @throws StorageException when the file cannot be written
     */
    public String writeArrowIpc(Path path) {
        open();
        Path target = path.toAbsolutePath();
        Path temp = null;
        try {
            Path dir = target.getParent();
            Files.createDirectories(dir);
            temp = Files.createTempFile(dir, ".training-set", ".tmp");
            String written;
            try (OutputStream out = Files.newOutputStream(temp)) {
                written = write(out);
            }
            try {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (java.nio.file.AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            digest = written;
            return written;
        } catch (IOException e) {
            throw new StorageException("could not write the training set to " + target + ": " + e.getMessage(), e);
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // the move succeeded or the write failed; either way nothing more to do
                }
            }
        }
    }

    /** {@code sha256:} and the hex SHA-256 of the Arrow IPC file {@link #writeArrowIpc} writes. */
    public String contentDigest() {
        open();
        String d = digest;
        if (d == null) {
            d = write(OutputStream.nullOutputStream());
            digest = d;
        }
        return d;
    }

    private String write(OutputStream sink) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError("every Java platform has SHA-256", e);
        }
        try (DigestOutputStream out = new DigestOutputStream(sink, sha);
                ArrowFileWriter writer = new ArrowFileWriter(root, null, Channels.newChannel(out))) {
            writer.start();
            writer.writeBatch();
            writer.end();
        } catch (IOException e) {
            throw new StorageException("could not write the training set as Arrow IPC: " + e.getMessage(), e);
        }
        return "sha256:" + java.util.HexFormat.of().formatHex(sha.digest());
    }

    /** Releases the Arrow memory. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            root.close();
        } finally {
            allocator.close();
        }
    }
}
