package io.redraft.raft;

import io.redraft.pubsub.Publication;
import io.redraft.store.Key;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.apache.ratis.protocol.RaftClientRequest;
import org.apache.ratis.protocol.RaftPeer;

/** Callbacks from the state machine to the node that hosts it; never called with the store locked. */
interface GroupEvents {
    /**
     * The entry at {@code index} was applied and published these messages (none: a snapshot
     * was loaded, every entry up to {@code index} is done). Called on the apply thread, in log
     * order, before the entry's result is returned.
     */
    default void published(long index, List<Publication> publications) {}

    void configurationChanged(List<RaftPeer> peers);

    void leaderChanged(String leaderId);

    /** This node's copy of the group was removed (REMOVE retired it): it is no longer a member. */
    default void groupRemoved() {}

    /**
     * The leader accepted a client request and is about to append it to its log: from here on the
     * request may commit even if this server loses leadership before answering.
     */
    default void appending(RaftClientRequest request) {}

    /**
     * Applied entries stored a list or sorted set under these keys (by database); clients blocked
     * on them look again. Called on the apply thread after the store lock is released.
     */
    default void keysStored(Map<Integer, Set<Key>> keys) {}

    /** A snapshot was written ({@code installed} false) or an installed one loaded, taking {@code nanos}. */
    default void snapshotTimed(boolean installed, long nanos) {}

    /** The log applied since the last snapshot grew large (see {@link SnapshotDue}): take one. */
    default void snapshotDue() {}

    /** The store was replaced by an installed snapshot: any key may have appeared. */
    default void storeReplaced() {}

    /**
     * Ratis could not write this server's log (disk full, I/O error). Its log worker keeps the
     * failure for good: every later append and flush fails too, so the member can neither
     * acknowledge nor apply anything new until the process restarts.
     */
    default void logFailed(Throwable cause) {}

    /** The state machine was closed: the node closes, REMOVE retired the group, or Ratis gave up on it. */
    default void closed(RedraftStateMachine closed) {}

    /**
     * On the leader: the index a read arriving now must see, once a majority has confirmed this
     * node still leads (RaftNode#confirmedReadIndex); fails elsewhere.
     */
    CompletableFuture<Long> confirmedReadIndex();

    GroupEvents NONE = new GroupEvents() {
        @Override
        public void configurationChanged(List<RaftPeer> peers) {}

        @Override
        public void leaderChanged(String leaderId) {}

        @Override
        public CompletableFuture<Long> confirmedReadIndex() {
            return CompletableFuture.failedFuture(new IllegalStateException("no node hosts this state machine"));
        }
    };
}
