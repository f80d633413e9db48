package dev.mlops.monitoring.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mlops.core.Field;
import dev.mlops.core.InvalidArgumentException;
import dev.mlops.core.Schema;
import dev.mlops.core.ValueType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class WindowedProfilerTest {

    private static final Schema SCHEMA = Schema.of(Field.of("ts", ValueType.TIMESTAMP), Field.of("v", ValueType.FLOAT64));
    private static final Instant T0 = Instant.parse("2024-05-01T10:00:00Z");

    private static Map<String, Object> row(String offset, double v) {
        return Map.of("ts", T0.plus(Duration.parse(offset)), "v", v);
    }

    @Test
    @DisplayName("rows go to hourly windows; a window closes when the watermark passes its end")
    void tumbling() {
        List<WindowProfile> emitted = new ArrayList<>();
        WindowedProfiler w = WindowedProfiler.builder(SCHEMA, "ts", Duration.ofHours(1)).onClose(emitted::add).build();
        w.add(row("PT1M", 1));
        w.add(row("PT59M59S", 2));
        assertThat(emitted).isEmpty();
        assertThat(w.openWindows()).hasSize(1);
        w.add(row("PT1H", 10)); // the first instant of the next window closes 10:00-11:00
        assertThat(emitted).hasSize(1);
        WindowProfile first = emitted.get(0);
        assertThat(first.start()).isEqualTo(T0);
        assertThat(first.end()).isEqualTo(T0.plusSeconds(3600));
        assertThat(first.late()).isFalse();
        assertThat(first.profile().rowCount()).isEqualTo(2);
        assertThat(first.profile().column("v").orElseThrow().mean().getAsDouble()).isEqualTo(1.5);
        assertThat(w.closedWindow(T0)).contains(first);
        w.flush();
        assertThat(emitted).hasSize(2);
        assertThat(emitted.get(1).profile().rowCount()).isEqualTo(1);
        assertThat(w.openWindows()).isEmpty();
    }

    @Test
    @DisplayName("late rows go to a separate late part of their window, emitted at the next close")
    void lateRows() {
        List<WindowProfile> emitted = new ArrayList<>();
        WindowedProfiler w = WindowedProfiler.builder(SCHEMA, "ts", Duration.ofHours(1))
                .allowedLateness(Duration.ofMinutes(10)).onClose(emitted::add).build();
        w.add(row("PT30M", 1));
        w.add(row("PT1H5M", 2));      // watermark 10:55: the 10:00 window is still open
        w.add(row("PT50M", 3));       // within the lateness: on time
        assertThat(emitted).isEmpty();
        w.add(row("PT1H10M", 4));     // watermark 11:00: closes 10:00-11:00 with rows 1 and 3
        assertThat(emitted).hasSize(1);
        assertThat(emitted.get(0).profile().rowCount()).isEqualTo(2);
        w.add(row("PT40M", 5));       // its window closed: late
        w.add(row("PT45M", 6));
        assertThat(emitted).hasSize(1);
        assertThat(emitted.get(0).profile().rowCount()).isEqualTo(2); // emitted profiles never change
        w.advanceWatermark(T0.plus(Duration.ofHours(2)));            // closes 11:00-12:00, then the late part
        assertThat(emitted).extracting(WindowProfile::late).containsExactly(false, false, true);
        WindowProfile latePart = emitted.get(2);
        assertThat(latePart.start()).isEqualTo(T0);
        assertThat(latePart.profile().rowCount()).isEqualTo(2);
        assertThat(latePart.profile().column("v").orElseThrow().min().getAsDouble()).isEqualTo(5);
        DatasetProfile whole = emitted.get(0).profile().merge(latePart.profile());
        assertThat(whole.rowCount()).isEqualTo(4);
        assertThat(w.watermark()).contains(T0.plus(Duration.ofHours(2)));
    }

    @Test
    @DisplayName("bad rows, a missing event time and bad settings are rejected; nothing is added")
    void badInput() {
        WindowedProfiler w = WindowedProfiler.builder(SCHEMA, "ts", Duration.ofMinutes(5)).build();
        Map<String, Object> noTime = new HashMap<>();
        noTime.put("v", 1.0);
        assertThatThrownBy(() -> w.addAll(List.of(row("PT1M", 1), noTime)))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("ts: row 1: event time is null");
        assertThat(w.openWindows()).isEmpty();
        assertThatThrownBy(() -> WindowedProfiler.builder(SCHEMA, "v", Duration.ofMinutes(1)))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("must be a timestamp");
        assertThatThrownBy(() -> WindowedProfiler.builder(SCHEMA, "nope", Duration.ofMinutes(1)))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("not in the schema");
        assertThatThrownBy(() -> WindowedProfiler.builder(SCHEMA, "ts", Duration.ofMinutes(1))
                .allowedLateness(Duration.ZERO).allowedLateness(Duration.ofSeconds(1)))
                .isInstanceOf(InvalidArgumentException.class).hasMessage("allowedLateness: is already set");
        assertThatThrownBy(() -> WindowedProfiler.builder(SCHEMA, "ts", Duration.ZERO))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("size");
    }

    @Test
    @DisplayName("retention keeps the newest closed windows")
    void retention() {
        WindowedProfiler w = WindowedProfiler.builder(SCHEMA, "ts", Duration.ofMinutes(1)).retainClosedWindows(2).build();
        for (int m = 0; m < 5; m++) {
            w.add(row("PT" + m + "M", m));
        }
        w.flush();
        assertThat(w.closedWindows()).extracting(WindowProfile::start)
                .containsExactly(T0.plusSeconds(180), T0.plusSeconds(240));
    }

    @Test
    @DisplayName("four threads feeding windows lose no row")
    void concurrent() throws Exception {
        List<WindowProfile> emitted = Collections.synchronizedList(new ArrayList<>());
        WindowedProfiler w = WindowedProfiler.builder(SCHEMA, "ts", Duration.ofMinutes(1)).onClose(emitted::add).build();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < 5000; i++) {
                        w.add(Map.of("ts", T0.plusSeconds(i / 10 + thread), "v", (double) i));
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        w.flush();
        long total = 0;
        synchronized (emitted) {
            for (WindowProfile p : emitted) {
                total += p.profile().rowCount();
            }
        }
        assertThat(total).isEqualTo(20_000);
    }
}
