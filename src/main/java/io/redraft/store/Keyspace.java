package io.redraft.store;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * One Redis database. Not thread-safe: the state machine applies writes on one thread and
 * readers hold the store's read lock. {@code now} is always passed in (the log entry's
 * timestamp on apply, the read time on reads), never read from a clock here, so replicas agree.
 */
public final class Keyspace {
    private final HashMap<Key, Entry> entries = new HashMap<>();
    private int volatileCount;
    /** This database's number and where its changes are recorded for WATCH (null: untracked). */
    private final int index;
    private final ModifiedKeys modifications;

    public Keyspace() {
        this(0, null);
    }

    public Keyspace(int index, ModifiedKeys modifications) {
        this.index = index;
        this.modifications = modifications;
    }

    /** Read-side lookup: an expired key is invisible but left in place (reads never mutate). */
    public Entry get(Key key, long now) {
        Entry e = entries.get(key);
        return e == null || e.isExpiredAt(now) ? null : e;
    }

    /** Write-side lookup: an expired key is deleted first, as Redis's lookupKeyWrite does. */
    public Entry getForWrite(Key key, long now) {
        Entry e = entries.get(key);
        if (e != null && e.isExpiredAt(now)) {
            drop(key);
            if (modifications != null) {
                modifications.expiredDeleted(index, key);
            }
            return null;
        }
        if (e != null && modifications != null) {
            modifications.writing(index, key, e); // the caller may change it in place
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
        touched(key);
    }

    public void setExpiry(Key key, Entry entry, long expireAt) {
        if (entry.hasExpiry()) {
            volatileCount--;
        }
        entry.setExpireAt(expireAt);
        if (expireAt != Entry.NO_EXPIRY) {
            volatileCount++;
        }
        touched(key);
    }

    public boolean remove(Key key) {
        boolean removed = drop(key);
        if (removed) {
            touched(key);
        }
        return removed;
    }

    private boolean drop(Key key) {
        Entry old = entries.remove(key);
        if (old != null && old.hasExpiry()) {
            volatileCount--;
        }
        return old != null;
    }

    private void touched(Key key) {
        if (modifications != null) {
            modifications.modified(index, key);
        }
    }

    /** Deletes every key whose expiry is at or before {@code now}; returns how many. */
    public int removeExpired(long now) {
        if (volatileCount == 0) {
            return 0;
        }
        List<Key> removed = new ArrayList<>();
        for (Iterator<Map.Entry<Key, Entry>> it = entries.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Key, Entry> e = it.next();
            if (e.getValue().isExpiredAt(now)) {
                it.remove();
                removed.add(e.getKey());
            }
        }
        volatileCount -= removed.size();
        if (modifications != null) {
            removed.sort(null); // map order differs between replicas; the record must not
            removed.forEach(key -> modifications.expiredDeleted(index, key));
        }
        return removed.size();
    }

    /**
     * FLUSHDB: deletes every key, recording each as modified (or, when already expired at
     * {@code now}, as an expired key's deletion), in key order so every replica records alike.
     */
    public void flush(long now) {
        if (modifications != null && !entries.isEmpty()) {
            if (entries.size() > modifications.capacity()) {
                modifications.forgetAll(); // would evict them all anyway
            } else {
                List<Map.Entry<Key, Entry>> sorted = new ArrayList<>(entries.entrySet());
                sorted.sort(Map.Entry.comparingByKey());
                for (Map.Entry<Key, Entry> e : sorted) {
                    if (e.getValue().isExpiredAt(now)) {
                        modifications.expiredDeleted(index, e.getKey());
                    } else {
                        modifications.modified(index, e.getKey());
                    }
                }
            }
        }
        clear();
    }

    /** Number of keys, counting expired keys not yet removed (as Redis's DBSIZE does). */
    public int size() {
        return entries.size();
    }

    public int volatileCount() {
        return volatileCount;
    }

    /** Empties the database without recording anything (loading a snapshot); FLUSHDB is {@link #flush}. */
    public void clear() {
        entries.clear();
        volatileCount = 0;
    }

    /** Raw view for snapshots and scans; callers must not mutate through it. */
    public Map<Key, Entry> entries() {
        return entries;
    }
}
