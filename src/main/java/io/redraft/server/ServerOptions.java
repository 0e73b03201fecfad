package io.redraft.server;

import picocli.CommandLine.Option;

/**
 * The raw {@code redraft server} flags, exactly as typed (null when absent). {@link ConfigLoader} merges them
 * with the YAML file and the defaults and validates the result.
 */
public final class ServerOptions {

    @Option(names = "--id", paramLabel = "ID", description = "node id, unique in the cluster (default: host name)")
    public String id;

    @Option(names = "--redis-addr", paramLabel = "HOST:PORT",
            description = "where clients connect (default: " + ConfigLoader.DEFAULT_REDIS_ADDR + ")")
    public String redisAddr;

    @Option(names = "--raft-addr", paramLabel = "HOST:PORT",
            description = "node-to-node traffic (default: Redis host, Redis port + 10000)")
    public String raftAddr;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Raft log, snapshots, state (default: data/<id>)")
    public String dataDir;

    @Option(names = "--bootstrap", description = "first start: form a new one-node cluster")
    public boolean bootstrap;

    @Option(names = "--join", paramLabel = "HOST:PORT",
            description = "first start: ask the cluster member whose Redis address is HOST:PORT to add this node")
    public String join;

    @Option(names = "--config", paramLabel = "FILE", description = "YAML file with the keys " + ConfigLoader.KEY_LIST
            + "; flags override it")
    public String config;

    @Option(names = "--snapshot-threshold", paramLabel = "N",
            description = "log entries after which a snapshot is taken (default: "
                    + ServerConfig.DEFAULT_SNAPSHOT_THRESHOLD + ")")
    public String snapshotThreshold;

    @Option(names = "--maxmemory", paramLabel = "BYTES",
            description = "data size limit, with Redis's units (100mb, 1gb); 0 = no limit (default: 0)")
    public String maxmemory;

    @Option(names = "--maxmemory-policy", paramLabel = "POLICY",
            description = "what to do over maxmemory: " + io.redraft.command.EvictionPolicy.CHOICES
                    + " (default: noeviction)")
    public String maxmemoryPolicy;

    @Option(names = "--maxclients", paramLabel = "N",
            description = "most client connections at once; more are refused as Redis does (default: "
                    + io.redraft.command.ConnectionLimits.DEFAULT_MAX_CLIENTS + ")")
    public String maxclients;

    @Option(names = "--timeout", paramLabel = "SECONDS",
            description = "close a client idle this long; 0 = never (default: 0)")
    public String timeout;

    @Option(names = "--requirepass", paramLabel = "PASSWORD",
            description = "password of the default user while the cluster has not set one (see ACL); also what "
                    + "this node sends to AUTH with to other nodes (default: none)")
    public String requirepass;
}
