package io.redraft.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * REMOVE of the leader, sent to the leader itself or to a follower, while clients write through
 * every node: the leader hands leadership over, the other two keep serving, the removed node says
 * it left and can be joined again, and no acknowledged write is lost.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class RemoveLeaderTest {
    @TempDir
    Path dir;

    @Test
    void removeOfTheLeaderSentToTheLeader() throws Exception {
        removeTheLeader(true);
    }

    @Test
    void removeOfTheLeaderSentToAFollower() throws Exception {
        removeTheLeader(false);
    }

    private void removeTheLeader(boolean sentToTheLeader) throws Exception {
        try (TestCluster cluster = TestCluster.form(dir, 3)) {
            NodeProcess leader = cluster.awaitLeader(Duration.ofSeconds(20));
            List<NodeProcess> others = cluster.nodes.stream().filter(n -> n != leader).toList();
            List<NodeProcess> order = new ArrayList<>(List.of(leader));
            order.addAll(others);
            // A pipelining client on the leader and one plain client on each follower.
            List<LoadWriter> writers = List.of(new LoadWriter("p", order, 0, 16),
                    new LoadWriter("a", order, 1, 1), new LoadWriter("b", order, 2, 1));
            GracefulShutdownTest.awaitMoreAcknowledged(writers, 200);

            NodeProcess via = sentToTheLeader ? leader : others.get(0);
            long started = System.nanoTime();
            long newLeaderMs;
            try (LeaderChangeTimer watch = new LeaderChangeTimer(others, leader.id)) {
                assertEquals("OK", via.call("REMOVE", leader.id));
                newLeaderMs = watch.awaitMs(20_000);
            }
            long removeMs = (System.nanoTime() - started) / 1_000_000;

            String nodes = (String) others.get(0).call("NODES");
            assertEquals(2, nodes.lines().count(), nodes);
            assertFalse(nodes.contains(leader.id + " "), nodes);
            NodeProcess newLeader = awaitLeaderAmong(others, Duration.ofSeconds(20));
            String removedSays = awaitRemovedAnswer(leader, Duration.ofSeconds(20));
            assertTrue(removedSays.startsWith("CLUSTERDOWN") && removedSays.contains("removed from its cluster"),
                    removedSays);
            GracefulShutdownTest.awaitMoreAcknowledged(writers, 200); // the remaining two keep serving under load
            for (LoadWriter w : writers) {
                w.stop();
            }
            System.out.println("REMOVE " + leader.id + " (the leader) sent to " + via.id + " answered in " + removeMs
                    + " ms; a new leader was named " + newLeaderMs + " ms after it was sent; the removed node answers: " + removedSays);
            // Which path the removal took: a leadership transfer, or (if that timed out) the leader
            // stepping down once the change committed.
            java.nio.file.Files.readAllLines(via.logFile().toPath()).stream()
                    .filter(l -> l.contains("leadership hand") || l.contains("leadership transfer")
                            || l.contains("without a leadership transfer"))
                    .forEach(l -> System.out.println(via.id + ": " + l));
            try (Jedis jedis = newLeader.client()) {
                for (LoadWriter w : writers) {
                    System.out.println(w.summary());
                    w.verify(jedis);
                }
            }

            // Retired, not broken: it can be joined again and catches up.
            TestCluster.joinPatiently(newLeader, leader);
            assertEquals(3, ((String) newLeader.call("NODES")).lines().count());
            String lastKey = writers.get(1).acknowledged.get(writers.get(1).acknowledged.size() - 1);
            try (Jedis jedis = leader.client()) {
                TestCluster.await(Duration.ofSeconds(30), () -> setSucceeds(jedis), "the rejoined node serving");
                assertEquals(lastKey, jedis.get(lastKey));
            }
        }
    }

    private static boolean setSucceeds(Jedis jedis) {
        try {
            return "OK".equals(jedis.set("after-rejoin", "1"));
        } catch (JedisDataException e) {
            return false;
        }
    }

    /** A leader that every one of {@code nodes} reports, among them. */
    private static NodeProcess awaitLeaderAmong(List<NodeProcess> nodes, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                String first = String.valueOf(nodes.get(0).call("LEADER")).split(" ")[0];
                boolean agreed = true;
                for (NodeProcess n : nodes) {
                    agreed &= String.valueOf(n.call("LEADER")).split(" ")[0].equals(first);
                }
                for (NodeProcess n : nodes) {
                    if (agreed && n.id.equals(first)) {
                        return n;
                    }
                }
            } catch (JedisDataException e) {
                // no leader yet
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no leader among " + nodes.stream().map(n -> n.id).toList());
    }

    /** What the removed node answers a write with, once it has retired its group. */
    private static String awaitRemovedAnswer(NodeProcess removed, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            try (Jedis jedis = removed.client()) {
                jedis.set("on-removed", "x");
                last = "OK";
            } catch (JedisDataException e) {
                last = e.getMessage();
                if (last.contains("removed")) {
                    return last;
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError(removed.id + " still answers " + last);
    }
}
