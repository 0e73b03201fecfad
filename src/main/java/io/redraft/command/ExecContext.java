package io.redraft.command;

import io.redraft.store.Keyspace;
import io.redraft.store.Store;
import java.util.concurrent.ThreadLocalRandom;
import java.util.random.RandomGenerator;

/**
 * What a data command sees when it runs: the selected database and the time it runs at.
 * For writes {@code now} is the timestamp the leader stamped into the log entry, so every
 * replica computes the same result; for reads it is the read time.
 *
 * @param randomSource where reads with random output (RANDOMKEY, SRANDMEMBER...) draw from; null
 *                     means a thread-local generator. Scripts running in the log pass one that
 *                     records the draw (see {@code ScriptCalls}).
 */
public record ExecContext(Store store, int dbIndex, long now, RandomGenerator randomSource) {
    public ExecContext(Store store, int dbIndex, long now) {
        this(store, dbIndex, now, null);
    }

    public Keyspace db() {
        return store.db(dbIndex);
    }

    public RandomGenerator random() {
        return randomSource != null ? randomSource : ThreadLocalRandom.current();
    }

    /** The same context on another database (SELECT inside a script). */
    public ExecContext withDb(int db) {
        return new ExecContext(store, db, now, randomSource);
    }
}
