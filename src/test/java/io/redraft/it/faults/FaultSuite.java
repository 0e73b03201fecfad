package io.redraft.it.faults;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every nemesis, alone and mixed, against all four workloads at once; a subclass picks the
 * profile. After the last run the summary table is printed and written to
 * {@code target/faults-<profile>.md}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class FaultSuite {
    private final List<FaultRun.Row> rows = new ArrayList<>();

    abstract FaultProfile profile();

    @Test
    void leaderKill(@TempDir Path dir) throws Exception {
        run(new LeaderKill(), dir);
    }

    @Test
    void randomKill(@TempDir Path dir) throws Exception {
        run(new RandomKill(), dir);
    }

    @Test
    void leaderPause(@TempDir Path dir) throws Exception {
        run(new LeaderPause(), dir);
    }

    @Test
    void leaderIsolate(@TempDir Path dir) throws Exception {
        run(new LeaderIsolate(), dir);
    }

    @Test
    void majoritySplit(@TempDir Path dir) throws Exception {
        run(new MajoritySplit(), dir);
    }

    @Test
    void bridge(@TempDir Path dir) throws Exception {
        run(new Bridge(), dir);
    }

    @Test
    void membershipChurn(@TempDir Path dir) throws Exception {
        run(new MembershipChurn(), dir);
    }

    @Test
    void snapshotInstallCrash(@TempDir Path dir) throws Exception {
        run(new SnapshotInstallCrash(), dir);
    }

    @Test
    void mixed(@TempDir Path dir) throws Exception {
        run(new MixedNemesis(), dir);
    }

    private void run(Nemesis nemesis, Path dir) {
        FaultProfile profile = profile();
        // Bounded: the schedule, the checks (each bounded) and generous room for a loaded machine.
        Duration limit = profile.duration().multipliedBy(2).plus(profile.checkerBudget()).plusMinutes(5);
        List<FaultRun.Row> result;
        try {
            result = assertTimeoutPreemptively(limit,
                    () -> new FaultRun(nemesis, profile, FaultRun.allWorkloads()).run(dir));
        } catch (Throwable t) {
            keepLogs(nemesis, dir);
            throw t;
        }
        synchronized (rows) {
            rows.addAll(result);
        }
        StringBuilder failures = new StringBuilder();
        for (FaultRun.Row r : result) {
            if (!r.verdict().ok()) {
                failures.append("\n").append(r.workload()).append(": ").append(r.verdict().summary()).append("\n")
                        .append(r.verdict().detail());
            }
        }
        if (!failures.isEmpty()) {
            keepLogs(nemesis, dir);
            fail(nemesis.name() + " broke a guarantee:" + failures);
        }
    }

    /**
     * Copies the node logs of a failed run to {@code target/fault-logs/<nemesis>-<time>/}: the
     * JUnit temp dir they live in is deleted when the test ends.
     */
    private static void keepLogs(Nemesis nemesis, Path dir) {
        Path target = Path.of("target");
        if (!Files.isDirectory(target)) {
            return;
        }
        Path keep = target.resolve("fault-logs").resolve(nemesis.name() + "-" + System.currentTimeMillis());
        try (var logs = Files.list(dir)) {
            Files.createDirectories(keep);
            for (Path log : logs.filter(p -> p.getFileName().toString().endsWith(".log")).toList()) {
                Files.copy(log, keep.resolve(log.getFileName()));
            }
            System.out.println("node logs of the failed run kept in " + keep.toAbsolutePath());
        } catch (IOException e) {
            System.out.println("could not keep the node logs of " + dir + ": " + e);
        }
    }

    @AfterAll
    void printSummary() throws IOException {
        if (rows.isEmpty()) {
            return; // skipped, or nothing finished: keep any earlier table
        }
        String table = FaultTable.format(profile().name(), rows);
        System.out.println(table);
        Path target = Path.of("target");
        if (Files.isDirectory(target)) {
            Files.writeString(target.resolve("faults-" + profile().name() + ".md"), table);
        }
    }
}
