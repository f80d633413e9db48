package dev.mlops.featurestore;

import dev.mlops.core.Field;
import dev.mlops.core.InvalidArgumentException;
import dev.mlops.core.Names;
import dev.mlops.core.NotFoundException;
import dev.mlops.core.StorageException;
import dev.mlops.core.ValueType;
import dev.mlops.core.lineage.Artifact;
import dev.mlops.core.lineage.ExecutionState;
import dev.mlops.core.lineage.LineageStore;
import dev.mlops.featurestore.internal.ArrowColumns;
import dev.mlops.featurestore.internal.EntityTables;
import dev.mlops.featurestore.internal.JoinColumns;
import dev.mlops.featurestore.internal.RetrievalPlan;
import dev.mlops.featurestore.internal.Timestamps;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.util.TransferPair;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The feature store: definitions in a {@link FeatureRegistry}, serving values in an
 * {@link OnlineStore}, history in an {@link OfflineStore}, all on one injected clock.
 *
 * <pre>{@code
 * try (FeatureStore fs = FeatureStore.builder()
 *         .registry(FeatureRegistry.inMemory())
 *         .onlineStore(OnlineStore.inMemory())
 *         .offlineStore(OfflineStore.inMemory())
 *         .clock(clock)
 *         .build()) {
 *     fs.apply(customer, customerStats, fraudService);
 *     fs.push("customer_stats", rows, PushMode.ONLINE_AND_OFFLINE);
 *     OnlineFeatures v = fs.getOnlineFeatures(fraudService, List.of(Map.of("customer_id", 42L)));
 *     try (TrainingSet t = fs.getHistoricalFeatures(entityRows, fraudService)) {
 *         t.writeArrowIpc(Path.of("train.arrow"));
 *     }
 * }
 * }</pre>
 *
 * <p><b>Semantics</b> are those of SEMANTICS.md: pushes are validated whole before anything is
 * written; the online store ignores writes older than what it holds; historical retrieval is the
 * point-in-time join documented on {@link OfflineStore}; online values carry a
 * {@link FeatureStatus}; on-demand views run the same function online and in historical retrieval.
 * Feature references resolve against the latest version of each view; resolutions are cached and
 * re-read after {@link Builder#registryCacheTtl} or a local {@link #apply}.
 *
 * <p><b>Lifecycle.</b> The store owns what it was built with: {@link #close()} closes the online
 * store, the offline store, the registry and its Arrow allocator (close training sets first; a
 * leaked one makes close fail). Thread-safe.
 */
public final class FeatureStore implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(FeatureStore.class);
    private static final int MATERIALIZE_BATCH = 10_000;

    private final FeatureRegistry registry;
    private final OnlineStore online;
    private final OfflineStore offline;
    private final InstantSource clock;
    private final LineageStore lineage;
    private final BufferAllocator allocator;
    private final Map<String, OnDemandFeatureView> localOnDemand = new ConcurrentHashMap<>();
    private final long registryCacheTtlNanos;
    private final Map<Object, CachedPlan> plans = new ConcurrentHashMap<>();

    /** A plan for a list of references, by value. */
    private record PlanKey(List<FeatureReference> references, FeatureNaming naming) {}

    /** A plan for one feature service object, by identity: no hashing of its references per request. */
    private static final class ServiceKey {
        final FeatureService service;
        final FeatureNaming naming;

        ServiceKey(FeatureService service, FeatureNaming naming) {
            this.service = service;
            this.naming = naming;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof ServiceKey k && k.service == service && k.naming == naming;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(service) * 31 + naming.ordinal();
        }
    }

    private record CachedPlan(RetrievalPlan plan, OnlinePlan online, long resolvedAtNanos) {

        boolean freshAt(long now, long ttlNanos) {
            return now - resolvedAtNanos < ttlNanos && now >= resolvedAtNanos;
        }
    }

    private static final int MAX_CACHED_PLANS = 10_000;

    private FeatureStore(Builder b) {
        this.registry = b.registry;
        this.online = b.online;
        this.offline = b.offline;
        this.clock = b.clock;
        this.lineage = b.lineage;
        this.allocator = new RootAllocator(b.allocatorLimit);
        this.registryCacheTtlNanos = JoinColumns.nanos(b.registryCacheTtl);
    }

    /** A builder; every store defaults to its in-memory adapter and the clock to the system clock. */
    public static Builder builder() {
        return new Builder();
    }

    /** The registry this store reads definitions from. */
    public FeatureRegistry registry() {
        return registry;
    }

    /**
     * Registers definitions by the registry's rules (idempotent; an incompatible change is an error
     * unless it comes as a new version). On-demand views applied here keep their functions in this
     * process.
     */
    public void apply(Definition... definitions) {
        apply(List.of(definitions));
    }

    /** Registers definitions; see {@link #apply(Definition...)}. */
    public void apply(List<? extends Definition> definitions) {
        registry.apply(definitions);
        for (Definition d : definitions) {
            if (d instanceof OnDemandFeatureView v) {
                localOnDemand.merge(v.name(), v, (old, neu) -> neu.version() >= old.version() ? neu : old);
            }
        }
        plans.clear();
    }

    private FeatureView view(String name) {
        Names.require("feature view name", name);
        return registry.featureView(name).orElseThrow(() -> new NotFoundException("feature view '" + name
                + "' is not registered"));
    }

    // ---------------------------------------------------------------- push

    /**
     * Validates rows against the latest version of a view and writes them where {@code mode} says.
     * Rows without {@value FeatureView#CREATED_TIMESTAMP} get the store's clock time.
     *
     * @throws InvalidArgumentException naming the row and field of the first invalid value; nothing
     *     of the batch is written then
     * @throws NotFoundException when the view is not registered
     */
    public void push(String viewName, List<? extends Map<String, ?>> rows, PushMode mode) {
        Objects.requireNonNull(mode, "mode");
        FeatureView view = view(viewName);
        write(view, view.validateRows(rows, clock.instant()), mode);
    }

    private void write(FeatureView view, List<FeatureRow> validated, PushMode mode) {
        if (validated.isEmpty()) {
            return;
        }
        if (mode.online()) {
            online.write(view, validated);
        }
        if (mode.offline()) {
            offline.append(view, validated);
        }
    }

    /** Rows per chunk read, validated and written by {@link #ingest}. */
    static final int INGEST_CHUNK_ROWS = 10_000;

    /**
     * Reads a view's rows from a batch source and writes them as {@link #push} does, in chunks of
     * {@value #INGEST_CHUNK_ROWS} rows, each validated and written by the same code as a push. Rows
     * without {@value FeatureView#CREATED_TIMESTAMP} all get the clock time at the start of the ingest.
     *
     * <p><b>All or nothing on bad data</b>: the whole source is validated before anything is written,
     * so an invalid row anywhere means nothing is written. Files are read twice (a validating pass
     * keeping nothing, then a writing pass), so memory stays at one chunk; a JDBC query runs once and
     * its validated rows are held in memory until written (re-running it could see other data). A
     * file changed between the two passes, or a store failing part-way through the writes, can
     * still leave part of the source written, as with several pushes.
     *
     * @throws InvalidArgumentException naming the row (counted from 0 over the whole source) and the
     *     column of the first problem, or the columns the view does not have; nothing is written then
     * @throws NotFoundException when the view is not registered
     * @throws dev.mlops.core.StorageException when the source cannot be read
     */
    public IngestResult ingest(String viewName, BatchSource source, PushMode mode) {
        return ingest(viewName, source, mode, INGEST_CHUNK_ROWS);
    }

    IngestResult ingest(String viewName, BatchSource source, PushMode mode, int chunkRows) {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(mode, "mode");
        FeatureView view = view(viewName);
        Instant created = clock.instant();
        long[] written = {0};
        long read;
        if (source.rereadable()) {
            read = source.read(view, chunkRows, (rows, first) -> view.validateRows(rows, created, first));
            long reread = source.read(view, chunkRows, (rows, first) -> {
                List<FeatureRow> validated = view.validateRows(rows, created, first);
                write(view, validated, mode);
                written[0] += validated.size();
            });
            if (reread != read) {
                throw new StorageException("the source changed while it was ingested: " + read
                        + " rows validated, " + reread + " rows written");
            }
        } else {
            List<List<FeatureRow>> chunks = new ArrayList<>();
            read = source.read(view, chunkRows, (rows, first) -> chunks.add(view.validateRows(rows, created, first)));
            for (int i = 0; i < chunks.size(); i++) {
                write(view, chunks.get(i), mode);
                written[0] += chunks.get(i).size();
                chunks.set(i, List.of());
            }
        }
        LOG.debug("ingested {} rows into view '{}'", written[0], view.name());
        return new IngestResult(read, written[0]);
    }

    // ---------------------------------------------------------------- materialization

    /**
     * Copies, for every registered view, the latest row per entity with {@code start <= event time
     * <= end} from the offline store to the online store, and records the interval.
     */
    public List<Materialization> materialize(Instant start, Instant end) {
        return materialize(start, end, registry.featureViews().stream().map(FeatureView::name).toList());
    }

    /** {@link #materialize(Instant, Instant)} for the named views only. */
    public List<Materialization> materialize(Instant start, Instant end, Collection<String> viewNames) {
        MaterializationInterval interval = new MaterializationInterval(start, end);
        List<FeatureView> views = viewNames.stream().map(this::view).toList();
        List<Materialization> out = new ArrayList<>();
        for (FeatureView v : views) {
            out.add(materialize(v, interval));
        }
        return out;
    }

    /**
     * Materializes every view from where its last recorded interval ended (the first time: the
     * store's clock minus the view's TTL, or the earliest time for a view without TTL) to
     * {@code end}. A view already materialized past {@code end} is skipped.
     */
    public List<Materialization> materializeIncremental(Instant end) {
        Objects.requireNonNull(end, "end");
        List<Materialization> out = new ArrayList<>();
        for (FeatureView v : registry.featureViews()) {
            Instant start = registry.materializations(v).stream().map(MaterializationInterval::end)
                    .max(Instant::compareTo)
                    .orElseGet(() -> v.hasTtl() ? minusSaturated(clock.instant(), v.ttl()) : Timestamps.MIN);
            if (start.isAfter(end)) {
                continue;
            }
            out.add(materialize(v, new MaterializationInterval(start, end)));
        }
        return out;
    }

    private static Instant minusSaturated(Instant t, Duration d) {
        return Timestamps.fromNanos(JoinColumns.lowerBound(Timestamps.toNanosSaturated(t), JoinColumns.nanos(d)));
    }

    private Materialization materialize(FeatureView view, MaterializationInterval interval) {
        List<FeatureRow> batch = new ArrayList<>();
        long[] written = {0};
        offline.latestPerKey(view, interval.start(), interval.end(), row -> {
            batch.add(row);
            if (batch.size() >= MATERIALIZE_BATCH) {
                online.write(view, batch);
                written[0] += batch.size();
                batch.clear();
            }
        });
        if (!batch.isEmpty()) {
            online.write(view, batch);
            written[0] += batch.size();
        }
        registry.recordMaterialization(view, interval);
        LOG.info("materialized {} rows of feature view {} v{} for [{}, {}]", written[0], view.name(), view.version(),
                interval.start(), interval.end());
        return new Materialization(view.name(), view.version(), interval, written[0]);
    }

    // ---------------------------------------------------------------- plans

    private RetrievalPlan plan(FeatureService service, FeatureNaming naming) {
        return plan(service, naming, Timestamps.toNanosSaturated(clock.instant())).plan();
    }

    private CachedPlan plan(FeatureService service, FeatureNaming naming, long nowNanos) {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(naming, "naming");
        return plan(new ServiceKey(service, naming), service.features(), naming, nowNanos);
    }

    private CachedPlan plan(List<FeatureReference> references, FeatureNaming naming, long nowNanos) {
        Objects.requireNonNull(naming, "naming");
        return plan(new PlanKey(references, naming), references, naming, nowNanos);
    }

    private RetrievalPlan plan(List<FeatureReference> references, FeatureNaming naming) {
        return plan(references, naming, Timestamps.toNanosSaturated(clock.instant())).plan();
    }

    /** The cached resolution of {@code references}, re-resolved after the registry cache TTL or a local apply. */
    private CachedPlan plan(Object key, List<FeatureReference> references, FeatureNaming naming, long now) {
        CachedPlan cached = plans.get(key);
        if (cached != null && cached.freshAt(now, registryCacheTtlNanos)) {
            return cached;
        }
        RetrievalPlan plan = RetrievalPlan.resolve(references, naming, registry::featureView, this::onDemandView);
        if (plans.size() >= MAX_CACHED_PLANS) {
            plans.clear();
        }
        CachedPlan fresh = new CachedPlan(plan, new OnlinePlan(plan), now);
        plans.put(key, fresh);
        return fresh;
    }

    private Optional<OnDemandFeatureView> onDemandView(String name) {
        Optional<OnDemandFeatureView> registered = registry.onDemandFeatureView(name);
        OnDemandFeatureView local = localOnDemand.get(name);
        if (registered.isPresent() && local != null && local.equals(registered.get())) {
            return Optional.of(local);
        }
        return registered;
    }

    private static List<FeatureReference> references(List<String> references) {
        if (references == null) {
            throw new InvalidArgumentException("features", "is null");
        }
        return references.stream().map(FeatureReference::parse).toList();
    }

    // ---------------------------------------------------------------- online

    /** Online values of a service's features, bare names. See {@link #getOnlineFeatures(List, List, FeatureNaming)}. */
    public OnlineFeatures getOnlineFeatures(FeatureService service, List<? extends Map<String, ?>> entityRows) {
        return getOnlineFeatures(service, entityRows, FeatureNaming.BARE);
    }

    /** Online values of a service's features. */
    public OnlineFeatures getOnlineFeatures(FeatureService service, List<? extends Map<String, ?>> entityRows,
            FeatureNaming naming) {
        long now = Timestamps.toNanosSaturated(clock.instant());
        return online(plan(service, naming, now).online(), entityRows, now);
    }

    /**
     * Online values of the given features for each entity row, reading each view once for all rows.
     *
     * @param features {@code view:feature} references
     * @param entityRows per row, the join keys of every view involved and the request fields of
     *     every on-demand view involved
     * @throws InvalidArgumentException for an unknown reference, a bare-name collision, or a row
     *     missing a join key (naming the row and the key) or with a value of the wrong type
     */
    public OnlineFeatures getOnlineFeatures(List<String> features, List<? extends Map<String, ?>> entityRows,
            FeatureNaming naming) {
        long now = Timestamps.toNanosSaturated(clock.instant());
        return online(plan(references(features), naming, now).online(), entityRows, now);
    }

    /**
     * Validates every row's keys and request fields, then reads each view once for all rows. The
     * answer keeps the rows read; values and statuses are derived from them on access.
     */
    private OnlineFeatures online(OnlinePlan plan, List<? extends Map<String, ?>> rows, long nowNanos) {
        if (rows == null) {
            throw new InvalidArgumentException("entityRows", "is null");
        }
        int n = rows.size();
        FeatureView[] views = plan.views;
        if (n == 1 && views.length == 1) {
            EntityKey key = keyOf(plan.joinKeys[0], rows.get(0), 0);
            Object[][] request = plan.hasOnDemand ? requestValues(plan.plan, rows) : null;
            FeatureRow row = online.read(views[0], key).orElse(null);
            Object[][] computed = plan.hasOnDemand
                    ? computeOnDemandOnline(plan.plan, new FeatureRow[] {row}, request, 1) : null;
            return new OnlineFeatures(plan, row, computed, nowNanos);
        }
        List<List<EntityKey>> keys = new ArrayList<>(views.length);
        for (int r = 0; r < views.length; r++) {
            keys.add(keysOf(plan.joinKeys[r], rows));
        }
        Object[][] request = plan.hasOnDemand ? requestValues(plan.plan, rows) : null;
        FeatureRow[] fetched = new FeatureRow[views.length * n];
        for (int r = 0; r < views.length; r++) {
            List<Optional<FeatureRow>> got = online.read(views[r], keys.get(r));
            for (int i = 0; i < n; i++) {
                fetched[r * n + i] = got.get(i).orElse(null);
            }
        }
        Object[][] computed = plan.hasOnDemand ? computeOnDemandOnline(plan.plan, fetched, request, n) : null;
        return new OnlineFeatures(plan, n, fetched, computed, nowNanos);
    }

    private static List<EntityKey> keysOf(Field[] keyFields, List<? extends Map<String, ?>> rows) {
        int n = rows.size();
        if (n == 1) {
            return List.of(keyOf(keyFields, rows.get(0), 0));
        }
        List<EntityKey> keys = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            keys.add(keyOf(keyFields, rows.get(i), i));
        }
        return keys;
    }

    private static EntityKey keyOf(Field[] keyFields, Map<String, ?> row, int i) {
        if (row == null) {
            throw new InvalidArgumentException("entityRows", "row " + i + " is null");
        }
        if (keyFields.length == 1) {
            return EntityKey.of(joinKey(keyFields[0], row, i));
        }
        Object[] values = new Object[keyFields.length];
        for (int k = 0; k < values.length; k++) {
            values[k] = joinKey(keyFields[k], row, i);
        }
        return EntityKey.of(values);
    }

    private static Object joinKey(Field key, Map<String, ?> row, int i) {
        Object raw = row.get(key.name());
        if (raw == null) {
            throw new InvalidArgumentException(key.name(), "row " + i + ": join key is missing");
        }
        return canonicalKey(key, raw, i);
    }

    /** A join key value in canonical form; the common already-canonical case costs no conversion. */
    private static Object canonicalKey(Field key, Object raw, int row) {
        boolean canonical = switch (key.type()) {
            case INT64 -> raw instanceof Long;
            case INT32 -> raw instanceof Integer;
            default -> raw instanceof String;
        };
        return canonical ? raw : key.validate(raw, "row " + row);
    }

    private static Object[][] requestValues(RetrievalPlan plan, List<? extends Map<String, ?>> rows) {
        List<Field> fields = plan.requestFields();
        Object[][] out = new Object[rows.size()][fields.size()];
        for (int i = 0; i < rows.size(); i++) {
            for (int f = 0; f < fields.size(); f++) {
                out[i][f] = fields.get(f).validate(rows.get(i).get(fields.get(f).name()), "row " + i);
            }
        }
        return out;
    }

    /** The outputs of each on-demand view for each row, at {@code view * n + row}. */
    private static Object[][] computeOnDemandOnline(RetrievalPlan plan, FeatureRow[] fetched, Object[][] request,
            int n) {
        List<OnDemandFeatureView> odfvs = plan.onDemand();
        Map<String, Integer> readIndex = new HashMap<>();
        for (int r = 0; r < plan.reads().size(); r++) {
            readIndex.put(plan.reads().get(r).view().name(), r);
        }
        Map<String, Integer> requestIndex = new HashMap<>();
        for (int f = 0; f < plan.requestFields().size(); f++) {
            requestIndex.put(plan.requestFields().get(f).name(), f);
        }
        Object[][] out = new Object[odfvs.size() * n][];
        for (int o = 0; o < odfvs.size(); o++) {
            OnDemandFeatureView odfv = odfvs.get(o);
            for (int i = 0; i < n; i++) {
                Map<String, Object> input = new LinkedHashMap<>();
                for (Field f : odfv.requestFields()) {
                    input.put(f.name(), request[i][requestIndex.get(f.name())]);
                }
                for (FeatureReference source : odfv.sources()) {
                    int r = readIndex.get(source.view());
                    FeatureRow row = fetched[r * n + i];
                    FeatureView view = plan.reads().get(r).view();
                    input.put(source.fullName(), row == null ? null : row.value(view.featureIndex(source.feature())));
                }
                out[o * n + i] = odfv.compute(input, i);
            }
        }
        return out;
    }

    // ---------------------------------------------------------------- historical

    /** Training data for a service's features, bare names; see {@link #getHistoricalFeatures(List, List, FeatureNaming)}. */
    public TrainingSet getHistoricalFeatures(List<? extends Map<String, ?>> entityRows, FeatureService service) {
        return getHistoricalFeatures(entityRows, service, FeatureNaming.BARE);
    }

    /** Training data for a service's features. */
    public TrainingSet getHistoricalFeatures(List<? extends Map<String, ?>> entityRows, FeatureService service,
            FeatureNaming naming) {
        RetrievalPlan plan = plan(service, naming);
        return historical(plan, a -> EntityTables.fromMaps(entityRows, plan, a), service.name() + "@"
                + service.version());
    }

    /**
     * Training data: the point-in-time join of the given features onto entity rows.
     *
     * @param entityRows per row the join keys of every view involved, {@value FeatureView#EVENT_TIMESTAMP}
     *     (an {@code Instant} or a zoned date-time; a zoneless one is rejected), the request fields
     *     of on-demand views, and any other columns (labels, ids), which are carried through
     * @param features {@code view:feature} references
     * @throws InvalidArgumentException naming the row and field for a bad entity row; for an unknown
     *     reference or a bare-name collision
     */
    public TrainingSet getHistoricalFeatures(List<? extends Map<String, ?>> entityRows, List<String> features,
            FeatureNaming naming) {
        RetrievalPlan plan = plan(references(features), naming);
        return historical(plan, a -> EntityTables.fromMaps(entityRows, plan, a), "features");
    }

    /**
     * Training data for entity rows already in Arrow (join keys typed as the views declare them,
     * {@value FeatureView#EVENT_TIMESTAMP} as {@code timestamp[ns, tz=UTC]}); every input column is
     * copied into the training set. The caller keeps ownership of {@code entityRows}.
     */
    public TrainingSet getHistoricalFeatures(VectorSchemaRoot entityRows, FeatureService service,
            FeatureNaming naming) {
        RetrievalPlan plan = plan(service, naming);
        return historical(plan, a -> EntityTables.copyOf(entityRows, plan, a), service.name() + "@"
                + service.version());
    }

    private TrainingSet historical(RetrievalPlan plan, Function<BufferAllocator, VectorSchemaRoot> entityTable,
            String requestedBy) {
        BufferAllocator child = allocator.newChildAllocator("training-set", 0, allocator.getLimit());
        List<FieldVector> owned = new ArrayList<>();
        VectorSchemaRoot entities = null;
        VectorSchemaRoot joined = null;
        try {
            entities = entityTable.apply(child);
            List<ViewSelection> selections = new ArrayList<>();
            for (int r = 0; r < plan.reads().size(); r++) {
                RetrievalPlan.ViewRead read = plan.reads().get(r);
                List<String> internal = new ArrayList<>();
                for (String f : read.features()) {
                    internal.add(internalName(r, f));
                }
                selections.add(new ViewSelection(read.view(), read.features(), internal));
            }
            joined = offline.pointInTimeJoin(entities, selections, child);
            int n = entities.getRowCount();
            List<FieldVector> onDemand = computeOnDemandHistorical(plan, entities, joined, n, child);
            owned.addAll(onDemand);
            List<FieldVector> columns = new ArrayList<>(entities.getFieldVectors());
            int odfvColumn = 0;
            for (RetrievalPlan.Output out : plan.outputs()) {
                if (out.onDemand()) {
                    FieldVector v = onDemand.get(odfvColumn++);
                    columns.add(v);
                    continue;
                }
                RetrievalPlan.ViewRead read = plan.reads().get(out.source());
                FieldVector source = joined.getVector(internalName(out.source(), read.view().features()
                        .get(out.featureIndex()).name()));
                TransferPair transfer = source.getTransferPair(out.name(), child);
                transfer.transfer();
                FieldVector renamed = (FieldVector) transfer.getTo();
                owned.add(renamed);
                columns.add(renamed);
            }
            joined.close();
            joined = null;
            VectorSchemaRoot result = new VectorSchemaRoot(columns);
            result.setRowCount(n);
            entities = null;
            owned.clear();
            TrainingSet set = new TrainingSet(child, result);
            recordLineage(plan, set, requestedBy);
            return set;
        } catch (RuntimeException | Error e) {
            owned.forEach(FieldVector::close);
            if (joined != null) {
                joined.close();
            }
            if (entities != null) {
                entities.close();
            }
            child.close();
            throw e;
        }
    }

    private static String internalName(int read, String feature) {
        return "_r" + read + "_" + feature;
    }

    private static List<FieldVector> computeOnDemandHistorical(RetrievalPlan plan, VectorSchemaRoot entities,
            VectorSchemaRoot joined, int n, BufferAllocator allocator) {
        List<FieldVector> out = new ArrayList<>();
        List<OnDemandFeatureView> odfvs = plan.onDemand();
        if (odfvs.isEmpty()) {
            return out;
        }
        Map<String, Integer> readIndex = new HashMap<>();
        for (int r = 0; r < plan.reads().size(); r++) {
            readIndex.put(plan.reads().get(r).view().name(), r);
        }
        Object[][][] computed = new Object[odfvs.size()][][];
        for (int o = 0; o < odfvs.size(); o++) {
            OnDemandFeatureView odfv = odfvs.get(o);
            FieldVector[] request = new FieldVector[odfv.requestFields().size()];
            for (int f = 0; f < request.length; f++) {
                request[f] = entities.getVector(odfv.requestFields().get(f).name());
            }
            FieldVector[] sources = new FieldVector[odfv.sources().size()];
            ValueType[] sourceTypes = new ValueType[sources.length];
            for (int s = 0; s < sources.length; s++) {
                FeatureReference ref = odfv.sources().get(s);
                FeatureView view = plan.reads().get(readIndex.get(ref.view())).view();
                sources[s] = joined.getVector(internalName(readIndex.get(ref.view()), ref.feature()));
                sourceTypes[s] = view.feature(ref.feature()).orElseThrow().type();
            }
            computed[o] = new Object[n][];
            for (int i = 0; i < n; i++) {
                Map<String, Object> input = new LinkedHashMap<>();
                for (int f = 0; f < request.length; f++) {
                    Field field = odfv.requestFields().get(f);
                    input.put(field.name(), request[f] == null ? field.validate(null, "row " + i)
                            : ArrowColumns.get(request[f], i, field.type()));
                }
                for (int s = 0; s < sources.length; s++) {
                    input.put(odfv.sources().get(s).fullName(), ArrowColumns.get(sources[s], i, sourceTypes[s]));
                }
                computed[o][i] = odfv.compute(input, i);
            }
        }
        try {
            for (RetrievalPlan.Output output : plan.outputs()) {
                if (!output.onDemand()) {
                    continue;
                }
                FieldVector v = ArrowColumns.newVector(output.name(), output.type(), allocator);
                out.add(v);
                v.setInitialCapacity(Math.max(1, n));
                v.allocateNew();
                for (int i = 0; i < n; i++) {
                    ArrowColumns.set(v, i, output.type(), computed[output.source()][i][output.featureIndex()]);
                }
                v.setValueCount(n);
            }
        } catch (RuntimeException e) {
            out.forEach(FieldVector::close);
            throw e;
        }
        return out;
    }

    private void recordLineage(RetrievalPlan plan, TrainingSet set, String requestedBy) {
        if (lineage == null) {
            return;
        }
        String digest = set.contentDigest();
        List<Long> inputs = new ArrayList<>();
        for (RetrievalPlan.ViewRead read : plan.reads()) {
            FeatureView v = read.view();
            Artifact a = lineage.putArtifact("FeatureView", v.name() + "@" + v.version(), "",
                    Map.of("view", v.name(), "version", Integer.toString(v.version())));
            inputs.add(a.id());
        }
        Artifact output = lineage.putArtifact("TrainingSet", digest, "", Map.of("digest", digest,
                "rows", Integer.toString(set.rowCount()), "columns", String.join(",", set.columnNames())));
        lineage.recordExecution("HistoricalRetrieval", "historical-retrieval/" + requestedBy + "/" + digest,
                ExecutionState.COMPLETE, Map.of("requested_by", requestedBy), inputs, List.of(output.id()),
                List.of());
    }

    // ---------------------------------------------------------------- statistics

    /**
     * Statistics of the latest version of a view over its whole offline history: row count, per
     * feature nulls, NaNs, min, max and mean, and freshness relative to the store's clock.
     */
    public FeatureViewStatistics statistics(String viewName) {
        FeatureView view = view(viewName);
        int features = view.features().size();
        long[] rowsAndLatest = {0, Long.MIN_VALUE};
        long[] count = new long[features];
        long[] nulls = new long[features];
        long[] nans = new long[features];
        double[] min = new double[features];
        double[] max = new double[features];
        double[] sum = new double[features];
        double[] compensation = new double[features];
        long[] numeric = new long[features];
        Arrays.fill(min, Double.POSITIVE_INFINITY);
        Arrays.fill(max, Double.NEGATIVE_INFINITY);
        offline.scan(view, row -> {
            synchronized (rowsAndLatest) {
                rowsAndLatest[0]++;
                rowsAndLatest[1] = Math.max(rowsAndLatest[1], Timestamps.toNanos(row.eventTimestamp()));
                for (int f = 0; f < features; f++) {
                    Object v = row.value(f);
                    if (v == null) {
                        nulls[f]++;
                        continue;
                    }
                    count[f]++;
                    if (!(v instanceof Number number) || !view.features().get(f).type().isNumeric()) {
                        continue;
                    }
                    double d = number.doubleValue();
                    if (Double.isNaN(d)) {
                        nans[f]++;
                        continue;
                    }
                    numeric[f]++;
                    min[f] = Math.min(min[f], d);
                    max[f] = Math.max(max[f], d);
                    double y = d - compensation[f];
                    double t = sum[f] + y;
                    compensation[f] = (t - sum[f]) - y;
                    sum[f] = t;
                }
            }
        });
        List<FeatureStatistics> stats = new ArrayList<>();
        for (int f = 0; f < features; f++) {
            boolean has = numeric[f] > 0;
            stats.add(new FeatureStatistics(view.features().get(f).name(), count[f], nulls[f], nans[f],
                    has ? OptionalDouble.of(min[f]) : OptionalDouble.empty(),
                    has ? OptionalDouble.of(max[f]) : OptionalDouble.empty(),
                    has ? OptionalDouble.of(sum[f] / numeric[f]) : OptionalDouble.empty()));
        }
        Optional<Instant> latest = rowsAndLatest[0] == 0 ? Optional.empty()
                : Optional.of(Timestamps.fromNanos(rowsAndLatest[1]));
        Optional<Duration> freshness = latest.map(t -> Duration.between(t, clock.instant()));
        return new FeatureViewStatistics(view.name(), view.version(), rowsAndLatest[0], latest, freshness, stats);
    }

    // ---------------------------------------------------------------- lifecycle

    /** Closes the online store, the offline store, the registry and the Arrow allocator, in that order. */
    @Override
    public void close() {
        RuntimeException failure = null;
        for (AutoCloseable c : new AutoCloseable[] {online, offline, registry, allocator}) {
            try {
                c.close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = e instanceof RuntimeException re ? re : new IllegalStateException(e);
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** Configures a {@link FeatureStore}. Not thread-safe. */
    public static final class Builder {

        private FeatureRegistry registry;
        private OnlineStore online;
        private OfflineStore offline;
        private InstantSource clock;
        private LineageStore lineage;
        private long allocatorLimit = Long.MAX_VALUE;
        private Duration registryCacheTtl = Duration.ofSeconds(30);

        private Builder() {}

        /** Where definitions live (default: in memory). */
        public Builder registry(FeatureRegistry value) {
            this.registry = Objects.requireNonNull(value, "registry");
            return this;
        }

        /** Where serving values live (default: in memory). */
        public Builder onlineStore(OnlineStore value) {
            this.online = Objects.requireNonNull(value, "onlineStore");
            return this;
        }

        /** Where history lives (default: in memory). */
        public Builder offlineStore(OfflineStore value) {
            this.offline = Objects.requireNonNull(value, "offlineStore");
            return this;
        }

        /** The clock for creation times, max age, freshness and incremental materialization. */
        public Builder clock(InstantSource value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /** Where training sets are recorded with their content digest (default: nowhere). */
        public Builder lineage(LineageStore value) {
            this.lineage = Objects.requireNonNull(value, "lineage");
            return this;
        }

        /** The most Arrow memory all open training sets may hold together, in bytes. */
        public Builder allocatorLimit(long bytes) {
            if (bytes <= 0) {
                throw new InvalidArgumentException("allocatorLimit", "must be positive, got " + bytes);
            }
            this.allocatorLimit = bytes;
            return this;
        }

        /** How long resolved feature references are reused before the registry is read again (default 30 s). */
        public Builder registryCacheTtl(Duration value) {
            if (value == null || value.isNegative() || value.isZero()) {
                throw new InvalidArgumentException("registryCacheTtl", "must be positive, got " + value);
            }
            this.registryCacheTtl = value;
            return this;
        }

        /** The store. */
        public FeatureStore build() {
            if (registry == null) {
                registry = FeatureRegistry.inMemory();
            }
            if (online == null) {
                online = OnlineStore.inMemory();
            }
            if (offline == null) {
                offline = OfflineStore.inMemory();
            }
            if (clock == null) {
                clock = InstantSource.system();
            }
            return new FeatureStore(this);
        }
    }
}
