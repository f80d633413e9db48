package dev.mlops.featurestore.memory;

import dev.mlops.featurestore.EntityKey;
import dev.mlops.featurestore.FeatureRow;
import dev.mlops.featurestore.FeatureView;
import dev.mlops.featurestore.OnlineStore;
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
 * ({@link ConcurrentHashMap#merge}), so readers see each key's rows in supersession order. Data is
 * lost on exit. {@link #close()} drops everything.
 */
public final class InMemoryOnlineStore implements OnlineStore {

    private final Map<ViewId, ConcurrentHashMap<EntityKey, FeatureRow>> tables = new ConcurrentHashMap<>();

    /** An empty store. */
    public InMemoryOnlineStore() {}

    @Override
    public void write(FeatureView view, List<FeatureRow> rows) {
        ConcurrentHashMap<EntityKey, FeatureRow> table = tables.computeIfAbsent(ViewId.of(view),
                id -> new ConcurrentHashMap<>());
        for (FeatureRow row : rows) {
            table.merge(row.key(), row, (stored, incoming) -> incoming.supersedes(stored) ? incoming : stored);
        }
    }

    @Override
    public List<Optional<FeatureRow>> read(FeatureView view, List<EntityKey> keys) {
        ConcurrentHashMap<EntityKey, FeatureRow> table = tables.get(ViewId.of(view));
        if (keys.size() == 1) {
            return List.of(Optional.ofNullable(table == null ? null : table.get(keys.get(0))));
        }
        List<Optional<FeatureRow>> out = new ArrayList<>(keys.size());
        for (EntityKey key : keys) {
            out.add(Optional.ofNullable(table == null ? null : table.get(key)));
        }
        return out;
    }

    @Override
    public void close() {
        tables.clear();
    }
}
