package io.redraft.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * A cluster formed with --bootstrap/--join flags; losing the majority makes the survivor answer
 * -CLUSTERDOWN quickly instead of hanging, and it serves again once a majority is back.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class QuorumTest {
    @TempDir
    Path dir;

    @Test
    void flagsFormTheClusterAndAMinorityFailsFast() throws Exception {
        NodeProcess n1 = new NodeProcess("n1", dir);
        NodeProcess n2 = new NodeProcess("n2", dir);
        NodeProcess n3 = new NodeProcess("n3", dir);
        try {
            n1.start("--bootstrap");
            n2.start("--join", n1.redisAddr());
            n3.start("--join", n1.redisAddr());
            TestCluster.await(Duration.ofSeconds(60), () -> {
                try {
                    return ((String) n1.call("NODES")).lines().filter(l -> !l.split(" ")[2].equals("-")).count() == 3;
                } catch (RuntimeException e) {
                    return false;
                }
            }, "n2 and n3 to join through --join");
            try (Jedis jedis = n1.client()) {
                assertEquals("OK", jedis.set("before", "1"));
            }

            n2.kill9();
            n3.kill9();
            try (Jedis jedis = n1.client()) {
                long start = System.nanoTime();
                JedisDataException write = assertThrows(JedisDataException.class, () -> {
                    // The first write may still see the old followers as fresh; keep trying briefly.
                    for (int i = 0; i < 100; i++) {
                        jedis.set("during", "x");
                        Thread.sleep(100);
                    }
                });
                long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                assertTrue(write.getMessage().startsWith("CLUSTERDOWN") || write.getMessage().startsWith("TIMEOUT"),
                        write.getMessage());
                assertTrue(ms < 10_000, "took " + ms + " ms to refuse a write without quorum");
                JedisDataException read = assertThrows(JedisDataException.class, () -> jedis.get("before"));
                assertTrue(read.getMessage().startsWith("CLUSTERDOWN"), read.getMessage());
            }

            n2.start();
            try (Jedis jedis = n1.client()) {
                TestCluster.await(Duration.ofSeconds(30), () -> {
                    try {
                        return "1".equals(jedis.get("before"));
                    } catch (RuntimeException e) {
                        return false;
                    }
                }, "service to resume with a majority");
                assertEquals("OK", jedis.set("after", "2"));
            }
        } finally {
            n1.stop();
            n2.stop();
            n3.stop();
        }
    }

    @Test
    void malformedRequestGetsAProtocolErrorAndTheConnectionCloses() throws Exception {
        NodeProcess n1 = new NodeProcess("n1", dir);
        try {
            n1.start("--bootstrap");
            try (Socket socket = new Socket("127.0.0.1", n1.redisPort)) {
                socket.setSoTimeout(10_000);
                OutputStream out = socket.getOutputStream();
                out.write("PING\r\n*1\r\n$-5\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                InputStream in = socket.getInputStream();
                String reply = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
                assertEquals("+PONG\r\n-ERR Protocol error: invalid bulk length\r\n", reply);
            }
            try (Jedis jedis = n1.client()) {
                assertEquals("PONG", jedis.ping()); // the node is unharmed
            }
        } finally {
            n1.stop();
        }
    }
}
