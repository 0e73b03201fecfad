package io.redraft.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/** N real node processes formed into one cluster the way the spec's seed flow does it. */
public final class TestCluster implements AutoCloseable {
    public final List<NodeProcess> nodes = new ArrayList<>();
    private final Path baseDir;
    /** The controllable network the nodes' Raft traffic goes through; null when they talk directly. */
    public Network network;

    private TestCluster(Path baseDir) {
        this.baseDir = baseDir;
    }

    /** Starts {@code size} empty nodes, BOOTSTRAPs n1 and JOINs the rest through it. */
    public static TestCluster form(Path baseDir, int size) throws Exception {
        return form(baseDir, size, false);
    }

    /** As {@link #form(Path, int)}, with Raft traffic going through a {@link Network} the test controls. */
    public static TestCluster formBehindNetwork(Path baseDir, int size) throws Exception {
        return form(baseDir, size, true);
    }

    /** As {@link #formBehindNetwork(Path, int)}, every node started (and restarted) with {@code nodeFlags}. */
    public static TestCluster formBehindNetwork(Path baseDir, int size, String... nodeFlags) throws Exception {
        return form(baseDir, size, true, nodeFlags);
    }

    /** As {@link #form(Path, int)}, each node started (and restarted) with the flags {@code flagsFor} gives it. */
    public static TestCluster formWith(Path baseDir, int size, Function<NodeProcess, List<String>> flagsFor)
            throws Exception {
        return form(baseDir, size, false, flagsFor);
    }

    private static TestCluster form(Path baseDir, int size, boolean behindNetwork, String... nodeFlags) throws Exception {
        return form(baseDir, size, behindNetwork, n -> List.of(nodeFlags));
    }

    private static TestCluster form(Path baseDir, int size, boolean behindNetwork,
                                    Function<NodeProcess, List<String>> flagsFor) throws Exception {
        TestCluster cluster = new TestCluster(baseDir);
        try {
            for (int i = 1; i <= size; i++) {
                NodeProcess n = new NodeProcess("n" + i, baseDir);
                n.alwaysStartWith(flagsFor.apply(n).toArray(String[]::new));
                cluster.nodes.add(n);
            }
            if (behindNetwork) {
                cluster.network = Network.connect(cluster.nodes, baseDir);
            }
            for (NodeProcess n : cluster.nodes) {
                n.start();
            }
            NodeProcess first = cluster.nodes.get(0);
            assertEquals("OK", first.call("BOOTSTRAP", first.id, first.raftAddr()));
            for (NodeProcess n : cluster.nodes.subList(1, size)) {
                joinPatiently(first, n);
            }
            cluster.awaitMembers(size);
            return cluster;
        } catch (Exception | Error e) {
            cluster.close();
            throw e;
        }
    }

    /**
     * JOIN, retried when the node's internal 3 s RPC deadline runs out on a loaded machine
     * ({@code ERR DEADLINE_EXCEEDED}); a retried JOIN finishes what the first one started.
     */
    static void joinPatiently(NodeProcess via, NodeProcess n) throws InterruptedException {
        for (int attempt = 1; ; attempt++) {
            try {
                assertEquals("OK", via.call("JOIN", n.id, n.raftAddr()));
                return;
            } catch (redis.clients.jedis.exceptions.JedisDataException e) {
                if (attempt >= 5 || !String.valueOf(e.getMessage()).contains("DEADLINE_EXCEEDED")) {
                    throw e;
                }
                Thread.sleep(1000);
            }
        }
    }

    /** Adds a fresh empty node through a JOIN sent to {@code via}. */
    NodeProcess join(String id, NodeProcess via) throws Exception {
        NodeProcess n = new NodeProcess(id, baseDir).start();
        nodes.add(n);
        assertEquals("OK", via.call("JOIN", n.id, n.raftAddr()));
        return n;
    }

    public NodeProcess node(String id) {
        return nodes.stream().filter(n -> n.id.equals(id)).findFirst().orElseThrow();
    }

    public List<NodeProcess> alive() {
        return nodes.stream().filter(NodeProcess::isAlive).toList();
    }

    /** The leader as reported by LEADER on a live node, waiting for one to be elected. */
    public NodeProcess awaitLeader(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (NodeProcess n : alive()) {
                try {
                    Object reply = n.call("LEADER");
                    String leaderId = String.valueOf(reply).split(" ")[0];
                    for (NodeProcess candidate : alive()) {
                        if (candidate.id.equals(leaderId)) {
                            return candidate;
                        }
                    }
                } catch (RuntimeException e) {
                    // no leader yet, or this node is down
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no leader within " + timeout);
    }

    public void awaitMembers(int count) throws InterruptedException {
        await(Duration.ofSeconds(30), () -> {
            try {
                String nodesReply = (String) nodes.get(0).call("NODES");
                return nodesReply.lines().filter(l -> !l.isBlank() && !l.split(" ")[2].equals("-")).count() == count;
            } catch (RuntimeException e) {
                return false;
            }
        }, "cluster of " + count + " members with known addresses");
    }

    public static void await(Duration timeout, BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(50);
        }
    }

    @Override
    public void close() throws InterruptedException {
        for (NodeProcess n : nodes) {
            n.stop();
        }
        if (network != null) {
            network.close();
        }
    }
}
