package dev.mlops.testkit.featurestore;

import dev.mlops.core.Field;
import dev.mlops.core.ValueType;
import dev.mlops.featurestore.Entity;
import dev.mlops.featurestore.FeatureView;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Views and rows shared by the feature-store suites. */
final class FeatureViews {

    private FeatureViews() {}

    /** A view keyed by (customer_id int64, region string) with one feature of every value type. */
    static FeatureView allTypes() {
        return FeatureView.builder("all_types")
                .entity(Entity.of("customer", "customer_id", ValueType.INT64))
                .entity(Entity.of("region", "region", ValueType.STRING))
                .feature("f_bool", ValueType.BOOL)
                .feature("f_int32", ValueType.INT32)
                .feature("f_int64", ValueType.INT64)
                .feature("f_float32", ValueType.FLOAT32)
                .feature(Field.of("f_float64", ValueType.FLOAT64).allowingNonFinite())
                .feature("f_string", ValueType.STRING)
                .feature("f_bytes", ValueType.BYTES)
                .feature("f_timestamp", ValueType.TIMESTAMP)
                .feature("f_float32_list", ValueType.FLOAT32_LIST)
                .feature("f_float64_list", ValueType.FLOAT64_LIST)
                .feature("f_int64_list", ValueType.INT64_LIST)
                .feature("f_string_list", ValueType.STRING_LIST)
                .build();
    }

    /** A row of {@link #allTypes()} with awkward values: extremes, NaN, unicode, empty lists. */
    static Map<String, Object> allTypesRow(long customer, Instant event) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("customer_id", customer);
        m.put("region", "eu");
        m.put("event_timestamp", event);
        m.put("created_timestamp", event.plusNanos(123_456_789));
        m.put("f_bool", true);
        m.put("f_int32", Integer.MIN_VALUE);
        m.put("f_int64", Long.MAX_VALUE);
        m.put("f_float32", -0.5f);
        m.put("f_float64", Double.NaN);
        m.put("f_string", "naïve 日本 \uD83D\uDE00 ' \" ;--");
        m.put("f_bytes", "\u0000\u00ffbytes".getBytes(StandardCharsets.ISO_8859_1));
        m.put("f_timestamp", Instant.parse("1970-01-01T00:00:00.000000001Z"));
        m.put("f_float32_list", new float[] {1.5f, -2f, 0f});
        m.put("f_float64_list", new double[] {});
        m.put("f_int64_list", new long[] {Long.MIN_VALUE, 0, 7});
        m.put("f_string_list", List.of("a", "", "ü"));
        return m;
    }
}
