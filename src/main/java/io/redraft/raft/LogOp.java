package io.redraft.raft;

/**
 * The kinds of replicated operation. A client request carries {@code [kind][payload]}; the leader
 * stamps its clock into the log entry as {@code [kind][timestamp][payload]} (see
 * {@link RedraftStateMachine#startTransaction}), so replicas never read a clock of their own.
 */
enum LogOp {
    /** A batch of client commands, each {@code [db][argc][args...]}, applied in order, atomically. */
    COMMANDS,
    /** Records a member's Redis address: {@code [id][redis address]}. */
    NODE_INFO,
    /** Forgets a removed member's Redis address: {@code [id]}. */
    NODE_FORGET,
    /** Deletes every key expired at the entry's timestamp (active expiry). */
    EXPIRE_SWEEP,
    /** Deletes the keys the leader chose to evict under maxmemory: {@code [count]([db][key])*}. */
    EVICT,
    /**
     * A node's requirepass for the default user: {@code [sha256 hex]}; applies only while the log
     * has not configured the default user yet (see {@link io.redraft.command.AclCommands#initDefaultPassword}).
     */
    DEFAULT_PASSWORD;

    private static final LogOp[] VALUES = values();

    static LogOp of(int code) {
        if (code < 0 || code >= VALUES.length) {
            throw new IllegalArgumentException("unknown log operation " + code);
        }
        return VALUES[code];
    }
}
