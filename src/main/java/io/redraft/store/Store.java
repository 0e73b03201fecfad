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

    public Store() {
        for (int i = 0; i < DATABASES; i++) {
            databases[i] = new Keyspace();
        }
    }

    public Keyspace db(int index) {
        return databases[index];
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

    public void clear() {
        for (Keyspace db : databases) {
            db.clear();
        }
    }
}
