package io.redraft.store;

import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * All databases of one Raft group's state. Writes happen only from the state machine's apply
 * thread under the write lock; reads take the read lock.
 */
public final class Store {
    public static final int DATABASES = 16;

    private final Keyspace[] databases = new Keyspace[DATABASES];
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final Scripts scripts = new Scripts();

    public Store() {
        for (int i = 0; i < DATABASES; i++) {
            databases[i] = new Keyspace();
        }
    }

    public Keyspace db(int index) {
        return databases[index];
    }

    /** The script cache (EVALSHA); not cleared by {@link #clear}, as FLUSHALL keeps scripts. */
    public Scripts scripts() {
        return scripts;
    }

    public ReentrantReadWriteLock lock() {
        return lock;
    }

    public void clear() {
        for (Keyspace db : databases) {
            db.clear();
        }
    }
}
