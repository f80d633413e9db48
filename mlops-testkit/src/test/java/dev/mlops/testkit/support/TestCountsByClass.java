package dev.mlops.testkit.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Counts test results per top-level test class, so that a conformance suite's results are credited to
 * the adapter subclass that ran it (surefire's reports file inherited {@code @Nested} classes under the
 * suite's name, which hides which adapter ran what). Writes {@code target/test-counts-by-class.tsv}.
 */
public final class TestCountsByClass implements TestExecutionListener {

    private final Map<String, int[]> counts = new TreeMap<>();

    @Override
    public void executionSkipped(TestIdentifier test, String reason) {
        if (test.isTest()) {
            tally(test, 2);
        }
    }

    @Override
    public void executionFinished(TestIdentifier test, TestExecutionResult result) {
        if (test.isTest()) {
            tally(test, result.getStatus() == TestExecutionResult.Status.SUCCESSFUL ? 0 : 1);
        }
    }

    private synchronized void tally(TestIdentifier test, int column) {
        String topClass = "unknown";
        for (UniqueId.Segment segment : test.getUniqueIdObject().getSegments()) {
            if (segment.getType().equals("class")) {
                topClass = segment.getValue().substring(segment.getValue().lastIndexOf('.') + 1);
                break;
            }
        }
        counts.computeIfAbsent(topClass, k -> new int[3])[column]++;
    }

    @Override
    public synchronized void testPlanExecutionFinished(TestPlan plan) {
        List<String> lines = new ArrayList<>();
        lines.add("class\tpassed\tfailed\tskipped");
        counts.forEach((k, v) -> lines.add(k + "\t" + v[0] + "\t" + v[1] + "\t" + v[2]));
        try {
            Path out = Path.of("target", "test-counts-by-class.tsv");
            Files.createDirectories(out.getParent());
            Files.write(out, lines);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
