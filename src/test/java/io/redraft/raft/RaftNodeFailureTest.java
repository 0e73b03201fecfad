package io.redraft.raft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.redraft.command.CommandTable;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.ratis.protocol.RaftGroupId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A member Ratis closes on its own never reopens; the node reports it as a failure (and
 * RedraftNode stops on it), while closing the node itself reports nothing.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RaftNodeFailureTest {
    @TempDir
    Path dir;

    @Test
    void aMemberRatisClosesOnItsOwnIsReportedOnce() throws Exception {
        try (RaftNode node = bootstrapped("n1", dir.resolve("n1"))) {
            CompletableFuture<String> failure = new CompletableFuture<>();
            node.onFailure(failure::complete);

            // What Ratis does after an internal error in the member (e.g. an append out of order).
            node.server().getDivision(groupOf(node)).close();

            String reason = failure.get(30, TimeUnit.SECONDS);
            assertTrue(reason.contains("Ratis closed this node's member"), reason);
            assertFalse(node.hasGroup());
            // A failed member takes no further votes or appends (a newer term it could not persist).
            assertRefusesConnections(raftPort(node));
        }
    }

    private static int raftPort(RaftNode node) {
        return node.server().getServerRpc().getInetSocketAddress().getPort();
    }

    private static void assertRefusesConnections(int port) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            try (java.net.Socket s = new java.net.Socket("127.0.0.1", port)) {
                assertTrue(System.nanoTime() < deadline, "the Raft port " + port + " still accepts connections");
            } catch (java.io.IOException refused) {
                return;
            }
            Thread.sleep(50);
        }
    }

    @Test
    void closingTheNodeIsNoFailure() throws Exception {
        CompletableFuture<String> failure = new CompletableFuture<>();
        RaftNode node = bootstrapped("n1", dir.resolve("n1"));
        node.onFailure(failure::complete);
        node.close();
        Thread.sleep(3 * RaftNode.GROUP_CLOSED_CHECK_MS);
        assertFalse(failure.isDone(), () -> "reported: " + failure.join());
    }

    private static RaftGroupId groupOf(RaftNode node) throws Exception {
        java.util.List<RaftGroupId> ids = new java.util.ArrayList<>();
        node.server().getGroupIds().forEach(ids::add);
        assertEquals(1, ids.size());
        return ids.get(0);
    }

    private static RaftNode bootstrapped(String id, Path dataDir) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        RaftNode node = new RaftNode(id, "127.0.0.1", port, dataDir, 1_000_000, CommandTable.standard());
        node.start();
        node.bootstrap();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!node.isLeader()) {
            assertTrue(System.nanoTime() < deadline, "no leader within 30 s");
            Thread.sleep(50);
        }
        return node;
    }
}
