package io.redraft.server;

import io.redraft.raft.RaftNode;
import io.redraft.resp.Reply;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * WAIT numreplicas timeout. WAIT runs after the connection's earlier writes have been applied,
 * so they are committed: on the leader the target is its commit index at that moment (at or past
 * those writes), and a replica counts once its Raft match index reaches it. A follower first
 * catches up with the leader through a read barrier (so it holds the writes itself), then counts
 * itself plus the followers whose commit index, as last heard, reaches its applied index: an
 * honest lower bound.
 */
final class ReplicaWaiter {
    private static final long POLL_MS = 5;

    private final RaftNode raft;

    ReplicaWaiter(RaftNode raft) {
        this.raft = raft;
    }

    CompletionStage<Reply> await(long replicas, long timeoutMs) {
        long deadline = timeoutMs == 0 ? Long.MAX_VALUE : System.currentTimeMillis() + timeoutMs;
        if (raft.isLeader()) {
            return poll(raft.commitIndex(), raft.id(), false, replicas, deadline);
        }
        if (raft.stateMachine() == null) {
            return CompletableFuture.completedFuture(Reply.integer(0));
        }
        return raft.readBarrier()
                .thenCompose(v -> poll(raft.lastAppliedIndex(), raft.leaderId(), true, replicas, deadline))
                .exceptionally(e -> Reply.integer(0));
    }

    /** Counts members other than {@code leader} whose index reaches {@code target}, until enough or the deadline. */
    private CompletionStage<Reply> poll(long target, String leader, boolean countSelf, long replicas, long deadline) {
        CompletableFuture<Reply> done = new CompletableFuture<>();
        AtomicReference<ScheduledFuture<?>> task = new AtomicReference<>();
        Runnable check = () -> {
            if (done.isDone()) {
                return;
            }
            long acked = count(target, leader, countSelf);
            if (acked >= replicas || System.currentTimeMillis() >= deadline) {
                done.complete(Reply.integer(acked));
                ScheduledFuture<?> t = task.get();
                if (t != null) {
                    t.cancel(false);
                }
            }
        };
        check.run();
        if (!done.isDone()) {
            task.set(raft.background().scheduleWithFixedDelay(check, POLL_MS, POLL_MS, TimeUnit.MILLISECONDS));
            if (done.isDone()) {
                task.get().cancel(false);
            }
        }
        return done;
    }

    private long count(long target, String leader, boolean countSelf) {
        long acked = 0;
        for (Map.Entry<String, Long> m : raft.matchIndexes().entrySet()) {
            String id = m.getKey();
            if (id.equals(leader)) {
                continue;
            }
            if (id.equals(raft.id()) ? countSelf && raft.lastAppliedIndex() >= target : m.getValue() >= target) {
                acked++;
            }
        }
        return acked;
    }
}
