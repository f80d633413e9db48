package dev.mlops.featurestore.internal;

import dev.mlops.core.Field;
import dev.mlops.core.InvalidArgumentException;
import dev.mlops.core.ValueType;
import dev.mlops.featurestore.EntityKey;
import dev.mlops.featurestore.FeatureRow;
import dev.mlops.featurestore.FeatureView;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.TimeStampNanoTZVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.ListVector;

/**
 * Validation of feature rows that arrive as an Arrow batch, by the same rules as
 * {@link FeatureView#validateRows}: join keys and event time present, columns of the view's types,
 * no unknown column, no null where the view forbids it, no NaN or infinity where the view forbids
 * it. Not API.
 */
public final class ArrowBatches {

    private ArrowBatches() {}

    /**
     * Checks a batch against a view.
     *
     * @throws InvalidArgumentException naming the row and the field of the first problem
     */
    public static void validate(FeatureView view, VectorSchemaRoot batch) {
        if (batch == null) {
            throw new InvalidArgumentException("batch", "is null");
        }
        int n = batch.getRowCount();
        for (FieldVector v : batch.getFieldVectors()) {
            String name = v.getName();
            if (!view.schema().field(name).isPresent()) {
                throw new InvalidArgumentException(name, "unknown column; view '" + view.name() + "' has "
                        + view.schema().names());
            }
        }
        for (Field f : view.schema().fields()) {
            FieldVector v = batch.getVector(f.name());
            if (v == null) {
                if (!f.nullable()) {
                    throw new InvalidArgumentException(f.name(), view.joinKeyNames().contains(f.name())
                            ? "join key column is missing" : "column is missing and the view does not allow null");
                }
                continue;
            }
            ValueType type = ArrowColumns.valueType(v.getField());
            if (type != f.type()) {
                throw new InvalidArgumentException(f.name(), "column is " + type.jsonName() + ", the view expects "
                        + f.type().jsonName());
            }
            if (v instanceof TimeStampNanoTZVector ts && !ArrowColumns.UTC.equals(ts.getTimeZone())) {
                throw new InvalidArgumentException(f.name(), "timestamps must be in UTC, not " + ts.getTimeZone());
            }
            for (int i = 0; i < n; i++) {
                if (v.isNull(i)) {
                    if (!f.nullable()) {
                        throw new InvalidArgumentException(f.name(), "row " + i + ": "
                                + (view.joinKeyNames().contains(f.name()) ? "join key is missing"
                                        : "null is not allowed"));
                    }
                } else if (!f.allowNonFinite() && f.type().isFloatingPoint() && nonFinite(v, i)) {
                    throw new InvalidArgumentException(f.name(), "row " + i + ": NaN or infinite value is not allowed");
                }
            }
        }
    }

    private static boolean nonFinite(FieldVector v, int i) {
        if (v instanceof Float8Vector d) {
            return !Double.isFinite(d.get(i));
        }
        if (v instanceof Float4Vector f) {
            return !Float.isFinite(f.get(i));
        }
        ListVector list = (ListVector) v;
        FieldVector data = list.getDataVector();
        for (int j = list.getElementStartIndex(i); j < list.getElementEndIndex(i); j++) {
            if (nonFinite(data, j)) {
                return true;
            }
        }
        return false;
    }

    /** The rows of a validated batch; rows without a creation time get {@code defaultCreated}. */
    public static List<FeatureRow> toRows(FeatureView view, VectorSchemaRoot batch, Instant defaultCreated) {
        int n = batch.getRowCount();
        List<Field> keys = view.joinKeys();
        FieldVector[] keyVectors = new FieldVector[keys.size()];
        for (int k = 0; k < keyVectors.length; k++) {
            keyVectors[k] = batch.getVector(keys.get(k).name());
        }
        FieldVector event = batch.getVector(FeatureView.EVENT_TIMESTAMP);
        FieldVector created = batch.getVector(FeatureView.CREATED_TIMESTAMP);
        List<Field> features = view.features();
        FieldVector[] featureVectors = new FieldVector[features.size()];
        for (int f = 0; f < featureVectors.length; f++) {
            featureVectors[f] = batch.getVector(features.get(f).name());
        }
        List<FeatureRow> rows = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Object[] values = new Object[features.size()];
            for (int f = 0; f < values.length; f++) {
                values[f] = featureVectors[f] == null ? null : ArrowColumns.get(featureVectors[f], i,
                        features.get(f).type());
            }
            Instant createdAt = created == null || created.isNull(i) ? defaultCreated
                    : (Instant) ArrowColumns.get(created, i, ValueType.TIMESTAMP);
            EntityKey key = JoinColumns.key(keyVectors, i);
            rows.add(FeatureRow.of(key, (Instant) ArrowColumns.get(event, i, ValueType.TIMESTAMP), createdAt, values));
        }
        return rows;
    }
}
