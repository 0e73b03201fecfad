package io.redraft.raft;

import static io.redraft.raft.TestNodes.awaitTrue;
import static io.redraft.raft.TestNodes.bootstrapped;
import static io.redraft.raft.TestNodes.started;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.ratis.protocol.RaftGroupId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A member Ratis closes on its own never reopens; the node reports it as a failure (and
 * RedraftNode stops on it), unless it was closed for leaving the configuration; closing the node
 * itself reports nothing.
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

    @Test
    void aRemovedMemberThatNeverHearsOfItRetiresItselfAndCanJoinAgain() throws Exception {
        try (RaftNode n1 = bootstrapped("n1", dir.resolve("n1")); RaftNode n2 = started("n2", dir.resolve("n2"))) {
            CompletableFuture<String> failure = new CompletableFuture<>();
            n2.onFailure(failure::complete);
            n1.addMember(n2.self());
            awaitTrue(n2::hasGroup, "n2 joined");

            // REMOVE without the leader's retire (it was lost): n2 hears no more heartbeats, its
            // election finds it outside the configuration, and Ratis closes its member.
            n1.removeMember(n2.self());
            awaitTrue(() -> !n2.hasGroup() && n2.unavailableReason().contains("removed from its cluster"),
                    "n2 retired its group");
            Thread.sleep(3 * RaftNode.GROUP_CLOSED_CHECK_MS);
            assertFalse(failure.isDone(), () -> "reported a failure: " + failure.join());

            n1.addMember(n2.self()); // JOIN again: it is an empty node once more
            awaitTrue(() -> n2.hasGroup() && n2.lastAppliedIndex() >= n1.commitIndex() - 1, "n2 joined again");
        }
    }

    @Test
    void aMemberRestartedInProcessRecoversFromDiskAndCatchesUp() throws Exception {
        try (RaftNode n1 = bootstrapped("n1", dir.resolve("n1")); RaftNode n2 = started("n2", dir.resolve("n2"))) {
            CompletableFuture<String> failure = new CompletableFuture<>();
            n2.onFailure(failure::complete);
            n1.addMember(n2.self());
            awaitTrue(() -> n2.hasGroup() && n2.lastAppliedIndex() >= n1.commitIndex() - 1, "n2 joined");

            n2.restartMember(); // what the wedged-log watch does (TESTING.md bug 15)
            n1.registerRedisAddress("127.0.0.1:1").get(30, TimeUnit.SECONDS); // needs n2: two members
            awaitTrue(() -> n2.hasGroup() && n2.lastAppliedIndex() >= n1.commitIndex() - 1, "n2 caught up");
            Thread.sleep(3 * RaftNode.GROUP_CLOSED_CHECK_MS);
            assertFalse(failure.isDone(), () -> "reported a failure: " + failure.join());
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
}
