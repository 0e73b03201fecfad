package io.redraft.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;

/** Every node SIGKILLed, then restarted from its data dir with no flags: every acknowledged write is there. */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class RestartTest {
    @TempDir
    Path dir;

    @Test
    void allNodesKilledAndRestartedKeepEveryAcknowledgedWrite() throws Exception {
        try (TestCluster cluster = TestCluster.form(dir, 3)) {
            Map<String, String> acknowledged = new LinkedHashMap<>();
            NodeProcess leader = cluster.awaitLeader(Duration.ofSeconds(10));
            try (Jedis jedis = leader.client()) {
                for (int i = 0; i < 300; i++) {
                    if (i == 150) {
                        NodeProcess.call(jedis, "SNAPSHOT"); // restart must combine snapshot and log tail
                    }
                    String key = "k" + i;
                    assertEquals("OK", jedis.set(key, "v" + i));
                    acknowledged.put(key, "v" + i);
                }
                assertEquals(300L, jedis.incrBy("counter", 300));
                acknowledged.put("counter", "300");
                jedis.set("expiring", "x", redis.clients.jedis.params.SetParams.setParams().px(1));
            }
            for (NodeProcess n : cluster.nodes) {
                n.kill9();
            }
            for (NodeProcess n : cluster.nodes) {
                n.start(); // no --bootstrap, no --join: membership comes from the data dir
            }
            cluster.awaitLeader(Duration.ofSeconds(30));
            for (NodeProcess n : cluster.nodes) {
                // A node answers -CLUSTERDOWN until it has heard from the new leader.
                TestCluster.await(Duration.ofSeconds(30), () -> serves(n), n.id + " serving reads");
                try (Jedis jedis = n.client()) {
                    for (Map.Entry<String, String> e : acknowledged.entrySet()) {
                        assertEquals(e.getValue(), read(jedis, e.getKey()), e.getKey() + " on " + n.id);
                    }
                    assertEquals(null, read(jedis, "expiring"));
                }
            }
        }
    }

    /**
     * A linearizable GET, retried while it answers -CLUSTERDOWN: on a loaded machine the cluster
     * that just came back may hold another election, and a read refused meanwhile says nothing
     * about the data.
     */
    private static String read(Jedis jedis, String key) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            try {
                return jedis.get(key);
            } catch (redis.clients.jedis.exceptions.JedisClusterException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(200);
            }
        }
    }

    private static boolean serves(NodeProcess n) {
        try (Jedis jedis = n.client()) {
            jedis.get("k0");
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }
}
