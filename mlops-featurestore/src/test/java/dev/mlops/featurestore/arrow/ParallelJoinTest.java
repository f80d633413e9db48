package dev.mlops.featurestore.arrow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.mlops.core.InvalidArgumentException;
import dev.mlops.core.StorageException;
import dev.mlops.core.ValueType;
import dev.mlops.featurestore.ArrowTables;
import dev.mlops.featurestore.Entity;
import dev.mlops.featurestore.EntityKey;
import dev.mlops.featurestore.FeatureRow;
import dev.mlops.featurestore.FeatureView;
import dev.mlops.featurestore.ViewSelection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A join split between threads gives exactly the single-threaded answer, which is checked against a
 * brute-force search, on random data big enough to be split (several thousand entity rows).
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ParallelJoinTest {

    static final Instant BASE = Instant.parse("2024-05-01T00:00:00Z");
    static final Entity CUSTOMER = Entity.of("customer", "customer_id", ValueType.INT64);
    static final Entity REGION = Entity.of("region", "region", ValueType.STRING);
    static final List<String> REGIONS = List.of("eu", "us", "zz");

    @TempDir
    Path single;
    @TempDir
    Path parallel;
    final BufferAllocator allocator = new RootAllocator();

    @AfterEach
    void closeAllocator() {
        allocator.close();
    }

    record Data(FeatureView byCustomer, FeatureView byPair, List<FeatureRow> customerRows, List<FeatureRow> pairRows,
            List<Object[]> entityRows) {

        List<ViewSelection> selections() {
            return List.of(ViewSelection.allFullNames(byCustomer), ViewSelection.of(byPair, "s", "n"));
        }
    }

    static Data randomData(long seed, int entityCount) {
        Random random = new Random(seed);
        Duration ttl = random.nextBoolean() ? Duration.ofDays(2) : Duration.ZERO;
        FeatureView byCustomer = FeatureView.builder("by_customer").entity(CUSTOMER)
                .feature("n", ValueType.INT64).feature("v", ValueType.FLOAT64).feature("i", ValueType.INT32)
                .feature("f", ValueType.FLOAT32).feature("b", ValueType.BOOL).feature("t", ValueType.TIMESTAMP)
                .feature("s", ValueType.STRING).feature("l", ValueType.FLOAT64_LIST).ttl(ttl).build();
        FeatureView byPair = FeatureView.builder("by_pair").entity(CUSTOMER).entity(REGION)
                .feature("n", ValueType.INT64).feature("s", ValueType.STRING).ttl(Duration.ofDays(3)).build();
        List<FeatureRow> customerRows = new ArrayList<>();
        List<FeatureRow> pairRows = new ArrayList<>();
        int unique = 0;
        for (int r = 0; r < 4000; r++) {
            long customer = random.nextInt(300);
            // Coarse event times (six-hour steps over 10 days) give ties broken by creation time; each
            // (key, event, created) is unique, so the winner is never ambiguous.
            Instant event = BASE.plus(Duration.ofHours(6L * random.nextInt(40)));
            Instant created = BASE.plusSeconds(++unique);
            customerRows.add(FeatureRow.of(EntityKey.of(customer), event, created, orNull(random, (long) r),
                    orNull(random, random.nextGaussian()), orNull(random, random.nextInt()),
                    orNull(random, random.nextFloat()), orNull(random, random.nextBoolean()),
                    orNull(random, BASE.plusNanos(random.nextLong() % 1_000_000_000_000L)),
                    orNull(random, "s" + r), orNull(random, new double[] {random.nextDouble(), r})));
            if (r % 2 == 0) {
                pairRows.add(FeatureRow.of(EntityKey.of(customer, REGIONS.get(random.nextInt(2))), event, created,
                        orNull(random, (long) r), orNull(random, "p" + r)));
            }
        }
        List<Object[]> entityRows = new ArrayList<>();
        for (int e = 0; e < entityCount; e++) {
            if (e > 0 && random.nextInt(10) == 0) {
                entityRows.add(entityRows.get(random.nextInt(e)).clone());
                continue;
            }
            long customer = random.nextInt(310) - 5;
            Instant ts = random.nextInt(4) == 0 ? BASE.plus(Duration.ofHours(6L * random.nextInt(45)))
                    : BASE.plusSeconds(random.nextInt(13 * 86_400) - 2 * 86_400);
            entityRows.add(new Object[] {customer, REGIONS.get(random.nextInt(3)), ts});
        }
        return new Data(byCustomer, byPair, customerRows, pairRows, entityRows);
    }

    static Object orNull(Random random, Object value) {
        return random.nextInt(10) == 0 ? null : value;
    }

    static void load(ArrowFileOfflineStore store, FeatureView view, List<FeatureRow> rows, Random random) {
        for (int from = 0; from < rows.size();) {
            int to = Math.min(rows.size(), from + 1 + random.nextInt(2000));
            store.append(view, rows.subList(from, to));
            from = to;
        }
    }

    VectorSchemaRoot entityTable(List<Object[]> rows) {
        List<FieldVector> vectors = List.of(ArrowTables.newVector("customer_id", ValueType.INT64, allocator),
                ArrowTables.newVector("region", ValueType.STRING, allocator),
                ArrowTables.newVector("event_timestamp", ValueType.TIMESTAMP, allocator));
        VectorSchemaRoot root = new VectorSchemaRoot(vectors);
        root.allocateNew();
        for (int i = 0; i < rows.size(); i++) {
            ArrowTables.set(vectors.get(0), i, ValueType.INT64, rows.get(i)[0]);
            ArrowTables.set(vectors.get(1), i, ValueType.STRING, rows.get(i)[1]);
            ArrowTables.set(vectors.get(2), i, ValueType.TIMESTAMP, rows.get(i)[2]);
        }
        root.setRowCount(rows.size());
        return root;
    }

    static List<List<Object>> table(VectorSchemaRoot result) {
        List<List<Object>> rows = new ArrayList<>();
        for (int i = 0; i < result.getRowCount(); i++) {
            List<Object> row = new ArrayList<>();
            for (FieldVector v : result.getFieldVectors()) {
                row.add(comparable(ArrowTables.value(v, i)));
            }
            rows.add(row);
        }
        return rows;
    }

    List<List<Object>> join(ArrowFileOfflineStore store, Data data) {
        try (VectorSchemaRoot entities = entityTable(data.entityRows());
                VectorSchemaRoot result = store.pointInTimeJoin(entities, data.selections(), allocator)) {
            return table(result);
        }
    }

    /** The latest qualifying row, by brute force: same key, event in [ts - ttl, ts], latest event then created. */
    static List<Object> asOf(List<FeatureRow> rows, FeatureView view, EntityKey key, Instant ts) {
        return rows.stream().filter(r -> r.key().equals(key) && !r.eventTimestamp().isAfter(ts))
                .filter(r -> !view.hasTtl() || !r.eventTimestamp().isBefore(ts.minus(view.ttl())))
                .max(Comparator.comparing(FeatureRow::eventTimestamp).thenComparing(FeatureRow::createdTimestamp))
                .map(FeatureRow::values).orElse(null);
    }

    /** Lists for arrays, which compare by identity. */
    static Object comparable(Object value) {
        return value instanceof double[] array ? Arrays.stream(array).boxed().toList() : value;
    }

    static List<List<Object>> bruteForce(Data data) {
        Map<EntityKey, List<FeatureRow>> byCustomer = new HashMap<>();
        data.customerRows().forEach(r -> byCustomer.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(r));
        Map<EntityKey, List<FeatureRow>> byPair = new HashMap<>();
        data.pairRows().forEach(r -> byPair.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(r));
        List<List<Object>> out = new ArrayList<>();
        for (Object[] e : data.entityRows()) {
            EntityKey customer = EntityKey.of(e[0]);
            EntityKey pair = EntityKey.of(e[0], e[1]);
            List<Object> a = asOf(byCustomer.getOrDefault(customer, List.of()), data.byCustomer(), customer,
                    (Instant) e[2]);
            List<Object> b = asOf(byPair.getOrDefault(pair, List.of()), data.byPair(), pair, (Instant) e[2]);
            List<Object> row = new ArrayList<>();
            for (int f = 0; f < 8; f++) {
                row.add(a == null ? null : comparable(a.get(f)));
            }
            row.add(b == null ? null : b.get(1));
            row.add(b == null ? null : b.get(0));
            out.add(row);
        }
        return out;
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3})
    void a_join_split_between_threads_equals_the_single_threaded_join_and_the_brute_force_answer(long seed) {
        Data data = randomData(seed, 9000);
        List<List<Object>> one;
        List<List<Object>> many;
        try (ArrowFileOfflineStore store = ArrowFileOfflineStore.builder(single).compactAfter(3).build()) {
            Random random = new Random(seed);
            load(store, data.byCustomer(), data.customerRows(), random);
            load(store, data.byPair(), data.pairRows(), random);
            one = join(store, data);
        }
        try (ArrowFileOfflineStore store = ArrowFileOfflineStore.builder(parallel).compactAfter(5).joinThreads(4)
                .build()) {
            Random random = new Random(seed + 100);
            load(store, data.byCustomer(), data.customerRows(), random);
            load(store, data.byPair(), data.pairRows(), random);
            many = join(store, data);
        }

        assertThat(many).as("split between four threads").isEqualTo(one);
        assertThat(one).as("single thread against brute force").isEqualTo(bruteForce(data));
        assertThat(one).as("some rows find nothing, most find something")
                .anyMatch(r -> r.get(0) == null).anyMatch(r -> r.get(0) != null);
    }

    @Test
    void joins_running_at_once_share_the_pool_and_each_gets_its_own_answer() throws Exception {
        Data first = randomData(7, 5000);
        Data second = new Data(first.byCustomer(), first.byPair(), first.customerRows(), first.pairRows(),
                randomData(8, 6000).entityRows());
        List<List<Object>> expectedFirst = bruteForce(first);
        List<List<Object>> expectedSecond = bruteForce(second);
        int callers = 4;
        ExecutorService executor = Executors.newFixedThreadPool(callers);
        try (ArrowFileOfflineStore store = ArrowFileOfflineStore.builder(parallel).joinThreads(2).build()) {
            Random random = new Random(7);
            load(store, first.byCustomer(), first.customerRows(), random);
            load(store, first.byPair(), first.pairRows(), random);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Boolean>> results = new ArrayList<>();
            for (int c = 0; c < callers; c++) {
                Data data = c % 2 == 0 ? first : second;
                List<List<Object>> expected = c % 2 == 0 ? expectedFirst : expectedSecond;
                results.add(executor.submit(() -> {
                    start.await();
                    boolean all = true;
                    for (int run = 0; run < 3; run++) {
                        all &= join(store, data).equals(expected);
                    }
                    return all;
                }));
            }
            start.countDown();
            for (Future<Boolean> r : results) {
                assertThat(r.get(2, TimeUnit.MINUTES)).isTrue();
            }
        } finally {
            executor.shutdown();
            assertThat(executor.awaitTermination(1, TimeUnit.MINUTES)).isTrue();
        }
    }

    @Test
    void a_part_that_cannot_be_read_fails_the_join_and_leaves_no_arrow_memory_behind() throws Exception {
        Data data = randomData(11, 5000);
        ArrowFileOfflineStore store = ArrowFileOfflineStore.builder(parallel).joinThreads(3).build();
        try {
            load(store, data.byCustomer(), data.customerRows(), new Random(11));
            load(store, data.byPair(), data.pairRows(), new Random(12));
            Path values;
            try (Stream<Path> files = Files.list(parallel.resolve("by_customer").resolve("v1"))) {
                values = files.filter(f -> f.getFileName().toString().endsWith(".values.arrow")).sorted()
                        .reduce((a, b) -> b).orElseThrow();
            }
            Files.write(values, new byte[] {1, 2, 3});

            assertThatThrownBy(() -> join(store, data)).isInstanceOf(StorageException.class)
                    .hasMessageContaining(values.getFileName().toString());
        } finally {
            store.close(); // the store's allocator fails on close if a read buffer leaked
        }
    }

    @Test
    void fewer_than_one_join_thread_is_rejected() {
        assertThat(catchThrowableOfType(InvalidArgumentException.class,
                () -> ArrowFileOfflineStore.builder(single).joinThreads(0)).field()).contains("joinThreads");
    }
}
