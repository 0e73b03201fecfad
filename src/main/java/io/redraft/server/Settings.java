package io.redraft.server;

import static io.redraft.server.SettingParsers.ADDRESS;
import static io.redraft.server.SettingParsers.BOOLEAN;
import static io.redraft.server.SettingParsers.DIRECTORY;
import static io.redraft.server.SettingParsers.MEMORY;
import static io.redraft.server.SettingParsers.NODE_ID;
import static io.redraft.server.SettingParsers.OUTPUT_BUFFER_LIMITS;
import static io.redraft.server.SettingParsers.PASSWORD;
import static io.redraft.server.SettingParsers.POSITIVE;
import static io.redraft.server.SettingParsers.READABLE_FILE;
import static io.redraft.server.SettingParsers.UUID_TEXT;
import static io.redraft.server.SettingParsers.YES_NO;
import static io.redraft.server.SettingParsers.integer;
import static io.redraft.server.SettingParsers.memoryAtLeast;
import static io.redraft.server.SettingParsers.oneOf;
import static io.redraft.server.SettingParsers.yamlBooleansAsYesNo;

import io.redraft.command.ConnectionLimits;
import io.redraft.command.EvictionPolicy;
import io.redraft.command.OutputBufferLimits;
import io.redraft.command.SlowLog;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The settings table: every {@code redraft server} setting, once. The flags, the YAML keys, {@code --help},
 * YAML validation, CONFIG GET/SET and docs/CONFIGURATION.md all come from these rows.
 *
 * <p>To add a setting: add a constant here (key, value label, parser, default, one-line meaning; {@code .runtime()}
 * if CONFIG SET may change it; CONFIG GET shows every setting under its kebab-case name), list it in {@link #ALL},
 * describe it in docs/CONFIGURATION.md ({@code SettingsDocTest} fails otherwise) and read it where it is used with
 * {@code config.get(Settings.X)}. A run-time setting also needs its effect wired in {@link RedraftNode} (what to do
 * when CONFIG SET changes it). Rules that tie several settings together live in {@link ConfigLoader#load}.
 *
 * <p>For example, an optional address and a free-text setting (a parser is a lambda from text to value that
 * throws {@link Setting.Invalid}; {@link SettingParsers} has the common ones):
 * <pre>{@code
 * public static final Setting<HostPort> METRICS_ADDR = Setting.of("metrics_addr", "HOST:PORT", ADDRESS, null,
 *         "where Prometheus scrapes /metrics; off when unset");
 * public static final Setting<String> REQUIREPASS = Setting.of("requirepass", "PASSWORD", text -> text, null,
 *         "password clients must AUTH with").runtime();
 * }</pre>
 */
public final class Settings {
    private Settings() {
    }

    /** Below this a loaded machine misses heartbeats and holds needless elections; above it failover is slow. */
    static final long ELECTION_TIMEOUT_FLOOR_MS = 100;
    static final long ELECTION_TIMEOUT_CEILING_MS = 60_000;

    public static final Setting<String> ID = Setting.of("id", "ID", NODE_ID, null,
            "node id, unique in the cluster").defaultShownAs("host name");
    public static final Setting<HostPort> REDIS_ADDR = Setting.of("redis_addr", "HOST:PORT", ADDRESS,
            HostPort.parse("127.0.0.1:6379"), "where clients connect");
    public static final Setting<HostPort> RAFT_ADDR = Setting.of("raft_addr", "HOST:PORT", ADDRESS, null,
            "node-to-node traffic").defaultShownAs("Redis host, Redis port + 10000");
    public static final Setting<Path> DATA_DIR = Setting.of("data_dir", "DIR", DIRECTORY, null,
            "Raft log, snapshots, state").defaultShownAs("data/<id>");
    public static final Setting<Boolean> BOOTSTRAP = Setting.of("bootstrap", null, BOOLEAN, false,
            "first start: form a new one-node cluster").formatted(b -> b ? "yes" : "no").defaultShownAs("off");
    public static final Setting<HostPort> JOIN = Setting.of("join", "HOST:PORT", ADDRESS, null,
            "first start: ask the cluster member whose Redis address is HOST:PORT to add this node");
    public static final Setting<Long> SNAPSHOT_THRESHOLD = Setting.of("snapshot_threshold", "N", POSITIVE,
            100_000L, "log entries after which a snapshot is taken");
    public static final Setting<Long> MAXMEMORY = Setting.of("maxmemory", "BYTES", MEMORY, 0L,
            "data size limit, with Redis's units (100mb, 1gb); 0 = no limit").runtime();
    public static final Setting<EvictionPolicy> MAXMEMORY_POLICY = Setting.of("maxmemory_policy", "POLICY",
            oneOf(EvictionPolicy.CHOICES, EvictionPolicy::parse), EvictionPolicy.NOEVICTION,
            "what to do over maxmemory: " + EvictionPolicy.CHOICES)
            .formatted(EvictionPolicy::redisName).runtime();
    public static final Setting<Long> MAXCLIENTS = Setting.of("maxclients", "N", integer(1, Integer.MAX_VALUE),
            (long) ConnectionLimits.DEFAULT_MAX_CLIENTS, "most client connections at once; more are refused as Redis does")
            .runtime();
    public static final Setting<Long> TIMEOUT = Setting.of("timeout", "SECONDS", integer(0, Integer.MAX_VALUE), 0L,
            "close a client idle this long; 0 = never").runtime();
    public static final Setting<Long> ELECTION_TIMEOUT_MIN = Setting.of("election_timeout_min", "MS",
            integer(ELECTION_TIMEOUT_FLOOR_MS, ELECTION_TIMEOUT_CEILING_MS), 500L,
            "a follower that has not heard from a leader for a random time between election_timeout_min and "
                    + "election_timeout_max milliseconds starts an election");
    public static final Setting<Long> ELECTION_TIMEOUT_MAX = Setting.of("election_timeout_max", "MS",
            integer(ELECTION_TIMEOUT_FLOOR_MS, ELECTION_TIMEOUT_CEILING_MS), 1000L,
            "upper bound of the election timeout, in milliseconds; more than election_timeout_min");
    public static final Setting<LogLevel> LOGLEVEL = Setting.of("loglevel", "LEVEL", oneOf(LogLevel.class),
            LogLevel.NOTICE, "log verbosity, as Redis's: debug, verbose, notice, warning or nothing")
            .formatted(SettingParsers::redisName).runtime();
    public static final Setting<FollowerWrites> FOLLOWER_WRITES = Setting.of("follower_writes", "MODE",
            oneOf(FollowerWrites.class), FollowerWrites.FORWARD, "a write sent to a follower: forward (to the "
                    + "leader, answered as if sent there) or readonly (refused with -READONLY, as a Redis replica)")
            .formatted(SettingParsers::redisName).runtime();
    public static final Setting<HostPort> HTTP_ADDR = Setting.of("http_addr", "HOST:PORT", ADDRESS, null,
            "serve the cluster dashboard (web page at /, JSON at /api/status) here").defaultShownAs("off");
    public static final Setting<Long> TLS_PORT = Setting.of("tls_port", "PORT", integer(0, 65535), 0L,
            "also serve clients over TLS on this port of the Redis host, beside the plain port; 0 = none");
    public static final Setting<Path> TLS_CERT_FILE = Setting.of("tls_cert_file", "FILE", READABLE_FILE, null,
            "PEM certificate the node presents to clients and, with tls_replication, to other nodes");
    public static final Setting<Path> TLS_KEY_FILE = Setting.of("tls_key_file", "FILE", READABLE_FILE, null,
            "PEM (PKCS#8) private key of tls_cert_file");
    public static final Setting<Path> TLS_CA_CERT_FILE = Setting.of("tls_ca_cert_file", "FILE", READABLE_FILE, null,
            "PEM CA certificate(s) that client and node certificates must be signed by");
    public static final Setting<TlsSettings.AuthClients> TLS_AUTH_CLIENTS = Setting.of("tls_auth_clients",
            "MODE", yamlBooleansAsYesNo(oneOf(TlsSettings.AuthClients.class)), TlsSettings.AuthClients.YES,
            "whether TLS clients must present a certificate signed by the CA (optional: checked if presented)")
            .formatted(SettingParsers::redisName);
    public static final Setting<Boolean> TLS_REPLICATION = Setting.of("tls_replication", "yes/no", YES_NO, false,
            "mutual TLS for Raft traffic and for this node's own connections to members (--join then names a "
                    + "member's TLS port)").formatted(b -> b ? "yes" : "no");
    public static final Setting<UUID> CLUSTER_ID = Setting.of("cluster_id", "UUID", UUID_TEXT, null,
            "bootstrap uses this cluster id, and the node refuses to be joined to any other cluster");
    public static final Setting<HostPort> METRICS_ADDR = Setting.of("metrics_addr", "HOST:PORT", ADDRESS, null,
            "serve Prometheus metrics at http://HOST:PORT/metrics").defaultShownAs("off");
    public static final Setting<Long> SLOWLOG_LOG_SLOWER_THAN = Setting.of("slowlog_log_slower_than", "MICROS",
            integer(-1, Long.MAX_VALUE), SlowLog.DEFAULT_SLOWER_THAN_MICROS,
            "commands taking at least this many microseconds enter SLOWLOG; -1 = none, 0 = all").runtime();
    public static final Setting<Long> SLOWLOG_MAX_LEN = Setting.of("slowlog_max_len", "N", integer(0, Long.MAX_VALUE),
            SlowLog.DEFAULT_MAX_LEN, "most SLOWLOG entries kept").runtime();
    public static final Setting<Long> LATENCY_MONITOR_THRESHOLD = Setting.of("latency_monitor_threshold", "MS",
            integer(0, Long.MAX_VALUE), 0L, "events taking at least this many milliseconds are recorded for "
                    + "LATENCY; 0 = off").runtime();
    public static final Setting<Map<OutputBufferLimits.ClientClass, OutputBufferLimits.Limit>>
            CLIENT_OUTPUT_BUFFER_LIMIT = Setting.of("client_output_buffer_limit", "LIMITS", OUTPUT_BUFFER_LIMITS,
                    Map.of(), "Redis's per-class limits on a client's unsent output, e.g. 'normal 1mb 512kb 60 "
                            + "pubsub 32mb 8mb 60'; a client past its class's limit is closed; classes not named keep "
                            + "their limits").defaultShownAs(OutputBufferLimits.DEFAULT).runtime();
    public static final Setting<Long> CLIENT_QUERY_BUFFER_LIMIT = Setting.of("client_query_buffer_limit", "BYTES",
            memoryAtLeast(ConnectionLimits.MIN_QUERY_BUFFER_LIMIT), ConnectionLimits.DEFAULT_QUERY_BUFFER_LIMIT,
            "most bytes of one unfinished request; a client sending more is closed").defaultShownAs("1gb").runtime();
    public static final Setting<String> REQUIREPASS = Setting.of("requirepass", "PASSWORD", PASSWORD, null,
            "the default user's password until the replicated users say otherwise (see ACL); every node of a "
                    + "protected cluster needs it, to log in for JOIN").defaultShownAs("none (no password)");

    /** Every setting, in the order of help text and docs. */
    public static final List<Setting<?>> ALL = List.of(ID, REDIS_ADDR, RAFT_ADDR, DATA_DIR, BOOTSTRAP, JOIN,
            SNAPSHOT_THRESHOLD, MAXMEMORY, MAXMEMORY_POLICY, MAXCLIENTS, TIMEOUT, ELECTION_TIMEOUT_MIN,
            ELECTION_TIMEOUT_MAX, LOGLEVEL, FOLLOWER_WRITES, HTTP_ADDR, TLS_PORT, TLS_CERT_FILE, TLS_KEY_FILE,
            TLS_CA_CERT_FILE, TLS_AUTH_CLIENTS, TLS_REPLICATION, CLUSTER_ID, METRICS_ADDR, SLOWLOG_LOG_SLOWER_THAN,
            SLOWLOG_MAX_LEN, LATENCY_MONITOR_THRESHOLD, CLIENT_OUTPUT_BUFFER_LIMIT, CLIENT_QUERY_BUFFER_LIMIT,
            REQUIREPASS);

    /**
     * Settings CONFIG GET does not show: the node keeps only the SHA-256 of the default user's password, in the
     * replicated users table, and CONFIG SET requirepass changes it through the log.
     */
    public static final List<Setting<?>> SECRET = List.of(REQUIREPASS);

    /** The YAML keys, comma separated, for messages and help text. */
    public static String keyList() {
        return ALL.stream().map(Setting::key).collect(Collectors.joining(", "));
    }

    /** The setting with this YAML key, or null. */
    public static Setting<?> byKey(String key) {
        return ALL.stream().filter(s -> s.key().equals(key)).findFirst().orElse(null);
    }

}
