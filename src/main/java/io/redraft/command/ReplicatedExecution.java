package io.redraft.command;

import io.redraft.resp.Reply;
import io.redraft.store.Entry;
import io.redraft.store.Key;
import io.redraft.store.ModifiedKeys;
import java.util.ArrayList;
import java.util.List;

/**
 * How commands run once they are in the log: the one place the state machine (and in-memory
 * test paths) turn a logged command or EXEC block into replies. Deterministic: it uses only the
 * context's store and time.
 */
public final class ReplicatedExecution {
    private final CommandTable table;

    public ReplicatedExecution(CommandTable table) {
        this.table = table;
    }

    /** Applies one logged write command. */
    public Reply write(ExecContext ctx, byte[][] argv) {
        CommandSpec spec = table.lookupCommand(argv, 0); // containers: SCRIPT LOAD/FLUSH are logged
        if (spec == null || !spec.isWrite()) {
            return Reply.error("ERR command not allowed in the replicated log");
        }
        try {
            Reply reply = ((Handler.Write) spec.handler()).apply(ctx, argv);
            MemoryAccounting.settle(ctx, spec, argv);
            return reply;
        } finally {
            ctx.store().modifications().settle(); // records what this command changed in place
        }
    }

    /** Runs an EXEC block back to back: writes apply, reads see the block's own earlier writes. */
    public Reply block(ExecContext ctx, List<byte[][]> commands) {
        return block(ctx, commands, List.of());
    }

    /**
     * As {@link #block(ExecContext, List)}, unless a watched key changed since it was watched:
     * then nothing runs and the reply is the null array, as Redis's EXEC with a dirty CAS.
     */
    public Reply block(ExecContext ctx, List<byte[][]> commands, List<WatchedKey> watched) {
        if (anyChanged(ctx, watched)) {
            return Reply.NULL_ARRAY;
        }
        List<Reply> replies = new ArrayList<>(commands.size());
        for (byte[][] argv : commands) {
            CommandSpec spec = table.lookup(argv[0]);
            if (spec != null && spec.isWrite()) {
                replies.add(write(ctx, argv));
            } else if (spec != null && spec.isRead()) {
                replies.add(((Handler.Read) spec.handler()).read(ctx, argv));
            } else {
                replies.add(Reply.error("ERR Command not allowed inside a transaction"));
            }
        }
        return Reply.array(replies);
    }

    /**
     * Redis 7's EXEC check: a watched key was touched since WATCH, or (unless it was already
     * expired then) it is logically expired now.
     */
    private static boolean anyChanged(ExecContext ctx, List<WatchedKey> watched) {
        ModifiedKeys modifications = ctx.store().modifications();
        for (WatchedKey w : watched) {
            Key key = new Key(w.key());
            if (modifications.changedSince(w.db(), key, w.point(), w.expiredAtWatch())) {
                return true;
            }
            Entry e = ctx.store().db(w.db()).entries().get(key);
            if (!w.expiredAtWatch() && e != null && e.isExpiredAt(ctx.now())) {
                return true;
            }
        }
        return false;
    }
}
