package io.redraft.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;

/**
 * Every node is restarted in turn (SIGTERM, start again on its data dir) while clients write
 * through all of them, one of them pipelining: every node exits 0, no acknowledged write is lost,
 * and every failed request failed with an error a client can retry on (see {@link LoadWriter}:
 * -CLUSTERDOWN/-TRYAGAIN, which must mean not applied, -TIMEOUT, or the connection to the
 * stopping node closing before the reply), with no request left unanswered.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class RollingRestartTest {
    @TempDir
    Path dir;

    @Test
    void rollingRestartUnderLoadLosesNothing() throws Exception {
        try (TestCluster cluster = TestCluster.form(dir, 3)) {
            List<LoadWriter> writers = List.of(new LoadWriter("p", cluster.nodes, 0, 8),
                    new LoadWriter("a", cluster.nodes, 1, 1), new LoadWriter("b", cluster.nodes, 2, 1));
            GracefulShutdownTest.awaitMoreAcknowledged(writers, 200);
            for (NodeProcess node : cluster.nodes) {
                assertEquals(0, node.terminate(Duration.ofSeconds(60)), node.id + " exit code after SIGTERM");
                node.start();
                TestCluster.await(Duration.ofSeconds(60), () -> caughtUp(node), node.id + " serving again");
                GracefulShutdownTest.awaitMoreAcknowledged(writers, 100);
            }
            for (LoadWriter w : writers) {
                w.stop();
            }
            int acknowledged = writers.stream().mapToInt(w -> w.acknowledged.size()).sum();
            System.out.println("rolling restart: " + acknowledged + " writes acknowledged");
            try (Jedis jedis = cluster.awaitLeader(Duration.ofSeconds(20)).client()) {
                for (LoadWriter w : writers) {
                    System.out.println(w.summary());
                    w.verify(jedis);
                }
            }
        }
    }

    private static boolean caughtUp(NodeProcess node) {
        try (Jedis jedis = node.client()) {
            return "OK".equals(jedis.set("probe-" + node.id, "x"));
        } catch (RuntimeException e) {
            return false;
        }
    }
}
