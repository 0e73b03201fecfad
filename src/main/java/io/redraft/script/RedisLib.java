package io.redraft.script;

import io.redraft.resp.Reply;
import java.nio.charset.StandardCharsets;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.OneArgFunction;
import org.luaj.vm2.lib.VarArgFunction;

/**
 * The {@code redis} table scripts see: call, pcall, error_reply, status_reply, sha1hex, log,
 * setresp, replicate_commands and the log level constants, with Redis 7's argument checks and
 * error texts.
 */
final class RedisLib {
    private RedisLib() {
    }

    static LuaTable create(RedisCalls calls) {
        LuaTable redis = new LuaTable();
        redis.rawset("call", new Call(calls, true));
        redis.rawset("pcall", new Call(calls, false));
        redis.rawset("error_reply", new OneArgFunction() {
            @Override
            public LuaValue call(LuaValue arg) {
                if (!arg.isstring()) {
                    throw raised("wrong number or type of arguments");
                }
                String text = arg.tojstring();
                return LuaReplies.errorTable(text.startsWith("-") ? text : "-" + text);
            }
        });
        redis.rawset("status_reply", new OneArgFunction() {
            @Override
            public LuaValue call(LuaValue arg) {
                if (!arg.isstring()) {
                    throw raised("wrong number or type of arguments");
                }
                return LuaReplies.singleField(LuaReplies.OK, arg);
            }
        });
        redis.rawset("sha1hex", new VarArgFunction() {
            @Override
            public Varargs invoke(Varargs args) {
                if (args.narg() != 1) {
                    throw raised("wrong number of arguments");
                }
                return LuaValue.valueOf(ScriptEngine.sha1hex(LuaReplies.bytes(args.arg1().checkstring())));
            }
        });
        // Logging goes to the server log in Redis; Redraft's state machine does no I/O, so log
        // only checks its arguments the way Redis does.
        redis.rawset("log", new VarArgFunction() {
            @Override
            public Varargs invoke(Varargs args) {
                if (args.narg() < 2) {
                    throw raised("redis.log() requires two arguments or more.");
                }
                if (!args.arg1().isnumber()) {
                    throw raised("First argument must be a number (log level).");
                }
                return NONE;
            }
        });
        redis.rawset("setresp", new OneArgFunction() {
            @Override
            public LuaValue call(LuaValue arg) {
                int resp = arg.checkint();
                if (resp == 2) {
                    return NONE;
                }
                if (resp == 3) {
                    throw raised("RESP3 replies are not supported in Redraft scripts");
                }
                throw raised("RESP version must be 2 or 3.");
            }
        });
        redis.rawset("replicate_commands", new VarArgFunction() {
            @Override
            public Varargs invoke(Varargs args) {
                return LuaValue.TRUE;
            }
        });
        // Effects replication is not a choice here: the script itself is replicated, so only the
        // default (everything) is accepted.
        redis.rawset("set_repl", new VarArgFunction() {
            @Override
            public Varargs invoke(Varargs args) {
                if (args.narg() != 1) {
                    throw raised("redis.set_repl() requires two arguments."); // sic, Redis 7.0
                }
                int flags = args.checkint(1);
                if ((flags & ~3) != 0) {
                    throw raised("Invalid replication flags. Use REPL_AOF, REPL_REPLICA, REPL_ALL or REPL_NONE.");
                }
                if (flags != 3) {
                    throw raised("redis.set_repl() is not supported by Redraft, which replicates scripts, not their effects");
                }
                return NONE;
            }
        });
        redis.rawset("REPL_NONE", LuaValue.valueOf(0));
        redis.rawset("REPL_AOF", LuaValue.valueOf(1));
        redis.rawset("REPL_SLAVE", LuaValue.valueOf(2));
        redis.rawset("REPL_REPLICA", LuaValue.valueOf(2));
        redis.rawset("REPL_ALL", LuaValue.valueOf(3));
        // The Lua debugger is not available: outside a debugging session these do nothing, as in Redis.
        redis.rawset("breakpoint", new VarArgFunction() {
            @Override
            public Varargs invoke(Varargs args) {
                return LuaValue.FALSE;
            }
        });
        redis.rawset("debug", new VarArgFunction() {
            @Override
            public Varargs invoke(Varargs args) {
                return NONE;
            }
        });
        // the version INFO reports (InfoReport's redis_version)
        redis.rawset("REDIS_VERSION", LuaValue.valueOf("7.2.0"));
        redis.rawset("REDIS_VERSION_NUM", LuaValue.valueOf(0x070200));
        redis.rawset("LOG_DEBUG", LuaValue.valueOf(0));
        redis.rawset("LOG_VERBOSE", LuaValue.valueOf(1));
        redis.rawset("LOG_NOTICE", LuaValue.valueOf(2));
        redis.rawset("LOG_WARNING", LuaValue.valueOf(3));
        return redis;
    }

    /** An error raised the way Redis's luaError does: a table {err="ERR ..."}. */
    static LuaError raised(String message) {
        return new LuaError(LuaReplies.errorTable(message));
    }

    /** redis.call raises command errors; redis.pcall returns them as {err=...}. */
    private static final class Call extends VarArgFunction {
        private final RedisCalls calls;
        private final boolean raise;

        Call(RedisCalls calls, boolean raise) {
            this.calls = calls;
            this.raise = raise;
        }

        @Override
        public Varargs invoke(Varargs args) {
            int n = args.narg();
            if (n == 0) {
                return fail("Please specify at least one argument for this redis lib call");
            }
            byte[][] argv = new byte[n][];
            for (int i = 0; i < n; i++) {
                LuaValue a = args.arg(i + 1);
                if (a.type() == LuaValue.TNUMBER) {
                    argv[i] = numberText(a).getBytes(StandardCharsets.US_ASCII);
                } else if (a.type() == LuaValue.TSTRING) {
                    argv[i] = LuaReplies.bytes((LuaString) a);
                } else {
                    return fail("Lua redis lib command arguments must be strings or integers");
                }
            }
            Reply reply = calls.call(argv);
            if (reply instanceof Reply.Error e && raise) {
                throw new LuaError(LuaReplies.errorTable("-" + e.text()));
            }
            return LuaReplies.toLua(reply);
        }

        private LuaValue fail(String message) {
            if (raise) {
                throw raised(message);
            }
            return LuaReplies.errorTable(message);
        }
    }

    /** Numbers become arguments in Redis's shortest form, integers without a decimal point. */
    private static String numberText(LuaValue number) {
        return io.redraft.resp.DoubleFormat.format(number.todouble());
    }
}
