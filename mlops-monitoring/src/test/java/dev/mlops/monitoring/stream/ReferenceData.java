package dev.mlops.monitoring.stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mlops.core.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Reads the reference files under {@code src/test/resources/reference/stream/}: the streams written
 * by {@code generate_streams.py}, river's documented detections ({@code river_docs.json}) and the
 * oracle's expected detections ({@code oracle_expected.json}).
 */
final class ReferenceData {

    private static final String DIR = "/reference/stream/";
    private static final ObjectMapper MAPPER = Json.newMapper();

    private ReferenceData() {}

    static double[] stream(String name) {
        String text = new String(read(name), StandardCharsets.UTF_8);
        return text.lines().filter(l -> !l.isBlank()).mapToDouble(Double::parseDouble).toArray();
    }

    static JsonNode json(String name) {
        try {
            return MAPPER.readTree(read(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Integer> ints(JsonNode array) {
        List<Integer> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asInt()));
        return out;
    }

    /** A detector of the oracle's {@code kind} with the oracle's (snake_case) parameters. */
    static StreamingDetector detector(String kind, JsonNode params) {
        Map<String, JsonNode> p = new java.util.HashMap<>();
        params.properties().forEach(e -> p.put(e.getKey(), e.getValue()));
        StreamingDetector detector = switch (kind) {
            case "adwin" -> {
                Adwin.Builder b = Adwin.builder();
                take(p, "delta", v -> b.delta(v.asDouble()));
                take(p, "clock", v -> b.clock(v.asInt()));
                take(p, "max_buckets", v -> b.maxBuckets(v.asInt()));
                take(p, "min_window_length", v -> b.minWindowLength(v.asInt()));
                take(p, "grace_period", v -> b.gracePeriod(v.asInt()));
                yield b.build();
            }
            case "ddm" -> {
                Ddm.Builder b = Ddm.builder();
                take(p, "warm_start", v -> b.warmStart(v.asInt()));
                take(p, "warning_threshold", v -> b.warningThreshold(v.asDouble()));
                take(p, "drift_threshold", v -> b.driftThreshold(v.asDouble()));
                yield b.build();
            }
            case "eddm" -> {
                Eddm.Builder b = Eddm.builder();
                take(p, "warm_start", v -> b.warmStart(v.asInt()));
                take(p, "alpha", v -> b.alpha(v.asDouble()));
                take(p, "beta", v -> b.beta(v.asDouble()));
                yield b.build();
            }
            case "hddm_a" -> {
                HddmA.Builder b = HddmA.builder();
                take(p, "drift_confidence", v -> b.driftConfidence(v.asDouble()));
                take(p, "warning_confidence", v -> b.warningConfidence(v.asDouble()));
                take(p, "two_sided", v -> b.twoSided(v.asBoolean()));
                yield b.build();
            }
            case "hddm_w" -> {
                HddmW.Builder b = HddmW.builder();
                take(p, "drift_confidence", v -> b.driftConfidence(v.asDouble()));
                take(p, "warning_confidence", v -> b.warningConfidence(v.asDouble()));
                take(p, "lambda_", v -> b.lambda(v.asDouble()));
                take(p, "two_sided", v -> b.twoSided(v.asBoolean()));
                yield b.build();
            }
            case "page_hinkley" -> {
                PageHinkley.Builder b = PageHinkley.builder();
                take(p, "min_instances", v -> b.minInstances(v.asInt()));
                take(p, "delta", v -> b.delta(v.asDouble()));
                take(p, "threshold", v -> b.threshold(v.asDouble()));
                take(p, "alpha", v -> b.alpha(v.asDouble()));
                take(p, "mode", v -> b.mode(PageHinkley.Mode.valueOf(v.asText().toUpperCase(Locale.ROOT))));
                yield b.build();
            }
            case "kswin" -> {
                Kswin.Builder b = Kswin.builder();
                take(p, "alpha", v -> b.alpha(v.asDouble()));
                take(p, "window_size", v -> b.windowSize(v.asInt()));
                take(p, "stat_size", v -> b.statSize(v.asInt()));
                take(p, "seed", v -> b.seed(v.asLong()));
                yield b.build();
            }
            default -> throw new IllegalArgumentException("unknown detector kind " + kind);
        };
        if (!p.isEmpty()) {
            throw new IllegalArgumentException("parameters not mapped for " + kind + ": " + p.keySet());
        }
        return detector;
    }

    /** Applies and removes parameter {@code key} when present. */
    private static void take(Map<String, JsonNode> params, String key, Consumer<JsonNode> setter) {
        JsonNode value = params.remove(key);
        if (value != null) {
            setter.accept(value);
        }
    }

    /** Feeds the stream and returns the indices of each state, as {@code [warnings, drifts]}. */
    static List<List<Integer>> run(StreamingDetector detector, double[] stream) {
        List<Integer> warnings = new ArrayList<>();
        List<Integer> drifts = new ArrayList<>();
        for (int i = 0; i < stream.length; i++) {
            DetectorState state = detector.update(stream[i]);
            if (state == DetectorState.WARNING) {
                warnings.add(i);
            } else if (state == DetectorState.DRIFT) {
                drifts.add(i);
            }
        }
        return List.of(warnings, drifts);
    }

    private static byte[] read(String name) {
        try (InputStream in = ReferenceData.class.getResourceAsStream(DIR + name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + DIR + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
