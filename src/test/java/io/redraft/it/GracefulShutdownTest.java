package io.redraft.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisConnectionException;

/** SHUTDOWN and SIGTERM hand leadership over before the node exits, and lose nothing. */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class GracefulShutdownTest {
    @TempDir
    Path dir;

    @Test
    void shutdownOnTheLeaderHandsLeadershipOverAndExitsZero() throws Exception {
        try (TestCluster cluster = TestCluster.form(dir, 3)) {
            NodeProcess leader = cluster.awaitLeader(Duration.ofSeconds(20));
            try (Jedis jedis = leader.client()) {
                for (int i = 0; i < 100; i++) {
                    assertEquals("OK", jedis.set("k" + i, "v" + i));
                }
                assertEquals("-ERR No shutdown in progress.", error(() -> NodeProcess.call(jedis, "SHUTDOWN", "ABORT")));
                // Redis answers a successful SHUTDOWN by closing the connection.
                assertThrows(JedisConnectionException.class, () -> NodeProcess.call(jedis, "SHUTDOWN"));
            }
            long stoppedAt = System.nanoTime();
            assertEquals(0, leader.awaitExit(Duration.ofSeconds(60)));

            NodeProcess survivor = cluster.nodes.stream().filter(n -> n != leader).findFirst().orElseThrow();
            String newLeader = awaitLeaderSeenBy(survivor, leader.id, Duration.ofSeconds(20));
            long tookMs = (System.nanoTime() - stoppedAt) / 1_000_000;
            assertNotEquals(leader.id, newLeader);
            System.out.println("leadership moved " + leader.id + " -> " + newLeader + ", seen " + tookMs + " ms after exit");
            try (Jedis jedis = survivor.client()) {
                assertEquals("OK", jedis.set("after", "shutdown"));
                for (int i = 0; i < 100; i++) {
                    assertEquals("v" + i, jedis.get("k" + i));
                }
            }
        }
    }

    @Test
    void sigtermOfTheLeaderUnderLoadLosesNoAcknowledgedWrite() throws Exception {
        try (TestCluster cluster = TestCluster.form(dir, 3)) {
            NodeProcess leader = cluster.awaitLeader(Duration.ofSeconds(20));
            List<NodeProcess> others = cluster.nodes.stream().filter(n -> n != leader).toList();
            Writer writer = new Writer(others.get(0));
            Thread thread = new Thread(writer, "writer");
            thread.start();
            Thread.sleep(1500);
            leader.stop();
            Thread.sleep(1500);
            writer.stop = true;
            thread.join(30_000);
            assertTrue(writer.acknowledged > 20, "too few writes: " + writer.acknowledged);
            try (Jedis jedis = others.get(1).client()) {
                for (int i = 0; i < writer.acknowledged; i++) {
                    assertEquals("v" + i, jedis.get("w" + i), "acknowledged write w" + i + " lost");
                }
            }
            System.out.println(writer.acknowledged + " writes acknowledged, " + writer.errors + " error replies");
        }
    }

    /** Writes w0, w1, ... in order through one node; stops at the first write it cannot confirm. */
    private static final class Writer implements Runnable {
        private final NodeProcess node;
        volatile boolean stop;
        volatile int acknowledged;
        volatile int errors;

        Writer(NodeProcess node) {
            this.node = node;
        }

        @Override
        public void run() {
            try (Jedis jedis = node.client()) {
                while (!stop) {
                    try {
                        jedis.set("w" + acknowledged, "v" + acknowledged);
                        acknowledged++;
                    } catch (redis.clients.jedis.exceptions.JedisDataException e) {
                        errors++; // not applied (or -TIMEOUT: retried with the same value, harmless)
                        Thread.sleep(50);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static String error(Runnable call) {
        try {
            call.run();
            return "no error";
        } catch (redis.clients.jedis.exceptions.JedisDataException e) {
            return "-" + e.getMessage();
        }
    }

    private static String awaitLeaderSeenBy(NodeProcess node, String notThis, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                String leaderId = String.valueOf(node.call("LEADER")).split(" ")[0];
                if (!leaderId.equals(notThis) && !leaderId.isBlank()) {
                    return leaderId;
                }
            } catch (RuntimeException e) {
                // no leader yet
            }
            Thread.sleep(20);
        }
        throw new AssertionError(node.id + " saw no new leader");
    }
}
