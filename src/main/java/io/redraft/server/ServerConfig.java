package io.redraft.server;

import io.redraft.command.ConnectionLimits;
import io.redraft.command.EvictionPolicy;
import java.nio.file.Path;

/**
 * A node's settings after flags, YAML and defaults are merged and validated.
 *
 * @param join Redis address of a cluster member to ask for membership on first start, or null
 * @param snapshotThreshold log entries after which a snapshot is taken automatically
 * @param maxmemory bytes of data (estimated) above which maxmemoryPolicy applies; 0 = no limit
 * @param maxclients most client connections at once
 * @param timeout seconds after which an idle client is closed; 0 = never
 * @param observability the metrics endpoint, SLOWLOG and LATENCY settings
 */
public record ServerConfig(String id, HostPort redisAddr, HostPort raftAddr, Path dataDir, boolean bootstrap,
                           HostPort join, long snapshotThreshold, long maxmemory, EvictionPolicy maxmemoryPolicy,
                           int maxclients, long timeout, Observability observability) {

    /**
     * @param metricsAddr where /metrics is served, or null for no endpoint
     * @param slowlogLogSlowerThan microseconds from which a command enters SLOWLOG; negative = never
     * @param slowlogMaxLen most SLOWLOG entries kept
     * @param latencyMonitorThreshold milliseconds from which LATENCY records an event; 0 = off
     */
    public record Observability(HostPort metricsAddr, long slowlogLogSlowerThan, long slowlogMaxLen,
                                long latencyMonitorThreshold) {
        public static final Observability DEFAULT = new Observability(null,
                io.redraft.command.SlowLog.DEFAULT_SLOWER_THAN_MICROS, io.redraft.command.SlowLog.DEFAULT_MAX_LEN, 0);
    }

    public ServerConfig(String id, HostPort redisAddr, HostPort raftAddr, Path dataDir, boolean bootstrap,
                        HostPort join, long snapshotThreshold, long maxmemory, EvictionPolicy maxmemoryPolicy,
                        int maxclients, long timeout) {
        this(id, redisAddr, raftAddr, dataDir, bootstrap, join, snapshotThreshold, maxmemory, maxmemoryPolicy,
                maxclients, timeout, Observability.DEFAULT);
    }

    public ServerConfig(String id, HostPort redisAddr, HostPort raftAddr, Path dataDir, boolean bootstrap,
                        HostPort join, long snapshotThreshold) {
        this(id, redisAddr, raftAddr, dataDir, bootstrap, join, snapshotThreshold, 0, EvictionPolicy.NOEVICTION,
                ConnectionLimits.DEFAULT_MAX_CLIENTS, 0);
    }

    public static final long DEFAULT_SNAPSHOT_THRESHOLD = 100_000;
}
