package dev.mlops.monitoring.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mlops.core.InvalidArgumentException;
import dev.mlops.core.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** JSON round trip and field names; the HTML page is self-contained and escapes data. */
class DriftReportOutputTest {

    private static final ObjectMapper MAPPER = Json.newMapper();

    static final String EVIL_COLUMN = "<script>alert('col')</script>";
    static final String EVIL_CATEGORY = "\"><img src=x onerror=alert(1)>&amp;";

    /** A report with every status, both distribution types, an infinite statistic and hostile names. */
    static DriftReport mixedReport() {
        Random rnd = new Random(7);
        int n = 400;
        int m = 300;
        double[] a = new double[n];
        double[] b = new double[m];
        for (int i = 0; i < n; i++) {
            a[i] = rnd.nextGaussian();
        }
        for (int i = 0; i < m; i++) {
            b[i] = 0.5 + rnd.nextGaussian();
        }
        String[] ca = new String[n];
        String[] cb = new String[m];
        for (int i = 0; i < n; i++) {
            ca[i] = i % 3 == 0 ? "x" : "y";
        }
        for (int i = 0; i < m; i++) {
            cb[i] = i % 10 == 0 ? EVIL_CATEGORY : i % 3 == 0 ? "x" : "y";
        }
        Double[] nullsRef = new Double[n];
        Double[] someCur = new Double[m];
        for (int i = 0; i < m; i++) {
            someCur[i] = i % 2 == 0 ? null : (double) (i % 4);
        }
        double[] nan = new double[m];
        java.util.Arrays.fill(nan, Double.NaN);
        Dataset ref = Dataset.builder()
                .numeric("x", a).numeric(EVIL_COLUMN, a).categorical("channel", ca)
                .numeric("all_null", nullsRef).numeric("sensor", a).numeric("only_ref", a)
                .build();
        Dataset cur = Dataset.builder()
                .numeric("x", b).numeric(EVIL_COLUMN, b).categorical("channel", cb)
                .numeric("all_null", someCur).numeric("sensor", nan).categorical("only_cur", cb)
                .build();
        return DriftDetector.builder().column("x", DriftTest.PSI).build().compare(ref, cur);
    }

    @Nested
    @DisplayName("JSON")
    class JsonOutput {

        @Test
        @DisplayName("a report read back from its JSON equals the original")
        void roundTrip() {
            DriftReport report = mixedReport();
            assertThat(report.column("channel").orElseThrow().result().orElseThrow().statistic())
                    .as("an unseen category makes chi-square infinite").isInfinite();
            DriftReport back = DriftReport.fromJson(report.toJson());
            assertThat(back).isEqualTo(report);
            assertThat(back.toJson()).isEqualTo(report.toJson());
        }

        @Test
        @DisplayName("field names are the documented, stable ones")
        void fieldNames() throws Exception {
            JsonNode root = MAPPER.readTree(mixedReport().toJson());
            assertThat(names(root)).containsExactly("format", "referenceRows", "currentRows", "testedColumns",
                    "driftedColumns", "driftShare", "driftShareThreshold", "datasetDrift", "columns");
            JsonNode x = column(root, "x");
            assertThat(names(x)).containsExactly("column", "kind", "status", "drifted", "reference", "current",
                    "result", "distribution");
            assertThat(names(x.get("reference"))).containsExactly("rows", "nulls", "nan", "infinite", "valid",
                    "distinct", "mean", "std", "min", "max");
            assertThat(names(x.get("result"))).containsExactly("test", "statistic", "threshold", "drifted",
                    "effectSizeName", "effectSize");
            assertThat(names(x.get("distribution"))).containsExactly("type", "edges", "reference", "current");
            JsonNode channel = column(root, "channel");
            assertThat(names(channel.get("result"))).containsExactly("test", "statistic", "pValue", "threshold",
                    "drifted", "effectSizeName", "effectSize");
            assertThat(names(channel.get("reference"))).containsExactly("rows", "nulls", "nan", "infinite", "valid",
                    "distinct");
            assertThat(names(channel.get("distribution"))).containsExactly("type", "labels", "reference", "current",
                    "otherCategories", "otherReference", "otherCurrent", "unseenCategories", "unseenCurrent");
            assertThat(names(column(root, "only_ref"))).containsExactly("column", "kind", "status", "drifted",
                    "reference");
            assertThat(column(root, "only_cur").get("status").asText()).isEqualTo("missing_in_reference");
            assertThat(column(root, "all_null").get("status").asText()).isEqualTo("no_values_in_reference");
            assertThat(column(root, "sensor").get("status").asText()).isEqualTo("no_values_in_current");
            assertThat(channel.get("result").get("statistic").isDouble()).isTrue();
            assertThat(mixedReport().toJson()).contains("\"statistic\":Infinity");
        }

