package io.redraft.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;

/** Blocking pops on a real 3-process cluster: clients blocked on followers, served by writes elsewhere. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class BlockingTest {
    /** Long enough that a client blocked below is surely blocked before the write that serves it. */
    static final long SETTLE_MS = 700;

    @TempDir
    static Path dir;
    private TestCluster cluster;
    private final ExecutorService clients = Executors.newCachedThreadPool();

    @BeforeAll
    void formCluster() throws Exception {
        cluster = TestCluster.form(dir, 3);
    }

    @AfterAll
    void stopCluster() throws InterruptedException {
        clients.shutdownNow();
        if (cluster != null) {
            cluster.close();
        }
    }

    static Jedis patientClient(NodeProcess n) {
        return new Jedis("127.0.0.1", n.redisPort, 120_000);
    }

    /** Runs a command on its own connection to {@code n}, in the background. */
    Future<Object> inBackground(NodeProcess n, String command, String... args) {
        return clients.submit(() -> {
            try (Jedis jedis = patientClient(n)) {
                return NodeProcess.call(jedis, command, args);
            }
        });
    }

    NodeProcess follower(NodeProcess leader) {
        return cluster.nodes.stream().filter(n -> n != leader).findFirst().orElseThrow();
    }

    NodeProcess other(NodeProcess... not) {
        return cluster.nodes.stream().filter(n -> !List.of(not).contains(n)).findFirst().orElseThrow();
    }

    @Test
    void clientBlockedOnAFollowerIsServedByAPushThroughAnotherNode() throws Exception {
        NodeProcess leader = cluster.awaitLeader(Duration.ofSeconds(10));
        NodeProcess blockedOn = follower(leader);
        Future<Object> pop = inBackground(blockedOn, "BLPOP", "b1:q", "0");
        Thread.sleep(SETTLE_MS);
        assertFalse(pop.isDone());
        assertEquals(1L, other(blockedOn).call("RPUSH", "b1:q", "hello"));
        assertEquals(List.of("b1:q", "hello"), pop.get(30, TimeUnit.SECONDS));
        for (NodeProcess n : cluster.nodes) {
            assertEquals(0L, n.call("EXISTS", "b1:q"), "on " + n.id);
        }
    }

    @Test
    void timeoutAnswersNullAfterAboutTheTimeout() throws Exception {
        NodeProcess leader = cluster.awaitLeader(Duration.ofSeconds(10));
        try (Jedis jedis = patientClient(follower(leader))) {
            long start = System.nanoTime();
            assertNull(NodeProcess.call(jedis, "BLPOP", "b2:none", "0.5"));
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue(ms >= 500 && ms < 10_000, "answered after " + ms + " ms");
            assertNull(NodeProcess.call(jedis, "BLMOVE", "b2:none", "b2:dst", "LEFT", "LEFT", "0.2"));
            assertEquals("PONG", jedis.ping());
        }
    }

    @Test
    void blmoveMovesAtomically() throws Exception {
        NodeProcess leader = cluster.awaitLeader(Duration.ofSeconds(10));
        NodeProcess blockedOn = follower(leader);
        Future<Object> move = inBackground(blockedOn, "BLMOVE", "b3:src", "b3:dst", "LEFT", "RIGHT", "0");
        Thread.sleep(SETTLE_MS);
        assertFalse(move.isDone());
        leader.call("RPUSH", "b3:src", "item");
        assertEquals("item", move.get(30, TimeUnit.SECONDS));
        for (NodeProcess n : cluster.nodes) {
            assertEquals(0L, n.call("EXISTS", "b3:src"), "on " + n.id);
            assertEquals(List.of("item"), n.call("LRANGE", "b3:dst", "0", "-1"), "on " + n.id);
        }
    }

    @Test
    void bzpopminIsServedByZadd() throws Exception {
        NodeProcess leader = cluster.awaitLeader(Duration.ofSeconds(10));
        NodeProcess blockedOn = follower(leader);
        Future<Object> pop = inBackground(blockedOn, "BZPOPMIN", "b4:z", "0");
        Thread.sleep(SETTLE_MS);
        assertFalse(pop.isDone());
        other(blockedOn).call("ZADD", "b4:z", "2", "two", "1", "one");
        assertEquals(List.of("b4:z", "one", "1"), pop.get(30, TimeUnit.SECONDS));
        assertEquals(List.of("two"), leader.call("ZRANGE", "b4:z", "0", "-1"));
    }

    @Test
    void twoBlockedClientsAreServedInTheOrderTheyBlocked() throws Exception {
        NodeProcess leader = cluster.awaitLeader(Duration.ofSeconds(10));
        NodeProcess blockedOn = follower(leader);
        Future<Object> first = inBackground(blockedOn, "BLPOP", "b5:q", "0");
        Thread.sleep(SETTLE_MS);
        Future<Object> second = inBackground(blockedOn, "BLPOP", "b5:q", "0");
        Thread.sleep(SETTLE_MS);
        assertFalse(first.isDone());
        assertFalse(second.isDone());
        leader.call("RPUSH", "b5:q", "x1");
        assertEquals(List.of("b5:q", "x1"), first.get(30, TimeUnit.SECONDS));
        Thread.sleep(SETTLE_MS);
        assertFalse(second.isDone()); // woken by the first push too, found nothing, blocked again
        other(blockedOn).call("RPUSH", "b5:q", "x2");
        assertEquals(List.of("b5:q", "x2"), second.get(30, TimeUnit.SECONDS));
    }

    @Test
    void commandsPipelinedAfterABlockedOneWaitForIt() throws Exception {
        NodeProcess leader = cluster.awaitLeader(Duration.ofSeconds(10));
        NodeProcess blockedOn = follower(leader);
        try (Socket socket = new Socket("127.0.0.1", blockedOn.redisPort)) {
            socket.setSoTimeout((int) SETTLE_MS);
            OutputStream out = socket.getOutputStream();
            out.write("BLPOP b6:q 0\r\nRPUSH b6:q mine\r\nPING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] buf = new byte[256];
            try {
                int n = in.read(buf);
                throw new AssertionError("answered while blocked: " + new String(buf, 0, Math.max(n, 0)));
            } catch (SocketTimeoutException expected) {
                // the BLPOP blocks, and the RPUSH after it waits rather than serving it
            }
            leader.call("RPUSH", "b6:q", "theirs");
            socket.setSoTimeout(30_000);
            String expected = "*2\r\n$4\r\nb6:q\r\n$6\r\ntheirs\r\n:1\r\n+PONG\r\n";
            StringBuilder got = new StringBuilder();
            while (got.length() < expected.length()) {
                int n = in.read(buf);
                if (n < 0) {
                    break;
                }
                got.append(new String(buf, 0, n, StandardCharsets.US_ASCII));
            }
            assertEquals(expected, got.toString());
        }
    }

    @Test
    void insideMultiTheyDoNotBlock() throws Exception {
        NodeProcess leader = cluster.awaitLeader(Duration.ofSeconds(10));
        try (Jedis jedis = patientClient(follower(leader))) {
            assertEquals("OK", NodeProcess.call(jedis, "MULTI"));
            assertEquals("QUEUED", NodeProcess.call(jedis, "BLPOP", "b7:none", "0"));
            assertEquals("QUEUED", NodeProcess.call(jedis, "BZMPOP", "0", "1", "b7:none", "MIN"));
            List<Object> nulls = new ArrayList<>();
            nulls.add(null);
            nulls.add(null);
            assertEquals(nulls, NodeProcess.call(jedis, "EXEC"));
        }
    }
}
