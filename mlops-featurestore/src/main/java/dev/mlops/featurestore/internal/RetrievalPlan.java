package dev.mlops.featurestore.internal;

import dev.mlops.core.Field;
import dev.mlops.core.InvalidArgumentException;
import dev.mlops.core.ValueType;
import dev.mlops.featurestore.FeatureNaming;
import dev.mlops.featurestore.FeatureReference;
import dev.mlops.featurestore.FeatureView;
import dev.mlops.featurestore.OnDemandFeatureView;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Feature references resolved against the registry: which views to read, which on-demand views to
 * compute, which join keys and request fields the entity rows must carry, and the output columns in
 * request order. Built once per (references, naming) and reused by every retrieval. Immutable. Not
 * API.
 */
public final class RetrievalPlan {

    /** Where an output column comes from. */
    public record Output(String name, FeatureReference reference, int source, boolean onDemand, int featureIndex,
            ValueType type) {}

    /** One view to read, and which of its features are needed (requested or read by an on-demand view). */
    public record ViewRead(FeatureView view, List<String> features) {}

    private final List<ViewRead> reads;
    private final List<OnDemandFeatureView> onDemand;
    private final List<Field> joinKeys;
    private final List<Field> requestFields;
    private final List<Output> outputs;
    private final List<String> outputNames;
    private final Map<String, Integer> outputIndex;

