package dev.mlops.featurestore.arrow;

import dev.mlops.core.Field;
import dev.mlops.core.InvalidArgumentException;
import dev.mlops.core.StorageException;
import dev.mlops.core.ValueType;
import dev.mlops.featurestore.FeatureRow;
import dev.mlops.featurestore.FeatureView;
import dev.mlops.featurestore.OfflineStore;
import dev.mlops.featurestore.ViewSelection;
import dev.mlops.featurestore.internal.ArrowBatches;
import dev.mlops.featurestore.internal.ArrowColumns;
import dev.mlops.featurestore.internal.JoinColumns;
import dev.mlops.featurestore.internal.Timestamps;
import dev.mlops.featurestore.internal.ViewId;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.TimeStampNanoTZVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowFileReader;
import org.apache.arrow.vector.ipc.ArrowFileWriter;

/**
 * An {@link OfflineStore} in Arrow IPC files on a local file system, laid out so that a
 * point-in-time join merges sorted runs instead of sorting or hashing the feature data.
 *
 * <p><b>Layout.</b> {@code <dir>/<view>/v<version>/} holds a {@code manifest.json} and parts. A
 * part holds the rows of one UTC day of event time, sorted by entity key, event time and creation
 * time, in two files of the same row order: {@code part-N.keys.arrow} (join keys, event and
 * creation times) and {@code part-N.values.arrow} (the features). An append sorts its rows once and
 * writes one part per day it touches; when a day has {@link Builder#compactAfter} parts they are
 * merged into one. Files are written beside their final name and renamed into place; a part is
 * visible once the manifest naming it replaced the old one, so appends and compactions are all or
 * nothing, and a crash leaves at worst unreferenced files.
 *
 * <p><b>Join.</b> The entity rows are sorted by key and time once per view. Parts are visited
 * newest day first; an entity row enters at the newest day that can hold a row at or before its
 * time and leaves once it has a winner (a later day's row beats any earlier day's) or its TTL
 * window is behind it, so a day costs time in proportion to its rows and the entity rows still
 * open, not to all entity rows. Each part's key file is merged against the open rows in one forward
 * pass; the winners' feature values are then copied from the day's value files. Memory: the entity
 * rows' keys, times and bookkeeping, plus the files of about one day per join thread.
 *
 * <p><b>Lifecycle and threads.</b> One process owns a directory at a time (a lock file enforces
 * it). Thread-safe: appends to a view are serialized and exclude readers of that view. A join runs
 * on its caller, or, with {@link Builder#joinThreads} above one, is split by ranges of entity keys
 * between the caller and a fixed pool of threads the store owns; the result is the same either
 * way. The store owns an Arrow allocator for reading files; {@link #close()} stops the pool and
 * releases the allocator and the directory lock.
 */
public final class ArrowFileOfflineStore implements OfflineStore {

    static final long DAY_NANOS = 86_400_000_000_000L;

    private final Path root;
    private final BufferAllocator allocator;
    private final int compactAfter;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final Map<ViewId, ViewData> views = new ConcurrentHashMap<>();
    private final JoinThreads threads;

    private static final class ViewData {
        final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
        final Manifest manifest;

        ViewData(Manifest manifest) {
            this.manifest = manifest;
        }
    }

