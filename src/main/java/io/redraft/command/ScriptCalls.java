package io.redraft.command;

import io.redraft.resp.Reply;
import io.redraft.script.RedisCalls;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * What {@code redis.call} does inside a script, with Redis 7's checks in Redis's order: the
 * command must exist, have the right arity and be allowed in scripts (connection and server
 * commands, which run on a connection here, are not); a read-only script may not write. The
 * command then runs through its handler on the script's context, so reads see the script's own
 * earlier writes and everything happens inside the script's one log entry.
 *
 * <p>A script run from the log must not let a random choice reach the store: every replica draws
 * differently (RANDOMKEY, SRANDMEMBER, HRANDFIELD, ZRANDMEMBER). Such reads are allowed, but once
 * one has run, the script may not write any more (as Redis 3.2-4 refused writes after
 * non-deterministic commands); writes made before it are identical everywhere. Replies whose
 * order is a hash table's layout are sorted first ({@link ScriptReplyOrder}).
 */
final class ScriptCalls implements RedisCalls {
    static final String NOT_ALLOWED = "ERR This Redis command is not allowed from script";
    /** PING, ECHO, TIME, SELECT...: Redis allows them, but here they run on a connection, not in the log. */
    static final String CONNECTION_COMMAND = "ERR This Redis command is not allowed from script in Redraft: "
            + "connection and server commands do not run inside the replicated log (pass values such as the "
            + "time in ARGV)";
    static final String WRITE_IN_READ_ONLY = "ERR Write commands are not allowed from read-only scripts.";
    static final String WRITE_AFTER_RANDOM = "ERR Write commands are not allowed after non deterministic commands "
            + "in a script: Redraft replicates the script, not its effects.";

    private final CommandTable table;
    private final boolean readOnly;
    private final DrawRecorder draws;
    private final ExecContext ctx;
    /** The script's ACL user, parsed at its first call (see {@link Acl#checkInScript}). */
    private final AclUser[] user = new AclUser[1];

    /**
     * @param replicated true when the script runs from the log on every replica (EVAL, EVALSHA):
     *                   random draws are recorded and forbid later writes
     */
    ScriptCalls(CommandTable table, ExecContext ctx, boolean readOnly, boolean replicated) {
        this.table = table;
        this.readOnly = readOnly;
        this.draws = replicated ? new DrawRecorder() : null;
        this.ctx = ctx;
    }

    /** Runs the script; in a logged one, random reads draw from the recorder. */
    Reply run(java.util.function.Supplier<Reply> script) {
        return draws == null ? script.get() : RandomSource.with(draws, script);
    }

    @Override
    public Reply call(byte[][] argv) {
        CommandSpec spec = table.lookupCommand(argv, 0);
        if (spec == null) {
            return Reply.error("ERR Unknown Redis command called from script");
        }
        if (!spec.arityOk(argv.length)) {
            return Reply.error("ERR Wrong number of args calling Redis command from script");
        }
        if (spec.flags().contains(CommandFlag.NOSCRIPT)) {
            return Reply.error(NOT_ALLOWED);
        }
        if (!(spec.isRead() || spec.isWrite())) {
            return Reply.error(CONNECTION_COMMAND);
        }
        if (ctx.user() != null) {
            Reply denied = Acl.checkInScript(ctx.store().acl(), ctx.user(), user, spec, argv);
            if (denied != null) {
                return denied;
            }
        }
        if (spec.isWrite()) {
            if (readOnly) {
                return Reply.error(WRITE_IN_READ_ONLY);
            }
            if (draws != null && draws.used) {
                return Reply.error(WRITE_AFTER_RANDOM);
            }
            return ((Handler.Write) spec.handler()).apply(ctx, argv);
        }
        Reply reply = ((Handler.Read) spec.handler()).read(ctx, argv);
        if (draws != null && ScriptReplyOrder.layoutOrdered(table.info(spec))) {
            reply = ScriptReplyOrder.canonical(reply);
        }
        return reply;
    }

    /** A fixed-seed generator that remembers it was drawn from. */
    private static final class DrawRecorder implements RandomGenerator {
        private final SplittableRandom random = new SplittableRandom(0);
        boolean used;

        @Override
        public long nextLong() {
            used = true;
            return random.nextLong();
        }
    }
}
