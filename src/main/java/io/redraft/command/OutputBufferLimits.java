package io.redraft.command;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Redis's {@code client-output-buffer-limit}: per client class, a hard limit and a soft limit
 * with its seconds. A connection whose unsent output passes the hard limit, or stays above the
 * soft limit that long, is closed. Defaults are Redis's: {@code normal 0 0 0} (no limit),
 * {@code replica 256mb 64mb 60} (no Redis replicas here; kept so the value reads as Redis's) and
 * {@code pubsub 32mb 8mb 60}. Set by config, changed by CONFIG SET; local to the node.
 */
public final class OutputBufferLimits {
    /** Redis's client classes, in the order CONFIG GET reports them. */
    public enum ClientClass {
        NORMAL("normal"), REPLICA("slave"), PUBSUB("pubsub");

        final String redisName;

        ClientClass(String redisName) {
            this.redisName = redisName;
        }

        static ClientClass parse(String name) {
            return switch (name.toLowerCase(Locale.ROOT)) {
                case "normal" -> NORMAL;
                case "slave", "replica" -> REPLICA;
                case "pubsub" -> PUBSUB;
                default -> null;
            };
        }
    }

    /** Bytes; 0 disables that limit. */
    public record Limit(long hard, long soft, long softSeconds) {}

    public static final String DEFAULT = "normal 0 0 0 slave 256mb 64mb 60 pubsub 32mb 8mb 60";

    private final Map<ClientClass, Limit> limits = new EnumMap<>(ClientClass.class);

    public OutputBufferLimits() {
        set(parse(DEFAULT));
    }

    public synchronized Limit of(ClientClass c) {
        return limits.get(c);
    }

    /** Changes the classes named in {@code changed}; the others keep their limits (as Redis). */
    public synchronized void set(Map<ClientClass, Limit> changed) {
        limits.putAll(changed);
    }

    /** CONFIG GET's form: {@code normal 0 0 0 slave 268435456 67108864 60 pubsub 33554432 8388608 60}. */
    public synchronized String redisValue() {
        List<String> parts = new ArrayList<>();
        limits.forEach((c, l) -> parts.add(c.redisName + " " + l.hard() + " " + l.soft() + " " + l.softSeconds()));
        return String.join(" ", parts);
    }

    /**
     * Parses Redis's syntax ({@code class hard soft seconds}, repeated; sizes with Redis's units);
     * throws IllegalArgumentException with Redis's message for a bad value.
     */
    public static Map<ClientClass, Limit> parse(String text) {
        String[] f = text.trim().isEmpty() ? new String[0] : text.trim().split("\\s+");
        if (f.length % 4 != 0) {
            throw new IllegalArgumentException("Wrong number of arguments in buffer limit configuration.");
        }
        Map<ClientClass, Limit> parsed = new EnumMap<>(ClientClass.class);
        for (int i = 0; i < f.length; i += 4) {
            ClientClass c = ClientClass.parse(f[i]);
            if (c == null) {
                throw new IllegalArgumentException("Invalid client class specified in buffer limit configuration.");
            }
            Long hard = MemoryLimit.parseBytes(f[i + 1]);
            Long soft = MemoryLimit.parseBytes(f[i + 2]);
            Long seconds = ConnectionLimits.parseBounded(f[i + 3], 0, Integer.MAX_VALUE);
            if (hard == null || soft == null || seconds == null) {
                throw new IllegalArgumentException("Error in hard, soft or soft_seconds setting in buffer limit "
                        + "configuration.");
            }
            parsed.put(c, new Limit(hard, soft, seconds));
        }
        return parsed;
    }

    /** One connection's standing against its class's limit: remembers when it went above the soft limit. */
    public static final class Tracker {
        /** When the output first went above the soft limit, or -1 while below it. */
        private long softSince = -1;

        /** True when a connection with {@code pending} unsent bytes at {@code nowNanos} must be closed. */
        public synchronized boolean exceeded(Limit limit, long pending, long nowNanos) {
            if (limit.hard() > 0 && pending > limit.hard()) {
                return true;
            }
            if (limit.soft() <= 0 || pending <= limit.soft()) {
                softSince = -1;
                return false;
            }
            if (softSince < 0) {
                softSince = nowNanos;
                return false;
            }
            return nowNanos - softSince > java.util.concurrent.TimeUnit.SECONDS.toNanos(limit.softSeconds());
        }
    }
}
