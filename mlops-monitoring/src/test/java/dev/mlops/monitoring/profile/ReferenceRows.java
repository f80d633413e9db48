package dev.mlops.monitoring.profile;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlops.core.Field;
import dev.mlops.core.Json;
import dev.mlops.core.Schema;
import dev.mlops.core.ValueType;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The rows and NumPy's expectations written by reference/profile/generate_profile_reference.py. */
final class ReferenceRows {

    static final Schema SCHEMA = Schema.of(Field.of("x", ValueType.FLOAT64), Field.of("n", ValueType.INT64),
            Field.of("c", ValueType.STRING), Field.of("b", ValueType.BOOL), Field.of("t", ValueType.TIMESTAMP));

    private ReferenceRows() {}

    static JsonNode expected() {
        try (InputStream in = resource("profile_expected.json")) {
            return Json.newMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Map<String, Object>> rows() {
        List<Map<String, Object>> out = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(resource("profile_data.csv"),
                StandardCharsets.UTF_8))) {
            r.readLine();
            String line;
            while ((line = r.readLine()) != null) {
                String[] c = line.split(",", -1);
                Map<String, Object> row = new HashMap<>();
                if (!c[0].isEmpty()) {
                    row.put("x", Double.parseDouble(c[0]));
                }
                if (!c[1].isEmpty()) {
                    row.put("n", Long.parseLong(c[1]));
                }
                if (!c[2].isEmpty()) {
                    row.put("c", c[2]);
                }
                if (!c[3].isEmpty()) {
                    row.put("b", Boolean.parseBoolean(c[3]));
                }
                row.put("t", Instant.parse(c[4]));
                out.add(row);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** The same rows as a columnar batch of rows [from, to). */
    static ColumnBatch batch(List<Map<String, Object>> rows, int from, int to) {
        int n = to - from;
        double[] x = new double[n];
        boolean[] xNull = new boolean[n];
        long[] nv = new long[n];
        boolean[] nNull = new boolean[n];
        String[] c = new String[n];
        boolean[] b = new boolean[n];
        boolean[] bNull = new boolean[n];
        Instant[] t = new Instant[n];
        for (int i = 0; i < n; i++) {
            Map<String, Object> row = rows.get(from + i);
            xNull[i] = !row.containsKey("x");
            x[i] = xNull[i] ? 0 : (Double) row.get("x");
            nNull[i] = !row.containsKey("n");
            nv[i] = nNull[i] ? 0 : (Long) row.get("n");
            c[i] = (String) row.get("c");
            bNull[i] = !row.containsKey("b");
            b[i] = !bNull[i] && (Boolean) row.get("b");
            t[i] = (Instant) row.get("t");
        }
        return ColumnBatch.builder(n).doubles("x", x, xNull).longs("n", nv, nNull).strings("c", c)
                .booleans("b", b, bNull).timestamps("t", t).build();
    }

    private static InputStream resource(String name) {
        InputStream in = ReferenceRows.class.getResourceAsStream("/reference/profile/" + name);
        if (in == null) {
            throw new IllegalStateException("missing test resource " + name);
        }
        return in;
    }
}
