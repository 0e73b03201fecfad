package io.redraft.store;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;

/**
 * One Redis database. Not thread-safe: the state machine applies writes on one thread and
 * readers hold the store's read lock. {@code now} is always passed in (the log entry's
 * timestamp on apply, the read time on reads), never read from a clock here, so replicas agree.
 */
public final class Keyspace {
    private EntryTable entries = new EntryTable();
    private int volatileCount;
    /** The latest lookup time seen, stamped on new entries as their access time (OBJECT IDLETIME). */
    private long clock;
    /** This database's number and where its changes are recorded for WATCH (null: untracked). */
    private final int index;
    private final ModifiedKeys modifications;
    /** Keys stored since the last {@link #takeStoredKeys}, or null when not recording. */
    private Set<Key> stored;
    /** Sum of the entries' size estimates, kept up to date by {@link #settle}. */
    private volatile long usedBytes;
    /** Keys written since the last {@link #settle}: their sizes are re-estimated there. */
    private final HashSet<Key> dirty = new HashSet<>();
    /** Read lookups that found / did not find a live key (INFO's keyspace_hits / keyspace_misses). */
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();

    public Keyspace() {
        this(0, null);
    }

    public Keyspace(int index, ModifiedKeys modifications) {
        this.index = index;
        this.modifications = modifications;
    }

    /**
     * Read-side lookup: an expired key is invisible but left in place (reads never change
     * replicated state). It stamps the per-node access time; concurrent readers may race on
     * that stamp, which is only a hint (OBJECT IDLETIME, LRU), so any of their times is right.
     */
    public Entry get(Key key, long now) {
        Entry e = entries.get(key);
        if (e == null || e.isExpiredAt(now)) {
            misses.increment();
            return null;
        }
        hits.increment();
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
            drop(key);
            if (modifications != null) {
                modifications.expiredDeleted(index, key);
            }
            return null;
        }
        if (e != null) {
            touch(e, now);
            dirty.add(key);
            if (modifications != null) {
                modifications.writing(index, key, e); // the caller may change it in place
            }
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
        touched(key);
        if (stored != null && (value instanceof ListValue || value instanceof ZSetValue)) {
            stored.add(key);
        }
    }

    /**
     * Loading a snapshot: stores a key already sized and stamped with {@code accessedAt}, without
     * recording it as modified, dirty or stored. The snapshot's own WATCH table says what changed,
     * and a load is reported as a whole (see RedraftStateMachine#reinitialize), so recording a
     * million keys one by one would only cost time and garbage.
     */
    void load(Key key, Object value, long expireAt, long accessedAt) {
        Entry created = new Entry(value, expireAt);
        created.setAccessedAt(accessedAt);
        created.size = Entry.capped(MemoryEstimate.of(key, created, MemoryEstimate.DEFAULT_SAMPLES));
        Entry old = entries.put(key, created);
        if (old != null) { // a key twice in one snapshot: the last one wins, as with put
            usedBytes -= old.size;
            dirty.remove(key);
            if (old.hasExpiry()) {
                volatileCount--;
            }
        }
        usedBytes += created.size;
        if (expireAt != Entry.NO_EXPIRY) {
            volatileCount++;
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
        if (old != null) {
            usedBytes -= old.size;
            dirty.remove(key);
        }
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
        for (Iterator<Map.Entry<Key, Entry>> it = entries.view().entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Key, Entry> e = it.next();
            if (e.getValue().isExpiredAt(now)) {
                usedBytes -= e.getValue().size;
                dirty.remove(e.getKey());
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
                List<Map.Entry<Key, Entry>> sorted = new ArrayList<>(entries.view().entrySet());
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

    /**
     * SWAPDB: this database and {@code other} exchange contents (each keeps its number). As Redis's
     * touchAllWatchedKeysInDb, every key present in either database counts as modified in both.
     */
    public void swapContents(Keyspace other) {
        recordAllModified(other);
        other.recordAllModified(this);
        EntryTable entries = this.entries;
        this.entries = other.entries;
        other.entries = entries;
        int volatileCount = this.volatileCount;
        this.volatileCount = other.volatileCount;
        other.volatileCount = volatileCount;
        long clock = this.clock;
        this.clock = other.clock;
        other.clock = clock;
        long usedBytes = this.usedBytes;
        this.usedBytes = other.usedBytes;
        other.usedBytes = usedBytes;
        HashSet<Key> dirty = new HashSet<>(this.dirty);
        this.dirty.clear();
        this.dirty.addAll(other.dirty);
        other.dirty.clear();
        other.dirty.addAll(dirty);
        noteStoredCollections();
        other.noteStoredCollections();
    }

    /** After SWAPDB every list and sorted set here is new to this database: blocked clients look. */
    private void noteStoredCollections() {
        if (stored == null) {
            return;
        }
        List<Key> keys = new ArrayList<>();
        entries.view().forEach((key, e) -> {
            if (e.value() instanceof ListValue || e.value() instanceof ZSetValue) {
                keys.add(key);
            }
        });
        keys.sort(null); // map order differs between nodes; keep wake-ups in one order
        stored.addAll(keys);
    }

    /** Records this database's keys and {@code other}'s as modified here, in key order. */
    private void recordAllModified(Keyspace other) {
        if (modifications == null || (entries.isEmpty() && other.entries.isEmpty())) {
            return;
        }
        if (entries.size() + other.entries.size() > modifications.capacity()) {
            modifications.forgetAll(); // would evict them all anyway
            return;
        }
        List<Key> keys = new ArrayList<>(entries.view().keySet());
        keys.addAll(other.entries.view().keySet());
        keys.sort(null);
        for (Key key : keys) {
            modifications.modified(index, key);
        }
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
        usedBytes = 0;
        dirty.clear();
    }

    /** Marks a key whose value a command may have changed in place: its size is re-estimated. */
    public void changedInPlace(Key key) {
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
                int size = Entry.capped(MemoryEstimate.of(key, e, MemoryEstimate.DEFAULT_SAMPLES));
                usedBytes += size - e.size;
                e.size = size;
                if (e.accessedAt() < now) {
                    e.setAccessedAt(now);
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

    /** Every entry, in no particular order, for snapshots (each entry's key is {@link Entry#key}). */
    Entry[] allEntries() {
        return entries.all();
    }

    /** Raw view for snapshots and scans; callers must not mutate through it. */
    public Map<Key, Entry> entries() {
        return entries.view();
    }
}
