package io.redraft.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;

/**
 * A killed node's fixed ports can be taken by another process on a shared machine while it is
 * down (other tests pick ports from the same range); its restart must wait for the port instead
 * of failing the fault run with "exited with 2".
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class NodeRestartPortTakenTest {
    @TempDir
    Path dir;

    @Test
    void restartWaitsForAPortTakenWhileTheNodeWasDown() throws Exception {
        try (TestCluster cluster = TestCluster.form(dir, 1)) {
            NodeProcess node = cluster.nodes.get(0);
            assertEquals("OK", node.call("SET", "k", "v"));
            node.kill9();
            CompletableFuture<NodeProcess> restart;
            try (ServerSocket squatter = new ServerSocket()) {
                squatter.bind(new InetSocketAddress("127.0.0.1", node.redisPort));
                restart = CompletableFuture.supplyAsync(() -> {
                    try {
                        return node.start();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
                // Held until the node has tried and failed at least once.
                TestCluster.await(java.time.Duration.ofSeconds(60),
                        () -> readQuietly(node).contains("already in use"), "the restart hitting the taken port");
            }
            restart.get(90, TimeUnit.SECONDS);
            cluster.awaitLeader(java.time.Duration.ofSeconds(30));
            try (Jedis jedis = node.client()) {
                assertEquals("v", jedis.get("k"));
            }
        }
    }

    private static String readQuietly(NodeProcess node) {
        try {
            return java.nio.file.Files.readString(node.logFile().toPath());
        } catch (java.io.IOException e) {
            return "";
        }
    }
}
