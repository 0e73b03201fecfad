package io.redraft.command;

import io.redraft.resp.Reply;
import io.redraft.store.Store;

/**
 * Runs data commands the way the node does: writes through {@link Handler.Write#apply} with a
 * log timestamp, reads through {@link Handler.Read#read} at a read time, after the executor's
 * lookup and arity checks.
 */
final class DataHarness {
    static final CommandTable TABLE = CommandTable.standard();
    static final long T0 = 1_700_000_000_000L;

    final Store store = new Store();
    int db;

    Reply at(long now, String... args) {
        byte[][] argv = Replies.argv(args);
        CommandSpec spec = TABLE.lookup(argv[0]);
        if (spec == null) {
            return CommandExecutor.unknownCommand(argv);
        }
        if (!spec.arityOk(argv.length)) {
            return CommandExecutor.wrongArity(spec.name());
        }
        ExecContext ctx = new ExecContext(store, db, now);
        if (spec.handler() instanceof Handler.Write w) {
            return w.apply(ctx, argv);
        }
        if (spec.handler() instanceof Handler.Read r) {
            return r.read(ctx, argv);
        }
        throw new IllegalArgumentException(args[0] + " is not a data command");
    }

    /** Runs at {@link #T0} and renders the reply. */
    String run(String... args) {
        return Replies.show(at(T0, args));
    }

    String runAt(long now, String... args) {
        return Replies.show(at(now, args));
    }
}
