package io.redraft.raft;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.server.leader.LogAppender;

/**
 * Raft's ReadIndex check (§6.4 of Ongaro's thesis) for one group: a leader may answer a read with
 * its commit index once a majority has accepted its term in an AppendEntries (entries or a
 * heartbeat) sent after the read arrived; no newer leader can then have committed anything the
 * read would miss. Ratis has the check but skips the round whenever the read index was confirmed
 * once before, at any time in the past, and its leader lease is renewed even by the NOT_LEADER
 * replies that depose the leader, so a deposed leader answered stale reads (TESTING.md bug 14).
 *
 * <p>Fed by {@link PromptGrpc}'s appenders: when each request was built and which ones a
 * follower accepted. Pure bookkeeping apart from asking the appenders for heartbeats.
 */
final class HeartbeatQuorum {
    /** The Ratis {@code Parameters} key under which a server's {@link Groups} travel to its appenders. */
    static final String PARAMETER = "redraft.heartbeat-quorums";

    /** One quorum per Raft group hosted by a server. */
    static final class Groups {
        private final Map<RaftGroupId, HeartbeatQuorum> groups = new ConcurrentHashMap<>();

        HeartbeatQuorum of(RaftGroupId group) {
            return groups.computeIfAbsent(group, g -> new HeartbeatQuorum());
        }
    }

    /** The newest request of {@code term}, sent at {@code sentNanos}, that a follower accepted. */
    private record Ack(long term, long sentNanos) {
        Ack newer(Ack other) {
            boolean otherIsNewer = other.term != term ? other.term > term : other.sentNanos - sentNanos > 0;
            return otherIsNewer ? other : this;
        }
    }

    /** A read barrier waiting for a majority (of both configurations while they change). */
    private record Waiter(long term, long sinceNanos, RaftPeerId self, Set<RaftPeerId> current,
                          Set<RaftPeerId> previous, CompletableFuture<Void> done) {}

    private final Map<RaftPeerId, Ack> acks = new ConcurrentHashMap<>();
    private final Set<LogAppender> appenders = ConcurrentHashMap.newKeySet();
    /** Guarded by this. */
    private final List<Waiter> waiters = new ArrayList<>();

    void register(LogAppender appender) {
        appenders.add(appender);
    }

    void unregister(LogAppender appender) {
        appenders.remove(appender);
    }

    /** {@code follower} accepted this leader's {@code term} in a request sent at {@code sentNanos}. */
    void accepted(RaftPeerId follower, long term, long sentNanos) {
        acks.merge(follower, new Ack(term, sentNanos), Ack::newer);
        List<Waiter> ready = new ArrayList<>();
        synchronized (this) {
            waiters.removeIf(w -> confirmed(w) && ready.add(w));
        }
        ready.forEach(w -> w.done().complete(null));
    }

    /**
     * Completes once a majority of {@code current} (and of {@code previous}, when not empty), this
     * leader counting for itself, has accepted {@code term} in requests sent at or after
     * {@code sinceNanos}; fails with a TimeoutException after {@code timeoutMs}.
     */
    CompletableFuture<Void> awaitMajoritySince(long sinceNanos, long term, RaftPeerId self,
                                               Collection<RaftPeer> current, Collection<RaftPeer> previous,
                                               long timeoutMs) {
        Waiter w = new Waiter(term, sinceNanos, self, ids(current), ids(previous), new CompletableFuture<>());
        synchronized (this) {
            if (confirmed(w)) {
                return CompletableFuture.completedFuture(null); // a one-member group
            }
            waiters.add(w);
        }
        appenders.forEach(LogAppender::triggerHeartbeat);
        return w.done().orTimeout(timeoutMs, TimeUnit.MILLISECONDS).whenComplete((ok, error) -> {
            if (error != null) {
                synchronized (this) {
                    waiters.remove(w);
                }
            }
        });
    }

    private boolean confirmed(Waiter w) {
        return majority(w, w.current()) && (w.previous().isEmpty() || majority(w, w.previous()));
    }

    private boolean majority(Waiter w, Set<RaftPeerId> voters) {
        int accepted = 0;
        for (RaftPeerId p : voters) {
            Ack ack = acks.get(p);
            if (p.equals(w.self()) || ack != null && ack.term() == w.term() && ack.sentNanos() - w.sinceNanos() >= 0) {
                accepted++;
            }
        }
        return 2 * accepted > voters.size();
    }

    private static Set<RaftPeerId> ids(Collection<RaftPeer> peers) {
        return peers.stream().map(RaftPeer::getId).collect(Collectors.toUnmodifiableSet());
    }
}
