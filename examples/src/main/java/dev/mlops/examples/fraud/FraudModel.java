package dev.mlops.examples.fraud;

import dev.mlops.core.Field;
import dev.mlops.core.Schema;
import dev.mlops.core.ValueType;
import dev.mlops.registry.model.ModelLoader;
import dev.mlops.registry.model.ModelSignature;
import dev.mlops.registry.model.ModelVersion;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.tribuo.Example;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.evaluation.LabelEvaluator;
import org.tribuo.classification.sgd.linear.LogisticRegressionTrainer;
import org.tribuo.impl.ArrayExample;
import org.tribuo.protos.core.ModelProto;
import org.tribuo.provenance.SimpleDataSourceProvenance;

/**
 * The fraud model of the example: a Tribuo logistic regression over one transaction's request fields
 * and its customer's features, stored in Tribuo's protobuf format ({@link Model#serialize()}, never
 * Java serialization).
 *
 * <p>Rows are maps with the columns of {@link #SIGNATURE}'s inputs (the training set's columns and the
 * served feature vector alike); {@code is_fraud} is the label when training. Immutable once built;
 * {@link #score} is thread-safe (Tribuo's linear models predict without shared state).
 */
public final class FraudModel {

    /** The media type the registry stores the model bytes under. */
    public static final String MEDIA_TYPE = "application/x-tribuo-model+protobuf";

    /** What the model reads and writes; the {@link #loader()} refuses versions with another one. */
    public static final ModelSignature SIGNATURE = new ModelSignature(
            Schema.of(Field.required("amount", ValueType.FLOAT64), Field.required("merchant", ValueType.STRING),
                    Field.required("hour", ValueType.INT64), Field.of("avg_amount", ValueType.FLOAT64),
                    Field.of("txn_count_7d", ValueType.INT64), Field.of("ratio", ValueType.FLOAT64)),
            Schema.of(Field.required("fraud_probability", ValueType.FLOAT64)));

    static final Label FRAUD = new Label("fraud");
    static final Label LEGIT = new Label("legit");
    private static final LabelFactory FACTORY = new LabelFactory();
    /** Tribuo logs every 1000 SGD steps through java.util.logging; held strongly so the level stays. */
    private static final java.util.logging.Logger TRIBUO_LOG = java.util.logging.Logger.getLogger("org.tribuo");

    static {
        TRIBUO_LOG.setLevel(java.util.logging.Level.WARNING);
    }

    private final Model<Label> model;

    private FraudModel(Model<Label> model) {
        this.model = model;
    }

    /**
     * Trains a logistic regression (Tribuo's defaults: AdaGrad, 5 epochs, fixed seed).
     *
     * @param rows labelled rows ({@code is_fraud} a Boolean)
     * @param weights per row example weights (recent rows count more after drift), or null for 1
     */
    public static FraudModel train(List<Map<String, Object>> rows, double[] weights) {
        MutableDataset<Label> data = new MutableDataset<>(
                new SimpleDataSourceProvenance("fraud-training-set", FACTORY), FACTORY);
        for (int i = 0; i < rows.size(); i++) {
            Map<String, Object> row = rows.get(i);
            Label label = Boolean.TRUE.equals(row.get("is_fraud")) ? FRAUD : LEGIT;
            data.add(example(label, row, weights == null ? 1f : (float) weights[i]));
        }
        return new FraudModel(new LogisticRegressionTrainer().train(data));
    }

    /** The model from its protobuf bytes. */
    @SuppressWarnings("unchecked")
    public static FraudModel fromBytes(byte[] bytes) throws java.io.IOException {
        Model<?> m = Model.deserialize(ModelProto.parseFrom(bytes));
        if (!m.validate(Label.class)) {
            throw new java.io.IOException("not a classification model: " + m.getClass().getName());
        }
        return new FraudModel((Model<Label>) m);
    }

    /** The model as Tribuo protobuf bytes. */
    public byte[] toBytes() {
        return model.serialize().toByteArray();
    }

    /** The probability that the row is fraud. */
    public double score(Map<String, ?> row) {
        Prediction<Label> p = model.predict(example(LabelFactory.UNKNOWN_LABEL, row, 1f));
        Label fraud = p.getOutputScores().get(FRAUD.getLabel());
        return fraud == null ? 0.0 : fraud.getScore();
    }

    /** ROC AUC of this model on labelled rows (Tribuo's evaluator); NaN when only one class is present. */
    public double auc(List<Map<String, Object>> rows) {
        MutableDataset<Label> data = new MutableDataset<>(
                new SimpleDataSourceProvenance("fraud-evaluation-set", FACTORY), FACTORY);
        long positives = 0;
        for (Map<String, Object> row : rows) {
            boolean fraud = Boolean.TRUE.equals(row.get("is_fraud"));
            positives += fraud ? 1 : 0;
            data.add(example(fraud ? FRAUD : LEGIT, row, 1f));
        }
        if (positives == 0 || positives == rows.size()) {
            return Double.NaN;
        }
        return new LabelEvaluator().evaluate(model, data).AUCROC(FRAUD);
    }

    /** A {@link ModelLoader} for the registry's {@code LiveModel}: verified bytes in, model out. */
    public static ModelLoader<FraudModel> loader() {
        return new ModelLoader<>() {
            @Override
            public FraudModel load(ModelVersion version, InputStream bytes) throws Exception {
                return fromBytes(bytes.readAllBytes());
            }

            @Override
            public Optional<ModelSignature> expectedSignature() {
                return Optional.of(SIGNATURE);
            }
        };
    }

    /** The model's inputs as Tribuo features: scaled numbers and a one-hot merchant category. */
    static Example<Label> example(Label label, Map<String, ?> row, float weight) {
        double amount = ((Number) row.get("amount")).doubleValue();
        Object avg = row.get("avg_amount");
        Object count = row.get("txn_count_7d");
        Object ratio = row.get("ratio");
        long hour = ((Number) row.get("hour")).longValue();
        List<String> names = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        add(names, values, "log_amount", Math.log1p(amount));
        add(names, values, "log_avg_amount", avg == null ? 0.0 : Math.log1p(((Number) avg).doubleValue()));
        add(names, values, "has_history", avg == null ? 0.0 : 1.0);
        add(names, values, "txn_count_7d", count == null ? 0.0 : ((Number) count).doubleValue() / 10.0);
        add(names, values, "log_ratio", ratio == null ? 0.0 : Math.log(Math.max(1e-3, ((Number) ratio).doubleValue())));
        add(names, values, "night", hour < 6 ? 1.0 : 0.0);
        add(names, values, "merchant=" + row.get("merchant"), 1.0);
        double[] v = values.stream().mapToDouble(Double::doubleValue).toArray();
        ArrayExample<Label> e = new ArrayExample<>(label, names.toArray(String[]::new), v);
        e.setWeight(weight);
        return e;
    }

    private static void add(List<String> names, List<Double> values, String name, double value) {
        names.add(name);
        values.add(value);
    }
}
