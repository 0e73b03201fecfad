package io.redraft.command;

/**
 * This node's client limits, as Redis's {@code maxclients}, {@code timeout} and
 * {@code client-output-buffer-limit}: set from the config file or flags, changed at run time by
 * CONFIG SET, local to the node.
 */
public final class ConnectionLimits {
    public static final int DEFAULT_MAX_CLIENTS = 10_000;
    public static final String MAX_CLIENTS_REACHED = "ERR max number of clients reached";

    private volatile int maxClients;
    private volatile long idleTimeoutSeconds;
    private final OutputBufferLimits outputBuffers = new OutputBufferLimits();
    /** Redis's client-query-buffer-limit: 1 GiB by default, at least 1 MiB. */
    public static final long DEFAULT_QUERY_BUFFER_LIMIT = io.redraft.resp.RespDecoder.DEFAULT_QUERY_BUFFER_LIMIT;
    public static final long MIN_QUERY_BUFFER_LIMIT = 1L << 20;
    private volatile long queryBufferLimit = DEFAULT_QUERY_BUFFER_LIMIT;

    public ConnectionLimits(int maxClients, long idleTimeoutSeconds) {
        this.maxClients = maxClients;
        this.idleTimeoutSeconds = idleTimeoutSeconds;
    }

    /** Most bytes a connection may buffer for requests it has not completed. */
    public long queryBufferLimit() {
        return queryBufferLimit;
    }

    public void setQueryBufferLimit(long bytes) {
        this.queryBufferLimit = bytes;
    }

    /** Per client class; see {@link OutputBufferLimits}. */
    public OutputBufferLimits outputBuffers() {
        return outputBuffers;
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
