package io.redraft.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;

/**
 * A client blocked on a follower keeps waiting through a leader change and gets the element once;
 * one on a node cut off from the quorum gets CLUSTERDOWN after the grace instead of hanging.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class BlockingFailoverTest {
    @TempDir
    Path dir;

    @Test
    void aBlockedClientSurvivesALeaderChange() throws Exception {
        ExecutorService clients = Executors.newCachedThreadPool();
        try (TestCluster cluster = TestCluster.form(dir, 3)) {
            NodeProcess oldLeader = cluster.awaitLeader(Duration.ofSeconds(10));
            List<NodeProcess> survivors = cluster.nodes.stream().filter(n -> n != oldLeader).toList();
            NodeProcess blockedOn = survivors.get(0);
            NodeProcess pusher = survivors.get(1);
            Future<Object> pop = clients.submit(() -> {
                try (Jedis jedis = BlockingTest.patientClient(blockedOn)) {
                    return NodeProcess.call(jedis, "BLPOP", "f:q", "0");
                }
            });
            Thread.sleep(BlockingTest.SETTLE_MS);
            assertFalse(pop.isDone());

            oldLeader.kill9();
            NodeProcess newLeader = cluster.awaitLeader(Duration.ofSeconds(30));
            assertNotEquals(oldLeader.id, newLeader.id);
            TestCluster.await(Duration.ofSeconds(30), () -> {
                try {
                    assertEquals(1L, pusher.call("RPUSH", "f:q", "survivor"));
                    return true;
                } catch (redis.clients.jedis.exceptions.JedisDataException e) {
                    if (String.valueOf(e.getMessage()).startsWith("CLUSTERDOWN")) {
                        return false; // refused before the log while the election settles: try again
                    }
                    throw e;
                }
            }, "a push after the leader change");

            assertEquals(List.of("f:q", "survivor"), pop.get(60, TimeUnit.SECONDS));
            for (NodeProcess n : survivors) {
                assertEquals(0L, n.call("LLEN", "f:q"), "popped exactly once, seen on " + n.id);
            }
        } finally {
            clients.shutdownNow();
        }
    }

    @Test
    void aBlockedClientCutOffFromTheQuorumGetsClusterdown() throws Exception {
        ExecutorService clients = Executors.newCachedThreadPool();
        try (TestCluster cluster = TestCluster.form(dir, 3)) {
            NodeProcess leader = cluster.awaitLeader(Duration.ofSeconds(10));
            NodeProcess blockedOn = cluster.nodes.stream().filter(n -> n != leader).findFirst().orElseThrow();
            Future<Object> pop = clients.submit(() -> {
                try (Jedis jedis = BlockingTest.patientClient(blockedOn)) {
                    return NodeProcess.call(jedis, "BLPOP", "c:q", "0");
                }
            });
            Thread.sleep(BlockingTest.SETTLE_MS);
            assertFalse(pop.isDone());
            long killedAt = System.nanoTime();
            for (NodeProcess n : cluster.nodes) {
                if (n != blockedOn) {
                    n.kill9();
                }
            }
            ExecutionException ended = assertThrows(ExecutionException.class, () -> pop.get(90, TimeUnit.SECONDS));
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killedAt);
            assertTrue(
                    String.valueOf(ended.getCause().getMessage()).startsWith("CLUSTERDOWN"), ended.getCause().toString());
            assertTrue(ms >= 10_000, "ended after " + ms + " ms, before the grace");
        } finally {
            clients.shutdownNow();
        }
    }
}
