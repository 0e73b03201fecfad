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
     * When a command last looked this key up on this node (0: not since it was loaded), for
     * OBJECT IDLETIME. Per node and outside snapshots, like Redis's LRU clock on a replica;
     * nothing replicated ever depends on it.
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
}
