package io.redraft.command;

import static io.redraft.command.AclCategory.SCRIPTING;
import static io.redraft.command.CommandFlag.ALLOW_BUSY;
import static io.redraft.command.CommandFlag.LOADING;
import static io.redraft.command.CommandFlag.NOSCRIPT;
import static io.redraft.command.CommandFlag.STALE;
import static io.redraft.command.Containers.done;

import io.redraft.resp.Reply;
import io.redraft.script.ScriptEngine;
import io.redraft.store.Scripts;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletionStage;

/**
 * EVAL, EVALSHA, EVAL_RO, EVALSHA_RO and SCRIPT. EVAL and EVALSHA are logged writes: the script
 * runs inside the state machine on every replica, as one unit, and EVAL/SCRIPT LOAD record the
 * body in the replicated script cache ({@link Scripts}, part of snapshots), so EVALSHA works
 * through any node and after restarts. The _RO variants are reads: they run after the read
 * barrier, may not write, and do not add to the cache (a read never changes replicated state).
 */
public final class ScriptCommands {
    static final ScriptEngine ENGINE = new ScriptEngine();
    static final Reply NOSCRIPT_ERROR = Reply.error("NOSCRIPT No matching script. Please use EVAL.");

    public static final CommandTable SCRIPT = scriptTable();

    private ScriptCommands() {
    }

    private static CommandTable scriptTable() {
        CommandTable.Builder t = new CommandTable.Builder();
        t.write("script|load", 3, EnumSet.of(NOSCRIPT, STALE), 0, 0, 0, ScriptCommands::load)
                .doc("scripting", "2.6.0", "Load the specified Lua script into the script cache.")
                .complexity("O(N) with N being the length in bytes of the script body.").acl(SCRIPTING)
                .tips("request_policy:all_nodes", "response_policy:all_succeeded").args("script:string");
        t.read("script|exists", -3, EnumSet.of(NOSCRIPT), 0, 0, 0, ScriptCommands::exists)
                .doc("scripting", "2.6.0", "Check existence of scripts in the script cache.")
                .complexity("O(N) with N being the number of scripts to check (so checking a single script is an "
                        + "O(1) operation).")
                .acl(SCRIPTING).tips("request_policy:all_shards", "response_policy:agg_logical_and")
                .args("+sha1:string");
        t.write("script|flush", -2, EnumSet.of(NOSCRIPT), 0, 0, 0, ScriptCommands::flush)
                .doc("scripting", "2.6.0", "Remove all the scripts from the script cache.")
                .complexity("O(N) with N being the number of scripts in cache").acl(SCRIPTING)
                .tips("request_policy:all_nodes", "response_policy:all_succeeded")
                .args("?flush-type:(ASYNC|SYNC)");
        t.local("script|kill", 2, EnumSet.of(NOSCRIPT, ALLOW_BUSY), 0, 0, 0, ScriptCommands::kill)
                .doc("scripting", "2.6.0", "Kill the script currently in execution.")
                .complexity("O(1)").acl(SCRIPTING)
                .tips("request_policy:all_shards", "response_policy:one_succeeded");
        t.local("script|help", 2, EnumSet.of(LOADING, STALE), 0, 0, 0, ScriptCommands::help)
                .doc("scripting", "5.0.0", "Show helpful text about the different subcommands")
                .complexity("O(1)").acl(SCRIPTING);
        return t.build();
    }

    // ---- EVAL family

    /** A script run from the log (EVAL, EVALSHA): its redis.calls are checked against the caller's ACL user. */
    public interface Logged extends Handler.Write {
    }

    static final Logged EVAL = ScriptCommands::eval;
    static final Logged EVALSHA = ScriptCommands::evalsha;

    public static Reply eval(ExecContext ctx, byte[][] argv) {
        return evalBody(ctx, argv, false, true);
    }

    public static Reply evalRo(ExecContext ctx, byte[][] argv) {
        return evalBody(ctx, argv, true, false);
    }

    public static Reply evalsha(ExecContext ctx, byte[][] argv) {
        return evalSha(ctx, argv, false);
    }

    public static Reply evalshaRo(ExecContext ctx, byte[][] argv) {
        return evalSha(ctx, argv, true);
    }

    private static Reply evalBody(ExecContext ctx, byte[][] argv, boolean readOnly, boolean cache) {
        Reply bad = checkNumkeys(argv);
        if (bad != null) {
            return bad;
        }
        byte[] body = argv[1];
        String sha = ScriptEngine.sha1hex(body);
        Reply compileError = ENGINE.compileError(sha, body);
        if (compileError != null) {
            return compileError;
        }
        if (cache) {
            ctx.store().scripts().put(sha, body);
        }
        return run(ctx, argv, sha, body, readOnly);
    }

