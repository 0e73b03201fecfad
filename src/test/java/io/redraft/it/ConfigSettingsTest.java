package io.redraft.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Transaction;
import redis.clients.jedis.exceptions.JedisDataException;

/** Settings applied on real nodes: follower_writes readonly, election timeouts, loglevel (also at run time). */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ConfigSettingsTest {
    private static final String READONLY = "READONLY You can't write against a read only replica.";

    @TempDir
    Path dir;

    @Test
    void readonlyFollowerRefusesWritesAsARedisReplica() throws Exception {
        try (NodeProcess n1 = new NodeProcess("n1", dir); NodeProcess n2 = new NodeProcess("n2", dir)) {
            n1.start("--bootstrap", "--follower-writes", "readonly", "--election-timeout-min", "400",
                    "--election-timeout-max", "1200");
            TestCluster.await(Duration.ofSeconds(30), () -> "OK".equals(trySet(n1, "k", "v1")), "n1 leads");
            n2.start("--join", n1.redisAddr(), "--follower-writes", "readonly");
            TestCluster.await(Duration.ofSeconds(60), () -> members(n1) == 2 && members(n2) == 2, "two members");
            TestCluster.await(Duration.ofSeconds(30), () -> leaderOf(n1) != null && leaderOf(n1).equals(leaderOf(n2)),
                    "an agreed leader");
            NodeProcess leader = leaderOf(n1).equals("n1") ? n1 : n2;
            NodeProcess follower = leader == n1 ? n2 : n1;

            try (Jedis f = follower.client(); Jedis l = leader.client()) {
                assertEquals("OK", l.set("k", "v2"));
                assertEquals("v2", f.get("k"), "reads still work on the follower");
                assertEquals(READONLY, assertThrows(JedisDataException.class, () -> f.set("k", "x")).getMessage());
                assertEquals(READONLY, assertThrows(JedisDataException.class, () -> f.blpop(0, "q")).getMessage());
                assertEquals(READONLY, assertThrows(JedisDataException.class,
                        () -> f.eval("return redis.call('set', KEYS[1], 'x')", 1, "k")).getMessage());
                Transaction tx = f.multi();
                tx.get("k");
                tx.set("k", "x");
                JedisDataException abort = assertThrows(JedisDataException.class, tx::exec);
                assertTrue(abort.getMessage().startsWith("EXECABORT"), abort.getMessage());
                assertEquals("v2", l.get("k"), "nothing was written");
                assertEquals(List.of("follower-writes", "readonly"), NodeProcess.call(f, "CONFIG", "GET",
                        "follower-writes"));

                // Switched to forward at run time, the follower sends writes to the leader again.
                assertEquals("OK", f.configSet("follower-writes", "forward"));
                assertEquals("OK", f.set("k", "v3"));
                assertEquals("v3", l.get("k"));
            }
            try (Jedis c = n1.client()) {
                Map<String, String> election = c.configGet("election-timeout-*");
                assertEquals(Map.of("election-timeout-min", "400", "election-timeout-max", "1200"), election);
                assertEquals("ERR CONFIG SET failed (possibly related to argument 'election-timeout-min') - Redraft "
                        + "cannot change this parameter at run time", assertThrows(JedisDataException.class,
                        () -> c.configSet("election-timeout-min", "300")).getMessage());
            }
        }
    }

    @Test
    void loglevelAtStartupAndAtRunTime() throws Exception {
        try (NodeProcess node = new NodeProcess("n1", dir)) {
            node.start("--bootstrap", "--loglevel", "warning");
            TestCluster.await(Duration.ofSeconds(30), () -> "OK".equals(trySet(node, "a", "1")), "a writable node");
            try (Jedis c = node.client()) {
                assertEquals(Map.of("loglevel", "warning"), c.configGet("loglevel"));
                assertEquals("OK", NodeProcess.call(c, "SNAPSHOT"));
                assertFalse(log(node).contains("took snapshot"), "no INFO lines at warning");
                assertFalse(log(node).contains("serving Redis"), "no INFO lines at warning");

                assertTrue(assertThrows(JedisDataException.class, () -> c.configSet("loglevel", "loud")).getMessage()
                        .endsWith("argument(s) must be one of the following: debug, verbose, notice, warning, nothing"));
                assertEquals("OK", c.configSet("loglevel", "notice"));
                assertEquals(Map.of("loglevel", "notice"), c.configGet("loglevel"));
                assertEquals("OK", c.set("a", "2"));
                assertEquals("OK", NodeProcess.call(c, "SNAPSHOT"));
                TestCluster.await(Duration.ofSeconds(10), () -> log(node).contains("took snapshot"),
                        "INFO lines once loglevel is notice");

                // CONFIG RESETSTAT zeroes the counters: the refused CONFIG SET above was an error reply.
                assertTrue(c.info("errorstats").contains("errorstat_ERR:count="), c.info("errorstats"));
                assertEquals("OK", NodeProcess.call(c, "CONFIG", "RESETSTAT"));
                assertFalse(c.info("errorstats").contains("errorstat_ERR"), c.info("errorstats"));
                String stats = c.info("stats");
                long processed = Long.parseLong(stats.lines().filter(l -> l.startsWith("total_commands_processed:"))
                        .findFirst().orElseThrow().split(":")[1].strip());
                assertTrue(processed <= 3, stats);
            }
        }
    }

    private static String log(NodeProcess node) {
        try {
            return Files.readString(node.logFile().toPath());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String trySet(NodeProcess node, String key, String value) {
        try (Jedis c = node.client()) {
            return c.set(key, value);
        } catch (RuntimeException e) {
            return e.getMessage();
        }
    }

    private static int members(NodeProcess node) {
        try {
            return node.call("NODES").toString().strip().split("\n").length;
        } catch (RuntimeException e) {
            return -1;
        }
    }

    private static String leaderOf(NodeProcess node) {
        try {
            return node.call("LEADER").toString().split(" ")[0];
        } catch (RuntimeException e) {
            return null;
        }
    }
}
