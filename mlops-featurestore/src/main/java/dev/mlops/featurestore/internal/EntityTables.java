package dev.mlops.featurestore.internal;

import dev.mlops.core.Field;
import dev.mlops.core.InvalidArgumentException;
import dev.mlops.core.ValueType;
import dev.mlops.featurestore.FeatureView;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Entity rows as the Arrow table the offline stores join against: the plan's join keys, the event
 * timestamp, the on-demand views' request fields, and any other columns the caller passed (labels,
 * ids), which travel into the training set unchanged. Not API.
 */
public final class EntityTables {

    private EntityTables() {}

    /**
     * Validates entity rows given as maps and lays them out in Arrow. The type of a column that is
     * neither a join key, the timestamp nor a request field is taken from its first non-null value.
     *
     * @throws InvalidArgumentException naming the row and field: a missing join key or timestamp, a
     *     value of the wrong type, a timestamp without a zone, a column whose type cannot be told
     */
    public static VectorSchemaRoot fromMaps(List<? extends Map<String, ?>> rows, RetrievalPlan plan,
            BufferAllocator allocator) {
        if (rows == null) {
            throw new InvalidArgumentException("entityRows", "is null");
        }
        Map<String, Field> columns = new LinkedHashMap<>();
        plan.joinKeys().forEach(k -> columns.put(k.name(), k));
        columns.put(FeatureView.EVENT_TIMESTAMP, Field.required(FeatureView.EVENT_TIMESTAMP, ValueType.TIMESTAMP));
        plan.requestFields().forEach(f -> columns.put(f.name(), f));
        for (int i = 0; i < rows.size(); i++) {
            Map<String, ?> row = rows.get(i);
            if (row == null) {
                throw new InvalidArgumentException("entityRows", "row " + i + " is null");
            }
            for (Map.Entry<String, ?> e : row.entrySet()) {
                if (e.getValue() != null && !columns.containsKey(e.getKey())) {
                    columns.put(e.getKey(), inferred(e.getKey(), e.getValue(), i));
                }
            }
        }
        for (String output : plan.outputNames()) {
            if (columns.containsKey(output)) {
                throw new InvalidArgumentException(output, "an entity row column has the name of a requested feature");
            }
        }
        List<FieldVector> vectors = new ArrayList<>();
        VectorSchemaRoot root = null;
        try {
            for (Field f : columns.values()) {
                FieldVector v = ArrowColumns.newVector(f.name(), f.type(), allocator);
                vectors.add(v);
                v.setInitialCapacity(Math.max(1, rows.size()));
                v.allocateNew();
            }
            root = new VectorSchemaRoot(vectors);
            int c = 0;
            for (Field f : columns.values()) {
                FieldVector v = vectors.get(c++);
                boolean key = !f.nullable() && !FeatureView.EVENT_TIMESTAMP.equals(f.name());
                for (int i = 0; i < rows.size(); i++) {
                    Object raw = rows.get(i).get(f.name());
                    if (raw == null && key) {
                        throw new InvalidArgumentException(f.name(), "row " + i + ": join key is missing");
                    }
                    Object value = f.validate(raw, "row " + i);
                    if (value instanceof Instant instant) {
                        Timestamps.requireRepresentable(instant, f.name(), i);
                    }
                    ArrowColumns.set(v, i, f.type(), value);
                }
            }
            root.setRowCount(rows.size());
            return root;
        } catch (RuntimeException e) {
            if (root != null) {
                root.close();
            } else {
                vectors.forEach(FieldVector::close);
            }
            throw e;
        }
    }

    private static Field inferred(String name, Object value, int row) {
        ValueType type;
        if (value instanceof Boolean) {
            type = ValueType.BOOL;
        } else if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            type = ValueType.INT32;
        } else if (value instanceof Long) {
            type = ValueType.INT64;
        } else if (value instanceof Float) {
            type = ValueType.FLOAT32;
        } else if (value instanceof Double) {
            type = ValueType.FLOAT64;
        } else if (value instanceof String) {
            type = ValueType.STRING;
        } else if (value instanceof byte[]) {
            type = ValueType.BYTES;
        } else if (value instanceof Instant || value instanceof OffsetDateTime || value instanceof ZonedDateTime) {
            type = ValueType.TIMESTAMP;
        } else if (value instanceof float[]) {
            type = ValueType.FLOAT32_LIST;
        } else if (value instanceof double[]) {
            type = ValueType.FLOAT64_LIST;
        } else if (value instanceof long[]) {
            type = ValueType.INT64_LIST;
        } else if (value instanceof List<?> || value instanceof String[]) {
            type = ValueType.STRING_LIST;
        } else if (value instanceof Temporal) {
            throw new InvalidArgumentException(name, "row " + row + ": timestamp " + value
                    + " has no zone; pass an Instant or an OffsetDateTime");
        } else {
            throw new InvalidArgumentException(name, "row " + row + ": cannot carry a "
                    + value.getClass().getSimpleName() + " into the training set");
        }
        Field f = Field.of(name, type);
        return type.isFloatingPoint() ? f.allowingNonFinite() : f;
    }

    /**
     * Copies a caller's Arrow entity table into {@code allocator}, checking that it carries the
     * plan's join keys, the timestamp and request fields with the right types.
     *
     * @throws InvalidArgumentException for a missing or mistyped column, a null key or timestamp
     */
    public static VectorSchemaRoot copyOf(VectorSchemaRoot input, RetrievalPlan plan, BufferAllocator allocator) {
        if (input == null) {
            throw new InvalidArgumentException("entityRows", "is null");
        }
        JoinColumns.timestamps(input);
        for (Field f : plan.requestFields()) {
            FieldVector v = input.getVector(f.name());
            if (v != null && ArrowColumns.valueType(v.getField()) != f.type()) {
                throw new InvalidArgumentException(f.name(), "request field must be " + f.type().jsonName());
            }
        }
        for (String output : plan.outputNames()) {
            if (input.getVector(output) != null) {
                throw new InvalidArgumentException(output, "an entity row column has the name of a requested feature");
            }
        }
        int n = input.getRowCount();
        List<FieldVector> copies = new ArrayList<>();
        try {
            for (FieldVector source : input.getFieldVectors()) {
                FieldVector copy = source.getField().createVector(allocator);
                copies.add(copy);
                copy.setInitialCapacity(Math.max(1, n));
                copy.allocateNew();
                for (int i = 0; i < n; i++) {
                    copy.copyFromSafe(i, i, source);
                }
                copy.setValueCount(n);
            }
        } catch (RuntimeException e) {
            copies.forEach(FieldVector::close);
            throw e;
        }
        VectorSchemaRoot root = new VectorSchemaRoot(copies);
        root.setRowCount(n);
        return root;
    }
}
