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
    /** The latest lookup time seen, stamped on new entries as their access time (OBJECT IDLETIME). */
    private long clock;

    /**
     * Read-side lookup: an expired key is invisible but left in place (reads never change
     * replicated state). It stamps the per-node access time; concurrent readers may race on
     * that stamp, which only OBJECT IDLETIME reads, so any of their times is a right answer.
     */
    public Entry get(Key key, long now) {
        Entry e = entries.get(key);
        if (e == null || e.isExpiredAt(now)) {
            return null;
        }
        touch(e, now);
        return e;
    }

    /** A live entry without marking it accessed (OBJECT, as Redis's LOOKUP_NOTOUCH). */
    public Entry peek(Key key, long now) {
        Entry e = entries.get(key);
        return e == null || e.isExpiredAt(now) ? null : e;
    }

    private void touch(Entry e, long now) {
        e.setAccessedAt(now);
        if (now > clock) {
            clock = now;
        }
    }

    /** Write-side lookup: an expired key is deleted first, as Redis's lookupKeyWrite does. */
    public Entry getForWrite(Key key, long now) {
        Entry e = entries.get(key);
        if (e != null && e.isExpiredAt(now)) {
            remove(key);
            return null;
        }
        if (e != null) {
            touch(e, now);
        } else if (now > clock) {
            clock = now;
        }
        return e;
    }

    /** Stores a value, replacing any previous entry and its expiry. */
    public void put(Key key, Object value, long expireAt) {
        Entry created = new Entry(value, expireAt);
        created.setAccessedAt(clock);
        Entry old = entries.put(key, created);
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