    private RetrievalPlan(List<ViewRead> reads, List<OnDemandFeatureView> onDemand, List<Field> joinKeys,
            List<Field> requestFields, List<Output> outputs) {
        this.reads = List.copyOf(reads);
        this.onDemand = List.copyOf(onDemand);
        this.joinKeys = List.copyOf(joinKeys);
        this.requestFields = List.copyOf(requestFields);
        this.outputs = List.copyOf(outputs);
        this.outputNames = outputs.stream().map(Output::name).toList();
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < outputNames.size(); i++) {
            index.put(outputNames.get(i), i);
        }
        this.outputIndex = Map.copyOf(index);
    }

    /**
     * Resolves references.
     *
     * @param views the latest feature view of a name, if any
     * @param onDemandViews the on-demand view of a name (with its function), if any
     * @throws InvalidArgumentException for an unknown reference, two outputs of one name, or two
     *     views whose join keys of one name differ in type
     */
    public static RetrievalPlan resolve(List<FeatureReference> references, FeatureNaming naming,
            Function<String, Optional<FeatureView>> views,
            Function<String, Optional<OnDemandFeatureView>> onDemandViews) {
        if (references == null || references.isEmpty()) {
            throw new InvalidArgumentException("features", "at least one feature reference is needed");
        }
        Map<String, Integer> readIndex = new HashMap<>();
        List<FeatureView> readViews = new ArrayList<>();
        List<List<String>> readFeatures = new ArrayList<>();
        Map<String, Integer> odfvIndex = new HashMap<>();
        List<OnDemandFeatureView> odfvs = new ArrayList<>();
        List<Output> outputs = new ArrayList<>();
        Map<String, FeatureReference> byName = new HashMap<>();

        Function<FeatureView, Integer> addRead = v -> readIndex.computeIfAbsent(v.name(), n -> {
            readViews.add(v);
            readFeatures.add(new ArrayList<>());
            return readViews.size() - 1;
        });
        for (FeatureReference ref : references) {
            if (ref == null) {
                throw new InvalidArgumentException("features", "contains null");
            }
            String name = naming == FeatureNaming.FULL ? ref.fullName() : ref.feature();
            FeatureReference before = byName.putIfAbsent(name, ref);
            if (before != null) {
                throw new InvalidArgumentException(name, before.equals(ref) ? "feature " + ref + " is asked for twice"
                        : "views '" + before.view() + "' and '" + ref.view() + "' both give the feature name '"
                                + name + "'; ask for full names (view__feature) or drop one");
            }
            Optional<FeatureView> view = views.apply(ref.view());
            if (view.isPresent()) {
                FeatureView v = view.get();
                int f = v.featureIndex(ref.feature());
                if (f < 0) {
                    throw unknown(ref);
                }
                int r = addRead.apply(v);
                addFeature(readFeatures.get(r), ref.feature());
                outputs.add(new Output(name, ref, r, false, f, v.features().get(f).type()));
                continue;
            }
            OnDemandFeatureView odfv = onDemandViews.apply(ref.view()).orElseThrow(() -> unknown(ref));
            int f = indexOf(odfv.outputs(), ref.feature());
            if (f < 0) {
                throw unknown(ref);
            }
            Integer o = odfvIndex.get(odfv.name());
            if (o == null) {
                o = odfvs.size();
                odfvIndex.put(odfv.name(), o);
                odfvs.add(odfv);
                for (FeatureReference source : odfv.sources()) {
                    FeatureView sv = views.apply(source.view()).orElseThrow(() -> unknown(source));
                    if (sv.featureIndex(source.feature()) < 0) {
                        throw unknown(source);
                    }
                    addFeature(readFeatures.get(addRead.apply(sv)), source.feature());
                }
            }
            outputs.add(new Output(name, ref, o, true, f, odfv.outputs().get(f).type()));
        }
        List<ViewRead> reads = new ArrayList<>();
        Map<String, Field> keys = new LinkedHashMap<>();
        for (int i = 0; i < readViews.size(); i++) {
            FeatureView v = readViews.get(i);
            reads.add(new ViewRead(v, List.copyOf(readFeatures.get(i))));
            for (Field k : v.joinKeys()) {
                Field before = keys.putIfAbsent(k.name(), k);
                if (before != null && before.type() != k.type()) {
                    throw new InvalidArgumentException(k.name(), "join key is " + before.type().jsonName()
                            + " in one view and " + k.type().jsonName() + " in view '" + v.name() + "'");
                }
            }
        }
        Map<String, Field> request = new LinkedHashMap<>();
        for (OnDemandFeatureView odfv : odfvs) {
            for (Field f : odfv.requestFields()) {
                Field before = request.putIfAbsent(f.name(), f);
                if (before != null && !before.equals(f)) {
                    throw new InvalidArgumentException(f.name(), "request field is declared differently by two"
                            + " on-demand views");
                }
                if (keys.containsKey(f.name()) || FeatureView.EVENT_TIMESTAMP.equals(f.name())) {
                    throw new InvalidArgumentException(f.name(), "request field of on-demand view '" + odfv.name()
                            + "' has the name of a join key or the event timestamp");
                }
            }
        }
        return new RetrievalPlan(reads, odfvs, List.copyOf(keys.values()), List.copyOf(request.values()), outputs);
    }

    private static void addFeature(List<String> features, String feature) {
        if (!features.contains(feature)) {
            features.add(feature);
        }
    }

    private static int indexOf(List<Field> fields, String name) {
        for (int i = 0; i < fields.size(); i++) {
            if (fields.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    private static InvalidArgumentException unknown(FeatureReference ref) {
        return new InvalidArgumentException(ref.toString(), "unknown feature reference");
    }

    /** The views to read, in order of first reference. */
    public List<ViewRead> reads() {
        return reads;
    }

    /** The on-demand views to compute, in order of first reference. */
    public List<OnDemandFeatureView> onDemand() {
        return onDemand;
    }

    /** Every join key the entity rows must carry, once each. */
    public List<Field> joinKeys() {
        return joinKeys;
    }

    /** Every request field the on-demand views read, once each. */
    public List<Field> requestFields() {
        return requestFields;
    }

    /** The output columns, in request order. */
    public List<Output> outputs() {
        return outputs;
    }

    /** The position of each output column by name. */
    public Map<String, Integer> outputIndex() {
        return outputIndex;
    }

    /** The output column names, in request order. */
    public List<String> outputNames() {
        return outputNames;
    }
}
