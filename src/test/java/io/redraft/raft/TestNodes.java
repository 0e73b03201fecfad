package io.redraft.raft;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.redraft.command.CommandTable;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** Real Raft nodes in this JVM on 127.0.0.1, for the raft package's tests. */
final class TestNodes {
    private TestNodes() {}

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** A started node on {@code port} (reusing a stopped node's port and data dir restarts it). */
    static RaftNode started(String id, int port, Path dataDir) throws IOException {
        RaftNode node = new RaftNode(id, "127.0.0.1", port, dataDir, 1_000_000, CommandTable.standard());
        node.start();
        return node;
    }

    static RaftNode started(String id, Path dataDir) throws IOException {
        return started(id, freePort(), dataDir);
    }

    /** A one-node cluster, once it leads. */
    static RaftNode bootstrapped(String id, int port, Path dataDir) throws Exception {
        RaftNode node = started(id, port, dataDir);
        node.bootstrap();
        awaitTrue(node::isLeader, id + " leads");
        return node;
    }

    static RaftNode bootstrapped(String id, Path dataDir) throws Exception {
        return bootstrapped(id, freePort(), dataDir);
    }

    static void awaitTrue(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "not within 30 s: " + what);
            Thread.sleep(50);
        }
    }
}
