package io.redraft.script;

import io.redraft.resp.Reply;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.luaj.vm2.Globals;
import org.luaj.vm2.LuaClosure;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Prototype;
import org.luaj.vm2.compiler.LuaC;

/**
 * Runs Redis scripts on luaj: compiles a body (compiled prototypes are cached by SHA, a pure
 * function of the body), runs it in a fresh {@link SandboxGlobals} with KEYS and ARGV, and turns
 * the result or the error into the reply Redis 7 gives, error texts included
 * ({@code ERR user_script:1: boom script: <sha>, on @user_script:1.}).
 *
 * <p>Deterministic: the same body, arguments and command replies give the same result and the same
 * sequence of {@link RedisCalls}, and a runaway script stops after the same number of
 * instructions everywhere.
 */
public final class ScriptEngine {
    /**
     * Lua instructions a script may run before it is aborted, on every replica at the same
     * instruction: a fraction of a second of luaj, during which the state machine waits.
     */
    public static final long DEFAULT_INSTRUCTION_BUDGET = 5_000_000L;
    private static final String CHUNK = "@user_script";
    private static final int MAX_COMPILED = 1024;

    private final long instructionBudget;
    private final Map<String, Prototype> compiled = new ConcurrentHashMap<>();

    public ScriptEngine() {
        this(DEFAULT_INSTRUCTION_BUDGET);
    }

    public ScriptEngine(long instructionBudget) {
        this.instructionBudget = instructionBudget;
    }

    /** Lowercase hex SHA1, as SCRIPT LOAD answers and EVALSHA takes. */
    public static String sha1hex(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Null when {@code body} compiles, otherwise Redis's "Error compiling script" reply. */
    public Reply compileError(String sha, byte[] body) {
        try {
            Shebang.of(body);
        } catch (Shebang.Invalid e) {
            return Reply.error(e.getMessage());
        }
        try {
            prototype(sha, body);
            return null;
        } catch (LuaError | IOException e) {
            return Reply.error("ERR Error compiling script (new function): " + compileMessage(e));
        }
    }

    /** Runs a script; {@code sha} must be {@link #sha1hex} of {@code body}. */
    public Reply run(String sha, byte[] body, byte[][] keys, byte[][] args, RedisCalls calls) {
        Prototype proto;
        try {
            proto = prototype(sha, body);
        } catch (LuaError | IOException e) {
            return Reply.error("ERR Error compiling script (new function): " + compileMessage(e));
        }
        SandboxGlobals globals = new SandboxGlobals(instructionBudget, calls, strings(keys), strings(args));
        try {
            LuaValue result = new LuaClosure(proto, globals).call();
            return LuaReplies.toReply(result);
        } catch (LuaError e) {
            return scriptError(sha, e, globals.currentLine());
        } catch (StackOverflowError e) {
            return Reply.error("ERR user_script:" + globals.currentLine() + ": stack overflow script: " + sha
                    + ", on @user_script:" + globals.currentLine() + ".");
        }
    }

    private Prototype prototype(String sha, byte[] body) throws IOException {
        Prototype p = compiled.get(sha);
        if (p == null) {
            // a shebang line becomes a comment, so line numbers stay those of the body
            java.io.InputStream source = new ByteArrayInputStream(body);
            if (Shebang.present(body)) {
                source = new java.io.SequenceInputStream(new ByteArrayInputStream(new byte[] {'-', '-'}), source);
            }
            p = LuaC.instance.compile(source, CHUNK);
            if (compiled.size() >= MAX_COMPILED) {
                compiled.clear();
            }
            compiled.put(sha, p);
        }
        return p;
    }

    private static String compileMessage(Exception e) {
        String m = e instanceof LuaError le && le.getMessageObject() != null
                ? le.getMessageObject().tojstring() : e.getMessage();
        return m == null ? "unknown error" : m.replace('\n', ' ').replace('\r', ' ');
    }

    private static LuaTable strings(byte[][] values) {
        LuaTable t = new LuaTable(values.length, 0);
        for (int i = 0; i < values.length; i++) {
            t.rawset(i + 1, LuaString.valueOf(values[i]));
        }
        return t;
    }

    /**
     * Redis's error handler and luaCallFunction: a table error keeps its {@code err} text, any
     * other value becomes "ERR " + the value (prefixed with "user_script:line:" as Lua's error()
     * does), followed by " script: sha, on @user_script:line.".
     */
    private static Reply scriptError(String sha, LuaError e, int line) {
        LuaValue obj = e.getMessageObject();
        String text;
        if (obj != null && obj.istable() && obj.rawget(LuaReplies.ERR).isstring()) {
            text = obj.rawget(LuaReplies.ERR).tojstring();
        } else if (obj != null && !obj.isstring()) {
            text = "ERR " + obj.tojstring();
        } else {
            String m = e.getMessage() == null ? "nil" : luaMessage(e.getMessage());
            text = m.startsWith("user_script:") ? "ERR " + m : "ERR user_script:" + line + ": " + m;
        }
        text = text + " script: " + sha + ", on @user_script:" + line + ".";
        return Reply.error(text.replace('\r', ' ').replace('\n', ' '));
    }

    /**
     * A string error as Lua 5.1 words it: luaj writes "@user_script:3 text" plus a traceback line
     * (empty, see {@link SandboxGlobals}); Lua writes "user_script:3: text".
     */
    static String luaMessage(String luajMessage) {
        String m = luajMessage;
        if (m.startsWith(CHUNK + ":")) {
            int space = m.indexOf(' ');
            if (space > 0) {
                String position = m.substring(1, space);
                m = position + ": " + m.substring(space + 1);
                if (m.endsWith("\n")) {
                    m = m.substring(0, m.length() - 1);
                }
            }
        }
        return m;
    }
}
