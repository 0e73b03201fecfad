package io.redraft.command;

import io.redraft.store.Keyspace;
import io.redraft.store.Store;

/**
 * What a data command sees when it runs: the selected database and the time it runs at.
 * For writes {@code now} is the timestamp the leader stamped into the log entry, so every
 * replica computes the same result; for reads it is the read time.
 */
public record ExecContext(Store store, int dbIndex, long now) {
    public Keyspace db() {
        return store.db(dbIndex);
    }
}
