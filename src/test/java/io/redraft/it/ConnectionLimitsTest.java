package io.redraft.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;

/** maxclients and the idle timeout, as Redis enforces them, on a real node. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ConnectionLimitsTest {
    @TempDir
    Path dir;

    @Test
    void maxclientsRefusesWithRedisErrorAndIdleClientsAreClosed() throws Exception {
        try (NodeProcess node = new NodeProcess("n1", dir)) {
            node.start("--bootstrap", "--maxclients", "4");
            TestCluster.await(Duration.ofSeconds(30), () -> "OK".equals(trySet(node)), "a writable one-node cluster");

            List<Socket> open = new ArrayList<>();
            try (Jedis admin = node.client()) {
                assertEquals("PONG", admin.ping());
                TestCluster.await(Duration.ofSeconds(10), () -> admin.info("clients").contains("connected_clients:1\r\n"),
                        "earlier connections gone");
                for (int i = 0; i < 3; i++) {
                    Socket s = new Socket("127.0.0.1", node.redisPort);
                    assertEquals("+PONG", ask(s, "PING"));
                    open.add(s);
                }
                try (Socket refused = new Socket("127.0.0.1", node.redisPort)) {
                    refused.setSoTimeout(10_000);
                    BufferedReader in = reader(refused);
                    assertEquals("-ERR max number of clients reached", in.readLine());
                    assertEquals(null, in.readLine(), "the refused connection is closed");
                }
                assertTrue(admin.info("stats").contains("rejected_connections:1"), admin.info("stats"));

                // A client blocked on BLPOP is waiting, not idle: the timeout spares it.
                Socket blocked = open.get(0);
                send(blocked, "BLPOP", "queue", "0");
                assertEquals("OK", admin.configSet("timeout", "1"));
                assertEquals("1", admin.configGet("timeout").get("timeout"));
            }
            Thread.sleep(3500);
            for (Socket idle : open.subList(1, open.size())) {
                idle.setSoTimeout(10_000);
                assertEquals(-1, idle.getInputStream().read(), "an idle client is closed");
            }
            try (Jedis pusher = node.client()) {
                pusher.rpush("queue", "job");
            }
            BufferedReader blockedIn = reader(open.get(0));
            assertEquals("*2", blockedIn.readLine(), "the blocked client was kept and served");
            for (Socket s : open) {
                s.close();
            }
        }
    }

    private static String trySet(NodeProcess node) {
        try (Jedis jedis = node.client()) {
            return jedis.set("probe", "1");
        } catch (RuntimeException e) {
            return e.getMessage();
        }
    }

    private static BufferedReader reader(Socket s) throws Exception {
        s.setSoTimeout(10_000);
        return new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
    }

    private static void send(Socket s, String... args) throws Exception {
        StringBuilder req = new StringBuilder("*").append(args.length).append("\r\n");
        for (String a : args) {
            req.append('$').append(a.length()).append("\r\n").append(a).append("\r\n");
        }
        s.getOutputStream().write(req.toString().getBytes(StandardCharsets.US_ASCII));
        s.getOutputStream().flush();
    }

    private static String ask(Socket s, String... args) throws Exception {
        send(s, args);
        s.setSoTimeout(10_000);
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = s.getInputStream().read()) != '\r') {
            line.append((char) c);
        }
        s.getInputStream().read(); // \n
        return line.toString();
    }
}
