package dev.mlops.featurestore.arrow;

import dev.mlops.core.StorageException;
import dev.mlops.core.ValueType;
import dev.mlops.featurestore.ViewSelection;
import dev.mlops.featurestore.internal.ArrowColumns;
import dev.mlops.featurestore.internal.JoinColumns;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * One view's point-in-time join against its parts, as merges of sorted runs.
 *
 * <p>The entity rows are sorted by (key, time) once; a row's rank in that order is its
 * "position". Parts are visited newest day first. A position enters the merge at the newest day
 * that can hold a row at or before its time, and leaves it once it has a winner (a row of a later
 * day beats every row of an earlier one) or its TTL window ends within the day. The open positions
 * travel from day to day as a compact run (position, key, time) in position order, so a day costs
 * time in proportion to its open positions and rows, not to all entity rows. Each part of the day
 * is merged in one forward pass against the run, as its rows are in (key, event, created) order;
 * then the winners found that day, final from then on, get their values copied from the day's
 * value files into the output.
 *
 * <p><b>Threads.</b> The positions are split into as many contiguous ranges (of the key order) as
 * {@link JoinThreads#parallelism()}; each range is merged by its own task, touching only its own
 * positions, the part rows of its key range and the output rows of its entity rows. A part's keys
 * and values are read once, by the first task that needs them, shared read-only, and dropped when
 * every task is past them. Validity bits (several rows share a byte) and variable-width values are
 * staged per row and written on the calling thread at the end. A position's winner depends only on
 * its own key's rows, so the result is the same for every split, and the same as with one thread.
 * Instances serve one join.
 */
final class MergeJoin {

    /** A part's keys, event and creation times, on the heap, in the part's row order. */
    record PartKeys(SortKeys keys, long[] event, long[] created) {}

    /** Reads the files of the parts being joined. Called from several threads at once. */
    interface PartFiles {
        /** The part's keys and times. */
        PartKeys keys(Manifest.Part part);

        /** The part's value file, loaded; closing it releases its memory. */
        Values values(Manifest.Part part);
    }

    /** A part's loaded feature columns. */
    interface Values extends AutoCloseable {
        /** The columns. */
        VectorSchemaRoot root();

        @Override
        void close();
    }

    /** Fewer entity rows than this per task are not worth a thread. */
    static final int MIN_ROWS_PER_TASK = 1024;

    private final List<Manifest.Part> parts;
    private final PartFiles files;
    private final JoinThreads threads;
    private final long ttl;
    /** The distinct days of the parts, newest first; the parts of day k are parts[dayFirstPart[k], dayFirstPart[k + 1]). */
    private final long[] days;
    private final int[] dayFirstPart;
    private final SortKeys entityKeys;
    private final long[] timestamps;
    private final int[] order;
    private final ViewSelection selection;
    private final FieldVector[] targets;
    /** Per fixed-width output column, one byte per row: 1 when a value was copied; null for staged columns. */
    private final byte[][] valid;
    /** Per other output column, the values of every row, written last; null for fixed-width columns. */
    private final Object[][] staged;

    /**
     * @param parts the parts that may hold winners
     * @param entityKeys the entity rows' keys, in input order
     * @param timestamps the entity rows' times, in input order
     * @param order the entity rows sorted by (key, time)
     * @param out the output, with the selection's columns from {@code firstColumn} on
     */
    MergeJoin(List<Manifest.Part> parts, PartFiles files, JoinThreads threads, long ttl, SortKeys entityKeys,
            long[] timestamps, int[] order, ViewSelection selection, VectorSchemaRoot out, int firstColumn) {
        List<Manifest.Part> byDay = new ArrayList<>(parts);
        byDay.sort((a, b) -> Long.compare(b.day(), a.day()));
        this.parts = byDay;
        this.files = files;
        this.threads = threads;
        this.ttl = ttl;
        long[] distinct = new long[byDay.size()];
        int[] first = new int[byDay.size() + 1];
        int d = 0;
        for (int p = 0; p < byDay.size(); p++) {
            if (d == 0 || byDay.get(p).day() != distinct[d - 1]) {
                distinct[d] = byDay.get(p).day();
                first[d++] = p;
            }
        }
        first[d] = byDay.size();
        this.days = Arrays.copyOf(distinct, d);
        this.dayFirstPart = Arrays.copyOf(first, d + 1);
        this.entityKeys = entityKeys;
        this.timestamps = timestamps;
        this.order = order;
        this.selection = selection;
        int features = selection.features().size();
        this.targets = new FieldVector[features];
        this.valid = new byte[features][];
        this.staged = new Object[features][];
        for (int f = 0; f < features; f++) {
            targets[f] = out.getVector(firstColumn + f);
            if (isDirect(targets[f])) {
                valid[f] = new byte[order.length];
            } else {
                staged[f] = new Object[order.length];
            }
        }
    }

    /** Whether values of this output column are copied as bytes (fixed width, at least a byte wide). */
    private static boolean isDirect(FieldVector v) {
        return v instanceof BaseFixedWidthVector fixed && !(v instanceof BitVector) && fixed.getTypeWidth() > 0;
    }

    /** Finds every entity row's winner and fills the selection's output columns. */
    void run() {
        int n = order.length;
        int tasks = Math.max(1, Math.min(threads.parallelism(), n / MIN_ROWS_PER_TASK));
        SharedParts<PartKeys> keys = new SharedParts<>(parts.size(), tasks, p -> files.keys(parts.get(p)), k -> { });
        SharedParts<Values> values = new SharedParts<>(parts.size(), tasks, p -> files.values(parts.get(p)),
                Values::close);
        List<Runnable> ranges = new ArrayList<>();
        for (int r = 0; r < tasks; r++) {
            int from = (int) ((long) n * r / tasks);
            int to = (int) ((long) n * (r + 1) / tasks);
            ranges.add(() -> mergeRange(from, to, keys, values));
        }
        threads.runAll(ranges);
        for (int f = 0; f < targets.length; f++) {
            if (valid[f] != null) {
                setValidity(targets[f], valid[f]);
            } else {
                ValueType type = selection.view().feature(selection.features().get(f)).orElseThrow().type();
                for (int i = 0; i < n; i++) {
                    ArrowColumns.set(targets[f], i, type, staged[f][i]);
                }
            }
        }
    }

    /**
     * Open positions (or newcomers) in position order with their keys and times, compactly, so that
     * a day reads them in sequence.
     */
    private static final class Run {
        final int[] positions;
        final SortKeys keys;
        final long[] times;
        int count;

        Run(int capacity, SortKeys kind) {
            positions = new int[capacity];
            keys = kind.empty(capacity);
            times = new long[capacity];
        }

        void add(Run from, int c) {
            positions[count] = from.positions[c];
            from.keys.copy(c, keys, count);
            times[count++] = from.times[c];
        }

        /** Becomes the entries {@code i} of {@code a} with {@code keep[i]}, merged with {@code b[bFrom, bTo)}, in position order. */
        void mergeOf(Run a, boolean[] keep, Run b, int bFrom, int bTo) {
            count = 0;
            int j = bFrom;
            for (int i = 0; i < a.count; i++) {
                if (keep[i]) {
                    int position = a.positions[i];
                    while (j < bTo && b.positions[j] < position) {
                        add(b, j++);
                    }
                    add(a, i);
                }
            }
            while (j < bTo) {
                add(b, j++);
            }
        }
    }

    /**
     * The winners of the positions of one day's run: while merging, by index in the run; then,
     * {@link #settle settled}, as a list of (part, part row, output row).
     */
    private static final class Winners {
        final boolean[] found;
        final long[] event;
        final long[] created;
        final int[] part;
        final int[] row;
        final int[] listPart;
        final int[] listRow;
        final int[] listOut;
        int count;

        Winners(int capacity) {
            found = new boolean[capacity];
            event = new long[capacity];
            created = new long[capacity];
            part = new int[capacity];
            row = new int[capacity];
            listPart = new int[capacity];
            listRow = new int[capacity];
            listOut = new int[capacity];
        }

        /** Whether a listed winner is in part {@code p}. */
        boolean in(int p) {
            for (int w = 0; w < count; w++) {
                if (listPart[w] == p) {
                    return true;
                }
            }
            return false;
        }
    }

    // ------------------------------------------------------------------ merging

    /** Joins positions {@code [from, to)}: merges them against every day they need, copies their values. */
    private void mergeRange(int from, int to, SharedParts<PartKeys> keys, SharedParts<Values> values) {
        int d = days.length;
        int len = to - from;
        // Newcomers, grouped by the index of the newest day that can serve them (d: none can), each
        // group in position order.
        int[] entry = new int[len];
        int[] start = new int[d + 2];
        for (int q = from; q < to; q++) {
            int k = firstDayAtOrBefore(Math.floorDiv(timestamps[order[q]], ArrowFileOfflineStore.DAY_NANOS));
            entry[q - from] = k;
            start[k + 1]++;
        }
        for (int k = 0; k <= d; k++) {
            start[k + 1] += start[k];
        }
        Run fresh = new Run(len, entityKeys);
        int[] fill = Arrays.copyOf(start, d + 1);
        for (int q = from; q < to; q++) {
            int at = fill[entry[q - from]]++;
            int i = order[q];
            fresh.positions[at] = q;
            entityKeys.copy(i, fresh.keys, at);
            fresh.times[at] = timestamps[i];
        }
        Run today = new Run(len, entityKeys);
        Run before = new Run(len, entityKeys);
        boolean[] stillOpen = new boolean[len]; // by index in the day before's run
        int openCount = 0;
        Winners winners = new Winners(len);
        int keysReleased = 0;
        int valuesReleased = 0;
        try {
            for (int k = 0; k < d; k++) {
                if (openCount == 0 && start[k] == start[d]) {
                    break; // nothing open, and no newcomers on this or any older day
                }
                Run swap = before;
                before = today;
                today = swap;
                today.mergeOf(before, stillOpen, fresh, start[k], start[k + 1]);
                openCount = 0;
                if (today.count == 0) {
                    continue;
                }
                for (int p = dayFirstPart[k]; p < dayFirstPart[k + 1]; p++) {
                    int part = p;
                    keysReleased = keys.releaseRange(keysReleased, p);
                    // While another task reads these keys, read this part's values (most likely needed).
                    mergePart(keys.get(p, () -> values.readAhead(part)), p, today, winners);
                    keysReleased = keys.releaseRange(keysReleased, p + 1);
                }
                long dayStart = days[k] * ArrowFileOfflineStore.DAY_NANOS;
                openCount = settle(today, winners, stillOpen, dayStart);
                for (int p = dayFirstPart[k]; p < dayFirstPart[k + 1]; p++) {
                    valuesReleased = values.releaseRange(valuesReleased, p);
                    if (winners.in(p)) {
                        // While another task reads these values, read the next day's first keys.
                        int next = dayFirstPart[k + 1];
                        copyValues(values.get(p, () -> keys.readAhead(next)), p, winners);
                    }
                    valuesReleased = values.releaseRange(valuesReleased, p + 1);
                }
            }
        } finally {
            keys.releaseRange(keysReleased, parts.size());
            values.releaseRange(valuesReleased, parts.size());
        }
    }

    /**
     * After a day's merge, in one pass over its run: lists the winners, in run order, with their
     * output rows, marks which positions stay open (no winner, and a TTL window reaching back
     * before {@code dayStart}), and clears the found flags; returns how many positions stay open.
     */
    private int settle(Run run, Winners w, boolean[] stillOpen, long dayStart) {
        int open = 0;
        w.count = 0;
        for (int c = 0; c < run.count; c++) {
            boolean found = w.found[c];
            w.found[c] = false; // ready for the next day's run
            if (found) {
                w.listPart[w.count] = w.part[c];
                w.listRow[w.count] = w.row[c];
                w.listOut[w.count++] = order[run.positions[c]];
            }
            boolean stays = !found && JoinColumns.lowerBound(run.times[c], ttl) < dayStart;
            stillOpen[c] = stays;
            open += stays ? 1 : 0;
        }
        return open;
    }

    /** The index of the newest day on or before {@code day}, or {@code days.length} when there is none. */
    private int firstDayAtOrBefore(long day) {
        int lo = 0;
        int hi = days.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (days[mid] <= day) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }

    /**
     * One forward pass over a part sorted by (key, event, created) and a run sorted by (key, time):
     * {@code p} is the count of part rows at or before the current position in (key, event) order,
     * so row {@code p - 1}, when it has the same key, is the part's latest row at or before the
     * entity time, and of equal event times the latest created.
     */
    private void mergePart(PartKeys pk, int partIndex, Run run, Winners w) {
        SortKeys partKeys = pk.keys();
        long[] event = pk.event();
        long[] created = pk.created();
        int m = event.length;
        int p = firstRowWithKeyAtLeast(partKeys, run.keys);
        for (int c = 0; c < run.count; c++) {
            long t = run.times[c];
            while (p < m) {
                int cmp = partKeys.compare(p, run.keys, c);
                if (cmp < 0 || cmp == 0 && event[p] <= t) {
                    p++;
                } else {
                    break;
                }
            }
            int j = p - 1;
            if (j >= 0 && event[j] >= JoinColumns.lowerBound(t, ttl) && partKeys.compare(j, run.keys, c) == 0) {
                long e = event[j];
                long cr = created[j];
                if (!w.found[c] || e > w.event[c] || e == w.event[c] && cr >= w.created[c]) {
                    w.found[c] = true;
                    w.event[c] = e;
                    w.created[c] = cr;
                    w.part[c] = partIndex;
                    w.row[c] = j;
                }
            }
        }
    }

    /** The first row of a part whose key is not below the run's first key. */
    private static int firstRowWithKeyAtLeast(SortKeys partKeys, SortKeys runKeys) {
        int lo = 0;
        int hi = partKeys.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (partKeys.compare(mid, runKeys, 0) < 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    // ------------------------------------------------------------------ copying

    /**
     * Copies the values of the run's winners in part {@code part}. Fixed-width values go straight
     * into the output's data buffer (each task writes its own rows), their validity into a byte per
     * row; other values (strings, bytes, lists, booleans) are staged as objects.
     */
    private void copyValues(Values values, int part, Winners w) {
        for (int f = 0; f < targets.length; f++) {
            String name = selection.features().get(f);
            FieldVector source = values.root().getVector(name);
            if (source == null) {
                continue; // a part written before the feature existed: null
            }
            if (valid[f] != null) {
                if (source.getClass() != targets[f].getClass()) {
                    throw new StorageException("feature '" + name + "' of " + parts.get(part).valuesFile() + " is "
                            + source.getField().getType() + ", expected " + targets[f].getField().getType());
                }
                copyFixedWidth(source, (BaseFixedWidthVector) targets[f], valid[f], part, w);
            } else {
                ValueType type = selection.view().feature(name).orElseThrow().type();
                for (int k = 0; k < w.count; k++) {
                    if (w.listPart[k] == part) {
                        staged[f][w.listOut[k]] = ArrowColumns.get(source, w.listRow[k], type);
                    }
                }
            }
        }
    }

    private static void copyFixedWidth(FieldVector source, BaseFixedWidthVector target, byte[] ok, int part,
            Winners w) {
        int width = target.getTypeWidth();
        ArrowBuf src = source.getDataBuffer();
        ArrowBuf dst = target.getDataBuffer();
        boolean nulls = source.getNullCount() > 0;
        for (int k = 0; k < w.count; k++) {
            if (w.listPart[k] == part) {
                int j = w.listRow[k];
                if (!nulls || !source.isNull(j)) {
                    int i = w.listOut[k];
                    if (width == Long.BYTES) {
                        dst.setLong((long) i * Long.BYTES, src.getLong((long) j * Long.BYTES));
                    } else {
                        dst.setBytes((long) i * width, src, (long) j * width, width);
                    }
                    ok[i] = 1;
                }
            }
        }
    }

    /** Sets the validity bits of {@code target} from one byte per row, eight rows a write. */
    private static void setValidity(FieldVector target, byte[] valid) {
        ArrowBuf bits = target.getValidityBuffer();
        int n = valid.length;
        for (int b = 0; b * 8 < n; b++) {
            int value = 0;
            for (int bit = 0; bit < 8 && b * 8 + bit < n; bit++) {
                value |= valid[b * 8 + bit] << bit;
            }
            bits.setByte(b, value);
        }
    }
}