        @Test
        @DisplayName("malformed, foreign and inconsistent JSON is rejected with InvalidArgumentException")
        void rejectsBadJson() throws Exception {
            assertThatThrownBy(() -> DriftReport.fromJson("{")).isInstanceOf(InvalidArgumentException.class);
            assertThatThrownBy(() -> DriftReport.fromJson(null)).isInstanceOf(InvalidArgumentException.class);
            assertThatThrownBy(() -> DriftReport.fromJson("[]")).isInstanceOf(InvalidArgumentException.class);
            ObjectNode root = (ObjectNode) MAPPER.readTree(mixedReport().toJson());
            root.put("format", 99);
            assertThatThrownBy(() -> DriftReport.fromJson(MAPPER.writeValueAsString(root)))
                    .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("format 99");
            root.put("format", 1);
            ObjectNode result = (ObjectNode) column(root, "channel").get("result");
            result.put("drifted", false); // p = 0 at threshold 0.05 says otherwise
            assertThatThrownBy(() -> DriftReport.fromJson(MAPPER.writeValueAsString(root)))
                    .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("drifted");
            result.put("drifted", true);
            result.put("test", "t_test");
            assertThatThrownBy(() -> DriftReport.fromJson(MAPPER.writeValueAsString(root)))
                    .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("t_test");
            result.put("test", "chi_square");
            ((ObjectNode) column(root, "channel")).remove("reference");
            assertThatThrownBy(() -> DriftReport.fromJson(MAPPER.writeValueAsString(root)))
                    .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("reference");
        }

        private static JsonNode column(JsonNode root, String name) {
            for (JsonNode c : root.get("columns")) {
                if (c.get("column").asText().equals(name)) {
                    return c;
                }
            }
            throw new AssertionError("no column " + name);
        }

        private static List<String> names(JsonNode node) {
            List<String> out = new ArrayList<>();
            node.fieldNames().forEachRemaining(out::add);
            return out;
        }
    }

    @Nested
    @DisplayName("HTML")
    class HtmlOutput {

        @Test
        @DisplayName("column names and categories are escaped; an injected <script> stays text")
        void escapesData() {
            String html = mixedReport().toHtml("Drift <b>report</b>");
            assertThat(html).doesNotContainIgnoringCase("<script").doesNotContain("<img").doesNotContain("<b>report");
            assertThat(html).contains("&lt;script&gt;alert(&#39;col&#39;)&lt;/script&gt;");
            assertThat(html).contains("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;&amp;amp;");
            assertThat(html).contains("<title>Drift &lt;b&gt;report&lt;/b&gt;</title>");
        }

        @Test
        @DisplayName("the page is self-contained: no script, no external resource, a CSP that forbids loading")
        void selfContained() {
            String html = mixedReport().toHtml();
            assertThat(html).startsWith("<!DOCTYPE html>");
            assertThat(html).doesNotContainIgnoringCase("<script").doesNotContainIgnoringCase("<link")
                    .doesNotContainIgnoringCase("@import").doesNotContainIgnoringCase("url(")
                    .doesNotContainIgnoringCase("<iframe").doesNotContainIgnoringCase("<img")
                    .doesNotContain("http://").doesNotContain("https://");
            assertThat(Pattern.compile("(?i)<[^>]*\\son[a-z]+\\s*=").matcher(html).find())
                    .as("no event handler attribute").isFalse();
            Matcher src = Pattern.compile("(?i)\\s(src|href)\\s*=\\s*\"([^\"]*)\"").matcher(html);
            while (src.find()) {
                assertThat(src.group(2)).as("only in-page links").startsWith("#");
            }
            assertThat(html).contains("Content-Security-Policy\" content=\"default-src 'none';");
        }

        @Test
        @DisplayName("every tested column gets a chart; the summary states the verdict and share")
        void content() {
            DriftReport report = mixedReport();
            String html = report.toHtml();
            assertThat(count(html, "<svg class=\"chart\"")).isEqualTo(report.testedColumns());
            assertThat(count(html, "<rect")).isGreaterThan(20);
            assertThat(html).contains(report.datasetDrift() ? "Dataset drift detected" : "No dataset drift");
            assertThat(html).contains("Only in the reference data").contains("Only in the current data")
                    .contains("No usable reference value").contains("No usable current value");
            assertThat(html).contains("Cram&eacute;r&rsquo;s V").contains("W/&sigma;");
        }

        private static int count(String s, String part) {
            int n = 0;
            for (int i = s.indexOf(part); i >= 0; i = s.indexOf(part, i + 1)) {
                n++;
            }
            return n;
        }
    }
}
