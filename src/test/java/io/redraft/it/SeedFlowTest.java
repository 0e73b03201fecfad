package io.redraft.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Response;

/** The spec's seed flow on a real 3-process cluster, driven by Jedis and redis-cli. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SeedFlowTest {
    @TempDir
    static Path dir;
    private TestCluster cluster;

    @BeforeAll
    void formCluster() throws Exception {
        cluster = TestCluster.form(dir, 3);
    }

    @AfterAll
    void stopCluster() throws InterruptedException {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void setGetDeleteThroughTheLeader() throws Exception {
        NodeProcess leader = cluster.awaitLeader(Duration.ofSeconds(10));
        try (Jedis jedis = leader.client()) {
            assertEquals("OK", jedis.set("seed:k", "v1"));
            assertEquals("v1", jedis.get("seed:k"));
            assertEquals(1L, NodeProcess.call(jedis, "DELETE", "seed:k"));
            assertNull(jedis.get("seed:k"));
        }
    }

    @Test
    void leaderAndNodesDescribeTheCluster() throws Exception {
        NodeProcess leader = cluster.awaitLeader(Duration.ofSeconds(10));
        for (NodeProcess n : cluster.nodes) {
            assertEquals(leader.id + " " + leader.raftAddr() + " " + leader.redisAddr(), n.call("LEADER"));
        }
        List<String> lines = ((String) leader.call("NODES")).lines().toList();
        assertEquals(3, lines.size(), String.valueOf(lines));
        for (NodeProcess n : cluster.nodes) {
            String line = lines.stream().filter(l -> l.startsWith(n.id + " ")).findFirst().orElseThrow();
            String[] f = line.split(" ");
            assertEquals(5, f.length, line);
            assertEquals(n.raftAddr(), f[1]);
            assertEquals(n.redisAddr(), f[2]);
            assertEquals(n == leader ? "leader" : "follower", f[3]);
            assertTrue(Long.parseLong(f[4]) >= 0, line);
        }
    }

    @Test
    void followerReadSeesTheLeadersWriteImmediately() throws Exception {
        NodeProcess leader = cluster.awaitLeader(Duration.ofSeconds(10));
        try (Jedis writer = leader.client()) {
            for (int i = 0; i < 20; i++) {
                writer.set("lin", "v" + i);
                for (NodeProcess n : cluster.nodes) {
                    try (Jedis reader = n.client()) {
                        assertEquals("v" + i, reader.get("lin"), "read on " + n.id);
                    }
                }
            }
        }
    }

    @Test
    void pipelinedReadsOnOneConnectionSeeTheStoreInOrder() throws Exception {
        // Reads share ReadIndex rounds, more than one in flight; a connection's replies must
        // still never go back in time while a counter climbs.
        NodeProcess leader = cluster.awaitLeader(Duration.ofSeconds(10));
        AtomicBoolean writing = new AtomicBoolean(true);
        Thread writer = new Thread(() -> {
            try (Jedis jedis = leader.client()) {
                while (writing.get()) {
                    jedis.incr("order:ctr");
                }
            }
        });
        writer.start();
        try {
            for (NodeProcess n : cluster.nodes) {
                try (Jedis reader = n.client()) {
                    long last = 0;
                    for (int batch = 0; batch < 20; batch++) {
                        Pipeline p = reader.pipelined();
                        List<Response<String>> replies = new ArrayList<>();
                        for (int i = 0; i < 100; i++) {
                            replies.add(p.get("order:ctr"));
                        }
                        p.sync();
                        for (Response<String> r : replies) {
                            long value = r.get() == null ? 0 : Long.parseLong(r.get());
                            assertTrue(value >= last, "on " + n.id + ": " + value + " after " + last);
                            last = value;
                        }
                    }
                }
            }
        } finally {
            writing.set(false);
            writer.join(10_000);
        }
    }

    @Test
    void writeThroughAFollowerIsForwardedToTheLeader() throws Exception {
        NodeProcess leader = cluster.awaitLeader(Duration.ofSeconds(10));
        NodeProcess follower = cluster.nodes.stream().filter(n -> n != leader).findFirst().orElseThrow();
        try (Jedis jedis = follower.client()) {
            assertEquals("OK", jedis.set("via-follower", "yes"));
            assertEquals(5L, jedis.incrBy("via-follower-counter", 5));
        }
        try (Jedis jedis = leader.client()) {
            assertEquals("yes", jedis.get("via-follower"));
            assertEquals("5", jedis.get("via-follower-counter"));
        }
    }

    @Test
    void readonlyConnectionsReadLocally() throws Exception {
        NodeProcess leader = cluster.awaitLeader(Duration.ofSeconds(10));
        try (Jedis jedis = leader.client()) {
            jedis.set("stale-ok", "1");
        }
        NodeProcess follower = cluster.nodes.stream().filter(n -> n != leader).findFirst().orElseThrow();
        try (Jedis jedis = follower.client()) {
            assertEquals("OK", NodeProcess.call(jedis, "READONLY"));
            TestCluster.await(Duration.ofSeconds(10), () -> "1".equals(jedis.get("stale-ok")), "local read");
            assertEquals("OK", NodeProcess.call(jedis, "READWRITE"));
            assertEquals("1", jedis.get("stale-ok"));
        }
    }

    @Test
    void multiExecThroughAFollowerAppliesAtomically() throws Exception {
        NodeProcess leader = cluster.awaitLeader(Duration.ofSeconds(10));
        NodeProcess follower = cluster.nodes.stream().filter(n -> n != leader).findFirst().orElseThrow();
        try (Jedis jedis = follower.client()) {
            jedis.set("acct:a", "100");
            jedis.set("acct:b", "0");
            redis.clients.jedis.Transaction tx = jedis.multi();
            tx.decrBy("acct:a", 30);
            tx.incrBy("acct:b", 30);
            tx.get("acct:a");
            assertEquals(List.of(70L, 30L, "70"), tx.exec());
        }
        try (Jedis jedis = leader.client()) {
            assertEquals("70", jedis.get("acct:a"));
            assertEquals("30", jedis.get("acct:b"));
        }
    }

    @Test
    void snapshotWritesASnapshotFile() throws Exception {
        NodeProcess node = cluster.nodes.get(1);
        try (Jedis jedis = node.client()) {
            for (int i = 0; i < 50; i++) {
                jedis.set("snap:" + i, "v" + i);
            }
            assertEquals("OK", NodeProcess.call(jedis, "SNAPSHOT"));
        }
        assertTrue(snapshotFiles(node.dataDir) > 0, "no snapshot file under " + node.dataDir);
    }

    @Test
    void redisCliTalksToEveryNode() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/redis-cli")) || System.getenv("CI") != null,
                "redis-cli not installed (CI installs it)");
        NodeProcess leader = cluster.awaitLeader(Duration.ofSeconds(10));
        assertEquals("OK", redisCli(leader, "SET", "cli:key", "hello world"));
        for (NodeProcess n : cluster.nodes) {
            assertEquals("hello world", redisCli(n, "GET", "cli:key"));
        }
        assertEquals("1", redisCli(cluster.nodes.get(2), "DELETE", "cli:key"));
        assertTrue(redisCli(leader, "NODES").lines().count() == 3);
        assertEquals("PONG", redisCli(leader, "PING"));
    }

    static String redisCli(NodeProcess node, String... args) throws IOException, InterruptedException {
        List<String> cmd = new java.util.ArrayList<>(List.of("redis-cli", "-h", "127.0.0.1", "-p",
                String.valueOf(node.redisPort)));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes()).strip();
        assertTrue(p.waitFor(20, TimeUnit.SECONDS));
        return out;
    }

    static long snapshotFiles(Path dataDir) throws IOException {
        try (Stream<Path> files = Files.walk(dataDir)) {
            return files.filter(f -> f.getFileName().toString().matches("snapshot\\.\\d+_\\d+")).count();
        }
    }
}
