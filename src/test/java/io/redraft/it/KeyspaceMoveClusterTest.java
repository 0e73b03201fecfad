package io.redraft.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;

/** RESTORE, MOVE and SWAPDB through different nodes of a real 3-node cluster reach every replica. */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class KeyspaceMoveClusterTest {
    @TempDir
    Path dir;

    static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void restoreMoveAndSwapdbReplicate() throws Exception {
        try (TestCluster cluster = TestCluster.form(dir, 3)) {
            NodeProcess leader = cluster.awaitLeader(Duration.ofSeconds(20));
            List<NodeProcess> followers = cluster.nodes.stream().filter(n -> n != leader).toList();
            byte[] payload;
            try (Jedis jedis = leader.client()) {
                jedis.rpush("l", "a", "b", "c");
                jedis.psetex("k", 600_000, "v");
                payload = jedis.dump(b("l"));
            }
            try (Jedis jedis = followers.get(0).client()) {
                assertEquals("OK", jedis.restore(b("l2"), 0, payload));
                assertArrayEquals(payload, jedis.dump(b("l2")));
            }
            try (Jedis jedis = followers.get(1).client()) {
                assertEquals(1L, jedis.move("k", 3));
                assertEquals("OK", jedis.swapDB(3, 4));
            }
            for (NodeProcess n : cluster.nodes) {
                try (Jedis jedis = n.client()) {
                    assertEquals(List.of("a", "b", "c"), jedis.lrange("l2", 0, -1), n.id);
                    assertEquals("quicklist", jedis.objectEncoding("l2"), n.id);
                    assertEquals(null, jedis.get("k"), n.id);
                    jedis.select(4);
                    assertEquals("v", jedis.get("k"), n.id);
                    long pttl = jedis.pttl("k");
                    assertTrue(pttl > 0 && pttl <= 600_000, n.id + " " + pttl);
                }
            }
        }
    }
}
