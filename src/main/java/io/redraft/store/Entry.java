package io.redraft.store;

/**
 * One key's value and absolute expiry time (epoch millis, {@link #NO_EXPIRY} when persistent).
 * The value is a {@code byte[]} for strings; other Redis types add their own value classes.
 */
public final class Entry {
    public static final long NO_EXPIRY = -1;

    private Object value;
    private long expireAt;
    /**
     * The key's size as {@link Keyspace} last estimated it (see {@link MemoryEstimate}), capped at
     * Integer.MAX_VALUE: an int keeps the entry at 40 bytes with compact object headers.
     */
    int size;
    /** The key this entry is stored under and the next entry in its {@link EntryTable} chain. */
    Key key;
    Entry next;
    /**
     * When the key was last looked up or written on this node: the log time for writes, the read
     * time for reads. A per-node hint, outside snapshots, like Redis's LRU clock on a replica:
     * OBJECT IDLETIME reports it and the leader's eviction ranks keys by it; nothing a replica
     * applies depends on it.
     */
    private long accessedAt;

    public Entry(Object value, long expireAt) {
        this.value = value;
        this.expireAt = expireAt;
    }

    public Object value() {
        return value;
    }

    public void setValue(Object value) {
        this.value = value;
    }

    public long accessedAt() {
        return accessedAt;
    }

    public void setAccessedAt(long accessedAt) {
        this.accessedAt = accessedAt;
    }

    public long expireAt() {
        return expireAt;
    }

    public void setExpireAt(long expireAt) {
        this.expireAt = expireAt;
    }

    public boolean hasExpiry() {
        return expireAt != NO_EXPIRY;
    }

    /** Redis treats a key as gone once its expiry time is reached. */
    public boolean isExpiredAt(long now) {
        return expireAt != NO_EXPIRY && expireAt <= now;
    }

    public long sizeEstimate() {
        return size;
    }

    /** A size estimate as stored in {@link #size}. */
    static int capped(long size) {
        return (int) Math.min(size, Integer.MAX_VALUE);
    }
}
