package io.redraft.server;

import io.redraft.command.ConnectionLimits;
import io.redraft.command.EvictionPolicy;
import io.redraft.command.OutputBufferLimits;
import java.nio.file.Path;
import java.util.Map;

/**
 * A node's settings after flags, YAML and defaults are merged and validated.
 *
 * @param join Redis address of a cluster member to ask for membership on first start, or null
 * @param snapshotThreshold log entries after which a snapshot is taken automatically
 * @param maxmemory bytes of data (estimated) above which maxmemoryPolicy applies; 0 = no limit
 * @param maxclients most client connections at once
 * @param timeout seconds after which an idle client is closed; 0 = never
 * @param outputBufferLimits client-output-buffer-limit classes to change from Redis's defaults (validated)
 */
public record ServerConfig(String id, HostPort redisAddr, HostPort raftAddr, Path dataDir, boolean bootstrap,
                           HostPort join, long snapshotThreshold, long maxmemory, EvictionPolicy maxmemoryPolicy,
                           int maxclients, long timeout,
                           Map<OutputBufferLimits.ClientClass, OutputBufferLimits.Limit> outputBufferLimits) {

    public ServerConfig(String id, HostPort redisAddr, HostPort raftAddr, Path dataDir, boolean bootstrap,
                        HostPort join, long snapshotThreshold) {
        this(id, redisAddr, raftAddr, dataDir, bootstrap, join, snapshotThreshold, 0, EvictionPolicy.NOEVICTION,
                ConnectionLimits.DEFAULT_MAX_CLIENTS, 0, Map.of());
    }

    public static final long DEFAULT_SNAPSHOT_THRESHOLD = 100_000;
}
