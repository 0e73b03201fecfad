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
 * How long that took goes to the timeline, with the disagreement if it was slow, so a lagging
 * node (a liveness problem) can be told from diverged replicas (a safety one).
 */
final class Convergence {
    private static final Duration SLOW = Duration.ofSeconds(30);

    private Convergence() {}

    static void await(TestCluster cluster, List<Workload> workloads, FaultContext ctx, Duration timeout)
            throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        boolean reportedSlow = false;
        String last = null;
        while (System.nanoTime() < deadline) {
            last = difference(cluster, workloads);
            if (last == null) {
                ctx.log("replicas converged after " + (System.nanoTime() - start) / 1_000_000 + " ms");
                return;
            }
            if (!reportedSlow && System.nanoTime() - start > SLOW.toNanos()) {
                reportedSlow = true;
                ctx.log("replicas still differ after " + SLOW + ": " + last + "; " + members(cluster));
                cluster.nodes.forEach(NodeProcess::saveThreadDump); // kept with the logs if the run fails
            }
            Thread.sleep(500);
        }
        cluster.nodes.forEach(NodeProcess::saveThreadDump);
        throw new AssertionError("replicas did not converge within " + timeout + ": " + last + "; "
                + members(cluster));
    }

    /** A description of the first disagreement between replicas, or null if they all agree. */
    private static String difference(TestCluster cluster, List<Workload> workloads) {
        List<String> keys = new ArrayList<>();
        List<List<Object>> states = new ArrayList<>();
        for (NodeProcess n : cluster.nodes) {
            try (Jedis jedis = new Jedis("127.0.0.1", n.redisPort, 5000)) {
                NodeProcess.call(jedis, "READONLY");
                List<Object> state = new ArrayList<>();
                keys.clear();
                for (Workload w : workloads) {
                    for (String key : w.keys()) {
                        keys.add(key);
                        state.add(w.read(jedis, key));
                    }
                }
                states.add(state);
            } catch (RuntimeException e) {
                return n.id + " unreadable: " + e;
            }
        }
        for (int k = 0; k < keys.size(); k++) {
            for (int i = 1; i < states.size(); i++) {
                if (!Objects.equals(states.get(0).get(k), states.get(i).get(k))) {
                    StringBuilder sb = new StringBuilder("key " + keys.get(k) + " differs:");
                    for (int j = 0; j < states.size(); j++) {
                        sb.append(' ').append(cluster.nodes.get(j).id).append('=')
                                .append(brief(states.get(j).get(k)));
                    }
                    return sb.toString();
                }
            }
        }
        return null;
    }

    private static String brief(Object value) {
        if (value instanceof List<?> list) {
            return "list(" + list.size() + (list.isEmpty() ? "" : ", last " + list.get(list.size() - 1)) + ")";
        }
        return String.valueOf(value);
    }

    /** Every node's view of the membership and match indexes, for the report. */
    private static String members(TestCluster cluster) {
        StringBuilder sb = new StringBuilder();
        for (NodeProcess n : cluster.nodes) {
            sb.append(n.id).append(" says [");
            try (Jedis jedis = new Jedis("127.0.0.1", n.redisPort, 3000)) {
                sb.append(String.valueOf(NodeProcess.call(jedis, "NODES")).strip().replace("\n", "; "));
            } catch (RuntimeException e) {
                sb.append(e.getMessage());
            }
            sb.append("] ");
        }
        return sb.toString();
    }
}
