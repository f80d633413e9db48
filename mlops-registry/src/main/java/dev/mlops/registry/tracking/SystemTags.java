package dev.mlops.registry.tracking;

import dev.mlops.registry.internal.Checks;
import dev.mlops.registry.internal.GitProbe;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * The reproducibility tags a {@link Tracker} puts on every run it starts: source (git commit, branch,
 * dirty flag), user, host, JVM, operating system and library version. MLflow's own tag names are used
 * where MLflow has one, so runs read the same in MLflow's tools.
 *
 * <p>{@link #detect(Path)} probes once, when the tracker is built; {@link #of(Map)} gives fixed tags
 * (tests, or hosts that know better); {@link #none()} records nothing. Per-run tags such as the seed
 * ({@link #SEED}) are added by the run builder. Immutable and thread-safe.
 */
public final class SystemTags {

    /** Full hash of the git commit the code was built from. */
    public static final String GIT_COMMIT = "mlflow.source.git.commit";
    /** The git branch, when HEAD is on one. */
    public static final String GIT_BRANCH = "mlflow.source.git.branch";
    /** {@code true} when tracked files differed from the commit. */
    public static final String GIT_DIRTY = "mlops.source.git.dirty";
    /** The user who started the run. */
    public static final String USER = "mlflow.user";
    /** The host name. */
    public static final String HOST = "mlops.host";
    /** {@code java.version}. */
    public static final String JVM_VERSION = "mlops.jvm.version";
    /** {@code java.vendor}. */
    public static final String JVM_VENDOR = "mlops.jvm.vendor";
    /** {@code os.name}. */
    public static final String OS_NAME = "mlops.os.name";
    /** {@code os.arch}. */
    public static final String OS_ARCH = "mlops.os.arch";
    /** {@code os.version}. */
    public static final String OS_VERSION = "mlops.os.version";
    /** This library's version. */
    public static final String LIBRARY_VERSION = "mlops.library.version";
    /** The random seed the run used, when given. */
    public static final String SEED = "mlops.seed";
    /** The parent of a nested run (MLflow's tag). */
    public static final String PARENT_RUN_ID = "mlflow.parentRunId";
    /** The run name (MLflow's tag). */
    public static final String RUN_NAME = "mlflow.runName";
    /** The exception that failed a run, as {@code class: message}. */
    public static final String FAILURE = "mlops.failure";

    private static final SystemTags NONE = new SystemTags(Map.of());

    private final Map<String, String> tags;

    private SystemTags(Map<String, String> tags) {
        this.tags = tags;
    }

    /**
     * Probes the environment: the git repository enclosing {@code workingDirectory} (commit and branch
     * from its files; the dirty flag from {@code git status} when git is installed), the
     * {@code user.name}, {@code java.*} and {@code os.*} system properties, the local host name and
     * this library's version. What cannot be found is left out.
     */
    public static SystemTags detect(Path workingDirectory) {
        Checks.notNull("workingDirectory", workingDirectory);
        Map<String, String> t = new LinkedHashMap<>();
        GitProbe.probe(workingDirectory, true).ifPresent(g -> {
            t.put(GIT_COMMIT, g.commit());
            g.branch().ifPresent(b -> t.put(GIT_BRANCH, b));
            g.dirty().ifPresent(d -> t.put(GIT_DIRTY, d.toString()));
        });
        putProperty(t, USER, "user.name");
        hostName().ifPresent(h -> t.put(HOST, h));
        putProperty(t, JVM_VERSION, "java.version");
        putProperty(t, JVM_VENDOR, "java.vendor");
        putProperty(t, OS_NAME, "os.name");
        putProperty(t, OS_ARCH, "os.arch");
        putProperty(t, OS_VERSION, "os.version");
        t.put(LIBRARY_VERSION, libraryVersion());
        return of(t);
    }

    /** Exactly these tags (keys and values validated as {@link Tag}s). */
    public static SystemTags of(Map<String, String> tags) {
        Map<String, String> copy = new LinkedHashMap<>();
        Checks.stringMap("systemTags", tags).forEach((k, v) -> {
            Tag tag = new Tag(k, truncate(v, TrackingLimits.MAX_TAG_VALUE_LENGTH));
            copy.put(tag.key(), tag.value());
        });
        return new SystemTags(java.util.Collections.unmodifiableMap(copy));
    }

    /** No system tags at all. */
    public static SystemTags none() {
        return NONE;
    }

    /** The tags, in a stable order. */
    public Map<String, String> tags() {
        return tags;
    }

    /** The user recorded under {@link #USER}, when there is one. */
    public Optional<String> user() {
        return Optional.ofNullable(tags.get(USER));
    }

    /** The version of this library, from its build, or {@code unknown}. */
    public static String libraryVersion() {
        try (InputStream in = SystemTags.class.getResourceAsStream("/dev/mlops/registry/version.properties")) {
            if (in != null) {
                Properties p = new Properties();
                p.load(in);
                String v = p.getProperty("version", "");
                if (!v.isBlank() && !v.startsWith("${")) {
                    return v;
                }
            }
        } catch (IOException e) {
            // fall through: the version is informational
        }
        return "unknown";
    }

    static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }

    private static void putProperty(Map<String, String> t, String tag, String property) {
        String v = System.getProperty(property);
        if (v != null && !v.isBlank()) {
            t.put(tag, v);
        }
    }

    private static Optional<String> hostName() {
        try {
            return Optional.of(InetAddress.getLocalHost().getHostName());
        } catch (UnknownHostException | SecurityException e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return "SystemTags" + tags;
    }
}
