package io.redraft.it.faults;

import io.redraft.it.NodeProcess;
import io.redraft.it.TestCluster;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import redis.clients.jedis.Jedis;

/** Who leads, as the nodes see it, asked with short timeouts so paused nodes cost little. */
final class Leaders {
    private Leaders() {}

    /** The leader id {@code node} reports, if it answers LEADER within a second or so. */
    static Optional<String> seenBy(NodeProcess node) {
        if (!node.isAlive()) {
            return Optional.empty();
        }
        try (Jedis jedis = new Jedis("127.0.0.1", node.redisPort, 1500)) {
            return Optional.of(String.valueOf(NodeProcess.call(jedis, "LEADER")).split(" ")[0]);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The leader a majority of {@code nodes} agree on right now, if any. */
    static Optional<String> agreed(Collection<NodeProcess> nodes, int clusterSize) {
        Map<String, Integer> votes = new HashMap<>();
        for (NodeProcess n : nodes) {
            seenBy(n).ifPresent(id -> votes.merge(id, 1, Integer::sum));
        }
        return votes.entrySet().stream().filter(e -> e.getValue() > clusterSize / 2)
                .map(Map.Entry::getKey).findFirst();
    }

    /** Waits until a majority of the cluster agrees on a live leader that {@code accept} likes. */
    static NodeProcess await(TestCluster cluster, Collection<NodeProcess> askers, Predicate<String> accept,
                             Duration timeout, String what) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<String> id = agreed(askers, cluster.nodes.size());
            if (id.isPresent() && accept.test(id.get())) {
                NodeProcess leader = cluster.node(id.get());
                if (leader.isAlive()) {
                    return leader;
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("timed out after " + timeout + " waiting for " + what);
    }

    /** The leader a majority of all nodes agree on. */
    static NodeProcess current(TestCluster cluster) throws InterruptedException {
        return await(cluster, cluster.nodes, id -> true, Duration.ofSeconds(30), "an agreed leader");
    }

    /** The nemesis must bite: the nodes it spared elect a leader other than {@code old}. */
    static NodeProcess awaitOtherThan(TestCluster cluster, NodeProcess old, Collection<NodeProcess> askers)
            throws InterruptedException {
        return await(cluster, askers, id -> !id.equals(old.id), Duration.ofSeconds(30),
                "a leader other than " + old.id);
    }
}
