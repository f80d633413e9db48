package dev.mlops.monitoring.drift;

import static dev.mlops.monitoring.drift.Reference.REL;
import static dev.mlops.monitoring.drift.Reference.assertClose;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Whole drift reports against {@code reference/report/report_reference.json}, which the committed
 * {@code generate_report_reference.py} computes with NumPy/SciPy from the documented rules: the
 * default test per column, reference quantile bins, smoothing, effect sizes, chart bins and
 * categories, missing and non-finite values, and the dataset verdict.
 */
class DriftReportReferenceTest {

    private static JsonNode root;

    static synchronized JsonNode root() {
        if (root == null) {
            root = Reference.load("/reference/report/report_reference.json");
        }
        return root;
    }

    static Stream<Arguments> cases() {
        return Reference.named(root().get("cases"));
    }

    /** A dataset from the JSON columns: numeric values may be null, NaN or ±Infinity. */
    static Dataset dataset(JsonNode columns) {
        Dataset.Builder b = Dataset.builder();
        for (Map.Entry<String, JsonNode> e : columns.properties()) {
            JsonNode values = e.getValue().get("values");
            if (e.getValue().get("kind").asText().equals("numeric")) {
                Double[] v = new Double[values.size()];
                for (int i = 0; i < v.length; i++) {
                    v[i] = values.get(i).isNull() ? null : values.get(i).asDouble();
                }
                b.numeric(e.getKey(), v);
            } else {
                String[] v = new String[values.size()];
                for (int i = 0; i < v.length; i++) {
                    v[i] = values.get(i).isNull() ? null : values.get(i).asText();
                }
                b.categorical(e.getKey(), v);
            }
        }
        return b.build();
    }

    static DriftDetector detector(JsonNode settings) {
        DriftDetector.Builder b = DriftDetector.builder();
        if (settings.has("bins")) {
            b.bins(settings.get("bins").asInt());
        }
        if (settings.has("histogramBins")) {
            b.histogramBins(settings.get("histogramBins").asInt());
        }
        if (settings.has("chartCategories")) {
            b.chartCategories(settings.get("chartCategories").asInt());
        }
        if (settings.has("driftShare")) {
            b.driftShare(settings.get("driftShare").asDouble());
        }
        if (settings.has("thresholds")) {
            for (Map.Entry<String, JsonNode> e : settings.get("thresholds").properties()) {
                b.threshold(DriftTest.fromJsonName(e.getKey()), e.getValue().asDouble());
            }
        }
        if (settings.has("columns")) {
            for (Map.Entry<String, JsonNode> e : settings.get("columns").properties()) {
                DriftTest test = DriftTest.fromJsonName(e.getValue().get(0).asText());
                if (e.getValue().size() > 1) {
                    b.column(e.getKey(), test, e.getValue().get(1).asDouble());
                } else {
                    b.column(e.getKey(), test);
                }
            }
        }
        return b.build();
    }

