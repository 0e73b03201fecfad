package io.redraft.it.faults;

import io.redraft.it.NodeProcess;
import io.redraft.it.TestCluster;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import redis.clients.jedis.Jedis;

/**
 * After the faults are healed every replica must reach the same state: restarted, paused,
 * partitioned and re-joined nodes included. Compared with local (READONLY) reads on each node.
 */
final class Convergence {
    private Convergence() {}

    static void await(TestCluster cluster, List<Workload> workloads, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = null;
        while (System.nanoTime() < deadline) {
            last = difference(cluster, workloads);
            if (last == null) {
                return;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("replicas did not converge within " + timeout + ": " + last);
    }

    /** A description of the first disagreement between replicas, or null if they all agree. */
    private static String difference(TestCluster cluster, List<Workload> workloads) {
        List<List<Object>> states = new ArrayList<>();
        for (NodeProcess n : cluster.nodes) {
            try (Jedis jedis = new Jedis("127.0.0.1", n.redisPort, 5000)) {
                NodeProcess.call(jedis, "READONLY");
                List<Object> state = new ArrayList<>();
                for (Workload w : workloads) {
                    for (String key : w.keys()) {
                        state.add(w.read(jedis, key));
                    }
                }
                states.add(state);
            } catch (RuntimeException e) {
                return n.id + " unreadable: " + e;
            }
        }
        for (int i = 1; i < states.size(); i++) {
            if (!Objects.equals(states.get(0), states.get(i))) {
                return cluster.nodes.get(0).id + " and " + cluster.nodes.get(i).id + " differ";
            }
        }
        return null;
    }
}
