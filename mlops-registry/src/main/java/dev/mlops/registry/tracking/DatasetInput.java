package dev.mlops.registry.tracking;

import dev.mlops.core.Names;
import dev.mlops.core.Schema;
import dev.mlops.registry.internal.Checks;
import java.util.Optional;

/**
 * A dataset a run consumed, as MLflow's dataset inputs: what it is called, its content digest, where
 * it came from, its schema, and in what role the run used it ({@code training}, {@code evaluation}).
 *
 * <p>The source is recorded as text for provenance only; nothing ever opens it, so a source such as
 * {@code file:///etc/passwd} is inert. A run logs a given {@code (name, digest, context)} once; logging
 * it again is a no-op. Immutable.
 *
 * @param name a valid {@linkplain Names name}
 * @param digest the dataset's content digest (for example a hex sha-256), 1 to 250 printable characters
 * @param source where the data came from (a table, a URI), at most 5000 printable characters; may be empty
 * @param schema the dataset's schema, when known
 * @param context the role of the dataset in the run, a valid name, when given
 */
public record DatasetInput(String name, String digest, String source, Optional<Schema> schema,
        Optional<String> context) {

    public DatasetInput {
        Names.require("dataset name", name);
        Checks.label("dataset digest", digest, 250);
        Checks.text("dataset source", source, TrackingLimits.MAX_TAG_VALUE_LENGTH);
        if (!source.isEmpty()) {
            Checks.label("dataset source", source, TrackingLimits.MAX_TAG_VALUE_LENGTH);
        }
        Checks.notNull("dataset schema", schema);
        Checks.notNull("dataset context", context);
        context.ifPresent(c -> Names.require("dataset context", c));
    }

    /** A dataset input without schema or context. */
    public static DatasetInput of(String name, String digest, String source) {
        return new DatasetInput(name, digest, source, Optional.empty(), Optional.empty());
    }

    /** This input with the given schema. */
    public DatasetInput withSchema(Schema s) {
        return new DatasetInput(name, digest, source, Optional.of(s), context);
    }

    /** This input in the given role, such as {@code training}. */
    public DatasetInput withContext(String c) {
        return new DatasetInput(name, digest, source, schema, Optional.of(c));
    }
}
