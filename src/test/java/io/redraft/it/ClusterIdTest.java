package io.redraft.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisDataException;

/** Each cluster has its own id; a node of one cluster cannot be joined to another. */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class ClusterIdTest {
    @TempDir
    Path dir;

    @Test
    void aNodeOfAnotherClusterIsRefusedAndBothClustersKeepWorking() throws Exception {
        List<NodeProcess> nodes = new ArrayList<>();
        try {
            String pinned = UUID.randomUUID().toString();
            NodeProcess a1 = started(nodes, "a1", "--bootstrap", "--cluster-id", pinned);
            NodeProcess b1 = started(nodes, "b1", "--bootstrap");
            NodeProcess b2 = started(nodes, "b2");
            TestCluster.await(Duration.ofSeconds(60), () -> !TlsClusterTest.clusterId(b1).isEmpty(), "b1 bootstrapped");
            assertEquals("OK", b1.call("JOIN", b2.id, b2.raftAddr()));
            TlsClusterTest.awaitMembers(b1, 2);
            TestCluster.await(Duration.ofSeconds(60), () -> pinned.equals(TlsClusterTest.clusterId(a1)),
                    "a1 bootstrapped with its pinned cluster id");

            String idB = TlsClusterTest.clusterId(b1);
            assertEquals(idB, TlsClusterTest.clusterId(b2));
            assertNotEquals(pinned, idB);

            // A member (b2, a follower) and the leader (b1) of cluster B cannot be joined to cluster A.
            JedisDataException follower = assertThrows(JedisDataException.class,
                    () -> a1.call("JOIN", b2.id, b2.raftAddr()));
            assertTrue(follower.getMessage().contains("already belongs to another cluster")
                    && follower.getMessage().contains(idB), follower.getMessage());
            JedisDataException leader = assertThrows(JedisDataException.class,
                    () -> a1.call("JOIN", b1.id, b1.raftAddr()));
            assertTrue(leader.getMessage().contains("another cluster")
                    || leader.getMessage().contains("leads a cluster of its own"), leader.getMessage());

            // An empty node pinned to another id refuses to be added.
            NodeProcess c1 = started(nodes, "c1", "--cluster-id", UUID.randomUUID().toString());
            JedisDataException refused = assertThrows(JedisDataException.class,
                    () -> a1.call("JOIN", c1.id, c1.raftAddr()));
            assertTrue(refused.getMessage().contains("pinned"), refused.getMessage());
            assertEquals("", TlsClusterTest.clusterId(c1));

            // Nothing changed: both clusters keep their members and serve writes.
            assertEquals(1, TlsClusterTest.members(a1).size(), TlsClusterTest.members(a1).toString());
            assertEquals(2, TlsClusterTest.members(b1).size(), TlsClusterTest.members(b1).toString());
            try (Jedis ja = a1.client(); Jedis jb2 = b2.client(); Jedis jb1 = b1.client()) {
                assertEquals("OK", TlsClusterTest.eventually(() -> ja.set("k", "a")));
                assertEquals("OK", TlsClusterTest.eventually(() -> jb2.set("k", "b")));
                assertEquals("b", jb1.get("k"));
                assertEquals("a", ja.get("k"));
            }
            assertEquals(pinned, TlsClusterTest.clusterId(a1));
            assertEquals(idB, TlsClusterTest.clusterId(b2));
        } finally {
            for (NodeProcess n : nodes) {
                n.stop();
                TlsClusterTest.keepLog(n);
            }
        }
    }

    private NodeProcess started(List<NodeProcess> nodes, String id, String... flags) throws Exception {
        NodeProcess n = new NodeProcess(id, dir);
        nodes.add(n);
        return n.start(flags);
    }
}
