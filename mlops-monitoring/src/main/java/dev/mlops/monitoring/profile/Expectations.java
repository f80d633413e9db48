package dev.mlops.monitoring.profile;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mlops.core.InvalidArgumentException;
import dev.mlops.core.Json;
import dev.mlops.core.Schema;
import dev.mlops.core.ValueType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Data-validation expectations in the manner of TensorFlow Data Validation: inferred once from a
 * reference (training) profile, then checked against each new batch before it is used to train.
 *
 * <pre>{@code
 * Expectations expected = Expectations.infer(trainingProfile);
 * ValidationReport report = expected.validate(Profiler.profile(schema, newRows));
 * if (!report.isValid()) { log.warn(report.toJson()); }
 * }</pre>
 *
 * <p><b>Inference</b> ({@link #infer}), per column of the reference:
 * <ul>
 *   <li>type: the column's value type;</li>
 *   <li>presence: a column that always had a value must always have one ({@code minPresence} 1,
 *       TFDV's {@code min_fraction = 1}); one that sometimes had a value must have at least one
 *       ({@code required}, TFDV's {@code min_count = 1}); one that never had a value (all null)
 *       has no presence, range or domain expectation;</li>
 *   <li>NaN and ±∞ are allowed only if the reference had them;</li>
 *   <li>numeric and timestamp range: the reference [min, max], widened by
 *       {@link InferenceOptions#rangeMargin()} (TFDV leaves ranges to the user; we infer them);</li>
 *   <li>categorical domain: the reference's values, when there are at most
 *       {@link InferenceOptions#maxDomainSize()} of them and the frequent-items sketch counted them
 *       exactly; otherwise no domain.</li>
 * </ul>
 *
 * <p><b>Validation</b> ({@link #validate}) reports, with the column named: {@code MISSING_COLUMN}
 * (a required column is absent), {@code NEW_COLUMN}, {@code TYPE_MISMATCH} (no value checks then),
 * {@code NOT_PRESENT}, {@code LOW_PRESENCE}, {@code NAN_PRESENT}, {@code INF_PRESENT},
 * {@code VALUE_OUT_OF_RANGE} (observed min/max against the range) and {@code UNEXPECTED_CATEGORY}
 * with the unexpected values, most frequent first. Unexpected categories come from the batch's
 * frequent-items sketch; when the batch has more distinct values than the sketch counts exactly,
 * rare unexpected values may go unnamed, and the anomaly is still raised whenever the batch's
 * distinct count is certainly larger than the domain. A batch of zero rows has no value anomalies.
 *
 * <p>Immutable and thread-safe.
 */
public final class Expectations {

    private static final int MAX_LISTED_VALUES = 20;
    private static final ObjectMapper JSON = Json.newMapper();

    private final Map<String, ColumnExpectation> columns;
    private final double minDomainMass;

    private Expectations(List<ColumnExpectation> columns, double minDomainMass) {
        Map<String, ColumnExpectation> m = new LinkedHashMap<>();
        for (ColumnExpectation c : columns) {
            if (m.putIfAbsent(c.name(), c) != null) {
                throw new InvalidArgumentException(c.name(), "column has two expectations");
            }
        }
        this.columns = m;
        this.minDomainMass = minDomainMass;
    }

    /** Expectations written by hand; {@code minDomainMass} as in {@link InferenceOptions}. */
    public static Expectations of(List<ColumnExpectation> columns, double minDomainMass) {
        if (columns == null) {
            throw new InvalidArgumentException("columns", "is null");
        }
        new InferenceOptions(0, 0, minDomainMass); // validates the mass
        return new Expectations(columns, minDomainMass);
    }

    /** {@link #infer(DatasetProfile, InferenceOptions)} with {@link InferenceOptions#DEFAULTS}. */
    public static Expectations infer(DatasetProfile reference) {
        return infer(reference, InferenceOptions.DEFAULTS);
    }

    /**
     * Infers expectations from a reference profile as described in the class documentation.
     *
     * @throws InvalidArgumentException when the reference is null or has no rows
     */
    public static Expectations infer(DatasetProfile reference, InferenceOptions options) {
        if (reference == null) {
            throw new InvalidArgumentException("reference", "is null");
        }
        if (options == null) {
            throw new InvalidArgumentException("options", "is null");
        }
        if (reference.rowCount() == 0) {
            throw new InvalidArgumentException("reference", "profile has no rows; expectations cannot be inferred"
                    + " from an empty reference");
        }
        List<ColumnExpectation> out = new ArrayList<>();
        for (ColumnProfile c : reference.columns()) {
            out.add(inferColumn(c, options));
        }
        return new Expectations(out, options.minDomainMass());
    }

    private static ColumnExpectation inferColumn(ColumnProfile c, InferenceOptions options) {
        long present = c.presentCount();
        boolean required = present > 0;
        double minPresence = present == c.count() ? 1.0 : 0.0;
        OptionalDouble min = OptionalDouble.empty();
        OptionalDouble max = OptionalDouble.empty();
        if (c.kind().hasQuantiles() && c.finiteCount() > 0) {
            double lo = c.min().getAsDouble();
            double hi = c.max().getAsDouble();
            double pad = (hi - lo) * options.rangeMargin();
            min = OptionalDouble.of(lo - pad);
            max = OptionalDouble.of(hi + pad);
        }
        Optional<SortedSet<String>> domain = Optional.empty();
        if (c.kind() == ColumnKind.CATEGORICAL && present > 0 && c.frequentItemsExact()) {
            List<FrequentItem> items = c.frequentItems();
            if (items.size() <= options.maxDomainSize()) {
                SortedSet<String> d = new TreeSet<>();
                items.forEach(i -> d.add(i.value()));
                domain = Optional.of(d);
            }
        }
        return new ColumnExpectation(c.name(), c.type(), required, minPresence, c.nanCount() > 0,
                c.infinityCount() > 0, min, max, domain);
    }

    /** The expectations, in reference schema order. */
    public List<ColumnExpectation> columns() {
        return List.copyOf(columns.values());
    }

    public Optional<ColumnExpectation> column(String name) {
        return Optional.ofNullable(columns.get(name));
    }

    /** These expectations with one column's replaced (or added). */
    public Expectations with(ColumnExpectation column) {
        Map<String, ColumnExpectation> m = new LinkedHashMap<>(columns);
        m.put(column.name(), column);
        return new Expectations(new ArrayList<>(m.values()), minDomainMass);
    }

    /** Profiles {@code rows} (default settings) and validates the profile. */
    public ValidationReport validate(Schema schema, Iterable<? extends Map<String, ?>> rows) {
        return validate(Profiler.profile(schema, rows));
    }

    /** Checks a batch's profile against these expectations. */
    public ValidationReport validate(DatasetProfile batch) {
        if (batch == null) {
            throw new InvalidArgumentException("batch", "is null");
        }
        List<Anomaly> anomalies = new ArrayList<>();
        for (ColumnExpectation e : columns.values()) {
            Optional<ColumnProfile> col = batch.column(e.name());
            if (col.isEmpty()) {
                if (e.required()) {
                    anomalies.add(new Anomaly(e.name(), AnomalyType.MISSING_COLUMN,
                            "expected column is missing from the batch", List.of()));
                }
                continue;
            }
            checkColumn(e, col.get(), batch.rowCount(), anomalies);
        }
        for (ColumnProfile c : batch.columns()) {
            if (!columns.containsKey(c.name())) {
                anomalies.add(new Anomaly(c.name(), AnomalyType.NEW_COLUMN, "column of type " + c.type().jsonName()
                        + " is not in the expectations", List.of()));
            }
        }
        return new ValidationReport(batch.rowCount(), anomalies);
    }

    private void checkColumn(ColumnExpectation e, ColumnProfile c, long rows, List<Anomaly> out) {
        String name = e.name();
        if (c.type() != e.type()) {
            out.add(new Anomaly(name, AnomalyType.TYPE_MISMATCH, "expected " + e.type().jsonName() + " values, the batch"
                    + " has " + c.type().jsonName(), List.of()));
            return;
        }
        if (rows == 0) {
            return;
        }
        long present = c.presentCount();
        if (e.required() && present == 0) {
            out.add(new Anomaly(name, AnomalyType.NOT_PRESENT, "no row of " + rows + " has a value", List.of()));
        } else if ((double) present / rows < e.minPresence()) {
            out.add(new Anomaly(name, AnomalyType.LOW_PRESENCE, String.format(java.util.Locale.ROOT,
                    "%d of %d rows (%.4f) have a value, expected at least %.4f", present, rows,
                    (double) present / rows, e.minPresence()), List.of()));
        }
        if (!e.nanAllowed() && c.nanCount() > 0) {
            out.add(new Anomaly(name, AnomalyType.NAN_PRESENT, c.nanCount() + " NaN values; the reference had none",
                    List.of()));
        }
        if (!e.infAllowed() && c.infinityCount() > 0) {
            out.add(new Anomaly(name, AnomalyType.INF_PRESENT, c.positiveInfinityCount() + " +Infinity and "
                    + c.negativeInfinityCount() + " -Infinity values; the reference had none", List.of()));
        }
        if (c.finiteCount() > 0) {
            double lo = c.min().getAsDouble();
            double hi = c.max().getAsDouble();
            boolean below = e.min().isPresent() && lo < e.min().getAsDouble();
            boolean above = e.max().isPresent() && hi > e.max().getAsDouble();
            if (below || above) {
                out.add(new Anomaly(name, AnomalyType.VALUE_OUT_OF_RANGE, "values span [" + show(c, lo) + ", "
                        + show(c, hi) + "], expected within [" + bound(c, e.min()) + ", " + bound(c, e.max()) + "]",
                        List.of()));
            }
        }
        e.domain().ifPresent(d -> checkDomain(name, d, c, out));
    }

    private void checkDomain(String name, Set<String> domain, ColumnProfile c, List<Anomaly> out) {
        long present = c.presentCount();
        if (present == 0) {
            return;
        }
        List<FrequentItem> unexpected = new ArrayList<>();
        long unexpectedCount = 0;
        for (FrequentItem i : c.frequentItems()) {
            if (!domain.contains(i.value())) {
                unexpected.add(i);
                unexpectedCount += i.lowerBound();
            }
        }
        double distinctLower = c.distinct().map(DistinctCount::lowerBound).orElse(0.0);
        boolean moreDistinctThanDomain = !c.frequentItemsExact() && distinctLower > domain.size();
        double inDomain = 1 - (double) unexpectedCount / present;
        boolean flagged = (!unexpected.isEmpty() && inDomain < minDomainMass)
                || (moreDistinctThanDomain && minDomainMass == 1);
        if (!flagged) {
            return;
        }
        List<String> values = unexpected.stream().limit(MAX_LISTED_VALUES).map(FrequentItem::value).toList();
        StringBuilder msg = new StringBuilder();
        msg.append(unexpected.size()).append(" value(s) outside the domain of ").append(domain.size())
                .append(", in at least ").append(unexpectedCount).append(" of ").append(present).append(" rows");
        if (moreDistinctThanDomain) {
            msg.append("; the batch has about ").append(Math.round(distinctLower))
                    .append(" or more distinct values, so others are unexpected too");
        }
        out.add(new Anomaly(name, AnomalyType.UNEXPECTED_CATEGORY, msg.toString(), values));
    }

    private static String show(ColumnProfile c, double v) {
        if (c.kind() == ColumnKind.TIMESTAMP) {
            long m = (long) v;
            return Instant.ofEpochSecond(Math.floorDiv(m, 1_000_000L), Math.floorMod(m, 1_000_000L) * 1000L).toString();
        }
        return Double.toString(v);
    }

    private static String bound(ColumnProfile c, OptionalDouble b) {
        return b.isPresent() ? show(c, b.getAsDouble()) : "unbounded";
    }

    /** The minimum in-domain share of categorical values (see {@link InferenceOptions#minDomainMass()}). */
    public double minDomainMass() {
        return minDomainMass;
    }

    /**
     * These expectations as JSON, to store beside the model (as TFDV stores its schema):
     * {@code {"formatVersion":1,"minDomainMass":1.0,"columns":[{"name":..,"type":..,"required":..,
     * "minPresence":..,"nanAllowed":..,"infAllowed":..,"min":..|null,"max":..|null,
     * "domain":[..]|null}]}}.
     */
    public String toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("formatVersion", 1);
        root.put("minDomainMass", minDomainMass);
        ArrayNode cols = root.putArray("columns");
        for (ColumnExpectation c : columns.values()) {
            ObjectNode o = cols.addObject();
            o.put("name", c.name());
            o.put("type", c.type().jsonName());
            o.put("required", c.required());
            o.put("minPresence", c.minPresence());
            o.put("nanAllowed", c.nanAllowed());
            o.put("infAllowed", c.infAllowed());
            if (c.min().isPresent()) {
                o.put("min", c.min().getAsDouble());
            } else {
                o.putNull("min");
            }
            if (c.max().isPresent()) {
                o.put("max", c.max().getAsDouble());
            } else {
                o.putNull("max");
            }
            if (c.domain().isPresent()) {
                ArrayNode d = o.putArray("domain");
                c.domain().get().forEach(d::add);
            } else {
                o.putNull("domain");
            }
        }
        return root.toString();
    }

    /**
     * Reads {@link #toJson()} output.
     *
     * @throws InvalidArgumentException for malformed JSON, a missing or mistyped field, an unknown
     *     version or value type, or an inconsistent expectation
     */
    public static Expectations fromJson(String json) {
        JsonNode root;
        try {
            root = JSON.readTree(json == null ? "" : json);
        } catch (JsonProcessingException e) {
            throw new InvalidArgumentException("expectations", "malformed JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject() || root.path("formatVersion").asInt(-1) != 1
                || !root.path("minDomainMass").isNumber() || !root.path("columns").isArray()) {
            throw new InvalidArgumentException("expectations", "expected formatVersion 1, a numeric minDomainMass"
                    + " and a columns array");
        }
        List<ColumnExpectation> out = new ArrayList<>();
        for (JsonNode c : root.get("columns")) {
            String name = c.path("name").asText("");
            for (String key : new String[] {"required", "nanAllowed", "infAllowed"}) {
                if (!c.path(key).isBoolean()) {
                    throw new InvalidArgumentException(name.isEmpty() ? "expectations" : name, "\"" + key
                            + "\" must be a boolean");
                }
            }
            if (!c.path("type").isTextual() || !c.path("minPresence").isNumber()) {
                throw new InvalidArgumentException(name.isEmpty() ? "expectations" : name,
                        "needs a string \"type\" and a numeric \"minPresence\"");
            }
            Optional<SortedSet<String>> domain = Optional.empty();
            if (c.path("domain").isArray()) {
                SortedSet<String> d = new TreeSet<>();
                for (JsonNode v : c.get("domain")) {
                    if (!v.isTextual()) {
                        throw new InvalidArgumentException(name, "domain values must be strings");
                    }
                    d.add(v.asText());
                }
                domain = Optional.of(d);
            }
            out.add(new ColumnExpectation(name, ValueType.fromJsonName(c.get("type").asText()),
                    c.get("required").asBoolean(), c.get("minPresence").asDouble(), c.get("nanAllowed").asBoolean(),
                    c.get("infAllowed").asBoolean(), optionalNumber(c, "min", name), optionalNumber(c, "max", name),
                    domain));
        }
        return of(out, root.get("minDomainMass").asDouble());
    }

    private static OptionalDouble optionalNumber(JsonNode c, String key, String column) {
        JsonNode v = c.path(key);
        if (v.isMissingNode() || v.isNull()) {
            return OptionalDouble.empty();
        }
        if (!v.isNumber()) {
            throw new InvalidArgumentException(column, "\"" + key + "\" must be a number or null");
        }
        return OptionalDouble.of(v.asDouble());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Expectations e && e.minDomainMass == minDomainMass
                && List.copyOf(e.columns.values()).equals(List.copyOf(columns.values()));
    }

    @Override
    public int hashCode() {
        return columns.hashCode();
    }

    @Override
    public String toString() {
        return "Expectations" + columns.values();
    }
}
