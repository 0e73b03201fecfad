package io.redraft.command;

import io.redraft.pubsub.EntryPublications;
import io.redraft.pubsub.PubSubHub;
import io.redraft.resp.Reply;
import io.redraft.store.Store;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** The replicated path of a single in-memory replica: what the state machine does, minus Raft. */
final class InMemoryPath implements ReplicatedPath {
    final Store store = new Store();
    final ReplicatedExecution execution = new ReplicatedExecution(DataHarness.TABLE);
    long now = 1_000_000;
    /** Where published messages go once a "log entry" has applied, as on a node; may be null. */
    private final PubSubHub hub;
    /** Each write is its own log entry here; WATCH positions are these indexes. */
    long index;

    InMemoryPath() {
        this(null);
    }

    InMemoryPath(PubSubHub hub) {
        this.hub = hub;
    }

    @Override
    public CompletionStage<Reply> write(int db, byte[][] argv) {
        return write(db, argv, null);
    }

    @Override
    public CompletionStage<Reply> write(int db, byte[][] argv, String user) {
        store.modifications().begin(++index);
        EntryPublications published = new EntryPublications(index);
        Reply reply = execution.write(new ExecContext(store, db, now, published, user), argv);
        deliver(published);
        return CompletableFuture.completedFuture(reply);
    }

    @Override
    public CompletionStage<Reply> transaction(int db, List<byte[][]> commands, List<WatchedKey> watched) {
        return transaction(db, commands, watched, null);
    }

    @Override
    public CompletionStage<Reply> transaction(int db, List<byte[][]> commands, List<WatchedKey> watched,
                                              String user) {
        store.modifications().begin(++index);
        EntryPublications published = new EntryPublications(index);
        Reply reply = execution.block(new ExecContext(store, db, now, published, user), commands, watched);
        deliver(published);
        return CompletableFuture.completedFuture(reply);
    }

    private void deliver(EntryPublications published) {
        if (hub != null && !published.isEmpty()) {
            hub.deliver(published.index(), published.list());
        }
    }

    @Override
    public CompletionStage<Reply> read(int db, byte[][] argv, Handler.Read handler, boolean stale) {
        return CompletableFuture.completedFuture(handler.read(new ExecContext(store, db, now), argv));
    }
}
