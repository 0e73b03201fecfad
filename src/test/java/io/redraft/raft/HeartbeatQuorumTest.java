package io.redraft.raft;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;
import org.junit.jupiter.api.Test;

/** The ReadIndex rule: a majority accepted this leader's term in requests sent after the read arrived. */
class HeartbeatQuorumTest {
    private static final long TERM = 3;
    private final RaftPeerId n1 = RaftPeerId.valueOf("n1");
    private final RaftPeerId n2 = RaftPeerId.valueOf("n2");
    private final RaftPeerId n3 = RaftPeerId.valueOf("n3");
    private final RaftPeerId n4 = RaftPeerId.valueOf("n4");
    private final HeartbeatQuorum quorum = new HeartbeatQuorum();

    @Test
    void aOneMemberGroupConfirmsAtOnce() {
        assertTrue(quorum.awaitMajoritySince(100, TERM, n1, peers(n1), List.of(), 1000).isDone());
    }

    @Test
    void oneFollowerOfThreeAcceptingARequestSentSinceIsAMajority() {
        CompletableFuture<Void> read = quorum.awaitMajoritySince(100, TERM, n1, peers(n1, n2, n3), List.of(), 10_000);
        quorum.accepted(n2, TERM, 99); // sent before the read arrived: it may predate a newer leader
        assertFalse(read.isDone());
        quorum.accepted(n3, TERM - 1, 150); // an earlier term of this node's leadership
        assertFalse(read.isDone());
        quorum.accepted(n3, TERM, 100);
        assertTrue(read.isDone() && !read.isCompletedExceptionally());
    }

    @Test
    void anAcceptanceBeforeTheReadStillCountsForNoLaterRead() {
        quorum.accepted(n2, TERM, 500);
        assertTrue(quorum.awaitMajoritySince(400, TERM, n1, peers(n1, n2, n3), List.of(), 1000).isDone());
        assertFalse(quorum.awaitMajoritySince(600, TERM, n1, peers(n1, n2, n3), List.of(), 10_000).isDone());
    }

    @Test
    void whileTheConfigurationChangesBothMajoritiesAreNeeded() {
        // old {n1, n2, n3}, new {n1, n4}: the new one needs n4, the old one n2 or n3
        CompletableFuture<Void> read = quorum.awaitMajoritySince(100, TERM, n1, peers(n1, n4), peers(n1, n2, n3), 10_000);
        quorum.accepted(n2, TERM, 200);
        assertFalse(read.isDone());
        quorum.accepted(n4, TERM, 200);
        assertTrue(read.isDone());
    }

    @Test
    void aLeaderThatHearsNothingTimesOut() {
        CompletableFuture<Void> read = quorum.awaitMajoritySince(100, TERM, n1, peers(n1, n2, n3), List.of(), 50);
        ExecutionException e = assertThrows(ExecutionException.class, () -> read.get(10, TimeUnit.SECONDS));
        assertInstanceOf(TimeoutException.class, e.getCause());
    }

    private static List<RaftPeer> peers(RaftPeerId... ids) {
        return java.util.Arrays.stream(ids).map(id -> RaftPeer.newBuilder().setId(id).build()).toList();
    }
}
