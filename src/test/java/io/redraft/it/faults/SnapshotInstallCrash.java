package io.redraft.it.faults;

import io.redraft.it.NodeProcess;
import io.redraft.it.TestCluster;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import redis.clients.jedis.Jedis;

/**
 * Crashes a node in the middle of a snapshot install. Every node snapshots and compacts its log
 * often (a low --snapshot-threshold), and a few MB of ballast make the snapshot slow to ship. A
 * follower is cut off until the leader has compacted past it; once the network heals the leader
 * must send it a snapshot, and the follower is killed as soon as a partial snapshot shows up in
 * its data dir or it logs loading one, or after a random short while. Each kill is classified
 * (mid-install when Ratis's tmp dir holds a partial snapshot) in the timeline. Restarted, the
 * node must catch up (checked when the replicas are compared at the end).
 */
final class SnapshotInstallCrash implements Nemesis {
    private static final int BALLAST_KEYS = 24;
    private static final int BALLAST_BYTES = 64 * 1024;
    private NodeProcess victim;
    /** The victim's match index when it was cut off: a snapshot past it came from the leader. */
    private long victimMatch;
    private int strikes;
    private int midInstall;

    @Override
    public String name() {
        return "snapshot-install-crash";
    }

    @Override
    public String[] nodeFlags() {
        return new String[] {"--snapshot-threshold", "50"};
    }

    @Override
    public void setUp(FaultContext ctx) throws Exception {
        String ballast = "x".repeat(BALLAST_BYTES);
        try (Jedis jedis = Leaders.current(ctx.cluster).client()) {
            for (int i = 0; i < BALLAST_KEYS; i++) {
                jedis.set("ballast:" + i, ballast);
            }
        }
    }

    @Override
    public void strike(FaultContext ctx) throws Exception {
        NodeProcess leader = Leaders.current(ctx.cluster);
        victim = ctx.others(leader).get(ctx.random.nextInt(ctx.cluster.nodes.size() - 1));
        long match = matchIndex(leader, victim);
        victimMatch = match;
        ctx.log("isolate follower " + victim.id + " (match index " + match + ")");
        ctx.cluster.network.isolate(victim);
        // The nemesis bites only once the leader's log no longer holds what the victim lacks.
        TestCluster.await(Duration.ofSeconds(60), () -> newestSnapshotIndex(leader.dataDir) > match,
                "leader " + leader.id + " to snapshot past index " + match);
        ctx.log("leader " + leader.id + " compacted through index " + newestSnapshotIndex(leader.dataDir));
    }

    /** The victim's match index as the leader's NODES reports it. */
    private static long matchIndex(NodeProcess leader, NodeProcess node) {
        String nodes = (String) leader.call("NODES");
        return nodes.lines().map(l -> l.split(" ")).filter(f -> f[0].equals(node.id))
                .mapToLong(f -> Long.parseLong(f[f.length - 1])).findFirst().orElseThrow();
    }

    private static long newestSnapshotIndex(Path dataDir) {
        try (Stream<Path> files = Files.walk(dataDir)) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.matches("snapshot\\.\\d+_\\d+"))
                    .mapToLong(n -> Long.parseLong(n.substring(n.indexOf('_') + 1))).max().orElse(0);
        } catch (IOException | UncheckedIOException e) {
            return 0; // files come and go while we walk
        }
    }

    @Override
    public void heal(FaultContext ctx) throws Exception {
        strikes++;
        long patienceMs = 200 + ctx.random.nextInt(1500);
        ctx.log("heal network; kill " + victim.id + " as soon as a snapshot reaches it, or after " + patienceMs + " ms");
        ctx.cluster.network.heal();
        Path partial = awaitSnapshot(patienceMs);
        victim.kill9();
        Path leftover = partialSnapshot(victim.dataDir);
        String when;
        if (leftover != null || partial != null) {
            midInstall++;
            when = "mid-install (" + victim.dataDir.relativize(leftover != null ? leftover : partial) + ")";
        } else if (newestSnapshotIndex(victim.dataDir) > victimMatch) {
            midInstall++;
            when = "right after the leader's snapshot " + newestSnapshotIndex(victim.dataDir) + " landed";
        } else {
            when = "before the leader's snapshot arrived";
        }
        ctx.log("kill -9 " + victim.id + " " + when + "; " + midInstall + "/" + strikes + " strikes hit an install");
        long restartMark = victim.logFile().length();
        victim.start();
        ctx.log("restarted " + victim.id);
        String loads = grep(victim, restartMark, "loaded snapshot");
        ctx.log(victim.id + " since restart: " + (loads.isEmpty() ? "no snapshot loaded" : loads));
    }

    /** Waits until a partial snapshot (returned) or a complete one from the leader shows up, at most {@code ms}. */
    private Path awaitSnapshot(long ms) throws Exception {
        long deadline = System.nanoTime() + ms * 1_000_000;
        while (System.nanoTime() < deadline) {
            Path partial = partialSnapshot(victim.dataDir);
            if (partial != null || newestSnapshotIndex(victim.dataDir) > victimMatch) {
                return partial;
            }
            Thread.sleep(2);
        }
        return null;
    }

    private static String grep(NodeProcess node, long mark, String needle) throws IOException {
        try (RandomAccessFile log = new RandomAccessFile(node.logFile(), "r")) {
            byte[] tail = new byte[(int) Math.max(0, Math.min(log.length() - mark, 1 << 20))];
            log.seek(mark);
            log.readFully(tail);
            return new String(tail, StandardCharsets.UTF_8).lines().filter(l -> l.contains(needle))
                    .reduce((a, b) -> a + " | " + b).orElse("");
        }
    }

    /** Waits until a partial snapshot shows up (returned) or one was loaded, for at most {@code ms}. */
    private static Path awaitInstall(NodeProcess node, long logMark, long ms) throws Exception {
        long deadline = System.nanoTime() + ms * 1_000_000;
        while (System.nanoTime() < deadline) {
            Path partial = partialSnapshot(node.dataDir);
            if (partial != null || installedSince(node, logMark)) {
                return partial;
            }
            Thread.sleep(5);
        }
        return null;
    }

    /** The node logged loading a snapshot (what follows a completed install) after {@code mark}. */
    private static boolean installedSince(NodeProcess node, long mark) throws IOException {
        try (RandomAccessFile log = new RandomAccessFile(node.logFile(), "r")) {
            if (log.length() <= mark) {
                return false;
            }
            byte[] tail = new byte[(int) Math.min(log.length() - mark, 1 << 20)];
            log.seek(mark);
            log.readFully(tail);
            return new String(tail, StandardCharsets.UTF_8).contains("loaded snapshot");
        }
    }

    private static boolean inTmpDir(Path relative) {
        for (Path part : relative) {
            if (part.toString().equals("tmp")) {
                return true;
            }
        }
        return false;
    }

    private static Path partialSnapshot(Path dataDir) {
        try (Stream<Path> files = Files.walk(dataDir)) {
            return files.filter(f -> inTmpDir(dataDir.relativize(f)) && Files.isRegularFile(f)).findFirst().orElse(null);
        } catch (IOException | UncheckedIOException e) {
            return null; // files come and go while we walk
        }
    }
}
