package io.redraft.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;

/**
 * Scripts on a real 3-node cluster: EVAL through a follower, EVALSHA of the same script through
 * another node (the script cache is replicated), the effects on every node, and the cache
 * surviving a snapshot and a full restart.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class ScriptingTest {
    static final String SCRIPT = "redis.call('set', KEYS[1], ARGV[1]) return redis.call('incr', KEYS[2])";

    /** After a restart the node may answer CLUSTERDOWN until it hears from the new leader (nothing ran). */
    static Object evalshaOnceReachable(NodeProcess node, String sha, String value) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            try (Jedis jedis = node.client()) {
                return jedis.evalsha(sha, 2, "k", "counter", value);
            } catch (redis.clients.jedis.exceptions.JedisClusterException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(200);
            }
        }
    }

    @TempDir
    Path dir;

    @Test
    void evalThroughAFollowerAndEvalshaElsewhere() throws Exception {
        try (TestCluster cluster = TestCluster.form(dir, 3)) {
            NodeProcess leader = cluster.awaitLeader(Duration.ofSeconds(30));
            List<NodeProcess> followers = cluster.nodes.stream().filter(n -> n != leader).toList();
            String sha;
            try (Jedis follower = followers.get(0).client()) {
                assertEquals(1L, follower.eval(SCRIPT, 2, "k", "counter", "v1"));
                sha = follower.scriptLoad(SCRIPT);
            }
            try (Jedis other = followers.get(1).client()) {
                assertEquals(2L, other.evalsha(sha, 2, "k", "counter", "v2"));
                assertEquals("v2", other.evalReadonly("return redis.call('get', KEYS[1])", List.of("k"), List.of()));
            }
            try (Jedis onLeader = leader.client()) {
                assertEquals(3L, onLeader.evalsha(sha, 2, "k", "counter", "v3"));
                NodeProcess.call(onLeader, "SNAPSHOT"); // the cache must come back from the snapshot too
                assertEquals(4L, onLeader.evalsha(sha, 2, "k", "counter", "v4"));
            }
            for (NodeProcess n : cluster.nodes) {
                try (Jedis jedis = n.client()) {
                    assertEquals("v4", jedis.get("k"), n.id);
                    assertEquals("4", jedis.get("counter"), n.id);
                    assertEquals(true, jedis.scriptExists(sha), n.id);
                }
            }

            for (NodeProcess n : cluster.nodes) {
                n.kill9();
            }
            for (NodeProcess n : cluster.nodes) {
                n.start();
            }
            cluster.awaitLeader(Duration.ofSeconds(60));
            assertEquals(5L, evalshaOnceReachable(followers.get(1), sha, "v5"));
            for (NodeProcess n : cluster.nodes) {
                // A restarted node answers -CLUSTERDOWN until it has heard from the new leader.
                TestCluster.await(Duration.ofSeconds(30), () -> {
                    try (Jedis jedis = n.client()) {
                        return "v5".equals(jedis.get("k"));
                    } catch (RuntimeException e) {
                        return false;
                    }
                }, n.id + " serving reads");
                try (Jedis jedis = n.client()) {
                    assertEquals("v5", jedis.get("k"), n.id);
                    assertEquals("5", jedis.get("counter"), n.id);
                }
            }
        }
    }
}
