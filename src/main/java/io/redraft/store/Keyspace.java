package io.redraft.store;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * One Redis database. Not thread-safe: the state machine applies writes on one thread and
 * readers hold the store's read lock. {@code now} is always passed in (the log entry's
 * timestamp on apply, the read time on reads), never read from a clock here, so replicas agree.
 */
public final class Keyspace {
    private final HashMap<Key, Entry> entries = new HashMap<>();
    private int volatileCount;
    /** Sum of the entries' size estimates, kept up to date by {@link #settle}. */
    private volatile long usedBytes;
    /** Read lookups that found / did not find a live key (INFO's keyspace_hits / keyspace_misses). */
    private final java.util.concurrent.atomic.LongAdder hits = new java.util.concurrent.atomic.LongAdder();
    private final java.util.concurrent.atomic.LongAdder misses = new java.util.concurrent.atomic.LongAdder();
    /** Keys written since the last {@link #settle}: their sizes are re-estimated there. */
    private final java.util.HashSet<Key> dirty = new java.util.HashSet<>();

    /** Read-side lookup: an expired key is invisible but left in place (reads never mutate). */
    public Entry get(Key key, long now) {
        Entry e = entries.get(key);
        if (e == null || e.isExpiredAt(now)) {
            misses.increment();
            return null;
        }
        hits.increment();
        if (e.accessedAt < now) {
            e.accessedAt = now; // an LRU hint only, so a racy write from a reader is harmless
        }
        return e;
    }

    /** Write-side lookup: an expired key is deleted first, as Redis's lookupKeyWrite does. */
    public Entry getForWrite(Key key, long now) {
        Entry e = entries.get(key);
        if (e != null && e.isExpiredAt(now)) {
            remove(key);
            return null;
        }
        if (e != null) {
            dirty.add(key);
        }
        return e;
    }

    /** Stores a value, replacing any previous entry and its expiry. */
    public void put(Key key, Object value, long expireAt) {
        Entry old = entries.put(key, new Entry(value, expireAt));
        if (old != null) {
            usedBytes -= old.size;
        }
        dirty.add(key);
        if (old != null && old.hasExpiry()) {
            volatileCount--;
        }
        if (expireAt != Entry.NO_EXPIRY) {
            volatileCount++;
        }
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
        if (old != null) {
            usedBytes -= old.size;
            dirty.remove(key);
        }
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
            Map.Entry<Key, Entry> me = it.next();
            if (me.getValue().isExpiredAt(now)) {
                usedBytes -= me.getValue().size;
                dirty.remove(me.getKey());
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
        usedBytes = 0;
        dirty.clear();
    }

    /** Marks a key whose value a command may have changed in place (its size is re-estimated). */
    public void touched(Key key) {
        if (entries.containsKey(key)) {
            dirty.add(key);
        }
    }

    /**
     * Re-estimates the size of every key written since the last call and stamps {@code now} (the
     * log time) as their last access. Called after each applied command, under the write lock.
     */
    public void settle(long now) {
        if (dirty.isEmpty()) {
            return;
        }
        for (Key key : dirty) {
            Entry e = entries.get(key);
            if (e != null) {
                long size = MemoryEstimate.of(key, e, MemoryEstimate.DEFAULT_SAMPLES);
                usedBytes += size - e.size;
                e.size = size;
                if (e.accessedAt < now) {
                    e.accessedAt = now;
                }
            }
        }
        dirty.clear();
    }

    public long hits() {
        return hits.sum();
    }

    public long misses() {
        return misses.sum();
    }

    /** Estimated bytes of all keys, as of the last {@link #settle}. */
    public long usedBytes() {
        return usedBytes;
    }

    /** Raw view for snapshots and scans; callers must not mutate through it. */
    public Map<Key, Entry> entries() {
        return entries;
    }
}
