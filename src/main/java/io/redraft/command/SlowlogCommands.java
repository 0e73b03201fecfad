package io.redraft.command;

import static io.redraft.command.AclCategory.DANGEROUS;
import static io.redraft.command.CommandFlag.ADMIN;
import static io.redraft.command.CommandFlag.LOADING;
import static io.redraft.command.CommandFlag.STALE;
import static io.redraft.command.Containers.done;

import io.redraft.resp.Reply;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CompletionStage;

/** SLOWLOG GET/LEN/RESET/HELP over this node's {@link SlowLog}, as Redis 7. */
public final class SlowlogCommands {
    private static final long DEFAULT_COUNT = 10;

    private SlowlogCommands() {
    }

    /** SLOWLOG's subcommands. */
    public static final CommandTable SLOWLOG = slowlogTable();

    private static CommandTable slowlogTable() {
        CommandTable.Builder t = new CommandTable.Builder();
        EnumSet<CommandFlag> flags = EnumSet.of(ADMIN, LOADING, STALE);
        t.local("slowlog|get", -2, flags, 0, 0, 0, SlowlogCommands::get)
                .doc("server", "2.2.12", "Returns the slow log's entries.")
                .complexity("O(N) where N is the number of entries returned").acl(DANGEROUS)
                .tips("request_policy:all_nodes", "nondeterministic_output").args("?count:integer");
        t.local("slowlog|len", 2, flags, 0, 0, 0, SlowlogCommands::len)
                .doc("server", "2.2.12", "Returns the number of entries in the slow log.")
                .complexity("O(1)").acl(DANGEROUS)
                .tips("request_policy:all_nodes", "response_policy:agg_sum", "nondeterministic_output");
        t.local("slowlog|reset", 2, flags, 0, 0, 0, SlowlogCommands::reset)
                .doc("server", "2.2.12", "Clears all entries from the slow log.")
                .complexity("O(N) where N is the number of entries in the slowlog").acl(DANGEROUS)
                .tips("request_policy:all_nodes", "response_policy:all_succeeded");
        t.local("slowlog|help", 2, EnumSet.of(LOADING, STALE), 0, 0, 0, SlowlogCommands::help)
                .doc("server", "6.2.0", "Show helpful text about the different subcommands").complexity("O(1)");
        return t.build();
    }

    public static CompletionStage<Reply> slowlog(Session session, byte[][] argv) {
        return Containers.dispatch(SLOWLOG, session, argv);
    }

    private static SlowLog log(Session session) {
        SlowLog log = session.node() == null ? null : session.node().slowLog();
        return log != null ? log : new SlowLog(-1, 0);
    }

    /** SLOWLOG GET [count]: newest first; count -1 means all, the default is 10. */
    static CompletionStage<Reply> get(Session session, byte[][] argv) {
        long count = DEFAULT_COUNT;
        if (argv.length > 3) {
            return done(CommandExecutor.wrongArity("slowlog|get"));
        }
        if (argv.length == 3) {
            Long n = Args.toLong(argv[2]);
            if (n == null || n < -1) {
                // Redis's getRangeLongFromObjectOrReply gives its message for both cases
                return done(Reply.error("ERR count should be greater than or equal to -1"));
            }
            count = n;
        }
        List<Reply> entries = new ArrayList<>();
        for (SlowLog.Entry e : log(session).newest(count)) {
            List<Reply> args = new ArrayList<>(e.argv().length);
            for (byte[] arg : e.argv()) {
                args.add(Reply.bulk(arg));
            }
            entries.add(Reply.array(Reply.integer(e.id()), Reply.integer(e.timeSeconds()), Reply.integer(e.micros()),
                    Reply.array(args), Reply.bulk(e.clientAddr()), Reply.bulk(e.clientName())));
        }
        return done(Reply.array(entries));
    }

    static CompletionStage<Reply> len(Session session, byte[][] argv) {
        return done(Reply.integer(log(session).size()));
    }

    static CompletionStage<Reply> reset(Session session, byte[][] argv) {
        log(session).reset();
        return done(Reply.OK);
    }

    static CompletionStage<Reply> help(Session session, byte[][] argv) {
        return done(Containers.help(argv[0],
                "GET [<count>]",
                "    Return top <count> entries from the slowlog (default: 10, -1 mean all).",
                "    Entries are made of:",
                "    id, timestamp, time in microseconds, arguments array, client IP and port,",
                "    client name",
                "LEN",
                "    Return the length of the slowlog.",
                "RESET",
                "    Reset the slowlog."));
    }
}
