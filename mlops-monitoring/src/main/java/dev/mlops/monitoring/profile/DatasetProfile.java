package dev.mlops.monitoring.profile;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mlops.core.Field;
import dev.mlops.core.InvalidArgumentException;
import dev.mlops.core.Json;
import dev.mlops.core.Schema;
import dev.mlops.monitoring.internal.profile.DeterministicKll;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.zip.CRC32C;
import org.apache.datasketches.frequencies.ItemsSketch;
import org.apache.datasketches.hll.HllSketch;

/**
 * A profile of a dataset: its schema, its row count, and one {@link ColumnProfile} per field in
 * schema order. The statistics whylogs keeps, computed so that profiles merge and compare.
 *
 * <p><b>Merging.</b> {@link #merge} gives the profile of the union of the rows behind both
 * profiles: counts, nulls, NaN and infinity counts, min and max exactly; mean and variance up to
 * floating-point rounding; quantile, distinct-count and frequent-item sketches within their error
 * bounds. Profiles of different schemas or sketch settings do not merge.
 *
 * <p><b>Bytes.</b> {@link #toBytes()} writes a versioned binary form: a header, the schema, the
 * configuration, per column the exact fields and each sketch in its own serialized form, and a
 * CRC-32C of everything before it. {@link #fromBytes} rejects corrupted, truncated or inconsistent
 * input with an {@link InvalidArgumentException}; it never returns a profile built from garbage.
 * {@link #toJson()} gives a readable summary (no sketches).
 *
 * <p><b>Determinism.</b> The same rows in the same order give byte-identical profiles, on every
 * run and JVM, and merging the same profiles in the same order gives identical bytes. (The quantile
 * sketch is DataSketches' KLL with a deterministic compaction coin, see the module README.)
 *
 * <p>Immutable and thread-safe.
 */
public final class DatasetProfile {

    /** The first four bytes of {@link #toBytes()}. */
    static final int MAGIC = 0x4D4C5046; // "MLPF"
    /** The binary format version written by this class. */
    public static final int FORMAT_VERSION = 1;
    private static final int MAX_SCHEMA_BYTES = 16 * 1024 * 1024;
    private static final ObjectMapper JSON = Json.newMapper();
    private static final double[] SUMMARY_RANKS = {0, 0.01, 0.05, 0.25, 0.5, 0.75, 0.95, 0.99, 1};
    private static final int SUMMARY_ITEMS = 20;

    private final Schema schema;
    private final ProfileConfig config;
    private final long rowCount;
    private final List<ColumnProfile> columns;
    private final Map<String, ColumnProfile> byName;

    DatasetProfile(Schema schema, ProfileConfig config, long rowCount, List<ColumnProfile> columns) {
        this.schema = schema;
        this.config = config;
        this.rowCount = rowCount;
        this.columns = List.copyOf(columns);
        Map<String, ColumnProfile> m = new LinkedHashMap<>();
        for (ColumnProfile c : this.columns) {
            m.put(c.name(), c);
        }
        this.byName = m;
    }

    /** The profile of no rows. */
    public static DatasetProfile empty(Schema schema, ProfileConfig config) {
        requireArgs(schema, config);
        List<ColumnProfile> cols = new ArrayList<>();
        for (Field f : schema.fields()) {
            cols.add(new ColumnAccumulator(f, config).snapshot());
        }
        return new DatasetProfile(schema, config, 0, cols);
    }

    static void requireArgs(Schema schema, ProfileConfig config) {
        if (schema == null) {
            throw new InvalidArgumentException("schema", "is null");
        }
        if (config == null) {
            throw new InvalidArgumentException("config", "is null");
        }
    }

    public Schema schema() {
        return schema;
    }

    public ProfileConfig config() {
        return config;
    }

    /** Rows profiled. */
    public long rowCount() {
        return rowCount;
    }

    /** Column profiles in schema order. */
    public List<ColumnProfile> columns() {
        return columns;
    }

