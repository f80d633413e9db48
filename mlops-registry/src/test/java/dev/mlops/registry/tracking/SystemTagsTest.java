package dev.mlops.registry.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class SystemTagsTest {

    @TempDir
    Path dir;

    private static String git(Path dir, String... args) throws IOException, InterruptedException {
        List<String> cmd = new java.util.ArrayList<>(List.of("git", "-C", dir.toString(), "-c", "user.name=t",
                "-c", "user.email=t@example.com", "-c", "commit.gpgsign=false"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out.trim();
    }

    private static boolean gitInstalled() {
        try {
            return new ProcessBuilder("git", "--version").start().waitFor() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    private Path repoWithOneCommit() throws Exception {
        Path repo = dir.resolve("repo");
        Files.createDirectories(repo.resolve("src/deep"));
        git(repo, "init", "-q", "-b", "trunk");
        Files.writeString(repo.resolve("a.txt"), "one");
        git(repo, "add", "a.txt");
        git(repo, "commit", "-q", "-m", "first");
        return repo;
    }

    @Test
    void git_commit_branch_and_dirty_flag_are_found_from_a_subdirectory() throws Exception {
        assertThat(gitInstalled()).as("git on the PATH (.ci/run installs it)").isTrue();
        Path repo = repoWithOneCommit();
        String head = git(repo, "rev-parse", "HEAD");

        Map<String, String> clean = SystemTags.detect(repo.resolve("src/deep")).tags();
        assertThat(clean).containsEntry(SystemTags.GIT_COMMIT, head).containsEntry(SystemTags.GIT_BRANCH, "trunk")
                .containsEntry(SystemTags.GIT_DIRTY, "false");

        Files.writeString(repo.resolve("a.txt"), "two");
        assertThat(SystemTags.detect(repo).tags()).containsEntry(SystemTags.GIT_DIRTY, "true");
    }

    @Test
    void packed_refs_detached_heads_and_worktrees_are_read() throws Exception {
        assertThat(gitInstalled()).as("git on the PATH (.ci/run installs it)").isTrue();
        Path repo = repoWithOneCommit();
        String head = git(repo, "rev-parse", "HEAD");
        git(repo, "pack-refs", "--all");
        assertThat(Files.exists(repo.resolve(".git/refs/heads/trunk"))).isFalse();
        assertThat(SystemTags.detect(repo).tags()).containsEntry(SystemTags.GIT_COMMIT, head);

        Path worktree = dir.resolve("wt");
        git(repo, "worktree", "add", "-q", "-b", "side", worktree.toString());
        assertThat(Files.isRegularFile(worktree.resolve(".git"))).isTrue();
        assertThat(SystemTags.detect(worktree).tags()).containsEntry(SystemTags.GIT_COMMIT, head)
                .containsEntry(SystemTags.GIT_BRANCH, "side");

        git(repo, "checkout", "-q", "--detach");
        assertThat(SystemTags.detect(repo).tags()).containsEntry(SystemTags.GIT_COMMIT, head)
                .doesNotContainKey(SystemTags.GIT_BRANCH);
    }

    @Test
    void outside_a_repository_only_the_runtime_is_recorded() {
        Map<String, String> tags = SystemTags.detect(dir).tags();
        assertThat(tags).doesNotContainKey(SystemTags.GIT_COMMIT)
                .containsEntry(SystemTags.JVM_VERSION, System.getProperty("java.version"))
                .containsEntry(SystemTags.OS_NAME, System.getProperty("os.name"))
                .containsEntry(SystemTags.OS_ARCH, System.getProperty("os.arch"))
                .containsKey(SystemTags.LIBRARY_VERSION);
        assertThat(tags.get(SystemTags.LIBRARY_VERSION)).isEqualTo("0.1.0-SNAPSHOT");
    }

    @Test
    void a_forged_git_head_pointing_outside_the_repository_is_ignored() throws Exception {
        Path repo = dir.resolve("forged");
        Files.createDirectories(repo.resolve(".git"));
        Files.writeString(repo.resolve(".git/HEAD"), "ref: ../../../../etc/passwd\n");
        assertThat(SystemTags.detect(repo).tags()).doesNotContainKey(SystemTags.GIT_COMMIT);
    }

    @Test
    void explicit_tags_are_validated_and_long_values_truncated() {
        SystemTags t = SystemTags.of(Map.of("k", "x".repeat(6000)));
        assertThat(t.tags().get("k")).hasSize(TrackingLimits.MAX_TAG_VALUE_LENGTH);
        assertThat(SystemTags.none().tags()).isEmpty();
    }
}
