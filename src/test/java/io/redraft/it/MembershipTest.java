package io.redraft.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;

/** REMOVE a member, JOIN a new empty one, and the newcomer catches up by snapshot installation. */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class MembershipTest {
    @TempDir
    Path dir;

    @Test
    void removedNodeIsReplacedAndTheNewNodeCatchesUpFromASnapshot() throws Exception {
        try (TestCluster cluster = TestCluster.form(dir, 3)) {
            NodeProcess leader = cluster.awaitLeader(Duration.ofSeconds(10));
            try (Jedis jedis = leader.client()) {
                for (int i = 0; i < 500; i++) {
                    jedis.set("m" + i, "v" + i);
                }
            }
            // Snapshot and compact everywhere, so the newcomer cannot be fed from the log alone.
            for (NodeProcess n : cluster.nodes) {
                assertEquals("OK", n.call("SNAPSHOT"));
            }
            NodeProcess removed = cluster.nodes.stream().filter(n -> n != leader).findFirst().orElseThrow();
            assertEquals("OK", leader.call("REMOVE", removed.id));
            String nodes = (String) leader.call("NODES");
            assertEquals(2, nodes.lines().count(), nodes);
            assertFalse(nodes.contains(removed.id + " "), nodes);
            removed.stop();

            NodeProcess newcomer = cluster.join("n4", leader);
            cluster.awaitMembers(3);
            try (Jedis jedis = newcomer.client()) {
                assertEquals("OK", NodeProcess.call(jedis, "READONLY"));
                TestCluster.await(Duration.ofSeconds(30), () -> "v499".equals(jedis.get("m499")), "newcomer catch-up");
                for (int i = 0; i < 500; i++) {
                    assertEquals("v" + i, jedis.get("m" + i));
                }
            }
            assertTrue(SeedFlowTest.snapshotFiles(newcomer.dataDir) > 0, "newcomer did not install a snapshot");
            try (Jedis jedis = newcomer.client()) {
                assertEquals("OK", jedis.set("after-join", "1"));
            }
        }
    }

    /**
     * A snapshot larger than Ratis's 16 MB install chunk reaches the newcomer in several chunks;
     * Ratis pauses the state machine once per chunk (a second pause used to fail every install).
     */
    @Test
    void aNewNodeInstallsASnapshotSentInSeveralChunks() throws Exception {
        try (TestCluster cluster = TestCluster.form(dir, 1)) {
            NodeProcess leader = cluster.nodes.get(0);
            String big = "x".repeat(256 * 1024);
            try (Jedis jedis = leader.client()) {
                for (int i = 0; i < 100; i++) { // 25 MB of values: two chunks
                    jedis.set("big" + i, big + i);
                }
            }
            assertEquals("OK", leader.call("SNAPSHOT"));
            NodeProcess newcomer = cluster.join("n2", leader);
            cluster.awaitMembers(2);
            try (Jedis jedis = newcomer.client()) {
                assertEquals("OK", NodeProcess.call(jedis, "READONLY"));
                TestCluster.await(Duration.ofSeconds(90), () -> (big + 99).equals(jedis.get("big99")),
                        "newcomer installed the snapshot");
                assertEquals(big + 0, jedis.get("big0"));
            }
            assertTrue(SeedFlowTest.snapshotFiles(newcomer.dataDir) > 0, "newcomer did not install a snapshot");
        }
    }
}
