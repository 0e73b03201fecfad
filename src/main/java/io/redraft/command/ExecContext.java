package io.redraft.command;

import io.redraft.pubsub.PublishSink;
import io.redraft.store.Keyspace;
import io.redraft.store.Store;

/**
 * What a data command sees when it runs: the selected database and the time it runs at.
 * For writes {@code now} is the timestamp the leader stamped into the log entry, so every
 * replica computes the same result; for reads it is the read time. {@code publications}
 * collects what PUBLISH sends, delivered by the node once the entry is applied. {@code user}, when
 * not null, is the ACL user whose permissions the commands a script calls are checked against.
 */
public record ExecContext(Store store, int dbIndex, long now, PublishSink publications, String user) {
    public ExecContext(Store store, int dbIndex, long now) {
        this(store, dbIndex, now, PublishSink.NONE);
    }

    public ExecContext(Store store, int dbIndex, long now, PublishSink publications) {
        this(store, dbIndex, now, publications, null);
    }

    public Keyspace db() {
        return store.db(dbIndex);
    }
}
