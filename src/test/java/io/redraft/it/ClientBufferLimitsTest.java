package io.redraft.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;

/**
 * Hostile clients on a real node: one that pipelines big GETs and never reads its replies
 * (client-output-buffer-limit, normal class), and one that sends an endless array
 * (client-query-buffer-limit). Each is dropped; the node and its other clients carry on.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ClientBufferLimitsTest {
    private static final int BIG = 256 * 1024;

    @TempDir
    Path dir;

    @Test
    void aClientThatNeverReadsIsDroppedAtItsOutputLimit() throws Exception {
        try (NodeProcess node = new NodeProcess("n1", dir)) {
            node.start("--bootstrap", "--client-output-buffer-limit", "normal 2mb 1mb 30");
            awaitWritable(node);
            try (Jedis other = node.client()) {
                assertEquals("normal 2097152 1048576 30 slave 268435456 67108864 60 pubsub 33554432 8388608 60",
                        other.configGet("client-output-buffer-limit").get("client-output-buffer-limit"));
                assertEquals("OK", other.set("big", "x".repeat(BIG)));

                try (Socket slow = new Socket()) {
                    slow.setReceiveBufferSize(4096); // before connecting, so the window stays small
                    slow.connect(new InetSocketAddress("127.0.0.1", node.redisPort));
                    slow.setSoTimeout(20_000);
                    OutputStream out = slow.getOutputStream();
                    byte[] get = "*2\r\n$3\r\nGET\r\n$3\r\nbig\r\n".getBytes(StandardCharsets.US_ASCII);
                    for (int i = 0; i < 400; i++) { // 100 MB of replies, never read
                        out.write(get);
                    }
                    out.flush();
                    TestCluster.await(Duration.ofSeconds(30), () -> other.info("clients").contains("connected_clients:1\r\n"),
                            "the slow reader dropped (" + other.info("clients") + ")");
                    assertTrue(readsToEnd(slow.getInputStream()) < 400L * BIG, "the node stopped sending early");
                }
                // The node is healthy and other clients were never affected.
                assertEquals("PONG", other.ping());
                assertEquals("OK", other.set("after", "1"));
                assertEquals(BIG, other.get("big").length());
                String log = Files.readString(node.logFile().toPath());
                assertTrue(log.contains("normal output buffer of"), "the node says why it closed the client");

                // No limit (Redis's default for normal clients) can be set back at run time.
                assertEquals("OK", other.configSet("client-output-buffer-limit", "normal 0 0 0"));
                assertEquals("normal 0 0 0 slave 268435456 67108864 60 pubsub 33554432 8388608 60",
                        other.configGet("client-output-buffer-limit").get("client-output-buffer-limit"));
            }
        }
    }

    @Test
    void anEndlessArrayIsCutOffAtTheQueryBufferLimit() throws Exception {
        try (NodeProcess node = new NodeProcess("n1", dir)) {
            node.start("--bootstrap");
            awaitWritable(node);
            try (Jedis other = node.client()) {
                assertEquals("1073741824", other.configGet("client-query-buffer-limit").get("client-query-buffer-limit"));
                assertEquals("OK", other.configSet("client-query-buffer-limit", "1mb"));

                try (Socket hostile = new Socket("127.0.0.1", node.redisPort)) {
                    hostile.setSoTimeout(20_000);
                    OutputStream out = hostile.getOutputStream();
                    byte[] bulk = ("$65536\r\n" + "y".repeat(65536) + "\r\n").getBytes(StandardCharsets.US_ASCII);
                    long sent = 0;
                    try {
                        out.write("*100000000\r\n".getBytes(StandardCharsets.US_ASCII));
                        for (int i = 0; i < 1024; i++) { // up to 64 MB, far past the 1 MB limit
                            out.write(bulk);
                            sent += bulk.length;
                        }
                    } catch (IOException closedByTheNode) {
                        // expected: the node closed the connection while we were still sending
                    }
                    assertEquals(-1, readOrEnd(hostile.getInputStream()), "the connection is closed without a reply");
                    System.out.println("endless array: connection closed after " + sent + " bytes were sent");
                }
                assertEquals("PONG", other.ping());
                assertEquals("OK", other.set("k", "v"));
                assertTrue(Files.readString(node.logFile().toPath()).contains("reached max query buffer length"));
            }
        }
    }

    private static void awaitWritable(NodeProcess node) throws InterruptedException {
        TestCluster.await(Duration.ofSeconds(30), () -> {
            try (Jedis j = node.client()) {
                return "OK".equals(j.set("ready", "1"));
            } catch (RuntimeException e) {
                return false;
            }
        }, "a writable one-node cluster");
    }

    /** Reads until the node closes the connection; returns how many bytes came. */
    private static long readsToEnd(InputStream in) throws IOException {
        byte[] buf = new byte[1 << 16];
        long total = 0;
        try {
            for (int n; (n = in.read(buf)) >= 0; ) {
                total += n;
            }
        } catch (IOException reset) {
            // a reset is an end too
        }
        return total;
    }

    private static int readOrEnd(InputStream in) throws IOException {
        try {
            return in.read();
        } catch (java.net.SocketException reset) {
            return -1;
        }
    }
}
