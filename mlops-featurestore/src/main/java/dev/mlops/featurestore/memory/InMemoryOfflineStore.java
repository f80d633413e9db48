package dev.mlops.featurestore.memory;

import dev.mlops.featurestore.EntityKey;
import dev.mlops.featurestore.FeatureRow;
import dev.mlops.featurestore.FeatureView;
import dev.mlops.featurestore.OfflineStore;
import dev.mlops.featurestore.ViewSelection;
import dev.mlops.featurestore.internal.ArrowColumns;
import dev.mlops.featurestore.internal.JoinColumns;
import dev.mlops.featurestore.internal.Timestamps;
import dev.mlops.featurestore.internal.ViewId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * An {@link OfflineStore} in memory: each key's rows kept sorted by event and creation time, so a
 * point-in-time lookup is a binary search. For tests, notebooks and small data; the reference the
 * conformance suite is proven on first.
 *
 * <p>Thread-safe: appends to a view are atomic and exclude readers of that view only. Of two rows
 * with equal event and creation times, the one appended later wins. Data is lost on exit;
 * {@link #close()} drops everything.
 */
public final class InMemoryOfflineStore implements OfflineStore {

    private final Map<ViewId, Table> tables = new ConcurrentHashMap<>();

    /** An empty store. */
    public InMemoryOfflineStore() {}

    @Override
    public void append(FeatureView view, List<FeatureRow> rows) {
        Table table = tables.computeIfAbsent(ViewId.of(view), id -> new Table());
        table.lock.writeLock().lock();
        try {
            for (FeatureRow row : rows) {
                table.histories.computeIfAbsent(row.key(), k -> new History()).add(row);
            }
        } finally {
            table.lock.writeLock().unlock();
        }
    }

    @Override
    public void latestPerKey(FeatureView view, Instant start, Instant end, Consumer<FeatureRow> sink) {
        Table table = tables.get(ViewId.of(view));
        if (table == null) {
            return;
        }
        long from = Timestamps.toNanosSaturated(start);
        long to = Timestamps.toNanosSaturated(end);
        List<FeatureRow> out = new ArrayList<>();
        table.lock.readLock().lock();
        try {
            for (History h : table.histories.values()) {
                int i = h.lastAtOrBefore(to);
                if (i >= 0 && h.events[i] >= from) {
                    out.add(h.rows[i]);
                }
            }
        } finally {
            table.lock.readLock().unlock();
        }
        out.forEach(sink);
    }

    @Override
    public void scan(FeatureView view, Consumer<FeatureRow> sink) {
        Table table = tables.get(ViewId.of(view));
        if (table == null) {
            return;
        }
        List<FeatureRow> out = new ArrayList<>();
        table.lock.readLock().lock();
        try {
            for (History h : table.histories.values()) {
                out.addAll(Arrays.asList(h.rows).subList(0, h.size));
            }
        } finally {
            table.lock.readLock().unlock();
        }
        out.forEach(sink);
    }

    @Override
    public VectorSchemaRoot pointInTimeJoin(VectorSchemaRoot entityRows, List<ViewSelection> selections,
            BufferAllocator allocator) {
        return JoinColumns.join(entityRows, selections, allocator, this::fill);
    }

    private void fill(ViewSelection selection, FieldVector[] keys, long[] timestamps, VectorSchemaRoot out,
            int firstColumn) {
        FeatureView view = selection.view();
        Table table = tables.get(ViewId.of(view));
        if (table == null) {
            return;
        }
        long ttl = JoinColumns.ttlNanos(view);
        int[] featureIndexes = selection.features().stream().mapToInt(view::featureIndex).toArray();
        Map<EntityKey, History> histories = new HashMap<>();
        table.lock.readLock().lock();
        try {
            for (int row = 0; row < timestamps.length; row++) {
                EntityKey key = JoinColumns.key(keys, row);
                History h = histories.computeIfAbsent(key, table.histories::get);
                if (h == null) {
                    continue;
                }
                long ts = timestamps[row];
                int i = h.lastAtOrBefore(ts);
                if (i < 0 || h.events[i] < JoinColumns.lowerBound(ts, ttl)) {
                    continue;
                }
                FeatureRow winner = h.rows[i];
                for (int f = 0; f < featureIndexes.length; f++) {
                    ArrowColumns.set(out.getVector(firstColumn + f), row,
                            view.features().get(featureIndexes[f]).type(), winner.value(featureIndexes[f]));
                }
            }
        } finally {
            table.lock.readLock().unlock();
        }
    }

    @Override
    public void close() {
        tables.clear();
    }

    private static final class Table {
        final ReadWriteLock lock = new ReentrantReadWriteLock();
        final Map<EntityKey, History> histories = new HashMap<>();
    }

    /** One key's rows sorted by (event, created), ties in append order. */
    private static final class History {
        long[] events = new long[2];
        long[] created = new long[2];
        FeatureRow[] rows = new FeatureRow[2];
        int size;

        void add(FeatureRow row) {
            long e = Timestamps.toNanos(row.eventTimestamp());
            long c = Timestamps.toNanos(row.createdTimestamp());
            if (size == rows.length) {
                events = Arrays.copyOf(events, size * 2);
                created = Arrays.copyOf(created, size * 2);
                rows = Arrays.copyOf(rows, size * 2);
            }
            int at = size;
            while (at > 0 && (events[at - 1] > e || events[at - 1] == e && created[at - 1] > c)) {
                at--;
            }
            System.arraycopy(events, at, events, at + 1, size - at);
            System.arraycopy(created, at, created, at + 1, size - at);
            System.arraycopy(rows, at, rows, at + 1, size - at);
            events[at] = e;
            created[at] = c;
            rows[at] = row;
            size++;
        }

        /** The index of the last row with event time at or before {@code ts}, or -1. */
        int lastAtOrBefore(long ts) {
            int lo = 0;
            int hi = size - 1;
            int found = -1;
            while (lo <= hi) {
                int mid = (lo + hi) >>> 1;
                if (events[mid] <= ts) {
                    found = mid;
                    lo = mid + 1;
                } else {
                    hi = mid - 1;
                }
            }
            return found;
        }
    }
}
