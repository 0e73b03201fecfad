package io.redraft.script;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.redraft.resp.Reply;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The sandbox, libraries and conversions, with a scripted stand-in for the command layer. */
class ScriptEngineTest {
    final ScriptEngine engine = new ScriptEngine();
    final List<String> calls = new ArrayList<>();

    Reply eval(String body, String... args) {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        byte[][] argv = new byte[args.length][];
        for (int i = 0; i < args.length; i++) {
            argv[i] = args[i].getBytes(StandardCharsets.UTF_8);
        }
        return engine.run(ScriptEngine.sha1hex(b), b, new byte[0][], argv, this::answer);
    }

    /** A fake command layer: echoes what it is asked in the shapes Redis replies use. */
    private Reply answer(byte[][] argv) {
        String name = new String(argv[0], StandardCharsets.UTF_8);
        calls.add(name + (argv.length > 1 ? " " + new String(argv[1], StandardCharsets.UTF_8) : ""));
        return switch (name) {
            case "int" -> Reply.integer(42);
            case "bulk" -> Reply.bulk("b");
            case "nil" -> Reply.NULL;
            case "status" -> Reply.OK;
            case "err" -> Reply.error("WRONGTYPE Operation against a key holding the wrong kind of value");
            case "arr" -> Reply.array(Reply.integer(1), Reply.bulk("x"), Reply.NULL, Reply.array(Reply.OK));
            case "dbl" -> new Reply.Dbl(1.5);
            case "map" -> new Reply.MapReply(List.of(Reply.bulk("f"), Reply.bulk("v")));
            default -> Reply.error("ERR unknown");
        };
    }

    static String text(Reply r) {
        if (r instanceof Reply.Bulk b) {
            return new String(b.value(), StandardCharsets.UTF_8);
        }
        return String.valueOf(r);
    }

    @Test
    void repliesBecomeLuaValues() {
        assertEquals("number 42", text(eval("local r = redis.call('int') return type(r) .. ' ' .. r")));
        assertEquals("string b", text(eval("local r = redis.call('bulk') return type(r) .. ' ' .. r")));
        assertEquals("boolean false", text(eval("local r = redis.call('nil') return type(r) .. ' ' .. tostring(r)")));
        assertEquals("OK", text(eval("return redis.call('status').ok")));
        assertEquals("WRONGTYPE Operation against a key holding the wrong kind of value",
                text(eval("return redis.pcall('err').err")));
        assertEquals("4 x false OK", text(eval(
                "local r = redis.call('arr') return #r .. ' ' .. r[2] .. ' ' .. tostring(r[3]) .. ' ' .. r[4][1].ok")));
        assertEquals("1.5", text(eval("return redis.call('dbl')")));
        assertEquals("f=v", text(eval("local r = redis.call('map') return r[1] .. '=' .. r[2]")));
    }

    @Test
    void luaValuesBecomeReplies() {
        assertEquals(Reply.integer(7), eval("return 7.9"));
        assertEquals(Reply.ONE, eval("return true"));
        assertEquals(Reply.NULL, eval("return false"));
        assertEquals(Reply.NULL, eval("return function() end"));
        assertEquals(Reply.status("S"), eval("return {ok='S'}"));
        assertEquals(Reply.error("E r"), eval("return {err='E r'}"));
        assertEquals(Reply.array(Reply.integer(1), Reply.error("X y"), Reply.array()),
                eval("return {1, {err='X y'}, {}, nil, 5}"));
    }

    @Test
    void callRaisesAndPcallReturns() {
        assertEquals("WRONGTYPE Operation against a key holding the wrong kind of value script: "
                        + ScriptEngine.sha1hex("redis.call('err')".getBytes()) + ", on @user_script:1.",
                ((Reply.Error) eval("redis.call('err')")).text());
        assertEquals("caught", text(eval("local ok = pcall(redis.call, 'err') if not ok then return 'caught' end")));
        assertEquals("ERR Lua redis lib command arguments must be strings or integers",
                ((Reply.Error) eval("return redis.pcall('int', true)")).text());
        calls.clear();
        eval("return redis.call('int', 10, 2.5, 'x')");
        assertEquals(List.of("int 10"), calls, "numbers pass as their shortest text");
    }

