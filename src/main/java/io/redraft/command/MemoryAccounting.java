package io.redraft.command;

import io.redraft.store.Key;
import io.redraft.store.Keyspace;

/**
 * Keeps the store's size estimates current after a logged write: the keys the command names may
 * have been changed in place, so they are re-estimated together with every key the command
 * stored or looked up for writing (see {@link Keyspace#settle}).
 */
final class MemoryAccounting {
    private MemoryAccounting() {
    }

    static void settle(ExecContext ctx, CommandSpec spec, byte[][] argv) {
        Keyspace db = ctx.db();
        int first = spec.firstKey();
        if (first > 0) {
            int last = spec.lastKey() >= 0 ? spec.lastKey() : argv.length + spec.lastKey();
            int step = Math.max(1, spec.step());
            for (int i = first; i <= last && i < argv.length; i += step) {
                db.changedInPlace(new Key(argv[i]));
            }
        }
        ctx.store().settle(ctx.now());
    }
}
