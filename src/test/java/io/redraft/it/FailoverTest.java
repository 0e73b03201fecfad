package io.redraft.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;

/** SIGKILL of the leader under write load: a new leader takes over and no acknowledged write is lost. */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class FailoverTest {
    @TempDir
    Path dir;

    @Test
    void killingTheLeaderLosesNoAcknowledgedWrite() throws Exception {
        try (TestCluster cluster = TestCluster.form(dir, 3)) {
            NodeProcess oldLeader = cluster.awaitLeader(Duration.ofSeconds(10));
            Map<String, String> acknowledged = new ConcurrentHashMap<>();
            AtomicBoolean stop = new AtomicBoolean();
            ExecutorService writers = Executors.newFixedThreadPool(4);
            List<Future<?>> running = new java.util.ArrayList<>();
            for (int w = 0; w < 4; w++) {
                NodeProcess target = cluster.nodes.get(w % 3);
                int writer = w;
                running.add(writers.submit(() -> writeUntilStopped(target, writer, acknowledged, stop)));
            }
            TestCluster.await(Duration.ofSeconds(30), () -> acknowledged.size() >= 200, "200 acknowledged writes");

            oldLeader.kill9();
            long killedAt = System.nanoTime();
            List<NodeProcess> survivors = cluster.alive();
            NodeProcess newLeader = cluster.awaitLeader(Duration.ofSeconds(20));
            assertNotEquals(oldLeader.id, newLeader.id);
            try (Jedis jedis = survivors.get(0).client()) {
                TestCluster.await(Duration.ofSeconds(20), () -> {
                    try {
                        return "OK".equals(jedis.set("after-failover", "1"));
                    } catch (RuntimeException e) {
                        return false;
                    }
                }, "a write after failover");
            }
            long failoverMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killedAt);
            System.out.println("failover: first write accepted " + failoverMs + " ms after SIGKILL of the leader");

            int before = acknowledged.size();
            TestCluster.await(Duration.ofSeconds(30), () -> acknowledged.size() >= before + 100, "writes to resume");
            stop.set(true);
            for (Future<?> f : running) {
                f.get(30, TimeUnit.SECONDS);
            }
            writers.shutdown();

            for (NodeProcess n : survivors) {
                try (Jedis jedis = n.client()) {
                    for (Map.Entry<String, String> e : acknowledged.entrySet()) {
                        assertEquals(e.getValue(), jedis.get(e.getKey()), "key " + e.getKey() + " on " + n.id);
                    }
                }
            }
            assertTrue(acknowledged.size() > 300);
        }
    }

    /** Writes unique keys; records a key only once its SET was acknowledged with OK. */
    private static void writeUntilStopped(NodeProcess target, int writer, Map<String, String> acknowledged,
                                          AtomicBoolean stop) {
        int i = 0;
        Jedis jedis = null;
        while (!stop.get()) {
            String key = "w" + writer + ":" + i;
            String value = "v" + i;
            try {
                if (jedis == null) {
                    jedis = target.client();
                }
                if ("OK".equals(jedis.set(key, value))) {
                    acknowledged.put(key, value);
                }
            } catch (RuntimeException e) {
                // unknown outcome or node down: not acknowledged, so not checked
                if (jedis != null) {
                    jedis.close();
                    jedis = null;
                }
                if (!target.isAlive()) {
                    return;
                }
                sleep(50);
            }
            i++;
        }
        if (jedis != null) {
            jedis.close();
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
