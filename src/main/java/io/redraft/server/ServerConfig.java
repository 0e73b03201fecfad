package io.redraft.server;

import io.redraft.command.EvictionPolicy;
import io.redraft.command.OutputBufferLimits;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * A node's settings after flags, YAML and defaults are merged and validated: one value per row of
 * {@link Settings}, read with {@link #get}. The named accessors are shorthands for the settings used most.
 */
public final class ServerConfig {
    public static final long DEFAULT_SNAPSHOT_THRESHOLD = Settings.SNAPSHOT_THRESHOLD.defaultValue();

    private final Map<Setting<?>, Object> values;

    ServerConfig(Map<Setting<?>, Object> values) {
        this.values = new LinkedHashMap<>(values);
    }

    /** This setting's value (null only for an unset setting without a default, such as join). */
    @SuppressWarnings("unchecked")
    public <T> T get(Setting<T> setting) {
        return (T) values.get(setting);
    }

    public String id() {
        return get(Settings.ID);
    }

    public HostPort redisAddr() {
        return get(Settings.REDIS_ADDR);
    }

    public HostPort raftAddr() {
        return get(Settings.RAFT_ADDR);
    }

    public Path dataDir() {
        return get(Settings.DATA_DIR);
    }

    public boolean bootstrap() {
        return get(Settings.BOOTSTRAP);
    }

    /** Redis address of a cluster member to ask for membership on first start, or null. */
    public HostPort join() {
        return get(Settings.JOIN);
    }

    /** Log entries after which a snapshot is taken automatically. */
    public long snapshotThreshold() {
        return get(Settings.SNAPSHOT_THRESHOLD);
    }

    /** Bytes of data (estimated) above which maxmemoryPolicy applies; 0 = no limit. */
    public long maxmemory() {
        return get(Settings.MAXMEMORY);
    }

    public EvictionPolicy maxmemoryPolicy() {
        return get(Settings.MAXMEMORY_POLICY);
    }

    /** Most client connections at once. */
    public int maxclients() {
        return (int) (long) get(Settings.MAXCLIENTS);
    }

    /** Seconds after which an idle client is closed; 0 = never. */
    public long timeout() {
        return get(Settings.TIMEOUT);
    }

    /** Where the dashboard (web page and /api/status) listens, or null for none. */
    public HostPort httpAddr() {
        return get(Settings.HTTP_ADDR);
    }

    /** TLS for clients and for node-to-node traffic ({@link TlsSettings#NONE} when off). */
    public TlsSettings tls() {
        return new TlsSettings((int) (long) get(Settings.TLS_PORT), get(Settings.TLS_CERT_FILE),
                get(Settings.TLS_KEY_FILE), get(Settings.TLS_CA_CERT_FILE), get(Settings.TLS_AUTH_CLIENTS),
                get(Settings.TLS_REPLICATION));
    }

    /** The TLS client listener's address (Redis host, {@code tls_port}), or null when there is none. */
    public HostPort tlsAddr() {
        long port = get(Settings.TLS_PORT);
        return port > 0 ? new HostPort(redisAddr().host(), (int) port) : null;
    }

    /** The only cluster id this node may bootstrap or join ({@code --cluster-id}), or null. */
    public UUID clusterId() {
        return get(Settings.CLUSTER_ID);
    }

    /** Where /metrics is served, or null for no endpoint. */
    public HostPort metricsAddr() {
        return get(Settings.METRICS_ADDR);
    }

    /** The default user's password until the log sets one, or null for none. */
    public String requirepass() {
        String p = get(Settings.REQUIREPASS);
        return p == null || p.isEmpty() ? null : p;
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("ServerConfig{");
        values.forEach((s, v) -> b.append(s.key()).append('=')
                .append(Settings.SECRET.contains(s) && v != null ? "(secret)" : v).append(", "));
        return b.append('}').toString();
    }
}
