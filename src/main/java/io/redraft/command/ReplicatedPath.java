package io.redraft.command;

import io.redraft.resp.Reply;
import java.util.concurrent.CompletionStage;

/** Where data commands go: writes into the Raft log, reads behind a read barrier. */
public interface ReplicatedPath {
    /** Appends the command to the log and completes with its result once applied. */
    CompletionStage<Reply> write(int db, byte[][] argv);

    /** Runs {@code handler} after a linearizable read barrier, or at once when {@code stale}. */
    CompletionStage<Reply> read(int db, byte[][] argv, Handler.Read handler, boolean stale);
}
