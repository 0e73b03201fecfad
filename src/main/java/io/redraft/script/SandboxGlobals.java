package io.redraft.script;

import org.luaj.vm2.Globals;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.compiler.LuaC;
import org.luaj.vm2.lib.DebugLib;
import org.luaj.vm2.lib.OneArgFunction;
import org.luaj.vm2.lib.PackageLib;
import org.luaj.vm2.lib.StringLib;
import org.luaj.vm2.lib.TableLib;
import org.luaj.vm2.lib.TwoArgFunction;
import org.luaj.vm2.lib.VarArgFunction;
import org.luaj.vm2.lib.jse.JseBaseLib;
import org.luaj.vm2.lib.jse.JseMathLib;

/**
 * The global table of one script run, set up as Redis 7 does: base, table, string and math
 * (with Redis's seeded {@code math.random}) with their Lua 5.1 names, cjson and bit, the
 * {@code redis} table, KEYS and ARGV; no io, os, require, loadfile, dofile, print or debug, and
 * load/loadstring compile source text only (no bytecode). Once built it is read-only: assigning
 * a global fails ("Attempt to modify a readonly table") and reading an undefined one too
 * ("Script attempted to access nonexistent global variable"). A fresh table per run means no
 * state leaks from one script to the next.
 */
final class SandboxGlobals extends Globals {
    private final InstructionBudget budget;
    private boolean sealed;

    /*
     * The stateless libraries are built once and shared, read-only, by every run (and thread);
     * so is the string metatable, which luaj keeps in a static field.
     */
    private static final LuaTable STRING;
    private static final LuaTable TABLE;
    private static final LuaTable MATH;
    private static final LuaTable CJSON = new ReadonlyTable(LuaCjson.create());
    private static final LuaTable BIT = new ReadonlyTable(LuaBit.create());

    static {
        Globals template = new Globals();
        template.load(new JseBaseLib());
        template.load(new PackageLib());
        template.load(new TableLib());
        template.load(new StringLib());
        template.load(new JseMathLib());
        LuaTable string = (LuaTable) template.get("string");
        string.rawset("gfind", string.get("gmatch")); // Lua 5.1 names
        LuaTable table = (LuaTable) template.get("table");
        table.rawset("getn", new OneArgFunction() {
            @Override
            public LuaValue call(LuaValue t) {
                return valueOf(t.checktable().length());
            }
        });
        table.rawset("maxn", new OneArgFunction() {
            @Override
            public LuaValue call(LuaValue t) {
                double max = 0;
                LuaTable tt = t.checktable();
                for (LuaValue k = NIL; !(k = tt.next(k).arg1()).isnil(); ) {
                    if (k.type() == TNUMBER && k.todouble() > max) {
                        max = k.todouble();
                    }
                }
                return valueOf(max);
            }
        });
        STRING = new ReadonlyTable(string);
        TABLE = new ReadonlyTable(table);
        MATH = (LuaTable) template.get("math"); // copied per run, with that run's random
        MATH.rawset("mod", MATH.get("fmod"));
        LuaTable stringMeta = new LuaTable();
        stringMeta.rawset(INDEX, STRING);
        LuaString.s_metatable = new ReadonlyTable(stringMeta);
    }

    SandboxGlobals(long instructionBudget, RedisCalls calls, LuaTable keys, LuaTable argv) {
        this.budget = new InstructionBudget(instructionBudget);
        load(new JseBaseLib());
        load(new PackageLib()); // DebugLib registers itself in package.loaded; removed below
        load(budget); // sets debuglib, through which luaj reports every instruction
        for (String name : new String[] {"debug", "dofile", "loadfile", "require", "module", "print",
                "collectgarbage", "package"}) {
            rawset(name, NIL);
        }
        LuaC.install(this); // load/loadstring compile source text only, never bytecode:
        undumper = (stream, chunkname) -> null;
        rawset("loadstring", get("load"));
        rawset("unpack", TABLE.get("unpack")); // Lua 5.1
        rawset("pcall", errorStringPcall(get("pcall")));
        rawset("string", STRING);
        rawset("table", TABLE);
        LuaTable math = new LuaTable();
        for (LuaValue k = NIL; !(k = MATH.next(k).arg1()).isnil(); ) {
            math.rawset(k, MATH.rawget(k));
        }
        installRandom(math);
        rawset("math", new ReadonlyTable(math));
        rawset("redis", new ReadonlyTable(RedisLib.create(calls)));
        rawset("cjson", CJSON);
        rawset("bit", BIT);
        rawset("KEYS", keys);
        rawset("ARGV", argv);
        LuaTable meta = new LuaTable();
        meta.rawset(INDEX, new TwoArgFunction() {
            @Override
            public LuaValue call(LuaValue table, LuaValue key) {
                throw new LuaError("Script attempted to access nonexistent global variable '" + key.tojstring() + "'");
            }
        });
        setmetatable(meta);
        sealed = true;
    }

