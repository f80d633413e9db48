package dev.mlops.monitoring.performance;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.mlops.core.InvalidArgumentException;
import dev.mlops.core.Json;
import dev.mlops.core.StorageException;
import dev.mlops.core.jdbc.Database;
import dev.mlops.core.jdbc.Dialect;
import dev.mlops.core.jdbc.SchemaMigrations;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * {@link PredictionLog#jdbc(Database)}: two tables, written in JDBC batches (one transaction per
 * call), read with one join ordered by the {@code (model, predicted_at)} index. Duplicate predictions
 * are skipped and labels upserted in SQL ({@code ON CONFLICT} on PostgreSQL and SQLite, {@code MERGE}
 * on H2), so a call is idempotent. Features and class probabilities are JSON text; times are
 * nanoseconds since the epoch. Thread-safe (the database's pool serves concurrent calls).
 */
final class JdbcPredictionLog implements PredictionLog {

    /** The monitoring module's migrations. */
    static final SchemaMigrations MIGRATIONS = new SchemaMigrations("monitoring", "dev/mlops/monitoring/db/migration");

    private static final int FETCH_SIZE = 1000;
    private static final TypeReference<LinkedHashMap<String, Object>> FEATURES = new TypeReference<>() {};
    private static final TypeReference<LinkedHashMap<String, Double>> PROBABILITIES = new TypeReference<>() {};

    private static final String PREDICTION_COLUMNS = "model, prediction_id, version, predicted_at, segment, output_kind,"
            + " output_value, output_positive, output_class, output_probabilities, features";
    private static final String LABEL_COLUMNS = "prediction_id, label_kind, label_value, label_class, labelled_at";

    private final Database db;
    private final ObjectMapper mapper = Json.newMapper();
    private final ObjectReader featureReader = mapper.readerFor(FEATURES).with(DeserializationFeature.USE_LONG_FOR_INTS);
    private final ObjectReader probabilityReader = mapper.readerFor(PROBABILITIES);
    private final String insertPrediction;
    private final String upsertLabel;

    JdbcPredictionLog(Database db) {
        if (db == null) {
            throw new InvalidArgumentException("db", "is null");
        }
        this.db = db;
        db.migrate(MIGRATIONS);
        Dialect dialect = db.dialect();
        if (dialect == Dialect.H2) {
            // Standard MERGE: insert when absent, keep the first prediction; keep the latest label.
            insertPrediction = "MERGE INTO mlops_prediction t USING (VALUES (" + params(11) + ")) AS s("
                    + PREDICTION_COLUMNS + ") ON t.model = s.model AND t.prediction_id = s.prediction_id"
                    + " WHEN NOT MATCHED THEN INSERT (" + PREDICTION_COLUMNS + ") VALUES ("
                    + prefixed("s.", PREDICTION_COLUMNS) + ")";
            upsertLabel = "MERGE INTO mlops_prediction_label t USING (VALUES (" + params(5) + ")) AS s("
                    + LABEL_COLUMNS + ") ON t.prediction_id = s.prediction_id"
                    + " WHEN MATCHED AND s.labelled_at >= t.labelled_at THEN UPDATE SET label_kind = s.label_kind,"
                    + " label_value = s.label_value, label_class = s.label_class, labelled_at = s.labelled_at"
                    + " WHEN NOT MATCHED THEN INSERT (" + LABEL_COLUMNS + ") VALUES (" + prefixed("s.", LABEL_COLUMNS)
                    + ")";
        } else {
            insertPrediction = "INSERT INTO mlops_prediction (" + PREDICTION_COLUMNS + ") VALUES (" + params(11)
                    + ") ON CONFLICT (model, prediction_id) DO NOTHING";
            upsertLabel = "INSERT INTO mlops_prediction_label (" + LABEL_COLUMNS + ") VALUES (" + params(5)
                    + ") ON CONFLICT (prediction_id) DO UPDATE SET label_kind = excluded.label_kind,"
                    + " label_value = excluded.label_value, label_class = excluded.label_class,"
                    + " labelled_at = excluded.labelled_at WHERE excluded.labelled_at >= mlops_prediction_label.labelled_at";
        }
    }

    private static String params(int n) {
        return String.join(", ", Collections.nCopies(n, "?"));
    }

    private static String prefixed(String prefix, String columns) {
        StringBuilder b = new StringBuilder();
        for (String c : columns.split(",")) {
            if (b.length() > 0) {
                b.append(", ");
            }
            b.append(prefix).append(c.trim());
        }
        return b.toString();
    }

    @Override
    public void append(List<Prediction> predictions) {
        if (predictions.isEmpty()) {
            return;
        }
        // Serialise before opening the transaction: a retry then does no JSON work again.
        String[][] json = new String[predictions.size()][];
        for (int i = 0; i < json.length; i++) {
            Prediction p = predictions.get(i);
            String probabilities = p.output() instanceof PredictionOutput.Multiclass m && !m.probabilities().isEmpty()
                    ? write(m.probabilities()) : null;
            json[i] = new String[] {write(p.features()), probabilities};
        }
        db.inTransaction(connection -> {
            try (PreparedStatement ps = connection.prepareStatement(insertPrediction)) {
                for (int i = 0; i < json.length; i++) {
                    bindPrediction(ps, predictions.get(i), json[i][0], json[i][1]);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return null;
        });
    }

    private static void bindPrediction(PreparedStatement ps, Prediction p, String features, String probabilities)
            throws SQLException {
        ps.setString(1, p.model());
        ps.setString(2, p.id());
        ps.setString(3, p.version());
        ps.setLong(4, EpochNanos.of(p.time()));
        ps.setString(5, p.segment().orElse(null));
        PredictionOutput out = p.output();
        ps.setString(6, out.task().name());
        if (out instanceof PredictionOutput.Binary b) {
            ps.setDouble(7, b.probability());
            ps.setBoolean(8, b.predictedPositive());
            ps.setNull(9, Types.VARCHAR);
        } else if (out instanceof PredictionOutput.Multiclass m) {
            ps.setNull(7, Types.DOUBLE);
            ps.setNull(8, Types.BOOLEAN);
            ps.setString(9, m.predictedClass());
        } else {
            ps.setDouble(7, ((PredictionOutput.Regression) out).value());
            ps.setNull(8, Types.BOOLEAN);
            ps.setNull(9, Types.VARCHAR);
        }
        ps.setString(10, probabilities);
        ps.setString(11, features);
    }

    @Override
    public void appendLabels(List<GroundTruth> labels) {
        if (labels.isEmpty()) {
            return;
        }
        db.inTransaction(connection -> {
            try (PreparedStatement ps = connection.prepareStatement(upsertLabel)) {
                for (GroundTruth g : labels) {
                    ps.setString(1, g.predictionId());
                    ps.setString(2, g.label().task().name());
                    Label label = g.label();
                    if (label instanceof Label.Binary b) {
                        ps.setDouble(3, b.positive() ? 1.0 : 0.0);
                        ps.setNull(4, Types.VARCHAR);
                    } else if (label instanceof Label.Categorical c) {
                        ps.setNull(3, Types.DOUBLE);
                        ps.setString(4, c.trueClass());
                    } else {
                        ps.setDouble(3, ((Label.Numeric) label).value());
                        ps.setNull(4, Types.VARCHAR);
                    }
                    ps.setLong(5, EpochNanos.of(g.time()));
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return null;
        });
    }

    @Override
    public void scan(PredictionRange range, Consumer<? super LabelledPrediction> consumer) {
        String sql = "SELECT p.prediction_id, p.version, p.predicted_at, p.segment, p.output_kind, p.output_value,"
                + " p.output_positive, p.output_class, p.output_probabilities, p.features,"
                + " l.label_kind, l.label_value, l.label_class, l.labelled_at"
                + " FROM mlops_prediction p LEFT JOIN mlops_prediction_label l ON l.prediction_id = p.prediction_id"
                + " WHERE p.model = ? AND p.predicted_at >= ? AND p.predicted_at < ?"
                + (range.version().isPresent() ? " AND p.version = ?" : "")
                + " ORDER BY p.predicted_at, p.prediction_id";
        db.withConnection(connection -> {
            // A cursor (PostgreSQL streams rows only inside a transaction), read-only, rolled back after.
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try (PreparedStatement ps = connection.prepareStatement(sql)) {
                ps.setFetchSize(FETCH_SIZE);
                ps.setString(1, range.model());
                ps.setLong(2, EpochNanos.clamped(range.from()));
                ps.setLong(3, EpochNanos.clamped(range.to()));
                if (range.version().isPresent()) {
                    ps.setString(4, range.version().get());
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        consumer.accept(row(range.model(), rs));
                    }
                }
            } finally {
                connection.rollback();
                connection.setAutoCommit(autoCommit);
            }
            return null;
        });
    }

    private LabelledPrediction row(String model, ResultSet rs) throws SQLException {
        String id = rs.getString(1);
        PredictionOutput output = switch (ModelTask.valueOf(rs.getString(5))) {
            case BINARY -> PredictionOutput.binary(rs.getDouble(6), rs.getBoolean(7));
            case MULTICLASS -> {
                String json = rs.getString(9);
                Map<String, Double> probabilities = json == null ? Map.of() : read(probabilityReader, json);
                yield PredictionOutput.predictedClass(rs.getString(8), probabilities);
            }
            case REGRESSION -> PredictionOutput.value(rs.getDouble(6));
        };
        Map<String, Object> features = read(featureReader, rs.getString(10));
        Prediction p = Prediction.trusted(id, model, rs.getString(2), EpochNanos.toInstant(rs.getLong(3)), features, output,
                rs.getString(4));
        String labelKind = rs.getString(11);
        if (labelKind == null) {
            return new LabelledPrediction(p, Optional.empty());
        }
        Label label = switch (ModelTask.valueOf(labelKind)) {
            case BINARY -> Label.of(rs.getDouble(12) != 0.0);
            case MULTICLASS -> Label.of(rs.getString(13));
            case REGRESSION -> Label.of(rs.getDouble(12));
        };
        return new LabelledPrediction(p, Optional.of(new GroundTruth(id, label, EpochNanos.toInstant(rs.getLong(14)))));
    }

    private String write(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new StorageException("could not write prediction JSON: " + e.getMessage(), e);
        }
    }

    private static <T> T read(ObjectReader reader, String json) {
        try {
            return reader.readValue(json);
        } catch (JsonProcessingException e) {
            throw new StorageException("stored prediction JSON is unreadable: " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "JdbcPredictionLog[" + db + "]";
    }
}
