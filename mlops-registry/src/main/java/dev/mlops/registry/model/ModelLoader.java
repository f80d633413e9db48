package dev.mlops.registry.model;

import java.io.InputStream;
import java.util.Optional;

/**
 * Turns a model version's verified bytes into a usable model object: the SPI a host implements for
 * its model format (ONNX, XGBoost, Tribuo, its own).
 *
 * <p>The bytes handed to {@link #load} were read by digest from the artifact store and their SHA-256
 * checked against the version before the loader sees them; nothing in this library deserializes Java
 * objects from them, and a loader should not either. Implementations must be thread-safe if one
 * loader serves several {@link LiveModel}s.
 *
 * @param <M> the model type
 */
public interface ModelLoader<M> {

    /**
     * Builds the model.
     *
     * @param version the version being loaded
     * @param bytes its verified bytes; the stream is closed by the caller
     * @throws Exception when the bytes are not a loadable model; the live model keeps serving the
     *     previous version and reports the failure
     */
    M load(ModelVersion version, InputStream bytes) throws Exception;

    /**
     * The signature the host's code was written against. When present, a version whose signature is
     * not equal to it is refused before its bytes are read. Empty by default: any signature loads.
     */
    default Optional<ModelSignature> expectedSignature() {
        return Optional.empty();
    }

    /**
     * Releases a model that was swapped out or is dropped on close. Called once per loaded model, after
     * it stopped being served by {@link LiveModel#get()}; callers that still hold it from before the
     * swap may be using it, so release must tolerate that (or do nothing). Does nothing by default.
     */
    default void unload(M model) {}
}
