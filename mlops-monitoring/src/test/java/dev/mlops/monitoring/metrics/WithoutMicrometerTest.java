package dev.mlops.monitoring.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.lang.reflect.Method;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Micrometer is optional: a host without it on its class path must be able to log predictions and
 * compute performance. Runs the monitor in a class loader whose class path is this module's test
 * class path minus every Micrometer jar.
 */
class WithoutMicrometerTest {

    @Test
    @DisplayName("the prediction monitor works with no Micrometer on the class path")
    void monitorWithoutMicrometer() throws Exception {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<URL> urls = new ArrayList<>();
        int removed = 0;
        for (String entry : classPath.split(File.pathSeparator)) {
            if (entry.isBlank()) {
                continue;
            }
            if (entry.contains("micrometer")) {
                removed++;
                continue;
            }
            urls.add(toUrl(entry));
        }
        assertThat(removed).as("Micrometer jars found on the test class path").isPositive();
        try (URLClassLoader loader = new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader())) {
            assertThat(canLoad(loader, "io.micrometer.core.instrument.MeterRegistry")).isFalse();
            Class<?> scenario = loader.loadClass(Scenario.class.getName());
            Method run = scenario.getMethod("run");
            assertThat(run.invoke(null)).isEqualTo(Map.of("written", 3L, "windows", 1));
        }
    }

    private static boolean canLoad(ClassLoader loader, String name) {
        try {
            loader.loadClass(name);
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    private static URL toUrl(String entry) {
        try {
            return Path.of(entry).toUri().toURL();
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What the isolated class loader runs: the monitor's normal use. */
    public static final class Scenario {
        private Scenario() {}

        public static Map<String, Object> run() {
            java.time.Instant t0 = java.time.Instant.parse("2026-01-01T00:00:00Z");
            try (dev.mlops.monitoring.performance.PredictionMonitor monitor =
                         dev.mlops.monitoring.performance.PredictionMonitor.builder()
                                 .clock(java.time.InstantSource.fixed(t0)).build()) {
                var logger = monitor.logger("fraud", "1");
                for (int i = 0; i < 3; i++) {
                    logger.log("p" + i, Map.of("x", i), dev.mlops.monitoring.performance.PredictionOutput.probability(0.5));
                }
                monitor.flush(java.time.Duration.ofMinutes(1));
                var report = monitor.performance(dev.mlops.monitoring.performance.PerformanceQuery.of(
                        dev.mlops.monitoring.performance.PredictionRange.of("fraud", t0, t0.plusSeconds(60)),
                        java.time.Duration.ofMinutes(1)));
                return Map.of("written", monitor.stats().written(), "windows", report.windows().size());
            }
        }
    }
}
