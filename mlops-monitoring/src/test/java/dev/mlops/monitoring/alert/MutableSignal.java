package dev.mlops.monitoring.alert;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A signal whose current samples the test sets directly; can be told to throw. */
final class MutableSignal implements Signal {

    private final Map<Labels, Double> values = new LinkedHashMap<>();
    private RuntimeException failure;

    synchronized MutableSignal set(Labels labels, double value) {
        values.put(labels, value);
        return this;
    }

    synchronized MutableSignal set(double value) {
        return set(Labels.empty(), value);
    }

    synchronized MutableSignal remove(Labels labels) {
        values.remove(labels);
        return this;
    }

    synchronized void clear() {
        values.clear();
    }

    synchronized void failWith(RuntimeException e) {
        failure = e;
    }

    @Override
    public synchronized List<Sample> read(Instant now) {
        if (failure != null) {
            throw failure;
        }
        List<Sample> out = new ArrayList<>();
        values.forEach((l, v) -> out.add(new Sample(l, v)));
        return out;
    }
}