    static DriftReport run(JsonNode c) {
        return detector(c.get("settings")).compare(dataset(c.get("reference")), dataset(c.get("current")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    @DisplayName("the dataset verdict matches the reference")
    void datasetLevel(JsonNode c) {
        DriftReport report = run(c);
        JsonNode e = c.get("expected");
        assertThat(report.testedColumns()).isEqualTo(e.get("testedColumns").asInt());
        assertThat(report.driftedColumns()).isEqualTo(e.get("driftedColumns").asInt());
        assertThat(report.driftShare()).isEqualTo(e.get("driftShare").asDouble());
        assertThat(report.datasetDrift()).isEqualTo(e.get("datasetDrift").asBoolean());
        List<String> names = new ArrayList<>();
        e.get("columns").forEach(col -> names.add(col.get("column").asText()));
        assertThat(report.columns()).extracting(ColumnDrift::column).containsExactlyElementsOf(names);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    @DisplayName("every column's status, test, statistic, p-value, threshold, verdict and effect size match")
    void columnResults(JsonNode c) {
        DriftReport report = run(c);
        for (JsonNode e : c.get("expected").get("columns")) {
            String name = e.get("column").asText();
            ColumnDrift col = report.column(name).orElseThrow();
            assertThat(col.status().jsonName()).as(name).isEqualTo(e.get("status").asText());
            assertThat(col.kind().jsonName()).as(name).isEqualTo(e.get("kind").asText());
            if (!e.has("result")) {
                assertThat(col.result()).as(name).isEmpty();
                continue;
            }
            JsonNode er = e.get("result");
            ColumnTestResult r = col.result().orElseThrow();
            assertThat(r.test().jsonName()).as(name + " test").isEqualTo(er.get("test").asText());
            assertClose(name + " statistic", r.statistic(), er.get("statistic").asDouble(), REL, 1e-15);
            if (er.has("pValue")) {
                assertThat(r.pValue()).as(name + " p-value").isPresent();
                assertClose(name + " p-value", r.pValue().getAsDouble(), er.get("pValue").asDouble(), REL, 1e-15);
            } else {
                assertThat(r.pValue()).as(name + " p-value").isEmpty();
            }
            assertThat(r.threshold()).as(name + " threshold").isEqualTo(er.get("threshold").asDouble());
            assertThat(r.drifted()).as(name + " drifted").isEqualTo(er.get("drifted").asBoolean());
            assertThat(r.effectSizeName()).as(name).isEqualTo(er.get("effectSizeName").asText());
            assertClose(name + " effect size", r.effectSize(), er.get("effectSize").asDouble(), REL, 1e-15);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    @DisplayName("per-side counts and moments match NumPy")
    void sideStats(JsonNode c) {
        DriftReport report = run(c);
        for (JsonNode e : c.get("expected").get("columns")) {
            ColumnDrift col = report.column(e.get("column").asText()).orElseThrow();
            checkStats(col.column() + " reference", col.reference().orElse(null), e.get("reference"));
            checkStats(col.column() + " current", col.current().orElse(null), e.get("current"));
        }
    }

    private static void checkStats(String what, ColumnStats s, JsonNode e) {
        if (e == null) {
            assertThat(s).as(what).isNull();
            return;
        }
        assertThat(s).as(what).isNotNull();
        assertThat(new long[] {s.rows(), s.nulls(), s.nan(), s.infinite(), s.distinct()}).as(what)
                .containsExactly(e.get("rows").asLong(), e.get("nulls").asLong(), e.get("nan").asLong(),
                        e.get("infinite").asLong(), e.get("distinct").asLong());
        checkOptional(what + " mean", s.mean(), e.get("mean"), 1e-12);
        checkOptional(what + " std", s.std(), e.get("std"), 1e-12);
        checkOptional(what + " min", s.min(), e.get("min"), 0);
        checkOptional(what + " max", s.max(), e.get("max"), 0);
    }

    private static void checkOptional(String what, OptionalDouble actual, JsonNode expected, double rel) {
        if (expected == null) {
            assertThat(actual).as(what).isEmpty();
        } else {
            assertThat(actual).as(what).isPresent();
            assertClose(what, actual.getAsDouble(), expected.asDouble(), rel, 1e-15);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    @DisplayName("chart distributions match numpy.histogram and the documented category selection")
    void distributions(JsonNode c) {
        DriftReport report = run(c);
        for (JsonNode e : c.get("expected").get("columns")) {
            ColumnDrift col = report.column(e.get("column").asText()).orElseThrow();
            if (!e.has("distribution")) {
                assertThat(col.distribution()).isEmpty();
                continue;
            }
            JsonNode ed = e.get("distribution");
            Distribution d = col.distribution().orElseThrow();
            assertThat(d.reference()).as(col.column()).containsExactlyElementsOf(longs(ed.get("reference")));
            assertThat(d.current()).as(col.column()).containsExactlyElementsOf(longs(ed.get("current")));
            if (ed.get("type").asText().equals("histogram")) {
                assertThat(d).isInstanceOf(Distribution.Histogram.class);
                List<Double> edges = ((Distribution.Histogram) d).edges();
                JsonNode ee = ed.get("edges");
                assertThat(edges).hasSize(ee.size());
                for (int i = 0; i < ee.size(); i++) {
                    assertThat(edges.get(i)).as(col.column() + " edge " + i).isEqualTo(ee.get(i).asDouble());
                }
            } else {
                assertThat(d).isInstanceOf(Distribution.Categories.class);
                Distribution.Categories cat = (Distribution.Categories) d;
                List<String> labels = new ArrayList<>();
                ed.get("labels").forEach(l -> labels.add(l.asText()));
                assertThat(cat.labels()).as(col.column()).containsExactlyElementsOf(labels);
                assertThat(new long[] {cat.otherCategories(), cat.otherReference(), cat.otherCurrent(),
                        cat.unseenCategories(), cat.unseenCurrent()}).as(col.column())
                        .containsExactly(ed.get("otherCategories").asLong(), ed.get("otherReference").asLong(),
                                ed.get("otherCurrent").asLong(), ed.get("unseenCategories").asLong(),
                                ed.get("unseenCurrent").asLong());
            }
        }
    }

    private static List<Long> longs(JsonNode array) {
        List<Long> out = new ArrayList<>();
        array.forEach(v -> out.add(v.asLong()));
        return out;
    }
}
