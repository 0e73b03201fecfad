package io.redraft.command;

import java.util.Locale;

/** Redis's maxmemory-policy values Redraft implements (the LFU ones are not implemented). */
public enum EvictionPolicy {
    NOEVICTION, ALLKEYS_LRU, VOLATILE_LRU, ALLKEYS_RANDOM, VOLATILE_RANDOM, VOLATILE_TTL;

    /** The list CONFIG SET names when refusing a value, in Redis's order (minus LFU). */
    public static final String CHOICES = "volatile-lru, volatile-random, volatile-ttl, allkeys-lru, "
            + "allkeys-random, noeviction";

    public String redisName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Only keys with a TTL are candidates. */
    public boolean volatileOnly() {
        return this == VOLATILE_LRU || this == VOLATILE_RANDOM || this == VOLATILE_TTL;
    }

    /** The policy named {@code name} (case-insensitive), or null. */
    public static EvictionPolicy parse(String name) {
        for (EvictionPolicy p : values()) {
            if (p.redisName().equalsIgnoreCase(name)) {
                return p;
            }
        }
        return null;
    }
}
