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
}
