package io.redraft.command;

import io.redraft.resp.Reply;
import java.util.concurrent.CompletionStage;

/** Where data commands go: writes into the Raft log, reads behind a read barrier. */
public interface ReplicatedPath {
    /** Appends the command to the log and completes with its result once applied. */
    CompletionStage<Reply> write(int db, byte[][] argv);

    /**
     * Appends a MULTI/EXEC block as one log entry; every replica runs its commands (reads
     * included) back to back, and the reply is the array of their replies.
     */
    CompletionStage<Reply> transaction(int db, java.util.List<byte[][]> commands);

    /**
     * As above, but every replica first checks the watched keys and answers the null array
     * instead of running the block if any of them changed since it was watched. A path that
     * cannot check watches refuses them rather than ignoring them.
     */
    default CompletionStage<Reply> transaction(int db, java.util.List<byte[][]> commands,
            java.util.List<WatchedKey> watched) {
        if (!watched.isEmpty()) {
            throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot check watched keys");
        }
        return transaction(db, commands);
    }

    /** Runs {@code handler} after a linearizable read barrier, or at once when {@code stale}. */
    CompletionStage<Reply> read(int db, byte[][] argv, Handler.Read handler, boolean stale);
}
