package io.redraft.raft;

/**
 * Timings and events of this node's Raft member, for metrics and the latency monitor. Called on
 * Ratis's and Redraft's internal threads: implementations must be cheap and must not block.
 */
public interface RaftObserver {
    /** A write entry of {@code commands} client requests got its applied replies, {@code nanos} after its submit. */
    default void entryCommitted(int commands, long nanos) {}

    /** Ratis flushed (fsynced) the log, taking {@code nanos}. */
    default void logFlushed(long nanos) {}

    /** The state machine wrote a snapshot. */
    default void snapshotTaken(long nanos) {}

    /** The state machine loaded a snapshot installed from the leader. */
    default void snapshotInstalled(long nanos) {}

    /** A new leader is known ({@code leaderId} null: none yet) in {@code term}. */
    default void leaderChanged(long term, String leaderId) {}

    RaftObserver NONE = new RaftObserver() {};
}
