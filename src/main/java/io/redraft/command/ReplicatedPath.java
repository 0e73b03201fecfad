package io.redraft.command;

import io.redraft.resp.Reply;
import java.util.concurrent.CompletionStage;

/** Where data commands go: writes into the Raft log, reads behind a read barrier. */
public interface ReplicatedPath {
    /** Appends the command to the log and completes with its result once applied. */
    CompletionStage<Reply> write(int db, byte[][] argv);

    /**
     * Appends a MULTI/EXEC block as one log entry; every replica first checks the watched keys
     * and answers the null array if any of them changed since it was watched, else runs the
     * commands (reads included) back to back and answers the array of their replies.
     */
    CompletionStage<Reply> transaction(int db, java.util.List<byte[][]> commands, java.util.List<WatchedKey> watched);

    /** A MULTI/EXEC block whose scripts run with ACL user {@code user}'s permissions (see {@link #write(int, byte[][], String)}). */
    default CompletionStage<Reply> transaction(int db, java.util.List<byte[][]> commands,
                                               java.util.List<WatchedKey> watched, String user) {
        if (user != null) {
            throw new UnsupportedOperationException("this path cannot carry the ACL user of a script");
        }
        return transaction(db, commands, watched);
    }

    /** A MULTI/EXEC block without watched keys. */
    default CompletionStage<Reply> transaction(int db, java.util.List<byte[][]> commands) {
        return transaction(db, commands, java.util.List.of());
    }

    /**
     * A write whose scripts' {@code redis.call}s are checked against ACL user {@code user}'s
     * permissions as every replica has them when it applies the entry (null: not checked).
     */
    default CompletionStage<Reply> write(int db, byte[][] argv, String user) {
        if (user != null) {
            throw new UnsupportedOperationException("this path cannot carry the ACL user of a script");
        }
        return write(db, argv);
    }

    /** Runs {@code handler} after a linearizable read barrier, or at once when {@code stale}. */
    CompletionStage<Reply> read(int db, byte[][] argv, Handler.Read handler, boolean stale);
}