    private static Reply evalSha(ExecContext ctx, byte[][] argv, boolean readOnly) {
        Reply bad = checkNumkeys(argv);
        if (bad != null) {
            return bad;
        }
        String sha = Args.str(argv[1]).toLowerCase(Locale.ROOT);
        byte[] body = sha.length() == 40 ? ctx.store().scripts().get(sha) : null;
        if (body == null) {
            return NOSCRIPT_ERROR;
        }
        return run(ctx, argv, sha, body, readOnly);
    }

    private static Reply run(ExecContext ctx, byte[][] argv, String sha, byte[] body, boolean readOnly) {
        int numkeys = (int) (long) Args.toLong(argv[2]);
        byte[][] keys = Arrays.copyOfRange(argv, 3, 3 + numkeys);
        byte[][] args = Arrays.copyOfRange(argv, 3 + numkeys, argv.length);
        boolean noWrites;
        try {
            noWrites = readOnly || io.redraft.script.Shebang.of(body).noWrites();
        } catch (io.redraft.script.Shebang.Invalid e) {
            return Reply.error(e.getMessage());
        }
        ScriptCalls calls = new ScriptCalls(CommandTable.standard(), ctx, noWrites, !readOnly);
        return calls.run(() -> ENGINE.run(sha, body, keys, args, calls));
    }

    /** Redis's evalGenericCommand checks of numkeys, before anything else. */
    private static Reply checkNumkeys(byte[][] argv) {
        Long numkeys = Args.toLong(argv[2]);
        if (numkeys == null) {
            return Args.NOT_INTEGER;
        }
        if (numkeys > argv.length - 3) {
            return Reply.error("ERR Number of keys can't be greater than number of args");
        }
        if (numkeys < 0) {
            return Reply.error("ERR Number of keys can't be negative");
        }
        return null;
    }

    // ---- SCRIPT

    /** SCRIPT container: LOAD and FLUSH go through the log, EXISTS behind the read barrier. */
    public static CompletionStage<Reply> script(Session session, byte[][] argv) {
        return Containers.dispatch(SCRIPT, session, argv);
    }

    static Reply load(ExecContext ctx, byte[][] argv) {
        byte[] body = argv[2];
        String sha = ScriptEngine.sha1hex(body);
        Reply compileError = ENGINE.compileError(sha, body);
        if (compileError != null) {
            return compileError;
        }
        ctx.store().scripts().put(sha, body);
        return Reply.bulk(sha);
    }

    static Reply exists(ExecContext ctx, byte[][] argv) {
        Scripts scripts = ctx.store().scripts();
        List<Reply> out = new ArrayList<>(argv.length - 2);
        for (int i = 2; i < argv.length; i++) {
            out.add(scripts.contains(Args.str(argv[i]).toLowerCase(Locale.ROOT)) ? Reply.ONE : Reply.ZERO);
        }
        return Reply.array(out);
    }

    /** SCRIPT FLUSH [ASYNC|SYNC]: both modes empty the cache at once (it is small). */
    static Reply flush(ExecContext ctx, byte[][] argv) {
        if (argv.length > 3 || (argv.length == 3 && !Args.is(argv[2], "sync") && !Args.is(argv[2], "async"))) {
            return Reply.error("ERR SCRIPT FLUSH only support SYNC|ASYNC option");
        }
        ctx.store().scripts().clear();
        return Reply.OK;
    }

    /**
     * Scripts run to completion inside the state machine (a runaway one is stopped by the
     * instruction budget on every replica alike), so there is never one a client could kill.
     */
    static CompletionStage<Reply> kill(Session session, byte[][] argv) {
        return done(Reply.error("NOTBUSY No scripts in execution right now."));
    }

    static CompletionStage<Reply> help(Session session, byte[][] argv) {
        String[] lines = {
            Args.str(argv[0]).toUpperCase(Locale.ROOT) + " <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
            "EXISTS <sha1> [<sha1> ...]",
            "    Return information about the existence of the scripts in the script cache.",
            "FLUSH [ASYNC|SYNC]",
            "    Flush the Lua scripts cache. Very dangerous on replicas.",
            "    When called without the optional mode argument, the behavior is determined by the",
            "    lazyfree-lazy-user-flush configuration directive. Valid modes are:",
            "    * ASYNC: Asynchronously flush the scripts cache.",
            "    * SYNC: Synchronously flush the scripts cache.",
            "KILL",
            "    Kill the currently executing Lua script.",
            "LOAD <script>",
            "    Load a script into the scripts cache without executing it.",
            "HELP",
            "    Prints this help.",
        };
        List<Reply> out = new ArrayList<>(lines.length);
        for (String line : lines) {
            out.add(Reply.status(line));
        }
        return done(Reply.array(out));
    }
}