    /**
     * Redis 7's pcall: an error raised as a table with an {@code err} string (redis.call's
     * errors, error({err=...})) is returned as that string.
     */
    private static LuaValue errorStringPcall(LuaValue pcall) {
        return new VarArgFunction() {
            @Override
            public Varargs invoke(Varargs args) {
                Varargs result = pcall.invoke(args);
                if (result.arg1().toboolean()) {
                    return result;
                }
                LuaValue error = result.arg(2);
                if (error.istable() && error.rawget(LuaReplies.ERR).isstring()) {
                    return varargsOf(FALSE, error.rawget(LuaReplies.ERR));
                }
                if (error.type() == TSTRING) {
                    return varargsOf(FALSE, valueOf(ScriptEngine.luaMessage(error.tojstring())));
                }
                return result;
            }
        };
    }

    /** Redis's math.random and math.randomseed over its rand48, reseeded with 0 per script. */
    private static void installRandom(LuaTable math) {
        Rand48[] rand = {new Rand48(0)};
        math.rawset("random", new VarArgFunction() {
            @Override
            public Varargs invoke(Varargs args) {
                double r = (double) (rand[0].next() % Rand48.MAX) / Rand48.MAX;
                switch (args.narg()) {
                    case 0:
                        return valueOf(r);
                    case 1: {
                        int u = args.checkint(1);
                        if (u < 1) {
                            argerror(1, "interval is empty");
                        }
                        return valueOf(Math.floor(r * u) + 1);
                    }
                    case 2: {
                        int l = args.checkint(1);
                        int u = args.checkint(2);
                        if (l > u) {
                            argerror(2, "interval is empty");
                        }
                        return valueOf(Math.floor(r * (u - l + 1)) + l);
                    }
                    default:
                        throw new LuaError("wrong number of arguments");
                }
            }
        });
        math.rawset("randomseed", new OneArgFunction() {
            @Override
            public LuaValue call(LuaValue seed) {
                rand[0] = new Rand48(seed.checkint());
                return NONE;
            }
        });
    }

    @Override
    public void rawset(LuaValue key, LuaValue value) {
        if (sealed) {
            throw new LuaError(ReadonlyTable.MESSAGE);
        }
        super.rawset(key, value);
    }

    @Override
    public void rawset(int key, LuaValue value) {
        if (sealed) {
            throw new LuaError(ReadonlyTable.MESSAGE);
        }
        super.rawset(key, value);
    }

    /** The line of the last Lua instruction run, for error messages. */
    int currentLine() {
        return budget.line;
    }

    /**
     * Counts instructions and aborts the script on every replica at the same instruction once the
     * budget is spent. Also tracks the line being run: luaj records no line for errors raised by
     * a function called in tail position, and Redis's messages always name one.
     */
    static final class InstructionBudget extends DebugLib {
        static final int MAX_DEPTH = 200;
        private final long limit;
        private final java.util.ArrayDeque<Object> frames = new java.util.ArrayDeque<>();
        private long used;
        private int[] lines; // line numbers of the running Lua function, null while Java code runs
        int line;

        InstructionBudget(long limit) {
            this.limit = limit;
        }

        @Override
        public void onInstruction(int pc, Varargs v, int top) {
            if (++used > limit) {
                throw new LuaError(LuaReplies.errorTable(
                        "Script exceeded the instruction budget of " + limit + " Lua instructions"));
            }
            if (lines != null && pc < lines.length) {
                line = lines[pc];
            }
        }

        @Override
        public void onCall(org.luaj.vm2.LuaFunction f) {
            enter(f);
            lines = null;
        }

        @Override
        public void onCall(org.luaj.vm2.LuaClosure c, Varargs varargs, LuaValue[] stack) {
            enter(c.p);
            lines = c.p.lineinfo;
        }

        /**
         * A fixed call depth, like Lua's LUAI_MAXCCALLS: the JVM's own stack overflow would come
         * at a depth that differs between replicas (stack size, JIT frames).
         */
        private void enter(Object frame) {
            if (frames.size() >= MAX_DEPTH) {
                throw new LuaError("stack overflow");
            }
            frames.push(frame);
        }

        @Override
        public void onReturn() {
            frames.poll();
            lines = frames.peek() instanceof org.luaj.vm2.Prototype p ? p.lineinfo : null;
        }

        /** Error messages carry no traceback (Redis's do not). */
        @Override
        public String traceback(int level) {
            return "";
        }
    }
}
