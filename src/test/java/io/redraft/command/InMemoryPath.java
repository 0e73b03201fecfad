package io.redraft.command;

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
    /** Each write is its own log entry here; WATCH positions are these indexes. */
    long index;

    @Override
    public CompletionStage<Reply> write(int db, byte[][] argv) {
        store.modifications().begin(++index);
        return CompletableFuture.completedFuture(execution.write(new ExecContext(store, db, now), argv));
    }

    @Override
    public CompletionStage<Reply> transaction(int db, List<byte[][]> commands) {
        return transaction(db, commands, List.of());
    }

    @Override
    public CompletionStage<Reply> transaction(int db, List<byte[][]> commands, List<WatchedKey> watched) {
        store.modifications().begin(++index);
        return CompletableFuture.completedFuture(execution.block(new ExecContext(store, db, now), commands, watched));
    }

    @Override
    public CompletionStage<Reply> read(int db, byte[][] argv, Handler.Read handler, boolean stale) {
        return CompletableFuture.completedFuture(handler.read(new ExecContext(store, db, now), argv));
    }
}