    /** The named column's profile. */
    public Optional<ColumnProfile> column(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /**
     * The profile of the rows behind this profile and {@code other} together. Deterministic; not
     * commutative in its bytes (sketch layouts depend on the order), but equal in every exact field.
     *
     * @throws InvalidArgumentException when the schemas or the sketch settings differ, naming the
     *     first difference
     */
    public DatasetProfile merge(DatasetProfile other) {
        if (other == null) {
            throw new InvalidArgumentException("other", "is null");
        }
        requireSameSchema(schema, other.schema);
        if (!config.equals(other.config)) {
            throw new InvalidArgumentException("config", "cannot merge profiles made with different sketch settings: "
                    + config + " and " + other.config);
        }
        if (other.rowCount == 0) {
            return this;
        }
        if (rowCount == 0) {
            return other;
        }
        List<ColumnProfile> merged = new ArrayList<>(columns.size());
        for (int i = 0; i < columns.size(); i++) {
            merged.add(columns.get(i).merge(other.columns.get(i)));
        }
        return new DatasetProfile(schema, config, rowCount + other.rowCount, merged);
    }

    static void requireSameSchema(Schema a, Schema b) {
        if (a.equals(b)) {
            return;
        }
        for (Field f : a.fields()) {
            Optional<Field> g = b.field(f.name());
            if (g.isEmpty()) {
                throw new InvalidArgumentException(f.name(), "column is missing from the other profile's schema");
            }
            if (g.get().type() != f.type()) {
                throw new InvalidArgumentException(f.name(), "column is " + f.type().jsonName()
                        + " in one profile and " + g.get().type().jsonName() + " in the other");
            }
        }
        for (Field g : b.fields()) {
            if (a.field(g.name()).isEmpty()) {
                throw new InvalidArgumentException(g.name(), "column is only in the other profile's schema");
            }
        }
        throw new InvalidArgumentException("schema", "schemas differ in field order, nullability or non-finite"
                + " settings: " + a.names() + " vs " + b.names());
    }

    // ------------------------------------------------------------------------------------ bytes

    /** The versioned binary form described in the class documentation. */
    public byte[] toBytes() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(4096);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(MAGIC);
            out.writeShort(FORMAT_VERSION);
            out.writeInt(config.kllK());
            out.writeByte(config.hllLgK());
            out.writeByte(config.frequentItemsLgMaxMapSize());
            writeBlob(out, schema.toJson().getBytes(StandardCharsets.UTF_8));
            out.writeLong(rowCount);
            out.writeInt(columns.size());
            for (ColumnProfile c : columns) {
                for (long v : c.counts()) {
                    out.writeLong(v);
                }
                for (double v : c.stats()) {
                    out.writeDouble(v);
                }
                writeBlob(out, c.kllBytes());
                writeBlob(out, c.hllBytes());
                writeBlob(out, c.itemsBytes());
            }
            CRC32C crc = new CRC32C();
            crc.update(bytes.toByteArray());
            out.writeInt((int) crc.getValue());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static void writeBlob(DataOutputStream out, byte[] blob) throws IOException {
        if (blob == null) {
            out.writeInt(-1);
        } else {
            out.writeInt(blob.length);
            out.write(blob);
        }
    }

    /**
     * Reads {@link #toBytes()} output.
     *
     * @throws InvalidArgumentException (field {@code "profile"} or the column's name) when the bytes
     *     are truncated, corrupted, of an unknown version, or internally inconsistent
     */
    public static DatasetProfile fromBytes(byte[] bytes) {
        if (bytes == null) {
            throw new InvalidArgumentException("profile", "bytes are null");
        }
        if (bytes.length < 4 + 2 + 4 + 2 + 4 + 8 + 4 + 4) {
            throw new InvalidArgumentException("profile", "truncated: " + bytes.length + " bytes");
        }
        ByteBuffer in = ByteBuffer.wrap(bytes);
        if (in.getInt() != MAGIC) {
            throw new InvalidArgumentException("profile", "not a profile (bad magic number)");
        }
        int version = in.getShort() & 0xFFFF;
        if (version != FORMAT_VERSION) {
            throw new InvalidArgumentException("profile", "unsupported format version " + version + ", this library"
                    + " reads version " + FORMAT_VERSION);
        }
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, bytes.length - 4);
        if ((int) crc.getValue() != ByteBuffer.wrap(bytes, bytes.length - 4, 4).getInt()) {
            throw new InvalidArgumentException("profile", "checksum mismatch: the bytes are corrupted or truncated");
        }
        ByteBuffer body = ByteBuffer.wrap(bytes, 0, bytes.length - 4);
        body.position(6);
        try {
            return read(body);
        } catch (BufferUnderflowException e) {
            throw new InvalidArgumentException("profile", "truncated");
        }
    }

