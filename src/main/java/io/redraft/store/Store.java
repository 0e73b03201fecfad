package io.redraft.store;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * All databases of one Raft group's state. Writes happen only from the state machine's apply
 * thread under the write lock; reads take the read lock.
 */
public final class Store {
    public static final int DATABASES = 16;

    private final Keyspace[] databases = new Keyspace[DATABASES];
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final ModifiedKeys modifications;
    private final Scripts scripts = new Scripts();
    private final AclTable acl = new AclTable();

    public Store() {
        this(new ModifiedKeys());
    }

    public Store(ModifiedKeys modifications) {
        this.modifications = modifications;
        for (int i = 0; i < DATABASES; i++) {
            databases[i] = new Keyspace(i, modifications);
        }
    }

    /** Each key's last change, for WATCH; replicated state like the databases. */
    public ModifiedKeys modifications() {
        return modifications;
    }

    public Keyspace db(int index) {
        return databases[index];
    }

    /** SWAPDB: the two databases exchange contents; connections keep their index. */
    public void swap(int a, int b) {
        if (a != b) {
            databases[a].swapContents(databases[b]);
        }
    }

    /** The script cache (EVALSHA); not cleared by {@link #clear}, as FLUSHALL keeps scripts. */
    public Scripts scripts() {
        return scripts;
    }

    /** The ACL users; like scripts, not cleared by {@link #clear} (FLUSHALL keeps users). */
    public AclTable acl() {
        return acl;
    }

    public ReentrantReadWriteLock lock() {
        return lock;
    }

    /** Starts recording stored keys in every database (see {@link Keyspace#recordStoredKeys}). */
    public void recordStoredKeys() {
        for (Keyspace db : databases) {
            db.recordStoredKeys();
        }
    }

    /** The keys stored since the last call, by database index; only databases with some. */
    public Map<Integer, Set<Key>> takeStoredKeys() {
        Map<Integer, Set<Key>> stored = null;
        for (int i = 0; i < DATABASES; i++) {
            Set<Key> keys = databases[i].takeStoredKeys();
            if (!keys.isEmpty()) {
                if (stored == null) {
                    stored = new TreeMap<>();
                }
                stored.put(i, keys);
            }
        }
        return stored == null ? Map.of() : stored;
    }

    /** See {@link Keyspace#settle}: brings every database's size estimates up to date. */
    public void settle(long now) {
        for (Keyspace db : databases) {
            db.settle(now);
        }
    }

    /** Estimated bytes held by all databases' keys and values. */
    public long usedBytes() {
        long total = 0;
        for (Keyspace db : databases) {
            total += db.usedBytes();
        }
        return total;
    }

    public void clear() {
        for (Keyspace db : databases) {
            db.clear();
        }
    }

    /** FLUSHALL: {@link Keyspace#flush} on every database. */
    public void flush(long now) {
        for (Keyspace db : databases) {
            db.flush(now);
        }
    }
}
