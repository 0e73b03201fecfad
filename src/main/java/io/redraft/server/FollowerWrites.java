package io.redraft.server;

/** What a follower does with a write (the {@code follower_writes} setting). */
public enum FollowerWrites {
    /** Send it to the leader and answer as if it had been sent there (the SPEC's default). */
    FORWARD,
    /** Refuse it with Redis's replica error, for clients that must write to the leader only. */
    READONLY;

    /** The error a Redis replica answers a write with. */
    public static final String READONLY_ERROR = "READONLY You can't write against a read only replica.";
}
