package io.redraft.command;

import io.redraft.resp.Reply;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Looks a request up in the command table, checks it, and sends it where its kind runs:
 * the connection, the read barrier or the Raft log.
 */
public final class CommandExecutor {
    /** Run at once inside MULTI instead of being queued, as Redis's processCommand does. */
    private static final java.util.Set<String> TRANSACTION_CONTROL =
            java.util.Set.of("multi", "exec", "discard", "quit", "reset", "watch", "unwatch");
    /** All a RESP2 connection may run while subscribed, as Redis's processCommand allows. */
    private static final java.util.Set<String> SUBSCRIBED_CONTEXT = java.util.Set.of("ping", "subscribe",
            "ssubscribe", "unsubscribe", "sunsubscribe", "psubscribe", "punsubscribe", "quit", "reset");

    private final CommandTable table;
    private final ReplicatedPath replicated;
    private final BlockedClients blocked;
    /** CLIENT PAUSE state of this node, or null where there is none. */
    private final ClientPause pause;

    public CommandExecutor(CommandTable table, ReplicatedPath replicated, BlockedClients blocked, ClientPause pause) {
        this.table = table;
        this.replicated = replicated;
        this.blocked = blocked;
        this.pause = pause;
    }

    /** An executor that cannot pause (tests). */
    public CommandExecutor(CommandTable table, ReplicatedPath replicated, BlockedClients blocked) {
        this(table, replicated, blocked, null);
    }

    /** An executor whose blocked clients are woken by nothing but their timeouts (tests). */
    public CommandExecutor(CommandTable table, ReplicatedPath replicated) {
        this(table, replicated, new BlockedClients(replicated, () -> null, Long.MAX_VALUE), null);
    }

    /** The connection closed: a client blocked on it is forgotten. */
    public void connectionClosed(Session session) {
        blocked.connectionClosed(session.id());
    }

    public CommandTable table() {
        return table;
    }

    public CompletionStage<Reply> execute(Session session, byte[][] argv) {
        CommandSpec spec = table.lookup(argv[0]);
        if (spec == null) {
            return CompletableFuture.completedFuture(abortTransaction(session, unknownCommand(argv)));
        }
        if (!spec.arityOk(argv.length)) {
            if (session.transaction() != null && spec.name().equals("exec")) {
                // As Redis 7 (rejectCommand): a refused EXEC ends the open block instead of flagging it.
                return CompletableFuture.completedFuture(
                        TransactionCommands.execRefused(session, "wrong number of arguments for 'exec' command"));
            }
            return CompletableFuture.completedFuture(abortTransaction(session, wrongArity(spec.name())));
        }
        Acl acl = session.node() == null ? null : session.node().acl();
        if (acl != null) {
            // As Redis's processCommand: after the arity check, NOAUTH then NOPERM.
            CommandTable sub = table.subcommands(spec);
            CommandSpec resolved = sub == null ? spec : table.lookupCommand(argv, 0);
            Reply denied = acl.check(session, resolved != null ? resolved : spec, argv);
            if (denied != null) {
                return CompletableFuture.completedFuture(abortTransaction(session, denied));
            }
        }
        if (session.protocol() == 2 && !SUBSCRIBED_CONTEXT.contains(spec.name())
                && session.subscriptions().active()) {
            CommandSpec resolved = table.lookupCommand(argv, 0);
            return CompletableFuture.completedFuture(Reply.error("ERR Can't execute '"
                    + (resolved != null ? resolved : spec).name() + "': only (P|S)SUBSCRIBE / "
                    + "(P|S)UNSUBSCRIBE / PING / QUIT / RESET are allowed in this context"));
        }
        if (pause != null) {
            // As Redis, after the arity check and before MULTI queueing.
            CompletionStage<Reply> postponed = pause.postponeIfPaused(spec, session, () -> execute(session, argv));
            if (postponed != null) {
                return postponed;
            }
        }
        if (mayWrite(spec) && session.node() != null) {
            // A follower that does not forward writes refuses them at once, also inside MULTI, as a Redis replica.
            Reply refusal = session.node().writeRefusal();
            if (refusal != null) {
                return CompletableFuture.completedFuture(abortTransaction(session, refusal));
            }
        }
        Handler handler = spec.handler();
        Transaction tx = session.transaction();
        if (tx != null && !TRANSACTION_CONTROL.contains(spec.name())) {
            // Inside MULTI data commands are queued and run at EXEC, all in one log entry.
            if (handler instanceof Handler.Local) {
                return CompletableFuture.completedFuture(
                        abortTransaction(session, Reply.error("ERR Command not allowed inside a transaction")));
            }
            if (replicated instanceof MemoryGatedPath gate && gate.refusesQueueing()) {
                // As Redis: over maxmemory nothing is queued (queues grow without bound).
                return CompletableFuture.completedFuture(abortTransaction(session, MemoryLimit.OOM));
            }
            tx.queue(argv);
            return CompletableFuture.completedFuture(Reply.QUEUED);
        }
        if (handler instanceof BlockingPop pop) {
            return blocked.block(session, pop, argv);
        }
        if (handler instanceof Handler.Write) {
            // A script's redis.calls are checked where it runs, in the log: the entry names its user.
            String scriptUser = acl != null && handler instanceof ScriptCommands.Logged ? acl.scriptUser(session) : null;
            CompletionStage<Reply> applied = scriptUser != null ? replicated.write(session.db(), argv, scriptUser)
                    : replicated.write(session.db(), argv);
            return handler instanceof LocalReply local ? applied.thenCompose(r -> local.localReply(session, r)) : applied;
        }
        if (handler instanceof Handler.Read read) {
            return replicated.read(session.db(), argv, read, session.staleReads());
        }
        return ((Handler.Local) handler).handle(session, argv);
    }

    /**
     * Write commands, and scripts (EVAL, EVALSHA: logged, with keys known only when they run) since whether a
     * script writes is known only once it ran, on the leader.
     */
    static boolean mayWrite(CommandSpec spec) {
        return spec.flags().contains(CommandFlag.WRITE)
                || (spec.handler() instanceof Handler.Write && spec.flags().contains(CommandFlag.NO_MANDATORY_KEYS));
    }

    /** A command refused while queueing makes the open MULTI block fail with EXECABORT. */
    private static Reply abortTransaction(Session session, Reply error) {
        Transaction tx = session.transaction();
        if (tx != null) {
            tx.abort();
        }
        return error;
    }

    /**
     * Redis 7: {@code ERR unknown command 'x', with args beginning with: 'a' 'b' } (note the
     * trailing space). Like Redis, the name and the argument list are cut at 128 bytes.
     */
    public static Reply unknownCommand(byte[][] argv) {
        StringBuilder args = new StringBuilder();
        int argsBytes = 0;
        for (int i = 1; i < argv.length && argsBytes < 128; i++) {
            int n = Math.min(argv[i].length, 128 - argsBytes);
            args.append('\'').append(new String(argv[i], 0, n, StandardCharsets.UTF_8)).append("' ");
            argsBytes += n + 3;
        }
        String text = "ERR unknown command '" + truncated(argv[0], 128) + "', with args beginning with: " + args;
        return Reply.error(text.replace('\r', ' ').replace('\n', ' '));
    }

    public static Reply wrongArity(String name) {
        return Reply.error("ERR wrong number of arguments for '" + name + "' command");
    }

    private static String truncated(byte[] arg, int max) {
        return new String(arg, 0, Math.min(arg.length, max), StandardCharsets.UTF_8);
    }
}
