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
 * @param requirepass the default user's password until the log sets one, and this node's
 *                    credential towards other nodes; null = none
 */
public record ServerConfig(String id, HostPort redisAddr, HostPort raftAddr, Path dataDir, boolean bootstrap,
                           HostPort join, long snapshotThreshold, long maxmemory, EvictionPolicy maxmemoryPolicy,
                           int maxclients, long timeout, String requirepass) {

    public ServerConfig(String id, HostPort redisAddr, HostPort raftAddr, Path dataDir, boolean bootstrap,
                        HostPort join, long snapshotThreshold) {
        this(id, redisAddr, raftAddr, dataDir, bootstrap, join, snapshotThreshold, 0, EvictionPolicy.NOEVICTION,
                ConnectionLimits.DEFAULT_MAX_CLIENTS, 0, null);
    }

    /** Everything but requirepass. */
    public ServerConfig(String id, HostPort redisAddr, HostPort raftAddr, Path dataDir, boolean bootstrap,
                        HostPort join, long snapshotThreshold, long maxmemory, EvictionPolicy maxmemoryPolicy,
                        int maxclients, long timeout) {
        this(id, redisAddr, raftAddr, dataDir, bootstrap, join, snapshotThreshold, maxmemory, maxmemoryPolicy,
                maxclients, timeout, null);
    }

    public static final long DEFAULT_SNAPSHOT_THRESHOLD = 100_000;
}
