package io.redraft.it.faults;

import io.redraft.it.NodeProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import redis.clients.jedis.Jedis;

/**
 * Crashes a node in the middle of a snapshot install. Every node snapshots and compacts its log
 * often (a low --snapshot-threshold), and a few MB of ballast make the snapshot slow to ship. A
 * follower is cut off until the leader has compacted past it; once the network heals the leader
 * must send it a snapshot, and the follower is killed as soon as a partial snapshot shows up in
 * its data dir (or after a short while if none does). Restarted, it must catch up.
 */
final class SnapshotInstallCrash implements Nemesis {
    private static final int BALLAST_KEYS = 48;
    private static final int BALLAST_BYTES = 64 * 1024;
    private NodeProcess victim;
    private int strikes;
    private int midInstall;

    @Override
    public String name() {
        return "snapshot-install-crash";
    }

    @Override
    public String[] nodeFlags() {
        return new String[] {"--snapshot-threshold", "200"};
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
        ctx.log("isolate follower " + victim.id + " until the leader compacts past it");
        ctx.cluster.network.isolate(victim);
    }

    @Override
    public void heal(FaultContext ctx) throws Exception {
        strikes++;
        ctx.log("heal network, wait for " + victim.id + " to receive a snapshot");
        ctx.cluster.network.heal();
        boolean installing = awaitPartialSnapshot(victim.dataDir, 5000);
        victim.kill9();
        if (installing) {
            midInstall++;
        }
        ctx.log("kill -9 " + victim.id + (installing ? " mid-install" : " (no partial snapshot seen)")
                + "; " + midInstall + "/" + strikes + " strikes hit an install");
        victim.start();
        ctx.log("restarted " + victim.id);
    }

    /** Polls for a file in a directory named tmp (where Ratis receives snapshot chunks). */
    private static boolean awaitPartialSnapshot(Path dataDir, long timeoutMs) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutMs * 1_000_000;
        while (System.nanoTime() < deadline) {
            if (hasPartialSnapshot(dataDir)) {
                return true;
            }
            Thread.sleep(5);
        }
        return false;
    }

    private static boolean hasPartialSnapshot(Path dataDir) {
        try (Stream<Path> files = Files.walk(dataDir)) {
            return files.anyMatch(f -> f.toString().contains("/tmp/") && Files.isRegularFile(f));
        } catch (IOException | UncheckedIOException e) {
            return false; // files come and go while we walk
        }
    }
}
