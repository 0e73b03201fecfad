package io.redraft.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;

/**
 * A thousand connections that do nothing (some stuck halfway through a request) do not slow
 * down or starve the clients that work.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class IdleConnectionsTest {
    private static final int IDLE = 1000;
    private static final int OPS = 2000;

    @TempDir
    Path dir;

    @Test
    void activeClientsAreUnaffectedByAThousandIdleOnes() throws Exception {
        try (TestCluster cluster = TestCluster.form(dir, 3)) {
            NodeProcess leader = cluster.awaitLeader(Duration.ofSeconds(20));
            List<Socket> idle = new ArrayList<>();
            try {
                for (int i = 0; i < IDLE; i++) {
                    Socket s = new Socket("127.0.0.1", leader.redisPort);
                    if (i % 10 == 0) {
                        OutputStream out = s.getOutputStream(); // a request that never finishes
                        out.write("*2\r\n$3\r\nGET\r\n$10\r\nabc".getBytes(StandardCharsets.US_ASCII));
                        out.flush();
                    }
                    idle.add(s);
                }
                try (Jedis jedis = leader.client()) {
                    TestCluster.await(Duration.ofSeconds(30),
                            () -> connectedClients(jedis) >= IDLE, IDLE + " connections accepted");
                    long[] micros = new long[OPS];
                    for (int i = 0; i < OPS; i++) {
                        long t0 = System.nanoTime();
                        if (i % 2 == 0) {
                            assertEquals("OK", jedis.set("k" + i, "v" + i));
                        } else {
                            assertEquals("v" + (i - 1), jedis.get("k" + (i - 1)));
                        }
                        micros[i] = (System.nanoTime() - t0) / 1000;
                    }
                    Arrays.sort(micros);
                    System.out.printf("with %d idle connections: p50 %d us, p99 %d us, max %d us%n",
                            IDLE, micros[OPS / 2], micros[OPS * 99 / 100], micros[OPS - 1]);
                }
            } finally {
                for (Socket s : idle) {
                    s.close();
                }
            }
            try (Jedis jedis = leader.client()) {
                TestCluster.await(Duration.ofSeconds(30), () -> connectedClients(jedis) < 10, "idle connections closed");
                assertEquals("PONG", jedis.ping());
            }
        }
    }

    private static int connectedClients(Jedis jedis) {
        String info = jedis.info("clients");
        for (String line : info.split("\r\n")) {
            if (line.startsWith("connected_clients:")) {
                return Integer.parseInt(line.substring("connected_clients:".length()).trim());
            }
        }
        throw new AssertionError("no connected_clients in " + info);
    }
}
