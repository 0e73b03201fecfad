package io.redraft.server;

import io.redraft.command.EvictionPolicy;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

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

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("ServerConfig{");
        values.forEach((s, v) -> b.append(s.key()).append('=').append(v).append(", "));
        return b.append('}').toString();
    }
}
