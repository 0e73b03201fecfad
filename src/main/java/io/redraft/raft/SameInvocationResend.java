package io.redraft.raft;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.apache.ratis.client.RaftClient;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftClientRequest;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.protocol.exceptions.LeaderNotReadyException;
import org.apache.ratis.protocol.exceptions.NotLeaderException;

/**
 * Resends a write that this node accepted as leader and then answered with NotLeader: Ratis does
 * that to every request still pending when a leader steps down, although the entry may already be
 * in a majority's log and get committed by the next leader. Sent again as a new request it would
 * be applied twice (the fault tests saw an RPUSH land twice after a leader pause). So the resend
 * keeps the original client and call id: every replica records applied invocations in Ratis's
 * retry cache, and a leader answers a known invocation from there instead of appending it again;
 * an invocation the new leader never saw was lost with the old term and is applied once.
 */
final class SameInvocationResend {
    private static final long RETRY_MS = 100;

    private final RaftClient client;
    private final RaftClientRequest original;
    private final Supplier<List<RaftPeer>> members;
    private final ScheduledExecutorService timer;
    private final long deadline;
    private final CompletableFuture<RaftClientReply> result = new CompletableFuture<>();
    private int attempt;

    private SameInvocationResend(RaftClient client, RaftClientRequest original, Supplier<List<RaftPeer>> members,
                                 ScheduledExecutorService timer, long timeoutMs) {
        this.client = client;
        this.original = original;
        this.members = members;
        this.timer = timer;
        this.deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
    }

    /** Sends {@code original} again, first to {@code leaderHint} if known, until a leader answers. */
    static CompletableFuture<RaftClientReply> send(RaftClient client, RaftClientRequest original, RaftPeerId leaderHint,
                                                   Supplier<List<RaftPeer>> members, ScheduledExecutorService timer,
                                                   long timeoutMs) {
        SameInvocationResend resend = new SameInvocationResend(client, original, members, timer, timeoutMs);
        resend.attempt(leaderHint);
        return resend.result;
    }

    private void attempt(RaftPeerId target) {
        if (target == null) {
            List<RaftPeer> peers = members.get();
            if (peers.isEmpty()) {
                result.completeExceptionally(new IllegalStateException("not a member of a cluster"));
                return;
            }
            target = peers.get(attempt % peers.size()).getId();
        }
        attempt++;
        RaftClientRequest request = RaftClientRequest.newBuilder()
                .setClientId(original.getClientId())
                .setCallId(original.getCallId())
                .setGroupId(original.getRaftGroupId())
                .setServerId(target)
                .setMessage(original.getMessage())
                .setType(original.getType())
                .build();
        client.getClientRpc().sendRequestAsyncUnordered(request).whenComplete((reply, error) -> {
            if (error == null && !refused(reply)) {
                result.complete(reply);
            } else if (System.nanoTime() > deadline) {
                result.completeExceptionally(new TimeoutException("no leader took the resent write; last: "
                        + (error != null ? error : reply.getException())));
            } else {
                RaftPeerId next = null;
                if (reply != null && reply.getNotLeaderException() != null
                        && reply.getNotLeaderException().getSuggestedLeader() != null) {
                    next = reply.getNotLeaderException().getSuggestedLeader().getId();
                }
                RaftPeerId hint = next;
                timer.schedule(() -> attempt(hint), RETRY_MS, TimeUnit.MILLISECONDS);
            }
        });
    }

    /** Refused before the request was considered: safe to try another server. */
    private static boolean refused(RaftClientReply reply) {
        return reply.getException() instanceof NotLeaderException
                || reply.getException() instanceof LeaderNotReadyException;
    }
}
