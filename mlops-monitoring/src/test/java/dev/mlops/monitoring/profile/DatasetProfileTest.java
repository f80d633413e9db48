package dev.mlops.monitoring.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlops.core.Field;
import dev.mlops.core.InvalidArgumentException;
import dev.mlops.core.Json;
import dev.mlops.core.Schema;
import dev.mlops.core.ValueType;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class DatasetProfileTest {

    private static List<Map<String, Object>> rows;
    private static JsonNode expected;
    private static DatasetProfile profile;

    @BeforeAll
    static void load() {
        rows = ReferenceRows.rows();
        expected = ReferenceRows.expected();
        profile = Profiler.profile(ReferenceRows.SCHEMA, rows);
    }

    private static void assertNumeric(ColumnProfile c, JsonNode e) {
        assertThat(c.finiteCount()).isEqualTo(e.get("finite").asLong());
        assertThat(c.min().getAsDouble()).isEqualTo(e.get("min").asDouble());
        assertThat(c.max().getAsDouble()).isEqualTo(e.get("max").asDouble());
        double mean = e.get("mean").asDouble();
        assertThat(c.mean().getAsDouble()).isCloseTo(mean, within(Math.abs(mean) * 1e-14 + 1e-12));
        double var = e.get("variance").asDouble();
        assertThat(c.variance().getAsDouble()).isCloseTo(var, within(var * 1e-9));
        DistinctCount d = c.distinct().orElseThrow();
        double distinct = e.get("distinct").asDouble();
        assertThat(distinct).isBetween(d.lowerBound(), d.upperBound());
        assertThat(Math.abs(d.estimate() - distinct) / distinct).isLessThan(0.05);
    }

    @Nested
    @DisplayName("matches NumPy on the reference rows")
    class Reference {

        @Test
        @DisplayName("float column: counts of nulls, NaN and infinities, min, max, mean, variance")
        void floatColumn() {
            ColumnProfile x = profile.column("x").orElseThrow();
            JsonNode e = expected.get("x");
            assertThat(profile.rowCount()).isEqualTo(expected.get("rows").asLong());
            assertThat(x.count()).isEqualTo(20_000);
            assertThat(x.nullCount()).isEqualTo(e.get("nulls").asLong());
            assertThat(x.nanCount()).isEqualTo(e.get("nan").asLong());
            assertThat(x.positiveInfinityCount()).isEqualTo(e.get("posInf").asLong());
            assertThat(x.negativeInfinityCount()).isEqualTo(e.get("negInf").asLong());
            assertNumeric(x, e);
        }

        @Test
        @DisplayName("integer and timestamp columns")
        void integerAndTimestamp() {
            ColumnProfile n = profile.column("n").orElseThrow();
            assertThat(n.nullCount()).isEqualTo(expected.get("n").get("nulls").asLong());
            assertNumeric(n, expected.get("n"));
            ColumnProfile t = profile.column("t").orElseThrow();
            assertNumeric(t, expected.get("t"));
            assertThat(t.minTimestamp().orElseThrow().toString()).isEqualTo("2024-01-01T00:01:01.958133Z");
        }

        @Test
        @DisplayName("categorical column: exact frequent items, nulls, distinct count")
        void categorical() {
            ColumnProfile c = profile.column("c").orElseThrow();
            JsonNode e = expected.get("c");
            assertThat(c.nullCount()).isEqualTo(e.get("nulls").asLong());
            assertThat(c.frequentItemsExact()).isTrue();
            Map<String, Long> counts = new HashMap<>();
            c.frequentItems().forEach(i -> counts.put(i.value(), i.estimate()));
            Map<String, Long> want = new HashMap<>();
            e.get("counts").properties().forEach(en -> want.put(en.getKey(), en.getValue().asLong()));
            assertThat(counts).isEqualTo(want);
            assertThat(c.frequentItems().get(0).value()).isEqualTo("alpha");
            assertThat(c.distinct().orElseThrow().estimate()).isCloseTo(8.0, within(1e-6));
        }

        @Test
        @DisplayName("boolean column: exact true and false counts")
        void bool() {
            ColumnProfile b = profile.column("b").orElseThrow();
            assertThat(b.trueCount()).isEqualTo(expected.get("b").get("true").asLong());
            assertThat(b.falseCount()).isEqualTo(expected.get("b").get("false").asLong());
            assertThat(b.nullCount()).isEqualTo(expected.get("b").get("nulls").asLong());
            assertThat(b.frequentItems()).extracting(FrequentItem::value).containsExactly("false", "true");
        }

        @Test
        @DisplayName("quantiles are within the sketch's rank error of the true ranks")
        void quantiles() {
            double[] finite = rows.stream().filter(r -> r.containsKey("x")).mapToDouble(r -> (Double) r.get("x"))
                    .filter(Double::isFinite).sorted().toArray();
            ColumnProfile x = profile.column("x").orElseThrow();
            double eps = x.quantileRankError().getAsDouble();
            for (double r = 0.01; r < 1; r += 0.01) {
                double q = x.quantile(r).getAsDouble();
                int idx = upperIndex(finite, q);
                double trueRank = idx / (double) finite.length;
                assertThat(Math.abs(trueRank - r)).as("rank %s", r).isLessThanOrEqualTo(eps);
            }
            double median = x.quantile(0.5).getAsDouble();
            double[] cdf = x.cdf(median, x.quantile(0.9).getAsDouble()).orElseThrow();
            assertThat(cdf).hasSize(3);
            assertThat(Math.abs(cdf[0] - upperIndex(finite, median) / (double) finite.length)).isLessThanOrEqualTo(eps);
            assertThat(cdf[2]).isEqualTo(1.0);
            assertThat(x.rank(median).getAsDouble()).isEqualTo(cdf[0]);
            assertThatThrownBy(() -> x.cdf(2.0, 1.0)).isInstanceOf(InvalidArgumentException.class)
                    .hasMessageContaining("splitPoints");
            assertThat(x.quantile(0).getAsDouble()).isEqualTo(finite[0]);
            assertThat(x.quantile(1).getAsDouble()).isEqualTo(finite[finite.length - 1]);
        }
    }

    static int upperIndex(double[] sorted, double v) {
        int idx = Arrays.binarySearch(sorted, v);
        if (idx < 0) {
            return -idx - 1;
        }
        while (idx < sorted.length && sorted[idx] == v) {
            idx++;
        }
        return idx;
    }

    @Nested
    @DisplayName("merging")
    class Merging {

        @Test
        @DisplayName("the merge of two parts has the whole's exact fields and NumPy's mean and variance")
        void mergeMatchesWhole() {
            DatasetProfile a = Profiler.profile(ReferenceRows.SCHEMA, rows.subList(0, 7000));
            DatasetProfile b = Profiler.profile(ReferenceRows.SCHEMA, rows.subList(7000, rows.size()));
            assertNumeric(a.column("x").orElseThrow(), expected.get("x_first_7000"));
            assertNumeric(b.column("x").orElseThrow(), expected.get("x_rest"));
            DatasetProfile merged = a.merge(b);
            assertThat(merged.rowCount()).isEqualTo(profile.rowCount());
            for (ColumnProfile whole : profile.columns()) {
                ColumnProfile m = merged.column(whole.name()).orElseThrow();
                assertThat(m.counts()).isEqualTo(whole.counts());
                assertThat(m.min()).isEqualTo(whole.min());
                assertThat(m.max()).isEqualTo(whole.max());
                assertThat(m.frequentItems()).isEqualTo(whole.frequentItems());
            }
            assertNumeric(merged.column("x").orElseThrow(), expected.get("x"));
            assertNumeric(merged.column("n").orElseThrow(), expected.get("n"));
        }

        @Test
        @DisplayName("merging with an empty profile changes nothing")
        void emptyIsIdentity() {
            DatasetProfile empty = DatasetProfile.empty(ReferenceRows.SCHEMA, ProfileConfig.DEFAULTS);
            assertThat(profile.merge(empty).toBytes()).isEqualTo(profile.toBytes());
            assertThat(empty.merge(profile).toBytes()).isEqualTo(profile.toBytes());
        }

        @Test
        @DisplayName("many small parts merged keep quantiles and distinct counts within their bounds")
        void manyParts() {
            SplittableRandom r = new SplittableRandom(3);
            Schema s = Schema.of(Field.of("v", ValueType.FLOAT64));
            DatasetProfile merged = DatasetProfile.empty(s, ProfileConfig.DEFAULTS);
            double[] all = new double[200_000];
            for (int part = 0; part < 40; part++) {
                double[] v = new double[5000];
                for (int i = 0; i < v.length; i++) {
                    v[i] = r.nextDouble() * 100;
                    all[part * 5000 + i] = v[i];
                }
                merged = merged.merge(Profiler.profile(s, ColumnBatch.builder(v.length).doubles("v", v).build()));
            }
            Arrays.sort(all);
            ColumnProfile c = merged.column("v").orElseThrow();
            assertThat(c.finiteCount()).isEqualTo(200_000);
            double eps = c.quantileRankError().getAsDouble();
            for (double q = 0.05; q < 1; q += 0.05) {
                double est = c.quantile(q).getAsDouble();
                assertThat(Math.abs(upperIndex(all, est) / 200_000.0 - q)).isLessThanOrEqualTo(eps);
            }
            DistinctCount d = c.distinct().orElseThrow();
            long exact = Arrays.stream(all).distinct().count();
            assertThat((double) exact).isBetween(d.lowerBound(), d.upperBound());
        }

        @Test
        @DisplayName("profiles of different schemas, types or settings do not merge")
        void mismatches() {
            Schema other = Schema.of(Field.of("x", ValueType.STRING), Field.of("n", ValueType.INT64),
                    Field.of("c", ValueType.STRING), Field.of("b", ValueType.BOOL), Field.of("t", ValueType.TIMESTAMP));
            assertThatThrownBy(() -> profile.merge(DatasetProfile.empty(other, ProfileConfig.DEFAULTS)))
                    .isInstanceOf(InvalidArgumentException.class)
                    .hasMessageContaining("x: column is float64 in one profile and string in the other");
            Schema fewer = Schema.of(Field.of("x", ValueType.FLOAT64));
            assertThatThrownBy(() -> profile.merge(DatasetProfile.empty(fewer, ProfileConfig.DEFAULTS)))
                    .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("n: column is missing");
            assertThatThrownBy(() -> profile.merge(
                    DatasetProfile.empty(ReferenceRows.SCHEMA, ProfileConfig.DEFAULTS.withKllK(100))))
                    .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("different sketch settings");
            ColumnProfile x = profile.column("x").orElseThrow();
            ColumnProfile n = profile.column("n").orElseThrow();
            assertThatThrownBy(() -> x.merge(n)).isInstanceOf(InvalidArgumentException.class)
                    .hasMessageContaining("cannot merge with the profile of column 'n'");
        }
    }

    @Nested
    @DisplayName("determinism")
    class Determinism {

        @Test
        @DisplayName("the same rows in the same order give the same bytes, by rows or by batches of any size")
        void sameBytes() {
            byte[] again = Profiler.profile(ReferenceRows.SCHEMA, rows).toBytes();
            assertThat(again).isEqualTo(profile.toBytes());
            Profiler batched = Profiler.builder(ReferenceRows.SCHEMA).build();
            int[] cuts = {0, 1, 700, 5000, 5001, 13_333, rows.size()};
            for (int i = 0; i + 1 < cuts.length; i++) {
                batched.add(ReferenceRows.batch(rows, cuts[i], cuts[i + 1]));
            }
            assertThat(batched.snapshot().toBytes()).isEqualTo(profile.toBytes());
        }

        @Test
        @DisplayName("merging the same profiles in the same order gives the same bytes")
        void mergeSameBytes() {
            DatasetProfile a = Profiler.profile(ReferenceRows.SCHEMA, rows.subList(0, 9000));
            DatasetProfile b = Profiler.profile(ReferenceRows.SCHEMA, rows.subList(9000, rows.size()));
            byte[] first = a.merge(b).toBytes();
            byte[] second = DatasetProfile.fromBytes(a.toBytes()).merge(DatasetProfile.fromBytes(b.toBytes())).toBytes();
            assertThat(second).isEqualTo(first);
        }

        @Test
        @DisplayName("snapshots do not disturb the accumulation")
        void snapshotsAreReadOnly() {
            Profiler p = Profiler.builder(ReferenceRows.SCHEMA).build();
            for (int i = 0; i < rows.size(); i++) {
                p.add(rows.get(i));
                if (i % 3001 == 0) {
                    p.snapshot();
                }
            }
            assertThat(p.snapshot().toBytes()).isEqualTo(profile.toBytes());
        }
    }

    @Nested
    @DisplayName("bytes and JSON")
    class Serialization {

        @Test
        @DisplayName("bytes round-trip to an equal profile")
        void roundTrip() {
            byte[] bytes = profile.toBytes();
            DatasetProfile back = DatasetProfile.fromBytes(bytes);
            assertThat(back).isEqualTo(profile);
            assertThat(back.toBytes()).isEqualTo(bytes);
            assertThat(back.column("x").orElseThrow().quantile(0.5)).isEqualTo(
                    profile.column("x").orElseThrow().quantile(0.5));
            DatasetProfile empty = DatasetProfile.empty(ReferenceRows.SCHEMA, ProfileConfig.DEFAULTS);
            assertThat(DatasetProfile.fromBytes(empty.toBytes())).isEqualTo(empty);
        }

        @Test
        @DisplayName("every truncation and every single flipped bit is rejected with InvalidArgumentException")
        void corruption() {
            Schema s = Schema.of(Field.of("v", ValueType.FLOAT64), Field.of("c", ValueType.STRING));
            List<Map<String, Object>> small = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                small.add(Map.of("v", i * 1.5, "c", "k" + (i % 5)));
            }
            byte[] bytes = Profiler.profile(s, small).toBytes();
            for (int len = 0; len < bytes.length; len++) {
                byte[] cut = Arrays.copyOf(bytes, len);
                assertThatThrownBy(() -> DatasetProfile.fromBytes(cut)).isInstanceOf(InvalidArgumentException.class);
            }
            for (int i = 0; i < bytes.length; i++) {
                for (int bit = 0; bit < 8; bit += 3) {
                    byte[] bad = bytes.clone();
                    bad[i] ^= (byte) (1 << bit);
                    assertThatThrownBy(() -> DatasetProfile.fromBytes(bad))
                            .isInstanceOf(InvalidArgumentException.class);
                }
            }
            byte[] longer = Arrays.copyOf(bytes, bytes.length + 1);
            assertThatThrownBy(() -> DatasetProfile.fromBytes(longer)).isInstanceOf(InvalidArgumentException.class);
            assertThatThrownBy(() -> DatasetProfile.fromBytes(null)).isInstanceOf(InvalidArgumentException.class);
        }

        @Test
        @DisplayName("a well-checksummed but inconsistent profile is rejected too")
        void inconsistentButChecksummed() {
            Schema s = Schema.of(Field.of("v", ValueType.FLOAT64));
            byte[] bytes = Profiler.profile(s, ColumnBatch.builder(3).doubles("v", new double[] {1, 2, 3}).build())
                    .toBytes();
            // raise the null count (the column's second counter) above the row count, then fix the checksum
            ByteBuffer in = ByteBuffer.wrap(bytes);
            int schemaLength = in.getInt(4 + 2 + 4 + 2);
            int countsAt = 4 + 2 + 4 + 2 + 4 + schemaLength + 8 + 4;
            in.putLong(countsAt + 8, 5);
            CRC32C crc = new CRC32C();
            crc.update(bytes, 0, bytes.length - 4);
            in.putInt(bytes.length - 4, (int) crc.getValue());
            assertThatThrownBy(() -> DatasetProfile.fromBytes(bytes)).isInstanceOf(InvalidArgumentException.class)
                    .hasMessageContaining("v: more nulls than rows");
        }

        @Test
        @DisplayName("the JSON summary carries the statistics")
        void json() throws Exception {
            JsonNode j = Json.newMapper().readTree(profile.toJson());
            assertThat(j.get("rowCount").asLong()).isEqualTo(20_000);
            JsonNode x = j.get("columns").get(0);
            assertThat(x.get("name").asText()).isEqualTo("x");
            assertThat(x.get("nanCount").asLong()).isEqualTo(expected.get("x").get("nan").asLong());
            assertThat(x.get("mean").asDouble()).isEqualTo(profile.column("x").orElseThrow().mean().getAsDouble());
            assertThat(x.get("quantiles").get("0.5").isNumber()).isTrue();
            JsonNode c = j.get("columns").get(2);
            assertThat(c.get("frequentItems").get(0).get("value").asText()).isEqualTo("alpha");
            JsonNode empty = Json.newMapper().readTree(
                    DatasetProfile.empty(ReferenceRows.SCHEMA, ProfileConfig.DEFAULTS).toJson());
            assertThat(empty.get("columns").get(0).get("mean").isNull()).isTrue();
        }
    }
}
