package io.redraft.command;

import static io.redraft.command.Containers.done;

import io.redraft.resp.Reply;
import java.util.concurrent.CompletionStage;

/**
 * MULTI, EXEC, DISCARD. Queueing happens in {@link CommandExecutor}, as in Redis's
 * processCommand; EXEC sends the whole block as one log entry, applied atomically everywhere.
 */
public final class TransactionCommands {
    private TransactionCommands() {
    }

    public static CompletionStage<Reply> multi(Session session, byte[][] argv) {
        if (session.transaction() != null) {
            return done(Reply.error("ERR MULTI calls can not be nested"));
        }
        session.setTransaction(new Transaction());
        return done(Reply.OK);
    }

    public static CompletionStage<Reply> discard(Session session, byte[][] argv) {
        if (session.transaction() == null) {
            return done(Reply.error("ERR DISCARD without MULTI"));
        }
        session.setTransaction(null);
        return done(Reply.OK);
    }

    public static CompletionStage<Reply> exec(Session session, byte[][] argv) {
        Transaction tx = session.transaction();
        if (tx == null) {
            return done(Reply.error("ERR EXEC without MULTI"));
        }
        session.setTransaction(null);
        if (tx.aborted()) {
            return done(Reply.error("EXECABORT Transaction discarded because of previous errors."));
        }
        if (tx.queued().isEmpty()) {
            return done(Reply.EMPTY_ARRAY);
        }
        return session.node().replicated().transaction(session.db(), tx.queued())
                .thenCompose(r -> LocalReply.inBlock(session, session.node().commands(), tx.queued(), r));
    }
}
