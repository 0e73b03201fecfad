package io.redraft.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
            long newLeaderMs;
            String newLeader;
            try (Jedis jedis = leader.client()) {
                for (int i = 0; i < 100; i++) {
                    assertEquals("OK", jedis.set("k" + i, "v" + i));
                }
                assertEquals("-ERR No shutdown in progress.", error(() -> NodeProcess.call(jedis, "SHUTDOWN", "ABORT")));
                List<NodeProcess> others = cluster.nodes.stream().filter(n -> n != leader).toList();
                try (LeaderChangeTimer watch = new LeaderChangeTimer(others, leader.id)) {
                    // Redis answers a successful SHUTDOWN by closing the connection.
                    assertThrows(JedisConnectionException.class, () -> NodeProcess.call(jedis, "SHUTDOWN"));
                    newLeaderMs = watch.awaitMs(20_000);
                    newLeader = watch.newLeader();
                }
            }
            assertEquals(0, leader.awaitExit(Duration.ofSeconds(60)));
            assertTrue(java.nio.file.Files.readString(leader.logFile().toPath()).contains("handed leadership to"),
                    "the leader exited without handing leadership over");
            System.out.println("SHUTDOWN of leader " + leader.id + ": " + newLeader + " named leader " + newLeaderMs
                    + " ms after SHUTDOWN was sent");
            NodeProcess survivor = cluster.node(newLeader);
            try (Jedis jedis = survivor.client()) {
                assertEquals("OK", jedis.set("after", "shutdown"));
                for (int i = 0; i < 100; i++) {
                    assertEquals("v" + i, jedis.get("k" + i));
                }
            }
        }
    }

    /**
     * A client pipelines writes to the leader (another writes through a follower) while the leader
     * gets SIGTERM: it exits 0 after handing leadership over (not an election timeout), every
     * acknowledged write survives, and every failed request failed retryably (see LoadWriter).
     */
    @Test
    void sigtermOfTheLeaderUnderPipelinedLoadLosesNoAcknowledgedWrite() throws Exception {
        try (TestCluster cluster = TestCluster.form(dir, 3)) {
            NodeProcess leader = cluster.awaitLeader(Duration.ofSeconds(20));
            List<NodeProcess> others = cluster.nodes.stream().filter(n -> n != leader).toList();
            List<NodeProcess> order = new java.util.ArrayList<>(List.of(leader));
            order.addAll(others);
            List<LoadWriter> writers = List.of(new LoadWriter("p", order, 0, 16), new LoadWriter("f", order, 1, 1));
            awaitMoreAcknowledged(writers, 300);

            long newLeaderMs;
            int exit;
            try (LeaderChangeTimer watch = new LeaderChangeTimer(others, leader.id)) {
                exit = leader.terminate(Duration.ofSeconds(60));
                newLeaderMs = watch.awaitMs(20_000);
            }
            assertEquals(0, exit, "exit code after SIGTERM");
            assertTrue(java.nio.file.Files.readString(leader.logFile().toPath()).contains("handed leadership to"),
                    "the leader exited without handing leadership over");
            awaitMoreAcknowledged(writers, 300); // the other two keep serving
            for (LoadWriter w : writers) {
                w.stop();
            }
            System.out.println("SIGTERM of leader " + leader.id + ": a new leader was named " + newLeaderMs
                    + " ms after the signal");
            try (Jedis jedis = cluster.awaitLeader(Duration.ofSeconds(20)).client()) {
                for (LoadWriter w : writers) {
                    System.out.println(w.summary());
                    w.verify(jedis);
                }
            }
        }
    }

    static void awaitMoreAcknowledged(List<LoadWriter> writers, int more) throws InterruptedException {
        int from = writers.stream().mapToInt(w -> w.acknowledged.size()).sum();
        TestCluster.await(Duration.ofSeconds(60),
                () -> writers.stream().mapToInt(w -> w.acknowledged.size()).sum() >= from + more,
                more + " more acknowledged writes");
    }

    private static String error(Runnable call) {
        try {
            call.run();
            return "no error";
        } catch (redis.clients.jedis.exceptions.JedisDataException e) {
            return "-" + e.getMessage();
        }
    }
}
