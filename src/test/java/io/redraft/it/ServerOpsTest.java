package io.redraft.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisDataException;

/** maxmemory (noeviction and LRU eviction), WAIT, INFO replication and CLIENT KILL on a real 3-node cluster. */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class ServerOpsTest {
    private static final String OOM = "OOM command not allowed when used memory > 'maxmemory'.";
    private static final String VALUE = "v".repeat(1000);

    @TempDir
    static Path dir;
    static TestCluster cluster;
    static NodeProcess leader;
    static List<NodeProcess> followers;

    @BeforeAll
    static void form() throws Exception {
        cluster = TestCluster.form(dir, 3);
        leader = cluster.awaitLeader(Duration.ofSeconds(20));
        followers = cluster.nodes.stream().filter(n -> n != leader).toList();
    }

    @AfterAll
    static void stop() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    @BeforeEach
    void reset() {
        setAll("maxmemory", "0");
        setAll("maxmemory-policy", "noeviction");
        assertEquals("OK", leader.call("FLUSHALL"));
    }

    private static void setAll(String parameter, String value) {
        for (NodeProcess n : cluster.nodes) {
            assertEquals("OK", n.call("CONFIG", "SET", parameter, value));
        }
    }

    private static String info(NodeProcess n, String section) {
        return (String) n.call("INFO", section);
    }

    private static String field(String info, String name) {
        return info.lines().filter(l -> l.startsWith(name + ":")).map(l -> l.substring(name.length() + 1))
                .findFirst().orElse(null);
    }

    @Test
    void noevictionRefusesWritesUntilDeletesFreeMemory() throws Exception {
        setAll("maxmemory", "100kb");
        assertEquals(List.of("maxmemory", "102400"), leader.call("CONFIG", "GET", "maxmemory"));
        int written = 0;
        String refused = null;
        try (Jedis jedis = leader.client()) {
            for (int i = 0; i < 1000 && refused == null; i++) {
                try {
                    jedis.set("k" + i, VALUE);
                    written++;
                } catch (JedisDataException e) {
                    refused = e.getMessage();
                }
            }
            assertEquals(OOM, refused);
            assertTrue(written > 50 && written < 110, "wrote " + written);
            // reads and deletes still work over the limit
            assertEquals(VALUE, jedis.get("k0"));
            JedisDataException again = assertThrows(JedisDataException.class, () -> jedis.lpush("list", "x"));
            assertEquals(OOM, again.getMessage());
            // a follower refuses too, once it has applied the same writes
            try (Jedis f = followers.get(0).client()) {
                TestCluster.await(Duration.ofSeconds(20), () -> f.dbSize() == jedis.dbSize(), "follower caught up");
                assertEquals(OOM, assertThrows(JedisDataException.class, () -> f.set("f", "1")).getMessage());
            }
            assertEquals(OOM, assertThrows(JedisDataException.class, () -> jedis.set("k-new", VALUE)).getMessage());
            for (int i = 0; i < 20; i++) {
                jedis.del("k" + i);
            }
            assertEquals("OK", jedis.set("k-new", VALUE));
            long used = Long.parseLong(field(info(leader, "memory"), "used_memory"));
            assertTrue(used > 0 && used <= 102400, "used_memory " + used);
            assertEquals("noeviction", field(info(leader, "memory"), "maxmemory_policy"));
        }
    }

    @Test
    void lruEvictionDeletesTheSameKeysOnEveryNode() throws Exception {
        setAll("maxmemory-policy", "allkeys-lru");
        setAll("maxmemory", "100kb");
        try (Jedis jedis = leader.client()) {
            jedis.set("hot", "1");
            for (int i = 0; i < 400; i++) {
                assertEquals("OK", jedis.set("k" + i, VALUE)); // waits for evictions instead of OOM
                if (i % 10 == 0) {
                    assertEquals("1", jedis.get("hot"));
                }
            }
            long size = jedis.dbSize();
            assertTrue(size < 150, "dbsize " + size);
            assertEquals("1", jedis.get("hot"), "the recently read key survives LRU eviction");
            assertTrue(jedis.exists("k399"), "the newest key survives");
            assertFalse(jedis.exists("k0"), "the oldest key is evicted");
        }
        // The leader may still be evicting (an EVICT entry in flight when the writes stopped), so
        // each poll compares against the leader's current keys, not a snapshot taken once.
        for (NodeProcess f : followers) {
            TestCluster.await(Duration.ofSeconds(20), () -> keys(f).equals(keys(leader)), "same keys on " + f.id);
        }
        String evicted = field(info(leader, "stats"), "evicted_keys");
        assertNotNull(evicted);
        assertTrue(Long.parseLong(evicted) > 0);
        for (NodeProcess f : followers) {
            TestCluster.await(Duration.ofSeconds(20),
                    () -> field(info(leader, "stats"), "evicted_keys").equals(field(info(f, "stats"), "evicted_keys")),
                    "same evicted_keys on " + f.id);
        }
    }

    @Test
    void writesThroughAFollowerWaitForTheLeadersEvictions() throws Exception {
        setAll("maxmemory-policy", "allkeys-random");
        setAll("maxmemory", "50kb");
        NodeProcess follower = followers.get(0);
        try (Jedis jedis = follower.client()) {
            for (int i = 0; i < 200; i++) {
                assertEquals("OK", jedis.set("f" + i, VALUE));
            }
            assertTrue(jedis.dbSize() < 80, "dbsize " + jedis.dbSize());
            long used = Long.parseLong(field(info(follower, "memory"), "used_memory"));
            assertTrue(used <= 51200 + 2000, "used_memory " + used);
        }
        Set<String> leaderKeys = keys(leader);
        for (NodeProcess f : followers) {
            TestCluster.await(Duration.ofSeconds(20), () -> keys(f).equals(leaderKeys), "same keys on " + f.id);
        }
    }

    private static Set<String> keys(NodeProcess n) {
        try (Jedis j = n.client()) {
            return new TreeSet<>(j.keys("*"));
        }
    }

    @Test
    void waitCountsReplicasHoldingTheWrite() {
        try (Jedis jedis = leader.client()) {
            jedis.set("w", "1");
            assertEquals(2L, NodeProcess.call(jedis, "WAIT", "2", "10000"));
            assertEquals("ERR timeout is negative",
                    assertThrows(JedisDataException.class, () -> NodeProcess.call(jedis, "WAIT", "1", "-1")).getMessage());
        }
        try (Jedis jedis = followers.get(0).client()) {
            jedis.set("w2", "1");
            long n = (Long) NodeProcess.call(jedis, "WAIT", "1", "10000");
            assertTrue(n >= 1 && n <= 2, "follower WAIT " + n);
        }
    }

    @Test
    void infoReplicationNamesRoles() {
        String l = info(leader, "replication");
        assertEquals("master", field(l, "role"));
        assertEquals("2", field(l, "connected_slaves"));
        assertNotNull(field(l, "slave0"));
        assertNotNull(field(l, "slave1"));
        for (NodeProcess f : followers) {
            String r = info(f, "replication");
            assertEquals("slave", field(r, "role"));
            assertEquals(String.valueOf(leader.redisPort), field(r, "master_port"));
            assertEquals("127.0.0.1", field(r, "master_host"));
        }
        String all = info(leader, "everything");
        for (String section : List.of("# Server", "# Clients", "# Memory", "# Persistence", "# Stats",
                "# Replication", "# CPU", "# Cluster", "# Keyspace", "# Commandstats")) {
            assertTrue(all.contains(section), section);
        }
    }

    @Test
    void clientKillClosesAnotherConnection() {
        NodeProcess node = followers.get(1);
        try (Jedis killer = node.client(); Jedis victim = node.client(); Jedis victim2 = node.client()) {
            long victimId = victim.clientId();
            victim2.ping();
            String list = killer.clientList();
            assertTrue(list.contains("id=" + victimId + " "), list);
            assertEquals(1L, NodeProcess.call(killer, "CLIENT", "KILL", "ID", String.valueOf(victimId)));
            // gone from the list at once, as in Redis, though its socket closes a moment later
            assertFalse(killer.clientList().contains("id=" + victimId + " "));
            assertThrows(RuntimeException.class, victim::ping);
            String addr = new ArrayList<>(killer.clientList().lines()
                    .filter(line -> line.contains("cmd=ping")).toList()).get(0).split(" ")[1].substring(5);
            assertEquals("OK", NodeProcess.call(killer, "CLIENT", "KILL", addr));
            assertThrows(RuntimeException.class, victim2::ping);
            assertEquals("ERR No such client",
                    assertThrows(JedisDataException.class, () -> NodeProcess.call(killer, "CLIENT", "KILL", addr))
                            .getMessage());
            assertEquals("PONG", killer.ping());
        }
    }
}