    @Test
    void sandboxHasNoIoAndReadonlyGlobals() {
        for (String name : new String[] {"os", "io", "require", "loadfile", "dofile", "debug", "package"}) {
            Reply r = eval("return " + name);
            assertTrue(r instanceof Reply.Error e
                    && e.text().contains("Script attempted to access nonexistent global variable '" + name + "'"), name);
        }
        assertTrue(((Reply.Error) eval("string.len = nil")).text().contains("Attempt to modify a readonly table"));
        assertTrue(((Reply.Error) eval("redis.call = nil")).text().contains("Attempt to modify a readonly table"));
        assertTrue(((Reply.Error) eval("function f() end")).text().contains("Attempt to modify a readonly table"));
        // the shared libraries and the string metatable cannot be changed for later scripts
        assertTrue(((Reply.Error) eval("table.insert(string, 'x')")).text().contains("Attempt to modify a readonly table"));
        assertTrue(((Reply.Error) eval("getmetatable('').__index.upper = nil")).text()
                .contains("Attempt to modify a readonly table"));
        assertTrue(((Reply.Error) eval("getmetatable('').__index = {}")).text().contains("Attempt to modify a readonly table"));
        assertEquals("ABC", text(eval("return ('abc'):upper()")));
        assertEquals(Reply.integer(3), eval("local t = {} t.x = 3 return t.x"));
        assertEquals(Reply.integer(5), eval("return loadstring('return 5')()"));
        assertEquals(Reply.NULL, eval("return loadstring(string.dump(function() return 1 end))"), "no bytecode");
        assertEquals(Reply.integer(6), eval("local a, b, c = unpack({1, 2, 3}) return a + b + c"));
        assertEquals("a-b", text(eval("return string.format('%s-%s', ARGV[1], ARGV[2])", "a", "b")));
    }

    @Test
    void cjsonAndBit() {
        assertEquals("[1,2,{\"a\":1}]", text(eval("return cjson.encode({1,2,{a=1}})")));
        assertEquals("{\"p\":\"a\\/b\",\"n\":0.5}".length(),
                text(eval("return cjson.encode({p='a/b', n=0.5})")).length());
        assertEquals("3 x true", text(eval(
                "local t = cjson.decode('{\"a\":[1,2,3],\"s\":\"x\",\"b\":true}') "
                        + "return #t.a .. ' ' .. t.s .. ' ' .. tostring(t.b)")));
        assertEquals(Reply.integer(1), eval("return cjson.decode('[null]')[1] == cjson.null and 1 or 0"));
        assertEquals("0.33333333333333", text(eval("return cjson.encode(1/3)")));
        assertEquals(Reply.integer(3), eval("return bit.band(7, 3)"));
        assertEquals(Reply.integer(-1), eval("return bit.bnot(0)"));
        assertEquals(Reply.integer(-2147483648L), eval("return bit.lshift(1, 31)"));
        assertEquals("000000ff", text(eval("return bit.tohex(255)")));
        assertEquals(Reply.integer(0x5678), eval("return bit.rshift(0x56780000, 16)"));
    }

    @Test
    void sameScriptSameCallsAndResult() {
        String body = "local out = {} for i = 1, 5 do out[i] = math.random(1000) end "
                + "redis.call('bulk', cjson.encode(out)) return out";
        Reply first = eval(body);
        List<String> firstCalls = new ArrayList<>(calls);
        calls.clear();
        Reply second = new ScriptEngineTest().eval(body);
        assertEquals(first, second);
        eval(body);
        assertEquals(firstCalls, calls);
    }

    @Test
    void budgetStopsAtTheSamePointEveryTime() {
        ScriptEngine small = new ScriptEngine(10_000);
        byte[] body = "local n = 0 while true do n = n + 1 redis.call('bulk', n) end".getBytes();
        List<String> a = new ArrayList<>();
        List<String> b = new ArrayList<>();
        Reply ra = small.run(ScriptEngine.sha1hex(body), body, new byte[0][], new byte[0][],
                argv -> { a.add(new String(argv[1])); return Reply.OK; });
        Reply rb = small.run(ScriptEngine.sha1hex(body), body, new byte[0][], new byte[0][],
                argv -> { b.add(new String(argv[1])); return Reply.OK; });
        assertEquals(ra, rb);
        assertEquals(a, b);
        assertTrue(((Reply.Error) ra).text().startsWith("ERR Script exceeded the instruction budget of 10000"));
    }

    @Test
    void callDepthIsBoundedTheSameWayEverywhere() {
        Reply deep = eval("local function f(n) if n == 0 then return 0 end return 1 + f(n - 1) end return f(1000)");
        assertTrue(deep instanceof Reply.Error e && e.text().startsWith("ERR user_script:1: stack overflow"), deep.toString());
        // errors unwinding through pcall leave the depth count balanced
        assertEquals(Reply.integer(150), eval("for i = 1, 1000 do pcall(function() error('x') end) pcall(redis.call, 'err') end "
                + "local function f(n) if n == 0 then return 0 end return 1 + f(n - 1) end return f(150)"));
    }

    @Test
    void sha1hexMatchesRedis() {
        assertEquals("da39a3ee5e6b4b0d3255bfef95601890afd80709", text(eval("return redis.sha1hex('')")));
        assertArrayEquals("e0e1f9fabfc9d4800c877a703b823ac0578ff8db".getBytes(),
                ScriptEngine.sha1hex("return 1".getBytes()).getBytes());
    }
}
