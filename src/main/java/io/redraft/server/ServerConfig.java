package io.redraft.server;

import io.redraft.command.EvictionPolicy;
import java.nio.file.Path;

/**
 * A node's settings after flags, YAML and defaults are merged and validated.
 *
 * @param join Redis address of a cluster member to ask for membership on first start, or null
 * @param snapshotThreshold log entries after which a snapshot is taken automatically
 * @param maxmemory bytes of data (estimated) above which maxmemoryPolicy applies; 0 = no limit
 */
public record ServerConfig(String id, HostPort redisAddr, HostPort raftAddr, Path dataDir, boolean bootstrap,
                           HostPort join, long snapshotThreshold, long maxmemory, EvictionPolicy maxmemoryPolicy) {

    public ServerConfig(String id, HostPort redisAddr, HostPort raftAddr, Path dataDir, boolean bootstrap,
                        HostPort join, long snapshotThreshold) {
        this(id, redisAddr, raftAddr, dataDir, bootstrap, join, snapshotThreshold, 0, EvictionPolicy.NOEVICTION);
    }

    public static final long DEFAULT_SNAPSHOT_THRESHOLD = 100_000;
}
