package dev.mlops.monitoring.metrics;

import dev.mlops.core.InvalidArgumentException;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Hooks that the rest of a serving path feeds, so that feature lookups, caches and drift scores show
 * up next to the prediction meters: the feature store's lookup latency, a cache's hits and misses,
 * the latest drift score per model and feature. The methods take plain values, so a host can pass
 * them as method references to whatever callback the other component offers (the feature store does
 * not depend on this module).
 *
 * <table>
 *   <caption>Meters, tagged with the tags given plus those listed</caption>
 *   <tr><th>name</th><th>type</th><th>tags</th><th>fed by</th></tr>
 *   <tr><td>{@code mlops.feature.lookup.latency}</td><td>timer</td><td>{@code service}</td><td>{@link #recordFeatureLookup}</td></tr>
 *   <tr><td>{@code mlops.feature.cache.requests}</td><td>counter</td><td>{@code cache}, {@code result} = hit | miss</td>
 *       <td>{@link #recordCacheHit}, {@link #recordCacheMiss}</td></tr>
 *   <tr><td>{@code mlops.feature.cache.hit.ratio}</td><td>gauge</td><td>{@code cache}</td>
 *       <td>hits / (hits + misses) since start; NaN before the first request</td></tr>
 *   <tr><td>{@code mlops.drift.score}</td><td>gauge</td><td>{@code model}, {@code feature}, {@code statistic}</td>
 *       <td>{@link #recordDriftScore}: the latest value</td></tr>
 * </table>
 *
 * <p>Tag values are time-series keys: keep them to a bounded vocabulary (service, cache, model,
 * feature and statistic names), never ids. Meters are registered on first use in every registry this
 * binder is bound to; values recorded before binding are kept only for the gauges. Thread-safe. Needs
 * Micrometer on the class path (see {@link PredictionMetrics}).
 */
public final class ServingMetrics implements MeterBinder {

    private final Tags tags;
    private final List<MeterRegistry> registries = new CopyOnWriteArrayList<>();
    private final Map<String, CacheCounts> caches = new ConcurrentHashMap<>();
    private final Map<List<String>, AtomicLong> driftScores = new ConcurrentHashMap<>();

    private record CacheCounts(String name, LongAdder hits, LongAdder misses) {
        double hitRatio() {
            double h = hits.sum();
            double total = h + misses.sum();
            return total == 0 ? Double.NaN : h / total;
        }
    }

    private ServingMetrics(Iterable<Tag> tags) {
        this.tags = Tags.of(Objects.requireNonNull(tags, "tags"));
    }

    /** Hooks without common tags. */
    public static ServingMetrics create() {
        return new ServingMetrics(Tags.empty());
    }

    /** Hooks whose meters all carry {@code tags}. */
    public static ServingMetrics create(Iterable<Tag> tags) {
        return new ServingMetrics(tags);
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Objects.requireNonNull(registry, "registry");
        registries.add(registry);
        caches.values().forEach(c -> registerCache(registry, c));
        driftScores.forEach((key, value) -> registerDrift(registry, key, value));
    }

    /** Records how long one online feature lookup for {@code service} took. */
    public void recordFeatureLookup(String service, Duration latency) {
        require("service", service);
        Objects.requireNonNull(latency, "latency");
        for (MeterRegistry registry : registries) {
            Timer.builder("mlops.feature.lookup.latency")
                    .description("Time an online feature lookup took")
                    .tags(tags).tag("service", service)
                    .register(registry)
                    .record(latency.toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    /** Counts one cache hit in {@code cache}. */
    public void recordCacheHit(String cache) {
        cache(cache).hits.increment();
    }

    /** Counts one cache miss in {@code cache}. */
    public void recordCacheMiss(String cache) {
        cache(cache).misses.increment();
    }

    /** The hit ratio of {@code cache} so far; NaN before its first request. */
    public double cacheHitRatio(String cache) {
        CacheCounts c = caches.get(cache);
        return c == null ? Double.NaN : c.hitRatio();
    }

    private CacheCounts cache(String cache) {
        require("cache", cache);
        CacheCounts existing = caches.get(cache);
        if (existing != null) {
            return existing;
        }
        return caches.computeIfAbsent(cache, name -> {
            CacheCounts c = new CacheCounts(name, new LongAdder(), new LongAdder());
            registries.forEach(r -> registerCache(r, c));
            return c;
        });
    }

    private void registerCache(MeterRegistry registry, CacheCounts c) {
        FunctionCounter.builder("mlops.feature.cache.requests", c.hits, LongAdder::sum)
                .description("Feature cache requests").tags(tags).tag("cache", c.name).tag("result", "hit")
                .register(registry);
        FunctionCounter.builder("mlops.feature.cache.requests", c.misses, LongAdder::sum)
                .description("Feature cache requests").tags(tags).tag("cache", c.name).tag("result", "miss")
                .register(registry);
        Gauge.builder("mlops.feature.cache.hit.ratio", c, CacheCounts::hitRatio)
                .description("Share of feature cache requests that hit").tags(tags).tag("cache", c.name)
                .register(registry);
    }

    /**
     * Sets the latest drift score of one feature of a model, by one statistic (for example a p-value
     * of {@code ks} or a {@code psi} distance).
     */
    public void recordDriftScore(String model, String feature, String statistic, double score) {
        require("model", model);
        require("feature", feature);
        require("statistic", statistic);
        if (Double.isNaN(score)) {
            throw new InvalidArgumentException("score", "is NaN");
        }
        List<String> key = List.of(model, feature, statistic);
        AtomicLong bits = driftScores.get(key);
        if (bits == null) {
            bits = driftScores.computeIfAbsent(key, k -> {
                AtomicLong b = new AtomicLong(Double.doubleToRawLongBits(score));
                registries.forEach(r -> registerDrift(r, k, b));
                return b;
            });
        }
        bits.set(Double.doubleToRawLongBits(score));
    }

    private void registerDrift(MeterRegistry registry, List<String> key, AtomicLong bits) {
        Gauge.builder("mlops.drift.score", bits, b -> Double.longBitsToDouble(b.get()))
                .description("The latest drift score of a feature")
                .tags(tags).tag("model", key.get(0)).tag("feature", key.get(1)).tag("statistic", key.get(2))
                .register(registry);
    }

    private static void require(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidArgumentException(field, "must be non-blank");
        }
    }
}
