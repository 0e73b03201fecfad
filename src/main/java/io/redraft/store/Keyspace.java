package io.redraft.store;

import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * One Redis database. Not thread-safe: the state machine applies writes on one thread and
 * readers hold the store's read lock. {@code now} is always passed in (the log entry's
 * timestamp on apply, the read time on reads), never read from a clock here, so replicas agree.
 */
public final class Keyspace {
    private final HashMap<Key, Entry> entries = new HashMap<>();
    private int volatileCount;
    /** Keys stored since the last {@link #takeStoredKeys}, or null when not recording. */
    private Set<Key> stored;

    /** Read-side lookup: an expired key is invisible but left in place (reads never mutate). */
    public Entry get(Key key, long now) {
        Entry e = entries.get(key);
        return e == null || e.isExpiredAt(now) ? null : e;
    }

    /** Write-side lookup: an expired key is deleted first, as Redis's lookupKeyWrite does. */
    public Entry getForWrite(Key key, long now) {
        Entry e = entries.get(key);
        if (e != null && e.isExpiredAt(now)) {
            remove(key);
            return null;
        }
        return e;
    }

    /** Stores a value, replacing any previous entry and its expiry. */
    public void put(Key key, Object value, long expireAt) {
        Entry old = entries.put(key, new Entry(value, expireAt));
        if (old != null && old.hasExpiry()) {
            volatileCount--;
        }
        if (expireAt != Entry.NO_EXPIRY) {
            volatileCount++;
        }
        if (stored != null && (value instanceof ListValue || value instanceof ZSetValue)) {
            stored.add(key);
        }
    }

    /**
     * Starts recording the keys {@link #put} stores a list or sorted set under. Storing is the only
     * way a key can start to hold one, so these are the keys that can wake a blocked client.
     */
    public void recordStoredKeys() {
        stored = new LinkedHashSet<>();
    }

    /** The keys stored since the last call (empty when none or not recording), in order. */
    public Set<Key> takeStoredKeys() {
        if (stored == null || stored.isEmpty()) {
            return Set.of();
        }
        Set<Key> taken = stored;
        stored = new LinkedHashSet<>();
        return taken;
    }

    public void setExpiry(Key key, Entry entry, long expireAt) {
        if (entry.hasExpiry()) {
            volatileCount--;
        }
        entry.setExpireAt(expireAt);
        if (expireAt != Entry.NO_EXPIRY) {
            volatileCount++;
        }
    }

    public boolean remove(Key key) {
        Entry old = entries.remove(key);
        if (old != null && old.hasExpiry()) {
            volatileCount--;
        }
        return old != null;
    }

    /** Deletes every key whose expiry is at or before {@code now}; returns how many. */
    public int removeExpired(long now) {
        if (volatileCount == 0) {
            return 0;
        }
        int removed = 0;
        for (Iterator<Map.Entry<Key, Entry>> it = entries.entrySet().iterator(); it.hasNext(); ) {
            if (it.next().getValue().isExpiredAt(now)) {
                it.remove();
                removed++;
            }
        }
        volatileCount -= removed;
        return removed;
    }

    /** Number of keys, counting expired keys not yet removed (as Redis's DBSIZE does). */
    public int size() {
        return entries.size();
    }

    public int volatileCount() {
        return volatileCount;
    }

    public void clear() {
        entries.clear();
        volatileCount = 0;
    }

    /** Raw view for snapshots and scans; callers must not mutate through it. */
    public Map<Key, Entry> entries() {
        return entries;
    }
}
