package io.redraft.command;

import io.redraft.resp.Reply;
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
        return ((Handler.Write) spec.handler()).apply(ctx, argv);
    }

    /** Runs an EXEC block back to back: writes apply, reads see the block's own earlier writes. */
    public Reply block(ExecContext ctx, List<byte[][]> commands) {
        List<Reply> replies = new ArrayList<>(commands.size());
        for (byte[][] argv : commands) {
            CommandSpec spec = table.lookup(argv[0]);
            if (spec != null && spec.isWrite()) {
                replies.add(((Handler.Write) spec.handler()).apply(ctx, argv));
            } else if (spec != null && spec.isRead()) {
                replies.add(((Handler.Read) spec.handler()).read(ctx, argv));
            } else {
                replies.add(Reply.error("ERR Command not allowed inside a transaction"));
            }
        }
        return Reply.array(replies);
    }
}
