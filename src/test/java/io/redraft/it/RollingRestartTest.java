package io.redraft.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * Every node is restarted in turn (SIGTERM, start again on its data dir) while clients write
 * through all of them: no acknowledged write is lost, and every failed request failed with an
 * error a client can retry on (-CLUSTERDOWN, -TIMEOUT, or the connection to the stopping node).
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class RollingRestartTest {
    private static final int WRITERS = 3;

    @TempDir
    Path dir;

    @Test
    void rollingRestartUnderLoadLosesNothing() throws Exception {
        try (TestCluster cluster = TestCluster.form(dir, 3)) {
            List<Writer> writers = new ArrayList<>();
            List<Thread> threads = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                Writer writer = new Writer(w, cluster.nodes);
                writers.add(writer);
                Thread t = new Thread(writer, "writer-" + w);
                threads.add(t);
                t.start();
            }
            Thread.sleep(2000);
            for (NodeProcess node : cluster.nodes) {
                node.stop();
                Thread.sleep(1000);
                node.start();
                TestCluster.await(Duration.ofSeconds(60), () -> caughtUp(node), node.id + " serving again");
                Thread.sleep(1000);
            }
            for (Writer w : writers) {
                w.stop = true;
            }
            for (Thread t : threads) {
                t.join(30_000);
            }

            Map<String, Integer> unexpected = new ConcurrentHashMap<>();
            int acknowledged = 0;
            for (Writer w : writers) {
                acknowledged += w.acknowledged.size();
                w.unexpectedErrors.forEach((k, v) -> unexpected.merge(k, v, Integer::sum));
            }
            System.out.println("rolling restart: " + acknowledged + " writes acknowledged; retryable failures "
                    + writers.stream().mapToInt(w -> w.retryable).sum());
            assertTrue(unexpected.isEmpty(), "non-retryable errors: " + unexpected);
            assertTrue(acknowledged > 100, "too few writes to mean anything: " + acknowledged);
            try (Jedis jedis = cluster.awaitLeader(Duration.ofSeconds(20)).client()) {
                for (Writer w : writers) {
                    for (String key : w.acknowledged) {
                        assertEquals(key, jedis.get(key), "acknowledged write " + key + " lost");
                    }
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

    /** Writes unique keys, moving to the next node when its connection breaks. */
    private static final class Writer implements Runnable {
        private final int id;
        private final List<NodeProcess> nodes;
        final List<String> acknowledged = new ArrayList<>();
        final Map<String, Integer> unexpectedErrors = new ConcurrentHashMap<>();
        volatile boolean stop;
        int retryable;

        Writer(int id, List<NodeProcess> nodes) {
            this.id = id;
            this.nodes = nodes;
        }

        @Override
        public void run() {
            int node = id;
            int seq = 0;
            Jedis jedis = null;
            while (!stop) {
                String key = "w" + id + "-" + seq;
                try {
                    if (jedis == null) {
                        jedis = new Jedis("127.0.0.1", nodes.get(node % nodes.size()).redisPort, 10_000);
                    }
                    jedis.set(key, key);
                    acknowledged.add(key);
                    seq++;
                } catch (JedisDataException e) {
                    String kind = String.valueOf(e.getMessage()).split(" ")[0];
                    if (kind.equals("CLUSTERDOWN") || kind.equals("TIMEOUT")) {
                        retryable++;
                    } else {
                        unexpectedErrors.merge(e.getMessage(), 1, Integer::sum);
                    }
                    seq++; // the outcome may be unknown: never reuse the key
                    sleep(50);
                } catch (JedisConnectionException e) {
                    retryable++;
                    seq++;
                    if (jedis != null) {
                        jedis.close();
                        jedis = null;
                    }
                    node++;
                    sleep(100);
                }
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
}
