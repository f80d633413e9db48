package dev.mlops.featurestore.memory;

import dev.mlops.featurestore.EntityKey;
import dev.mlops.featurestore.FeatureRow;
import dev.mlops.featurestore.FeatureView;
import dev.mlops.featurestore.OnlineStore;
import dev.mlops.featurestore.internal.CompactRow;
import dev.mlops.featurestore.internal.ViewId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An {@link OnlineStore} in a {@link ConcurrentHashMap} per view version: the fastest store for a
 * single process, and the reference the conformance suite is proven on first.
 *
 * <p>Thread-safe and lock-free for readers; each key's guarded replacement is atomic
 * ({@link ConcurrentHashMap#merge}), so readers see each key's rows in supersession order. A read of
 * one key ({@link #read(FeatureView, EntityKey)}) builds no lists: it is one map lookup. Data is lost
 * on exit. {@link #close()} drops everything; the store is not used after it.
 */
public final class InMemoryOnlineStore implements OnlineStore {

    private final Map<ViewId, ConcurrentHashMap<EntityKey, FeatureRow>> tables = new ConcurrentHashMap<>();

    /** An empty store. */
    public InMemoryOnlineStore() {}

    @Override
    public void write(FeatureView view, List<FeatureRow> rows) {
        ConcurrentHashMap<EntityKey, FeatureRow> table = tables.computeIfAbsent(ViewId.of(view),
                id -> new ConcurrentHashMap<>());
        for (FeatureRow written : rows) {
            EntityKey key = written.key();
            // The row is stored as a copy whose parts (times, value array) are allocated one after the
            // other, and a key seen for the first time as a copy made just before the map allocates its
            // entry: a lookup then finds entry, key, row, times and values in neighbouring memory
            // instead of wherever validation happened to make each of them.
            FeatureRow row = CompactRow.copyOf(written);
            if (table.get(key) == null && table.putIfAbsent(EntityKey.of(key.values()), row) == null) {
                continue;
            }
            table.merge(key, row, (stored, incoming) -> incoming.supersedes(stored) ? incoming : stored);
        }
    }

    @Override
    public List<Optional<FeatureRow>> read(FeatureView view, List<EntityKey> keys) {
        ConcurrentHashMap<EntityKey, FeatureRow> table = table(view);
        if (keys.size() == 1) {
            return List.of(read(table, keys.get(0)));
        }
        List<Optional<FeatureRow>> out = new ArrayList<>(keys.size());
        for (EntityKey key : keys) {
            out.add(Optional.ofNullable(table == null ? null : table.get(key)));
        }
        return out;
    }

    @Override
    public Optional<FeatureRow> read(FeatureView view, EntityKey key) {
        return read(table(view), key);
    }

    private static Optional<FeatureRow> read(ConcurrentHashMap<EntityKey, FeatureRow> table, EntityKey key) {
        return Optional.ofNullable(table == null ? null : table.get(key));
    }

    private ConcurrentHashMap<EntityKey, FeatureRow> table(FeatureView view) {
        return tables.get(ViewId.of(view));
    }

    @Override
    public void close() {
        tables.values().forEach(ConcurrentHashMap::clear);
        tables.clear();
    }
}
