package io.redraft.command;

/** Redis 7 command flags, reported by COMMAND INFO as their lowercase names. */
public enum CommandFlag {
    WRITE, READONLY, DENYOOM, MODULE, ADMIN, PUBSUB, NOSCRIPT, BLOCKING, LOADING, STALE,
    SKIP_MONITOR, SKIP_SLOWLOG, ASKING, FAST, NO_AUTH, MAY_REPLICATE, NO_MANDATORY_KEYS,
    NO_MULTI, MOVABLEKEYS, ALLOW_BUSY;

    public String redisName() {
        return name().toLowerCase();
    }
}