    private static DatasetProfile read(ByteBuffer in) {
        ProfileConfig config;
        try {
            config = new ProfileConfig(in.getInt(), in.get(), in.get());
        } catch (InvalidArgumentException e) {
            throw new InvalidArgumentException("profile", "bad configuration: " + e.getMessage());
        }
        byte[] schemaBytes = readBlob(in, "schema");
        if (schemaBytes == null || schemaBytes.length > MAX_SCHEMA_BYTES) {
            throw new InvalidArgumentException("profile", "missing or oversized schema");
        }
        Schema schema = Schema.fromJson(new String(schemaBytes, StandardCharsets.UTF_8));
        long rowCount = in.getLong();
        int n = in.getInt();
        if (rowCount < 0 || n != schema.size()) {
            throw new InvalidArgumentException("profile", "row count " + rowCount + " or column count " + n
                    + " does not fit the schema of " + schema.size() + " fields");
        }
        List<ColumnProfile> cols = new ArrayList<>(n);
        for (Field f : schema.fields()) {
            long[] counts = new long[ColumnProfile.COUNTS];
            for (int i = 0; i < counts.length; i++) {
                counts[i] = in.getLong();
            }
            double[] stats = new double[ColumnProfile.STATS];
            for (int i = 0; i < stats.length; i++) {
                stats[i] = in.getDouble();
            }
            byte[] kll = readBlob(in, f.name());
            byte[] hll = readBlob(in, f.name());
            byte[] items = readBlob(in, f.name());
            cols.add(checkColumn(f, config, rowCount, counts, stats, kll, hll, items));
        }
        if (in.hasRemaining()) {
            throw new InvalidArgumentException("profile", in.remaining() + " unexpected trailing bytes");
        }
        return new DatasetProfile(schema, config, rowCount, cols);
    }

    private static byte[] readBlob(ByteBuffer in, String field) {
        int len = in.getInt();
        if (len == -1) {
            return null;
        }
        if (len < 0 || len > in.remaining()) {
            throw new InvalidArgumentException(field, "blob length " + len + " exceeds the " + in.remaining()
                    + " bytes left");
        }
        byte[] out = new byte[len];
        in.get(out);
        return out;
    }

    /** Checks that the decoded parts of a column agree with each other before trusting them. */
    private static ColumnProfile checkColumn(Field f, ProfileConfig config, long rowCount, long[] c, double[] s,
            byte[] kll, byte[] hll, byte[] items) {
        String name = f.name();
        ColumnKind kind = ColumnKind.of(f.type());
        long count = c[0];
        long nulls = c[1];
        long nonNull = c[2] + c[3] + c[4] + c[5] + c[6] + c[7];
        for (long v : c) {
            require(v >= 0, name, "negative count");
        }
        require(count == rowCount, name, "count " + count + " differs from the row count " + rowCount);
        require(nulls <= count, name, "more nulls than rows");
        if (kind.hasQuantiles() || kind == ColumnKind.BOOLEAN) {
            require(nonNull == count - nulls, name, "value counts do not add up to the non-null count");
        }
        require(f.type().isFloatingPoint() || c[2] + c[3] + c[4] == 0, name, "non-finite counts on a "
                + f.type().jsonName() + " column");
        require(kind == ColumnKind.BOOLEAN || c[5] + c[6] == 0, name, "true/false counts on a non-boolean column");
        require(kind.hasQuantiles() || c[7] == 0, name, "finite count on a " + kind.jsonName() + " column");
        require(kind.hasQuantiles() == (kll != null), name, "quantile sketch presence does not fit the column kind");
        require(kind.hasDistinctSketch() == (hll != null), name, "distinct sketch presence does not fit the kind");
        require((kind == ColumnKind.CATEGORICAL) == (items != null), name, "frequent items presence does not fit");
        if (kll != null) {
            DeterministicKll k = DeterministicKll.fromBytes(kll, name);
            require(k.k() == config.kllK(), name, "quantile sketch k " + k.k() + " differs from the configuration");
            require(k.n() == c[7], name, "quantile sketch holds " + k.n() + " values, finite count is " + c[7]);
            if (c[7] > 0) {
                require(Double.compare(k.min(), s[2]) == 0 && Double.compare(k.max(), s[3]) == 0, name,
                        "min/max differ from the quantile sketch's");
                require(Double.isFinite(s[0]) && s[0] >= s[2] && s[0] <= s[3], name, "mean outside [min, max]");
                require(s[1] >= 0 && !Double.isNaN(s[1]), name, "negative or NaN sum of squared deviations");
            }
        }
        try {
            if (hll != null) {
                HllSketch h = HllSketch.heapify(hll);
                require(h.getLgConfigK() == config.hllLgK(), name, "distinct sketch lgK differs from the configuration");
            }
            if (items != null) {
                ItemsSketch<String> sketch = ItemsSketch.getInstance(org.apache.datasketches.memory.Memory.wrap(items),
                        new org.apache.datasketches.common.ArrayOfStringsSerDe());
                require(sketch.getStreamLength() == count - nulls, name, "frequent items stream length "
                        + sketch.getStreamLength() + " differs from the non-null count " + (count - nulls));
                require(sketch.getMaximumMapCapacity() == (int) (config.frequentItemsMaxMapSize() * 0.75), name,
                        "frequent items map size differs from the configuration");
            }
        } catch (InvalidArgumentException e) {
            throw e;
        } catch (RuntimeException e) { // DataSketches signals bad input with several exception types
            throw new InvalidArgumentException(name, "sketch rejected by DataSketches: " + e);
        }
        return new ColumnProfile(name, f.type(), config, c, s, kll, hll, items);
    }

