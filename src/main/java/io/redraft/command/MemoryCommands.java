package io.redraft.command;

import static io.redraft.command.Args.SYNTAX_ERROR;
import static io.redraft.command.Args.is;
import static io.redraft.command.CommandFlag.READONLY;
import static io.redraft.command.Containers.done;

import io.redraft.resp.Reply;
import io.redraft.store.Entry;
import io.redraft.store.Key;
import io.redraft.store.MemoryEstimate;
import java.util.EnumSet;
import java.util.concurrent.CompletionStage;

/**
 * MEMORY USAGE and MEMORY HELP. The sizes are the store's estimates (see {@link MemoryEstimate}),
 * the same figures maxmemory is enforced against, not Redis's allocator sizes.
 */
public final class MemoryCommands {
    private MemoryCommands() {
    }

    /** MEMORY's subcommands. */
    public static final CommandTable MEMORY = memoryTable();

    private static CommandTable memoryTable() {
        CommandTable.Builder t = new CommandTable.Builder();
        t.local("memory|usage", -3, EnumSet.of(READONLY), 2, 2, 1, MemoryCommands::usage)
                .doc("server", "4.0.0", "Estimates the memory usage of a key.")
                .complexity("O(N) where N is the number of samples.").acl(AclCategory.READ)
                .keys(KeySpec.of(2, 0, 1, "RO")).args("key:key ?SAMPLES=count:integer");
        t.local("memory|help", 2, EnumSet.of(CommandFlag.LOADING, CommandFlag.STALE), 0, 0, 0, MemoryCommands::help)
                .doc("server", "4.0.0", "Outputs helpful text about the different subcommands.");
        return t.build();
    }

    public static CompletionStage<Reply> memory(Session session, byte[][] argv) {
        return Containers.dispatch(MEMORY, session, argv);
    }

    /** MEMORY USAGE key [SAMPLES count]: read after the read barrier like any read. */
    static CompletionStage<Reply> usage(Session session, byte[][] argv) {
        long samples = MemoryEstimate.DEFAULT_SAMPLES;
        for (int j = 3; j < argv.length; j++) {
            if (is(argv[j], "samples") && j + 1 < argv.length) {
                Long n = Args.toLong(argv[j + 1]);
                if (n == null) {
                    return done(Args.NOT_INTEGER);
                }
                samples = n;
                j++;
            } else {
                return done(SYNTAX_ERROR);
            }
        }
        int n = samples <= 0 ? 0 : (int) Math.min(samples, Integer.MAX_VALUE); // 0: every element
        Handler.Read read = (ctx, args) -> {
            Key key = new Key(args[2]);
            Entry e = ctx.db().get(key, ctx.now());
            return e == null ? Reply.NULL : Reply.integer(MemoryEstimate.of(key, e, n));
        };
        return session.node().replicated().read(session.db(), argv, read, session.staleReads());
    }

    static CompletionStage<Reply> help(Session session, byte[][] argv) {
        return done(Containers.help(argv[0],
                "USAGE <key> [SAMPLES <count>]",
                "    Return memory in bytes used by <key> and its value. Nested values are",
                "    sampled up to <count> times (default: 5, 0 means sample all)."));
    }
}
