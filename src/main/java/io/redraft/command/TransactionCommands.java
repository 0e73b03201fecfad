package io.redraft.command;

import static io.redraft.command.Containers.done;

import io.redraft.resp.Reply;
import io.redraft.store.Entry;
import io.redraft.store.Key;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * MULTI, EXEC, DISCARD, WATCH, UNWATCH. Queueing happens in {@link CommandExecutor}, as in
 * Redis's processCommand; EXEC sends the whole block as one log entry, applied atomically
 * everywhere. WATCH records, after a read barrier, the log position each key is watched at;
 * EXEC ships those with the block and the state machine aborts it if any key changed since
 * ({@link ReplicatedExecution#block}), so every replica decides alike.
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
        session.watches().clear();
        return done(Reply.OK);
    }

    public static CompletionStage<Reply> exec(Session session, byte[][] argv) {
        Transaction tx = session.transaction();
        if (tx == null) {
            return done(Reply.error("ERR EXEC without MULTI"));
        }
        session.setTransaction(null);
        List<WatchedKey> watched = session.watches().takeAll();
        if (tx.aborted()) {
            return done(Reply.error("EXECABORT Transaction discarded because of previous errors."));
        }
        if (tx.queued().isEmpty() && watched.isEmpty()) {
            return done(withUnwatches(Reply.EMPTY_ARRAY, tx.unwatches()));
        }
        String scriptUser = scriptUser(session, tx.queued());
        ReplicatedPath path = session.node().replicated();
        return (scriptUser == null ? path.transaction(session.db(), tx.queued(), watched)
                : path.transaction(session.db(), tx.queued(), watched, scriptUser))
                .thenCompose(r -> LocalReply.inBlock(session, session.node().commands(), tx.queued(), r))
                .thenApply(reply -> withUnwatches(reply, tx.unwatches()));
    }

    /** The ACL user a block's scripts must be checked against, or null (no script, or an unrestricted user). */
    private static String scriptUser(Session session, List<byte[][]> queued) {
        Acl acl = session.node().acl();
        if (acl == null) {
            return null;
        }
        CommandTable table = session.node().commands();
        for (byte[][] argv : queued) {
            CommandSpec spec = table.lookup(argv[0]);
            if (spec != null && spec.handler() instanceof ScriptCommands.Logged) {
                return acl.scriptUser(session);
            }
        }
        return null;
    }

    /** EXEC refused before it ran (Redis's execCommandAbort): the block and the watches are discarded. */
    static Reply execRefused(Session session, String why) {
        session.setTransaction(null);
        session.watches().clear();
        return Reply.error("EXECABORT Transaction discarded because of: " + why);
    }

    /** Puts the +OK of each UNWATCH queued in the block back at its place in EXEC's reply. */
    private static Reply withUnwatches(Reply reply, List<Integer> unwatches) {
        if (unwatches.isEmpty() || !(reply instanceof Reply.Array array)) {
            return reply;
        }
        List<Reply> items = new ArrayList<>(array.items());
        for (int at : unwatches) {
            items.add(Math.min(at, items.size()), Reply.OK);
        }
        return Reply.array(items);
    }

    /**
     * WATCH key [key ...]: after a read barrier (so every write acknowledged before counts as
     * earlier), records the applied log position and whether each key is already expired.
     */
    public static CompletionStage<Reply> watch(Session session, byte[][] argv) {
        if (session.transaction() != null) {
            return done(Reply.error("ERR WATCH inside MULTI is not allowed"));
        }
        List<WatchedKey> taken = new ArrayList<>(argv.length - 1);
        Handler.Read point = (ctx, args) -> {
            long position = ctx.store().modifications().position();
            for (int i = 1; i < args.length; i++) {
                Entry e = ctx.db().entries().get(new Key(args[i]));
                boolean expired = e != null && e.isExpiredAt(ctx.now());
                taken.add(new WatchedKey(ctx.dbIndex(), args[i], position, expired));
            }
            return Reply.OK;
        };
        return session.node().replicated().read(session.db(), argv, point, session.staleReads())
                .thenApply(reply -> {
                    if (taken.isEmpty()) {
                        return reply; // the barrier failed: its error, and nothing watched
                    }
                    taken.forEach(session.watches()::add);
                    return Reply.OK;
                });
    }

    public static CompletionStage<Reply> unwatch(Session session, byte[][] argv) {
        Transaction tx = session.transaction();
        if (tx != null) {
            tx.queueUnwatch();
            return done(Reply.QUEUED);
        }
        session.watches().clear();
        return done(Reply.OK);
    }
}