    private static void require(boolean ok, String field, String message) {
        if (!ok) {
            throw new InvalidArgumentException(field, message);
        }
    }

    // ------------------------------------------------------------------------------------ JSON

    /**
     * A readable summary as JSON: row count, configuration, and per column the counts, min, max,
     * mean, standard deviation, quantiles at 0, 1, 5, 25, 50, 75, 95, 99 and 100 %, the distinct
     * estimate with bounds, and up to 20 frequent items. Absent statistics are {@code null}. The
     * sketches themselves are only in {@link #toBytes()}.
     */
    public String toJson() {
        return toJsonNode().toString();
    }

    ObjectNode toJsonNode() {
        ObjectNode root = JSON.createObjectNode();
        root.put("formatVersion", FORMAT_VERSION);
        root.put("rowCount", rowCount);
        root.putObject("config").put("kllK", config.kllK()).put("hllLgK", config.hllLgK())
                .put("frequentItemsLgMaxMapSize", config.frequentItemsLgMaxMapSize());
        ArrayNode cols = root.putArray("columns");
        for (ColumnProfile c : columns) {
            ObjectNode o = cols.addObject();
            o.put("name", c.name());
            o.put("type", c.type().jsonName());
            o.put("kind", c.kind().jsonName());
            o.put("count", c.count());
            o.put("nullCount", c.nullCount());
            if (c.type().isFloatingPoint()) {
                o.put("nanCount", c.nanCount());
                o.put("positiveInfinityCount", c.positiveInfinityCount());
                o.put("negativeInfinityCount", c.negativeInfinityCount());
            }
            if (c.kind().hasQuantiles()) {
                o.put("finiteCount", c.finiteCount());
                putOptional(o, "min", c.min());
                putOptional(o, "max", c.max());
                putOptional(o, "mean", c.mean());
                putOptional(o, "stddev", c.stddev());
                putOptional(o, "variance", c.variance());
                ObjectNode q = o.putObject("quantiles");
                for (double r : SUMMARY_RANKS) {
                    putOptional(q, Double.toString(r), c.quantile(r));
                }
                if (c.kind() == ColumnKind.TIMESTAMP) {
                    o.put("minTimestamp", c.minTimestamp().map(Object::toString).orElse(null));
                    o.put("maxTimestamp", c.maxTimestamp().map(Object::toString).orElse(null));
                }
            }
            if (c.kind() == ColumnKind.BOOLEAN) {
                o.put("trueCount", c.trueCount());
                o.put("falseCount", c.falseCount());
            }
            c.distinct().ifPresent(d -> o.putObject("distinct").put("estimate", d.estimate())
                    .put("lowerBound", d.lowerBound()).put("upperBound", d.upperBound()));
            if (c.kind() == ColumnKind.CATEGORICAL) {
                o.put("frequentItemsExact", c.frequentItemsExact());
                ArrayNode fi = o.putArray("frequentItems");
                c.frequentItems().stream().limit(SUMMARY_ITEMS).forEach(i -> fi.addObject().put("value", i.value())
                        .put("estimate", i.estimate()).put("lowerBound", i.lowerBound())
                        .put("upperBound", i.upperBound()));
            }
        }
        return root;
    }

    private static void putOptional(ObjectNode o, String key, OptionalDouble v) {
        if (v.isPresent()) {
            o.put(key, v.getAsDouble());
        } else {
            o.putNull(key);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DatasetProfile p && p.rowCount == rowCount && p.schema.equals(schema)
                && p.config.equals(config) && p.columns.equals(columns);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(rowCount) * 31 + schema.hashCode();
    }

    @Override
    public String toString() {
        return "DatasetProfile[" + rowCount + " rows, columns " + schema.names() + "]";
    }
}
