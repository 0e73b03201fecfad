package io.redraft.server;

import io.redraft.command.ConnectionLimits;
import io.redraft.command.EvictionPolicy;
import java.nio.file.Path;
import java.util.UUID;

/**
 * A node's settings after flags, YAML and defaults are merged and validated.
 *
 * @param join Redis address of a cluster member to ask for membership on first start, or null
 * @param snapshotThreshold log entries after which a snapshot is taken automatically
 * @param maxmemory bytes of data (estimated) above which maxmemoryPolicy applies; 0 = no limit
 * @param maxclients most client connections at once
 * @param timeout seconds after which an idle client is closed; 0 = never
 * @param tls TLS for clients and for node-to-node traffic ({@link TlsSettings#NONE} when off)
 * @param clusterId the only cluster id this node may bootstrap or join ({@code --cluster-id}), or null
 */
public record ServerConfig(String id, HostPort redisAddr, HostPort raftAddr, Path dataDir, boolean bootstrap,
                           HostPort join, long snapshotThreshold, long maxmemory, EvictionPolicy maxmemoryPolicy,
                           int maxclients, long timeout, TlsSettings tls, UUID clusterId) {

    public ServerConfig(String id, HostPort redisAddr, HostPort raftAddr, Path dataDir, boolean bootstrap,
                        HostPort join, long snapshotThreshold, long maxmemory, EvictionPolicy maxmemoryPolicy,
                        int maxclients, long timeout) {
        this(id, redisAddr, raftAddr, dataDir, bootstrap, join, snapshotThreshold, maxmemory, maxmemoryPolicy,
                maxclients, timeout, TlsSettings.NONE, null);
    }

    public ServerConfig(String id, HostPort redisAddr, HostPort raftAddr, Path dataDir, boolean bootstrap,
                        HostPort join, long snapshotThreshold) {
        this(id, redisAddr, raftAddr, dataDir, bootstrap, join, snapshotThreshold, 0, EvictionPolicy.NOEVICTION,
                ConnectionLimits.DEFAULT_MAX_CLIENTS, 0);
    }

    /** The TLS client listener's address (Redis host, {@code tls_port}), or null when there is none. */
    public HostPort tlsAddr() {
        return tls.port() > 0 ? new HostPort(redisAddr.host(), tls.port()) : null;
    }

    public static final long DEFAULT_SNAPSHOT_THRESHOLD = 100_000;
}
