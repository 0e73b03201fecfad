package io.redraft.store;

/**
 * One key's value and absolute expiry time (epoch millis, {@link #NO_EXPIRY} when persistent).
 * The value is a {@code byte[]} for strings; other Redis types add their own value classes.
 */
public final class Entry {
    public static final long NO_EXPIRY = -1;

    private Object value;
    private long expireAt;
    /** The key's size as {@link Keyspace} last estimated it (see {@link MemoryEstimate}). */
    long size;
    /**
     * When the key was last written (log time, identical on every replica) or read on this node
     * (local time, a hint): the LRU clock eviction ranks keys by. Not part of snapshots.
     */
    long accessedAt;

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

    public long accessedAt() {
        return accessedAt;
    }
}
