package dev.mlops.registry.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the git commit, branch and dirty flag of the repository enclosing a directory. Commit and
 * branch are read from the repository's files (loose and packed refs, worktrees included), so no
 * process is started for them; the dirty flag needs {@code git status}, which is run with a timeout
 * and left out when git is not installed. Not API.
 */
public final class GitProbe {

    private static final Logger LOG = LoggerFactory.getLogger(GitProbe.class);
    private static final Pattern SHA = Pattern.compile("[0-9a-f]{40}([0-9a-f]{24})?");

    /**
     * What was found.
     *
     * @param root the working tree root
     * @param commit the full commit hash of HEAD
     * @param branch the branch HEAD points at, absent when detached
     * @param dirty whether tracked files differ from HEAD, absent when git could not tell
     */
    public record Info(Path root, String commit, Optional<String> branch, Optional<Boolean> dirty) {}

    private GitProbe() {}

    /** Probes the repository enclosing {@code start}; empty when there is none or it cannot be read. */
    public static Optional<Info> probe(Path start, boolean checkDirty) {
        try {
            Path dir = start.toAbsolutePath().normalize();
            while (dir != null) {
                Path dotGit = dir.resolve(".git");
                if (Files.exists(dotGit)) {
                    return read(dir, dotGit, checkDirty);
                }
                dir = dir.getParent();
            }
        } catch (IOException | RuntimeException e) {
            LOG.debug("could not read git metadata above {}", start, e);
        }
        return Optional.empty();
    }

    private static Optional<Info> read(Path root, Path dotGit, boolean checkDirty) throws IOException {
        Path gitDir = dotGit;
        if (Files.isRegularFile(dotGit)) {
            String content = Files.readString(dotGit, StandardCharsets.UTF_8).trim();
            if (!content.startsWith("gitdir:")) {
                return Optional.empty();
            }
            gitDir = root.resolve(content.substring("gitdir:".length()).trim()).normalize();
        }
        Path commonDir = gitDir;
        Path commonFile = gitDir.resolve("commondir");
        if (Files.isRegularFile(commonFile)) {
            commonDir = gitDir.resolve(Files.readString(commonFile, StandardCharsets.UTF_8).trim()).normalize();
        }
        String head = Files.readString(gitDir.resolve("HEAD"), StandardCharsets.UTF_8).trim();
        Optional<String> branch = Optional.empty();
        String commit;
        if (head.startsWith("ref:")) {
            String ref = head.substring(4).trim();
            if (ref.startsWith("refs/heads/")) {
                branch = Optional.of(ref.substring("refs/heads/".length()));
            }
            Optional<String> resolved = resolve(gitDir, commonDir, ref);
            if (resolved.isEmpty()) {
                return Optional.empty(); // a fresh repository without commits
            }
            commit = resolved.get();
        } else {
            commit = head;
        }
        if (!SHA.matcher(commit).matches()) {
            return Optional.empty();
        }
        Optional<Boolean> dirty = checkDirty ? dirty(root) : Optional.empty();
        return Optional.of(new Info(root, commit, branch, dirty));
    }

    private static Optional<String> resolve(Path gitDir, Path commonDir, String ref) throws IOException {
        if (ref.contains("..")) {
            return Optional.empty();
        }
        for (Path base : List.of(gitDir, commonDir)) {
            Path loose = base.resolve(ref);
            if (Files.isRegularFile(loose)) {
                return Optional.of(Files.readString(loose, StandardCharsets.UTF_8).trim());
            }
        }
        Path packed = commonDir.resolve("packed-refs");
        if (Files.isRegularFile(packed)) {
            for (String line : Files.readAllLines(packed, StandardCharsets.UTF_8)) {
                String[] parts = line.trim().split(" ");
                if (parts.length == 2 && parts[1].equals(ref)) {
                    return Optional.of(parts[0]);
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<Boolean> dirty(Path root) {
        Process p = null;
        try {
            p = new ProcessBuilder("git", "-C", root.toString(), "status", "--porcelain", "--untracked-files=no")
                    .redirectErrorStream(true).start();
            p.getOutputStream().close();
            byte[] out;
            try (InputStream in = p.getInputStream()) {
                out = in.readNBytes(1 << 16);
            }
            if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
                return Optional.empty();
            }
            return Optional.of(out.length > 0);
        } catch (IOException e) {
            LOG.debug("git status failed in {}", root, e);
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } finally {
            if (p != null) {
                p.destroy();
            }
        }
    }
}
