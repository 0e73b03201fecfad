package io.redraft.command;

import io.redraft.resp.Reply;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** Dispatch and help for container commands (CLIENT, COMMAND), as Redis 7 does them. */
final class Containers {

    private Containers() {
    }

    /**
     * Runs {@code argv[1]} from {@code subcommands}, with Redis's unknown-subcommand and arity
     * errors: a logged subcommand goes to the log, a read after the read barrier.
     */
    static CompletionStage<Reply> dispatch(CommandTable subcommands, Session session, byte[][] argv) {
        CommandSpec sub = subcommands.lookup(argv[1]);
        if (sub == null) {
            return done(unknownSubcommand(argv));
        }
        if (!sub.arityOk(argv.length)) {
            return done(CommandExecutor.wrongArity(sub.name()));
        }
        Handler handler = sub.handler();
        if (handler instanceof Handler.Write) {
            return session.node().replicated().write(session.db(), argv);
        }
        if (handler instanceof Handler.Read read) {
            return session.node().replicated().read(session.db(), argv, read, session.staleReads());
        }
        return ((Handler.Local) handler).handle(session, argv);
    }

    /** {@code ERR unknown subcommand 'x'. Try CLIENT HELP.} */
    static Reply unknownSubcommand(byte[][] argv) {
        String text = "ERR unknown subcommand '" + Args.truncated(argv[1], 128) + "'. Try "
                + Args.str(argv[0]).toUpperCase(Locale.ROOT) + " HELP.";
        return Reply.error(text.replace('\r', ' ').replace('\n', ' '));
    }

    /** Redis's addReplyHelp: a header line, the given lines, and the HELP entry, as status replies. */
    static Reply help(byte[] container, String... lines) {
        List<Reply> out = new ArrayList<>(lines.length + 3);
        out.add(Reply.status(Args.str(container).toUpperCase(Locale.ROOT)
                + " <subcommand> [<arg> [value] [opt] ...]. Subcommands are:"));
        for (String line : lines) {
            out.add(Reply.status(line));
        }
        out.add(Reply.status("HELP"));
        out.add(Reply.status("    Prints this help."));
        return Reply.array(out);
    }

    static CompletionStage<Reply> done(Reply reply) {
        return CompletableFuture.completedFuture(reply);
    }
}
