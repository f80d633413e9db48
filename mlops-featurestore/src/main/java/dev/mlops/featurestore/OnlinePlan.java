package dev.mlops.featurestore;

import dev.mlops.core.Field;
import dev.mlops.featurestore.internal.JoinColumns;
import dev.mlops.featurestore.internal.RetrievalPlan;
import java.util.List;
import java.util.Map;

/**
 * A {@link RetrievalPlan} compiled for online lookups: the views to read with their join keys and
 * max age, and, per output column, where its value comes from, in plain arrays. Built once per cached
 * plan, so that a lookup does no name resolution, boxing or list walking of its own. Immutable.
 */
final class OnlinePlan {

    final RetrievalPlan plan;
    final FeatureView[] views;
    final Field[][] joinKeys;
    /** Per view read, its TTL in nanoseconds, or -1 when the view has none. */
    final long[] ttlNanos;
    /** Per output column: the view read (or on-demand view) it comes from. */
    final int[] source;
    /** Per output column: the feature's position in its view (or on-demand view's outputs). */
    final int[] featureIndex;
    /** Per output column: whether it is computed by an on-demand view. */
    final boolean[] onDemand;
    final List<String> columns;
    final Map<String, Integer> columnIndex;
    final boolean hasOnDemand;

    OnlinePlan(RetrievalPlan plan) {
        this.plan = plan;
        List<RetrievalPlan.ViewRead> reads = plan.reads();
        views = new FeatureView[reads.size()];
        joinKeys = new Field[reads.size()][];
        ttlNanos = new long[reads.size()];
        for (int r = 0; r < views.length; r++) {
            FeatureView v = reads.get(r).view();
            views[r] = v;
            joinKeys[r] = v.joinKeys().toArray(new Field[0]);
            ttlNanos[r] = v.hasTtl() ? JoinColumns.ttlNanos(v) : -1;
        }
        List<RetrievalPlan.Output> outputs = plan.outputs();
        source = new int[outputs.size()];
        featureIndex = new int[outputs.size()];
        onDemand = new boolean[outputs.size()];
        for (int c = 0; c < source.length; c++) {
            RetrievalPlan.Output out = outputs.get(c);
            source[c] = out.source();
            featureIndex[c] = out.featureIndex();
            onDemand[c] = out.onDemand();
        }
        columns = plan.outputNames();
        columnIndex = plan.outputIndex();
        hasOnDemand = !plan.onDemand().isEmpty();
    }
}
