package dev.mlops.featurestore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.mlops.core.InvalidArgumentException;
import dev.mlops.core.ValueType;
import dev.mlops.core.jdbc.Database;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowFileWriter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class BatchSourceTest {

    static final Instant T0 = Instant.parse("2024-01-10T00:00:00Z");
    static final Entity CUSTOMER = Entity.of("customer", "customer_id", ValueType.INT64);
    static final FeatureView STATS = FeatureView.builder("customer_stats").entity(CUSTOMER)
            .feature("avg_amount", ValueType.FLOAT64).feature("txn_count", ValueType.INT64)
            .feature("segment", ValueType.STRING).ttl(Duration.ofDays(1)).build();
    static final List<String> FEATURES = List.of("customer_stats:avg_amount", "customer_stats:txn_count",
            "customer_stats:segment");
    static final String HEADER = "customer_id,event_timestamp,avg_amount,txn_count,segment\n";

    final TestClock clock = new TestClock(T0.plus(Duration.ofHours(12)));
    FeatureStore fs;
    @TempDir
    Path dir;

    @BeforeEach
    void open() {
        fs = FeatureStore.builder().registry(FeatureRegistry.inMemory()).onlineStore(OnlineStore.inMemory())
                .offlineStore(OfflineStore.inMemory()).clock(clock).build();
        fs.apply(CUSTOMER, STATS);
    }

    @AfterEach
    void close() {
        fs.close();
    }

    /** Customer {@code c} at hour {@code h}: avg {@code c + h / 10}, count {@code c * 10 + h}, segment "s{c}". */
    static String csvRow(long c, int h) {
        return c + "," + T0.plusSeconds(3600L * h) + "," + (c + h / 10.0) + "," + (c * 10 + h) + ",s" + c + "\n";
    }

    Path csv(String content) throws IOException {
        Path file = dir.resolve("rows.csv");
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }

    /** 30 rows: customers 1..10, hours 1..3; the latest per customer is hour 3. */
    static String goodCsv() {
        StringBuilder b = new StringBuilder(HEADER);
        for (int h = 1; h <= 3; h++) {
            for (long c = 1; c <= 10; c++) {
                b.append(csvRow(c, h));
            }
        }
        return b.toString();
    }

    void assertLatestVisibleOnlineAndHistorically() {
        fs.materialize(T0, T0.plus(Duration.ofDays(1)));
        List<Map<String, Object>> keys = new ArrayList<>();
        List<Map<String, Object>> entityRows = new ArrayList<>();
        for (long c = 1; c <= 10; c++) {
            keys.add(Map.of("customer_id", c));
            entityRows.add(Map.of("customer_id", c, "event_timestamp", T0.plusSeconds(3600L * 2 + 1)));
        }
        OnlineFeatures online = fs.getOnlineFeatures(FEATURES, keys, FeatureNaming.BARE);
        for (int i = 0; i < 10; i++) {
            long c = i + 1;
            assertThat(online.status(i, "avg_amount")).isEqualTo(FeatureStatus.PRESENT);
            assertThat(online.value(i, "avg_amount")).isEqualTo(c + 0.3);
            assertThat(online.value(i, "txn_count")).isEqualTo(c * 10 + 3);
            assertThat(online.value(i, "segment")).isEqualTo("s" + c);
        }
        try (TrainingSet t = fs.getHistoricalFeatures(entityRows, FEATURES, FeatureNaming.BARE)) {
            for (int i = 0; i < 10; i++) {
                long c = i + 1;
                assertThat(t.value(i, "avg_amount")).isEqualTo(c + 0.2); // hour 2 is the latest at 02:00:01
                assertThat(t.value(i, "txn_count")).isEqualTo(c * 10 + 2);
            }
        }
    }

    void assertNothingWritten() {
        fs.materialize(T0, T0.plus(Duration.ofDays(1)));
        List<Map<String, Object>> keys = new ArrayList<>();
        for (long c = 1; c <= 10; c++) {
            keys.add(Map.of("customer_id", c));
        }
        OnlineFeatures online = fs.getOnlineFeatures(FEATURES, keys, FeatureNaming.BARE);
        for (int i = 0; i < 10; i++) {
            assertThat(online.status(i, "avg_amount")).isEqualTo(FeatureStatus.NOT_FOUND);
        }
        assertThat(fs.statistics("customer_stats").rows()).isZero();
    }

    @Test
    void csv_rows_are_visible_online_after_materialize_and_historically() throws IOException {
        IngestResult r = fs.ingest("customer_stats", BatchSource.csv(csv(goodCsv())), PushMode.OFFLINE, 7);
        assertThat(r).isEqualTo(new IngestResult(30, 30));
        assertLatestVisibleOnlineAndHistorically();
    }

    @Test
    void csv_bad_rows_in_a_later_chunk_name_row_and_column_and_write_nothing() throws IOException {
        String[][] cases = {
            // replacement for data row 17, expected field, expected message part
            {"8,2024-01-10T02:00:00Z,abc,82,s8", "avg_amount", "cannot parse 'abc' as float64"},
            {"8,2024-01-10T02:00:00,8.2,82,s8", "event_timestamp", "zone"},
            {",2024-01-10T02:00:00Z,8.2,82,s8", "customer_id", "join key is missing"},
            {"8,2024-01-10T02:00:00Z,NaN,82,s8", "avg_amount", "NaN"},
            {"8,2024-01-10T02:00:00Z,8.2,8.5,s8", "txn_count", "int64"},
            {"8,2024-01-10T02:00:00Z,8.2d,82,s8", "avg_amount", "cannot parse '8.2d' as float64"},
            {"8,2024-01-10T02:00:00Z, 8.2,82,s8", "avg_amount", "cannot parse ' 8.2' as float64"},
        };
        for (String[] c : cases) {
            String[] lines = goodCsv().split("\n", -1);
            lines[1 + 17] = c[0];
            Path file = csv(String.join("\n", lines));
            InvalidArgumentException e = catchThrowableOfType(InvalidArgumentException.class,
                    () -> fs.ingest("customer_stats", BatchSource.csv(file), PushMode.ONLINE_AND_OFFLINE, 5));
            assertThat(e).as(c[0]).isNotNull();
            assertThat(e.field()).as(c[0]).contains(c[1]);
            assertThat(e.getMessage()).as(c[0]).contains("row 17").containsIgnoringCase(c[2]);
            assertNothingWritten();
        }
    }

    @Test
    void csv_quoting_edge_cases() throws IOException {
        Path file = csv("\uFEFFcustomer_id,event_timestamp,segment,avg_amount\r\n"
                + "1,2024-01-10T01:00:00+01:00,\"a, b\",1.5\r\n"
                + "2,2024-01-10T01:00:00Z,\"say \"\"hi\"\"\",\r\n"
                + "3,2024-01-10T01:00:00Z,\"two\nlines\r\nhere\",2\r\n"
                + "4,2024-01-10T01:00:00Z,\"\",3\r\n"
                + "5,2024-01-10T01:00:00Z,,4\r\n");
        assertThat(fs.ingest("customer_stats", BatchSource.csv(file), PushMode.ONLINE)).isEqualTo(new IngestResult(5, 5));
        List<Map<String, Object>> keys = List.of(Map.of("customer_id", 1L), Map.of("customer_id", 2L),
                Map.of("customer_id", 3L), Map.of("customer_id", 4L), Map.of("customer_id", 5L));
        clock.set(T0.plusSeconds(3600));
        OnlineFeatures v = fs.getOnlineFeatures(FEATURES, keys, FeatureNaming.BARE);
        assertThat(v.value(0, "segment")).isEqualTo("a, b");
        assertThat(v.value(1, "segment")).isEqualTo("say \"hi\"");
        assertThat(v.value(1, "avg_amount")).isNull();
        assertThat(v.status(1, "avg_amount")).isEqualTo(FeatureStatus.NULL_VALUE);
        assertThat(v.value(2, "segment")).isEqualTo("two\nlines\r\nhere");
        assertThat(v.value(3, "segment")).isEqualTo("");
        assertThat(v.value(4, "segment")).isNull();
        assertThat(v.value(2, "avg_amount")).isEqualTo(2.0);
        try (TrainingSet t = fs.getHistoricalFeatures(List.of(Map.of("customer_id", 1L,
                "event_timestamp", T0.minusSeconds(1))), FEATURES, FeatureNaming.BARE)) {
            assertThat(t.value(0, "segment")).isEqualTo(null); // ONLINE only: nothing offline
        }
        assertThat(v.status(0, "segment")).isEqualTo(FeatureStatus.PRESENT); // 01:00+01:00 is T0
    }

    @Test
    void malformed_csv_and_unknown_columns_are_rejected() throws IOException {
        Path unterminated = csv(HEADER + "1,2024-01-10T01:00:00Z,1.0,1,\"open\n");
        assertThat(catchThrowableOfType(InvalidArgumentException.class,
                () -> fs.ingest("customer_stats", BatchSource.csv(unterminated), PushMode.OFFLINE)))
                .hasMessageContaining("row 0: unterminated");
        Path stray = csv(HEADER + "1,2024-01-10T01:00:00Z,1.0,1,a\"b\n");
        assertThat(catchThrowableOfType(InvalidArgumentException.class,
                () -> fs.ingest("customer_stats", BatchSource.csv(stray), PushMode.OFFLINE)))
                .hasMessageContaining("row 0: quote inside an unquoted field");
        Path ragged = csv(HEADER + csvRow(1, 1) + "2,2024-01-10T01:00:00Z,1.0\n");
        assertThat(catchThrowableOfType(InvalidArgumentException.class,
                () -> fs.ingest("customer_stats", BatchSource.csv(ragged), PushMode.OFFLINE)))
                .hasMessageContaining("row 1");
        Path unknown = csv("customer_id,event_timestamp,colour,size\n1,2024-01-10T01:00:00Z,red,3\n");
        InvalidArgumentException e = catchThrowableOfType(InvalidArgumentException.class,
                () -> fs.ingest("customer_stats", BatchSource.csv(unknown), PushMode.OFFLINE));
        assertThat(e.field()).contains("colour, size");
        assertThat(e).hasMessageContaining("unknown columns [colour, size]");
        assertNothingWritten();
    }

    // ---------------------------------------------------------------- Arrow IPC

    /** Writes customers 1..10 × hours 1..3 in three record batches, one per hour; {@code badAvg} goes into row 17. */
    Path arrowFile(Double badAvg) throws IOException {
        Path file = dir.resolve("rows.arrow");
        try (BufferAllocator allocator = new RootAllocator();
             VectorSchemaRoot root = new VectorSchemaRoot(List.<FieldVector>of(
                     ArrowTables.newVector("customer_id", ValueType.INT64, allocator),
                     ArrowTables.newVector("event_timestamp", ValueType.TIMESTAMP, allocator),
                     ArrowTables.newVector("avg_amount", ValueType.FLOAT64, allocator),
                     ArrowTables.newVector("txn_count", ValueType.INT32, allocator),
                     ArrowTables.newVector("segment", ValueType.STRING, allocator)));
             FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                     StandardOpenOption.TRUNCATE_EXISTING);
             ArrowFileWriter writer = new ArrowFileWriter(root, null, channel)) {
            writer.start();
            for (int h = 1; h <= 3; h++) {
                for (int i = 0; i < 10; i++) {
                    long c = i + 1;
                    int row = (h - 1) * 10 + i;
                    List<FieldVector> v = root.getFieldVectors();
                    ArrowTables.set(v.get(0), i, ValueType.INT64, c);
                    ArrowTables.set(v.get(1), i, ValueType.TIMESTAMP, T0.plusSeconds(3600L * h));
                    ArrowTables.set(v.get(2), i, ValueType.FLOAT64, row == 17 && badAvg != null ? badAvg : c + h / 10.0);
                    ArrowTables.set(v.get(3), i, ValueType.INT32, (int) (c * 10 + h));
                    ArrowTables.set(v.get(4), i, ValueType.STRING, "s" + c);
                }
                root.setRowCount(10);
                writer.writeBatch();
            }
            writer.end();
        }
        return file;
    }

    @Test
    void arrow_ipc_rows_are_visible_online_after_materialize_and_historically() throws IOException {
        IngestResult r = fs.ingest("customer_stats", BatchSource.arrowIpc(arrowFile(null)), PushMode.OFFLINE, 4);
        assertThat(r).isEqualTo(new IngestResult(30, 30));
        assertLatestVisibleOnlineAndHistorically();
    }

    @Test
    void arrow_ipc_nan_in_a_later_batch_writes_nothing() throws IOException {
        Path file = arrowFile(Double.NaN);
        InvalidArgumentException e = catchThrowableOfType(InvalidArgumentException.class,
                () -> fs.ingest("customer_stats", BatchSource.arrowIpc(file), PushMode.ONLINE_AND_OFFLINE, 4));
        assertThat(e.field()).contains("avg_amount");
        assertThat(e).hasMessageContaining("row 17").hasMessageContaining("NaN");
        assertNothingWritten();
    }

    // ---------------------------------------------------------------- JDBC

    @Test
    void jdbc_parameterized_query_rows_are_visible_online_after_materialize_and_historically() throws Exception {
        try (Database db = Database.inMemory("batch_source_good")) {
            try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE txn_stats (customer_id BIGINT, event_timestamp TIMESTAMP WITH TIME ZONE,"
                        + " avg_amount DOUBLE PRECISION, txn_count BIGINT, segment VARCHAR(20), region VARCHAR(10))");
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO txn_stats VALUES (?, ?, ?, ?, ?, ?)")) {
                    for (int h = 1; h <= 3; h++) {
                        for (long k = 1; k <= 12; k++) {
                            ps.setLong(1, k);
                            ps.setObject(2, T0.plusSeconds(3600L * h).atOffset(java.time.ZoneOffset.UTC));
                            ps.setDouble(3, k + h / 10.0);
                            ps.setLong(4, k * 10 + h);
                            ps.setString(5, "s" + k);
                            ps.setString(6, k <= 10 ? "eu" : "us");
                            ps.addBatch();
                        }
                    }
                    ps.executeBatch();
                }
            }
            BatchSource source = BatchSource.jdbc(db.dataSource(), "SELECT customer_id, event_timestamp, avg_amount,"
                    + " txn_count, segment FROM txn_stats WHERE region = ? ORDER BY event_timestamp", "eu");
            assertThat(fs.ingest("customer_stats", source, PushMode.OFFLINE, 8)).isEqualTo(new IngestResult(30, 30));
            assertLatestVisibleOnlineAndHistorically();
            OnlineFeatures us = fs.getOnlineFeatures(FEATURES, List.of(Map.of("customer_id", 11L)), FeatureNaming.BARE);
            assertThat(us.status(0, "avg_amount")).isEqualTo(FeatureStatus.NOT_FOUND);
        }
    }

    @Test
    void jdbc_zoneless_timestamp_names_row_and_column_and_writes_nothing() throws Exception {
        try (Database db = Database.inMemory("batch_source_zoneless")) {
            try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE t (customer_id BIGINT, event_timestamp TIMESTAMP, avg_amount DOUBLE PRECISION)");
                s.execute("INSERT INTO t VALUES (1, TIMESTAMP '2024-01-10 01:00:00', 1.5)");
            }
            InvalidArgumentException e = catchThrowableOfType(InvalidArgumentException.class,
                    () -> fs.ingest("customer_stats", BatchSource.jdbc(db.dataSource(), "SELECT * FROM t"),
                            PushMode.ONLINE_AND_OFFLINE));
            assertThat(e.field()).contains("event_timestamp");
            assertThat(e).hasMessageContaining("row 0");
            assertNothingWritten();
        }
    }

    @Test
    void jdbc_bad_row_in_a_later_chunk_writes_nothing() throws Exception {
        try (Database db = Database.inMemory("batch_source_bad_row")) {
            try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE t (n INT, customer_id BIGINT, event_timestamp TIMESTAMP WITH TIME ZONE)");
                s.execute("INSERT INTO t SELECT x, CASE WHEN x = 9 THEN NULL ELSE x END,"
                        + " TIMESTAMP WITH TIME ZONE '2024-01-10 01:00:00+00' FROM SYSTEM_RANGE(0, 11)");
            }
            BatchSource source = BatchSource.jdbc(db.dataSource(),
                    "SELECT customer_id, event_timestamp FROM t WHERE n >= ? ORDER BY n", 0);
            InvalidArgumentException e = catchThrowableOfType(InvalidArgumentException.class,
                    () -> fs.ingest("customer_stats", source, PushMode.ONLINE_AND_OFFLINE, 4));
            assertThat(e.field()).contains("customer_id");
            assertThat(e).hasMessageContaining("row 9");
            assertNothingWritten();
        }
    }

    @Test
    void a_stream_pushes_row_by_row_through_the_same_validation() {
        for (long c = 1; c <= 10; c++) {
            for (int h = 1; h <= 3; h++) {
                fs.push("customer_stats", List.of(Map.of("customer_id", c, "event_timestamp", T0.plusSeconds(3600L * h),
                        "avg_amount", c + h / 10.0, "txn_count", c * 10 + h, "segment", "s" + c)), PushMode.OFFLINE);
            }
        }
        InvalidArgumentException e = catchThrowableOfType(InvalidArgumentException.class,
                () -> fs.push("customer_stats", List.of(Map.of("customer_id", 1L,
                        "event_timestamp", java.time.LocalDateTime.parse("2024-01-10T05:00:00"))), PushMode.OFFLINE));
        assertThat(e.field()).contains("event_timestamp");
        assertLatestVisibleOnlineAndHistorically();
    }
}