    private ArrowFileOfflineStore(Builder b) {
        this.root = b.dir.toAbsolutePath();
        this.compactAfter = b.compactAfter;
        try {
            Files.createDirectories(root);
            this.lockChannel = FileChannel.open(root.resolve(".lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new StorageException("could not open the offline store directory " + root + ": " + e.getMessage(), e);
        }
        FileLock acquired;
        try {
            acquired = lockChannel.tryLock();
        } catch (IOException | OverlappingFileLockException e) {
            acquired = null;
        }
        if (acquired == null) {
            closeQuietly(lockChannel);
            throw new StorageException("the offline store directory " + root + " is in use by another store");
        }
        this.lock = acquired;
        this.allocator = new RootAllocator(b.allocatorLimit);
        this.threads = new JoinThreads(b.joinThreads);
    }

    /** A store in {@code dir} with default settings; the directory is created if needed. */
    public static ArrowFileOfflineStore open(Path dir) {
        return builder(dir).build();
    }

    /** A builder for a store in {@code dir}. */
    public static Builder builder(Path dir) {
        return new Builder(dir);
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception ignored) {
            // already failing; the first error is the one reported
        }
    }

    private Path viewDir(FeatureView view) {
        return root.resolve(view.name()).resolve("v" + view.version());
    }

    /** The view's data, created on first write; empty for a view never written. */
    private ViewData data(FeatureView view, boolean create) {
        ViewId id = ViewId.of(view);
        ViewData d = views.get(id);
        if (d != null) {
            return d;
        }
        Path dir = viewDir(view);
        if (!create && !Files.exists(dir.resolve(Manifest.FILE))) {
            return null;
        }
        return views.computeIfAbsent(id, k -> {
            try {
                Files.createDirectories(dir);
            } catch (IOException e) {
                throw new StorageException("could not create " + dir + ": " + e.getMessage(), e);
            }
            return new ViewData(Manifest.load(dir));
        });
    }

    // ------------------------------------------------------------------ appends

    @Override
    public void append(FeatureView view, List<FeatureRow> rows) {
        if (rows.isEmpty()) {
            return;
        }
        try (VectorSchemaRoot batch = toBatch(view, rows)) {
            appendValidated(view, batch, null);
        }
    }

    @Override
    public void appendArrow(FeatureView view, VectorSchemaRoot batch, Instant defaultCreated) {
        Objects.requireNonNull(defaultCreated, "defaultCreated");
        ArrowBatches.validate(view, batch);
        if (batch.getRowCount() > 0) {
            appendValidated(view, batch, defaultCreated);
        }
    }

    private VectorSchemaRoot toBatch(FeatureView view, List<FeatureRow> rows) {
        List<FieldVector> vectors = new ArrayList<>();
        for (Field f : view.schema().fields()) {
            FieldVector v = ArrowColumns.newVector(f.name(), f.type(), allocator);
            vectors.add(v);
            v.setInitialCapacity(rows.size());
            v.allocateNew();
        }
        VectorSchemaRoot batch = new VectorSchemaRoot(vectors);
        try {
            int keys = view.joinKeys().size();
            for (int i = 0; i < rows.size(); i++) {
                FeatureRow r = rows.get(i);
                for (int k = 0; k < keys; k++) {
                    ArrowColumns.set(vectors.get(k), i, view.joinKeys().get(k).type(), r.key().get(k));
                }
                ((TimeStampNanoTZVector) vectors.get(keys)).setSafe(i, Timestamps.toNanos(r.eventTimestamp()));
                ((TimeStampNanoTZVector) vectors.get(keys + 1)).setSafe(i, Timestamps.toNanos(r.createdTimestamp()));
                for (int f = 0; f < view.features().size(); f++) {
                    ArrowColumns.set(vectors.get(keys + 2 + f), i, view.features().get(f).type(), r.value(f));
                }
            }
            batch.setRowCount(rows.size());
            return batch;
        } catch (RuntimeException e) {
            batch.close();
            throw e;
        }
    }

    /** Sorts a validated batch by (day, key, event, created) and writes one part per day. */
    private void appendValidated(FeatureView view, VectorSchemaRoot batch, Instant defaultCreated) {
        int n = batch.getRowCount();
        long[] event = nanos(batch.getVector(FeatureView.EVENT_TIMESTAMP), n, 0);
        long fallback = defaultCreated == null ? 0 : Timestamps.toNanos(defaultCreated);
        FieldVector createdVector = batch.getVector(FeatureView.CREATED_TIMESTAMP);
        long[] created = createdVector == null ? filled(n, fallback) : nanos(createdVector, n, fallback);
        SortKeys keys = SortKeys.of(view.joinKeys(), keyVectors(view, batch), n);
        int[] order;
        if (keys instanceof SortKeys.Longs longs) {
            long[] day = new long[n];
            for (int i = 0; i < n; i++) {
                day[i] = Math.floorDiv(event[i], DAY_NANOS);
            }
            order = IntSort.sortedByLongs(day, longs.values, event, created);
        } else {
            order = IntSort.sortedIndexes(n, (a, b) -> {
                int c = Long.compare(Math.floorDiv(event[a], DAY_NANOS), Math.floorDiv(event[b], DAY_NANOS));
                if (c == 0) {
                    c = keys.compare(a, keys, b);
                }
                if (c == 0) {
                    c = Long.compare(event[a], event[b]);
                }
                return c != 0 ? c : Long.compare(created[a], created[b]);
            });
        }
        ViewData data = data(view, true);
        data.lock.writeLock().lock();
        try {
            Manifest m = data.manifest;
            List<Manifest.Part> written = new ArrayList<>();
            long nextId = m.nextId;
            try {
                int from = 0;
                while (from < n) {
                    long day = Math.floorDiv(event[order[from]], DAY_NANOS);
                    int to = from;
                    while (to < n && Math.floorDiv(event[order[to]], DAY_NANOS) == day) {
                        to++;
                    }
                    written.add(writePart(view, m.dir, nextId++, day, batch, order, from, to, event, created));
                    from = to;
                }
                m.parts.addAll(written);
                m.nextId = nextId;
                m.save();
            } catch (RuntimeException e) {
                m.parts.removeAll(written);
                written.forEach(p -> deleteFiles(m.dir, p));
                throw e;
            }
            for (long day : written.stream().map(Manifest.Part::day).distinct().toList()) {
                if (m.parts.stream().filter(p -> p.day() == day).count() >= compactAfter) {
                    compactDay(view, m, day);
                }
            }
        } finally {
            data.lock.writeLock().unlock();
        }
    }

    private static long[] filled(int n, long value) {
        long[] out = new long[n];
        Arrays.fill(out, value);
        return out;
    }

    private static long[] nanos(FieldVector v, int n, long fallbackForNull) {
        long[] out = new long[n];
        if (n > 0) {
            v.getDataBuffer().nioBuffer(0, n * 8).order(ByteOrder.LITTLE_ENDIAN).asLongBuffer().get(out);
        }
        if (v.getNullCount() > 0) {
            for (int i = 0; i < n; i++) {
                if (v.isNull(i)) {
                    out[i] = fallbackForNull;
                }
            }
        }
        return out;
    }

    private static FieldVector[] keyVectors(FeatureView view, VectorSchemaRoot batch) {
        FieldVector[] out = new FieldVector[view.joinKeys().size()];
        for (int k = 0; k < out.length; k++) {
            out[k] = batch.getVector(view.joinKeys().get(k).name());
        }
        return out;
    }

    /** Writes rows {@code order[from..to)} of {@code batch} as one part. */
    private Manifest.Part writePart(FeatureView view, Path dir, long id, long day, VectorSchemaRoot batch, int[] order,
            int from, int to, long[] event, long[] created) {
        int rows = to - from;
        long minEvent = Long.MAX_VALUE;
        long maxEvent = Long.MIN_VALUE;
        Manifest.Part part;
        List<FieldVector> keyColumns = new ArrayList<>();
        List<FieldVector> valueColumns = new ArrayList<>();
        try {
            for (Field k : view.joinKeys()) {
                keyColumns.add(gather(batch.getVector(k.name()), ArrowColumns.field(k.name(), k.type(), false), order,
                        from, to));
            }
            TimeStampNanoTZVector e = (TimeStampNanoTZVector) ArrowColumns.newVector(FeatureView.EVENT_TIMESTAMP,
                    ValueType.TIMESTAMP, allocator);
            keyColumns.add(e);
            TimeStampNanoTZVector c = (TimeStampNanoTZVector) ArrowColumns.newVector(FeatureView.CREATED_TIMESTAMP,
                    ValueType.TIMESTAMP, allocator);
            keyColumns.add(c);
            e.allocateNew(rows);
            c.allocateNew(rows);
            for (int r = 0; r < rows; r++) {
                int i = order[from + r];
                e.set(r, event[i]);
                c.set(r, created[i]);
                minEvent = Math.min(minEvent, event[i]);
                maxEvent = Math.max(maxEvent, event[i]);
            }
            e.setValueCount(rows);
            c.setValueCount(rows);
            for (Field f : view.features()) {
                valueColumns.add(gather(batch.getVector(f.name()), ArrowColumns.field(f.name(), f.type(), true), order,
                        from, to));
            }
            part = new Manifest.Part(id, day, rows, minEvent, maxEvent);
            try (VectorSchemaRoot keysRoot = new VectorSchemaRoot(keyColumns);
                    VectorSchemaRoot valuesRoot = new VectorSchemaRoot(valueColumns)) {
                keyColumns.clear();
                valueColumns.clear();
                keysRoot.setRowCount(rows);
                valuesRoot.setRowCount(rows);
                writeFile(dir.resolve(part.keysFile()), keysRoot);
                writeFile(dir.resolve(part.valuesFile()), valuesRoot);
            }
        } finally {
            keyColumns.forEach(FieldVector::close);
            valueColumns.forEach(FieldVector::close);
        }
        return part;
    }

    /** A new vector of {@code field} holding {@code source[order[from..to)]}; all null when there is no source. */
    private FieldVector gather(FieldVector source, org.apache.arrow.vector.types.pojo.Field field, int[] order,
            int from, int to) {
        FieldVector out = field.createVector(allocator);
        try {
            out.setInitialCapacity(Math.max(1, to - from));
            out.allocateNew();
            if (source != null) {
                for (int r = 0; r < to - from; r++) {
                    out.copyFromSafe(order[from + r], r, source);
                }
            }
            out.setValueCount(to - from);
            return out;
        } catch (RuntimeException e) {
            out.close();
            throw e;
        }
    }

    private static void writeFile(Path target, VectorSchemaRoot data) {
        Path temp = target.resolveSibling(target.getFileName() + ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING);
                    ArrowFileWriter writer = new ArrowFileWriter(data, null, channel)) {
                writer.start();
                writer.writeBatch();
                writer.end();
            }
            Manifest.moveIntoPlace(temp, target);
        } catch (IOException e) {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException ignored) {
                // the write failed already
            }
            throw new StorageException("could not write " + target + ": " + e.getMessage(), e);
        }
    }

    private static void deleteFiles(Path dir, Manifest.Part p) {
        for (String f : new String[] {p.keysFile(), p.valuesFile()}) {
            try {
                Files.deleteIfExists(dir.resolve(f));
            } catch (IOException ignored) {
                // an unreferenced file is harmless
            }
        }
    }

    /** Merges every part of one day into one. Called with the view's write lock held. */
    private void compactDay(FeatureView view, Manifest m, long day) {
        List<Manifest.Part> parts = m.parts.stream().filter(p -> p.day() == day).toList();
        int total = parts.stream().mapToInt(Manifest.Part::rows).sum();
        List<FieldVector> vectors = new ArrayList<>();
        for (Field f : view.schema().fields()) {
            FieldVector v = ArrowColumns.newVector(f.name(), f.type(), allocator);
            vectors.add(v);
            v.setInitialCapacity(Math.max(1, total));
            v.allocateNew();
        }
        try (VectorSchemaRoot merged = new VectorSchemaRoot(vectors)) {
            int at = 0;
            for (Manifest.Part p : parts) {
                try (FileReader keys = new FileReader(m.dir.resolve(p.keysFile()));
                        FileReader values = new FileReader(m.dir.resolve(p.valuesFile()))) {
                    for (FieldVector target : vectors) {
                        FieldVector source = keys.root.getVector(target.getName());
                        if (source == null) {
                            source = values.root.getVector(target.getName());
                        }
                        for (int r = 0; r < p.rows(); r++) {
                            if (source == null) {
                                ArrowColumns.setNull(target, at + r);
                            } else {
                                target.copyFromSafe(r, at + r, source);
                            }
                        }
                    }
                }
                at += p.rows();
            }
            merged.setRowCount(total);
            long[] event = nanos(merged.getVector(FeatureView.EVENT_TIMESTAMP), total, 0);
            long[] created = nanos(merged.getVector(FeatureView.CREATED_TIMESTAMP), total, 0);
            SortKeys keys = SortKeys.of(view.joinKeys(), keyVectors(view, merged), total);
            int[] order = keys instanceof SortKeys.Longs longs ? IntSort.sortedByLongs(longs.values, event, created)
                    : IntSort.sortedIndexes(total, (a, b) -> {
                        int c = keys.compare(a, keys, b);
                        if (c == 0) {
                            c = Long.compare(event[a], event[b]);
                        }
                        return c != 0 ? c : Long.compare(created[a], created[b]);
                    });
            Manifest.Part compacted = writePart(view, m.dir, m.nextId, day, merged, order, 0, total, event, created);
            List<Manifest.Part> before = new ArrayList<>(m.parts);
            m.parts.removeAll(parts);
            m.parts.add(compacted);
            m.nextId++;
            try {
                m.save();
            } catch (RuntimeException e) {
                m.parts.clear();
                m.parts.addAll(before);
                deleteFiles(m.dir, compacted);
                throw e;
            }
            parts.forEach(p -> deleteFiles(m.dir, p));
        }
    }

    /** Merges every day's parts into one part per day. */
    public void compact(FeatureView view) {
        ViewData data = data(view, false);
        if (data == null) {
            return;
        }
        data.lock.writeLock().lock();
        try {
            for (long day : new TreeMap<>(partsByDay(data.manifest.parts)).keySet()) {
                if (partsByDay(data.manifest.parts).get(day).size() > 1) {
                    compactDay(view, data.manifest, day);
                }
            }
        } finally {
            data.lock.writeLock().unlock();
        }
    }

    private static Map<Long, List<Manifest.Part>> partsByDay(List<Manifest.Part> parts) {
        Map<Long, List<Manifest.Part>> out = new HashMap<>();
        parts.forEach(p -> out.computeIfAbsent(p.day(), d -> new ArrayList<>()).add(p));
        return out;
    }

    /** How many parts hold the view's rows (for tests and monitoring). */
    public int partCount(FeatureView view) {
        ViewData data = data(view, false);
        if (data == null) {
            return 0;
        }
        data.lock.readLock().lock();
        try {
            return data.manifest.parts.size();
        } finally {
            data.lock.readLock().unlock();
        }
    }

    // ------------------------------------------------------------------ reading

    /** One Arrow file, loaded; closing releases its memory. */
    private final class FileReader implements MergeJoin.Values {
        final ArrowFileReader reader;
        final VectorSchemaRoot root;

        FileReader(Path file) {
            ArrowFileReader opened = null;
            try {
                opened = new ArrowFileReader(FileChannel.open(file, StandardOpenOption.READ), allocator);
                if (!opened.loadNextBatch()) {
                    throw new StorageException("Arrow file " + file + " holds no batch");
                }
                this.reader = opened;
                this.root = opened.getVectorSchemaRoot();
            } catch (IOException | RuntimeException e) {
                if (opened != null) {
                    closeQuietly(opened);
                }
                throw e instanceof StorageException s ? s
                        : new StorageException("could not read " + file + ": " + e.getMessage(), e);
            }
        }

        @Override
        public VectorSchemaRoot root() {
            return root;
        }

        @Override
        public void close() {
            try {
                reader.close();
            } catch (IOException e) {
                throw new StorageException("could not close an Arrow file: " + e.getMessage(), e);
            }
        }
    }

    private MergeJoin.PartKeys readKeys(FeatureView view, Path dir, Manifest.Part p) {
        try (FileReader f = new FileReader(dir.resolve(p.keysFile()))) {
            int n = f.root.getRowCount();
            return new MergeJoin.PartKeys(SortKeys.of(view.joinKeys(), keyVectors(view, f.root), n),
                    nanos(f.root.getVector(FeatureView.EVENT_TIMESTAMP), n, 0),
                    nanos(f.root.getVector(FeatureView.CREATED_TIMESTAMP), n, 0));
        }
    }

    private List<Manifest.Part> visibleParts(ViewData data, long from, long to) {
        return data.manifest.parts.stream().filter(p -> p.overlaps(from, to)).toList();
    }

    @Override
    public void latestPerKey(FeatureView view, Instant start, Instant end, Consumer<FeatureRow> sink) {
        ViewData data = data(view, false);
        if (data == null) {
            return;
        }
        long from = Timestamps.toNanosSaturated(start);
        long to = Timestamps.toNanosSaturated(end);
        List<FeatureRow> out = new ArrayList<>();
        data.lock.readLock().lock();
        try {
            List<Manifest.Part> parts = visibleParts(data, from, to);
            Map<Object, long[]> best = new HashMap<>();
            for (int pi = 0; pi < parts.size(); pi++) {
                MergeJoin.PartKeys pk = readKeys(view, data.manifest.dir, parts.get(pi));
                for (int r = 0; r < pk.event().length; r++) {
                    long e = pk.event()[r];
                    if (e < from || e > to) {
                        continue;
                    }
                    long[] winner = best.get(pk.keys().identity(r));
                    if (winner == null) {
                        best.put(pk.keys().identity(r), new long[] {e, pk.created()[r], pi, r});
                    } else if (e > winner[0] || e == winner[0] && pk.created()[r] >= winner[1]) {
                        winner[0] = e;
                        winner[1] = pk.created()[r];
                        winner[2] = pi;
                        winner[3] = r;
                    }
                }
            }
            Map<Integer, List<Integer>> rowsByPart = new HashMap<>();
            for (long[] w : best.values()) {
                rowsByPart.computeIfAbsent((int) w[2], k -> new ArrayList<>()).add((int) w[3]);
            }
            for (Map.Entry<Integer, List<Integer>> e : rowsByPart.entrySet()) {
                readRows(view, data.manifest.dir, parts.get(e.getKey()), e.getValue(), out::add);
            }
        } finally {
            data.lock.readLock().unlock();
        }
        out.forEach(sink);
    }

    /** Reads the given rows of a part (all rows when {@code rows} is null) as feature rows. */
    private void readRows(FeatureView view, Path dir, Manifest.Part p, List<Integer> rows, Consumer<FeatureRow> sink) {
        try (FileReader keys = new FileReader(dir.resolve(p.keysFile()));
                FileReader values = new FileReader(dir.resolve(p.valuesFile()))) {
            List<FieldVector> columns = new ArrayList<>(keys.root.getFieldVectors());
            for (FieldVector v : values.root.getFieldVectors()) {
                if (view.featureIndex(v.getName()) >= 0) {
                    columns.add(v);
                }
            }
            VectorSchemaRoot both = new VectorSchemaRoot(columns);
            both.setRowCount(keys.root.getRowCount());
            List<FeatureRow> all = ArrowBatches.toRows(view, both, Instant.EPOCH);
            if (rows == null) {
                all.forEach(sink);
            } else {
                rows.forEach(r -> sink.accept(all.get(r)));
            }
        }
    }

    @Override
    public void scan(FeatureView view, Consumer<FeatureRow> sink) {
        ViewData data = data(view, false);
        if (data == null) {
            return;
        }
        List<FeatureRow> out = new ArrayList<>();
        data.lock.readLock().lock();
        try {
            for (Manifest.Part p : data.manifest.parts) {
                readRows(view, data.manifest.dir, p, null, out::add);
            }
        } finally {
            data.lock.readLock().unlock();
        }
        out.forEach(sink);
    }

    @Override
    public VectorSchemaRoot pointInTimeJoin(VectorSchemaRoot entityRows, List<ViewSelection> selections,
            BufferAllocator resultAllocator) {
        return JoinColumns.join(entityRows, selections, resultAllocator, this::joinView);
    }

    private void joinView(ViewSelection selection, FieldVector[] keyVectors, long[] ts, VectorSchemaRoot out,
            int firstColumn) {
        FeatureView view = selection.view();
        ViewData data = data(view, false);
        int n = ts.length;
        if (data == null || n == 0) {
            return;
        }
        long ttl = JoinColumns.ttlNanos(view);
        long minTs = Long.MAX_VALUE;
        long maxTs = Long.MIN_VALUE;
        for (long t : ts) {
            minTs = Math.min(minTs, t);
            maxTs = Math.max(maxTs, t);
        }
        SortKeys entityKeys = SortKeys.of(view.joinKeys(), keyVectors, n);
        int[] order = entityKeys instanceof SortKeys.Longs longs ? IntSort.sortedByKeyThenTime(longs.values, ts)
                : IntSort.sortedIndexes(n, (a, b) -> {
                    int c = entityKeys.compare(a, entityKeys, b);
                    return c != 0 ? c : Long.compare(ts[a], ts[b]);
                });
        data.lock.readLock().lock();
        try {
            List<Manifest.Part> parts = visibleParts(data, JoinColumns.lowerBound(minTs, ttl), maxTs);
            if (parts.isEmpty()) {
                return;
            }
            Path dir = data.manifest.dir;
            MergeJoin.PartFiles files = new MergeJoin.PartFiles() {
                @Override
                public MergeJoin.PartKeys keys(Manifest.Part part) {
                    return readKeys(view, dir, part);
                }

                @Override
                public MergeJoin.Values values(Manifest.Part part) {
                    return new FileReader(dir.resolve(part.valuesFile()));
                }
            };
            new MergeJoin(parts, files, threads, ttl, entityKeys, ts, order, selection, out, firstColumn).run();
        } finally {
            data.lock.readLock().unlock();
        }
    }

    /** Stops the join threads, releases the Arrow allocator and the directory lock. */
    @Override
    public void close() {
        views.clear();
        threads.close();
        try {
            allocator.close();
        } finally {
            try {
                lock.release();
            } catch (IOException ignored) {
                // the channel close below releases it too
            }
            closeQuietly(lockChannel);
        }
    }

    /** Configures an {@link ArrowFileOfflineStore}. Not thread-safe. */
    public static final class Builder {

        private final Path dir;
        private int compactAfter = 8;
        private long allocatorLimit = Long.MAX_VALUE;
        private int joinThreads = 1;

        private Builder(Path dir) {
            this.dir = Objects.requireNonNull(dir, "dir");
        }

        /** How many parts a day may collect before they are merged into one (default 8; at least 2). */
        public Builder compactAfter(int parts) {
            if (parts < 2) {
                throw new InvalidArgumentException("compactAfter", "must be at least 2, got " + parts);
            }
            this.compactAfter = parts;
            return this;
        }

        /** The most Arrow memory the store may hold while reading and writing, in bytes. */
        public Builder allocatorLimit(long bytes) {
            if (bytes <= 0) {
                throw new InvalidArgumentException("allocatorLimit", "must be positive, got " + bytes);
            }
            this.allocatorLimit = bytes;
            return this;
        }

        /**
         * How many threads a point-in-time join uses: the calling thread plus {@code threads - 1}
         * daemon threads of a fixed pool that the store owns, started by the first join and stopped
         * by {@link ArrowFileOfflineStore#close()} (default 1: joins run on the caller alone and no
         * thread is ever started). The result does not depend on it. Joins running at once share the
         * pool; a join whose share of the work no pool thread has picked up runs it on its caller.
         */
        public Builder joinThreads(int threads) {
            if (threads < 1) {
                throw new InvalidArgumentException("joinThreads", "must be at least 1, got " + threads);
            }
            this.joinThreads = threads;
            return this;
        }

        /** The store. */
        public ArrowFileOfflineStore build() {
            return new ArrowFileOfflineStore(this);
        }
    }
}
