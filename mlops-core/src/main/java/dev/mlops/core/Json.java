package dev.mlops.core;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamWriteConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The one place where this library configures Jackson.
 *
 * <p>Every module gets its {@link ObjectMapper} from {@link #newMapper()}, so all JSON the library
 * reads or writes follows the same rules: {@code java.time} values as ISO-8601 strings, no default
 * typing (so JSON can never name a class to instantiate), trailing tokens rejected, and read limits
 * on document size, nesting depth, string length and number length, so that a hostile document
 * cannot exhaust memory. NaN and infinities are written and read as the non-standard tokens
 * {@code NaN}, {@code Infinity} and {@code -Infinity} because metric values store them faithfully.
 */
public final class Json {

    /** The largest JSON document read, in characters. */
    public static final long MAX_DOCUMENT_LENGTH = 64L * 1024 * 1024;
    /** The deepest nesting of arrays and objects read. */
    public static final int MAX_NESTING_DEPTH = 100;
    /** The longest string value read, in characters. */
    public static final int MAX_STRING_LENGTH = 16 * 1024 * 1024;
    /** The longest number read, in characters. */
    public static final int MAX_NUMBER_LENGTH = 400;

    private Json() {}

    /**
     * A new mapper with the library's settings. Mappers are thread-safe once configured; create one
     * per component and reuse it, never per call.
     */
    public static ObjectMapper newMapper() {
        JsonMapper mapper = JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
                .disable(JsonWriteFeature.WRITE_NAN_AS_STRINGS)
                .build();
        mapper.deactivateDefaultTyping();
        mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxDocumentLength(MAX_DOCUMENT_LENGTH)
                .maxNestingDepth(MAX_NESTING_DEPTH)
                .maxStringLength(MAX_STRING_LENGTH)
                .maxNumberLength(MAX_NUMBER_LENGTH)
                .build());
        mapper.getFactory().setStreamWriteConstraints(StreamWriteConstraints.builder()
                .maxNestingDepth(MAX_NESTING_DEPTH)
                .build());
        return mapper;
    }
}
