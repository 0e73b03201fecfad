package io.redraft.command;

/**
 * This node's client limits, as Redis's {@code maxclients} and {@code timeout}: set from the
 * config file or flags, changed at run time by CONFIG SET, local to the node.
 */
public final class ConnectionLimits {
    public static final int DEFAULT_MAX_CLIENTS = 10_000;
    public static final String MAX_CLIENTS_REACHED = "ERR max number of clients reached";

    private volatile int maxClients;
    private volatile long idleTimeoutSeconds;

    public ConnectionLimits(int maxClients, long idleTimeoutSeconds) {
        this.maxClients = maxClients;
        this.idleTimeoutSeconds = idleTimeoutSeconds;
    }

    public int maxClients() {
        return maxClients;
    }

    public void setMaxClients(int maxClients) {
        this.maxClients = maxClients;
    }

    /** Seconds a client may stay silent before it is closed; 0 means never. */
    public long idleTimeoutSeconds() {
        return idleTimeoutSeconds;
    }

    public void setIdleTimeoutSeconds(long seconds) {
        this.idleTimeoutSeconds = seconds;
    }

    /**
     * Redis's bounded integer config check: the value, or null when {@code text} is not an
     * integer within [min, max] (see {@link #rangeError}).
     */
    static Long parseBounded(String text, long min, long max) {
        Long v = Args.toLong(Args.bytes(text.trim()));
        return v == null || v < min || v > max ? null : v;
    }

    static String rangeError(String text, long min, long max) {
        return Args.toLong(Args.bytes(text.trim())) == null ? "argument couldn't be parsed into an integer"
                : "argument must be between " + min + " and " + max + " inclusive";
    }
}
