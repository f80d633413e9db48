package dev.mlops.monitoring.retrain;

import dev.mlops.core.InvalidArgumentException;
import dev.mlops.registry.model.ModelSignature;
import java.util.Map;

/**
 * A freshly trained model and how it did.
 *
 * @param model the serialized model, stored by digest in the registry's artifact store (a portable
 *     format such as protobuf or ONNX; never Java serialization)
 * @param mediaType the media type of {@code model}
 * @param signature the model's inputs and outputs
 * @param metrics the candidate's metrics on the evaluation data
 * @param championMetrics the champion's metrics on the same evaluation data; empty when there is no
 *     champion or the trainer did not evaluate it (the gate then uses the metrics logged on the
 *     champion's own training run)
 */
public record Candidate(byte[] model, String mediaType, ModelSignature signature, Map<String, Double> metrics,
        Map<String, Double> championMetrics) {

    public Candidate {
        if (model == null || model.length == 0) {
            throw new InvalidArgumentException("model", "is empty");
        }
        if (signature == null) {
            throw new InvalidArgumentException("signature", "is null");
        }
        model = model.clone();
        metrics = Map.copyOf(metrics);
        championMetrics = Map.copyOf(championMetrics);
    }

    /** The model bytes (a copy). */
    @Override
    public byte[] model() {
        return model.clone();
    }
}
