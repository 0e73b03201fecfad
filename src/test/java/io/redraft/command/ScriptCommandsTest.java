package io.redraft.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** EVAL/EVALSHA/SCRIPT through the executor and the in-memory replicated path; texts as Redis 7.0.15. */
class ScriptCommandsTest {
    final TestSession s = new TestSession(1);

    static String sha(String body) {
        return io.redraft.script.ScriptEngine.sha1hex(body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    void numkeysChecks() {
        assertEquals("-ERR Number of keys can't be negative", s.execute("EVAL", "return 1", "-1"));
        assertEquals("-ERR Number of keys can't be greater than number of args", s.execute("EVAL", "return 1", "2", "a"));
        assertEquals("-ERR value is not an integer or out of range", s.execute("EVAL", "return 1", "x"));
        assertEquals("-ERR wrong number of arguments for 'eval' command", s.execute("EVAL", "return 1"));
    }

    @Test
    void keysAndArgvAndConversions() {
        assertEquals("[\"k1\", \"k2\", \"a1\"]", s.execute("EVAL", "return {KEYS[1], KEYS[2], ARGV[1]}", "2", "k1", "k2", "a1"));
        assertEquals(":3", s.execute("EVAL", "return 3.99", "0"));
        assertEquals(":-3", s.execute("EVAL", "return -3.7", "0"));
        assertEquals(":1", s.execute("EVAL", "return true", "0"));
        assertEquals("(nil)", s.execute("EVAL", "return false", "0"));
        assertEquals("(nil)", s.execute("EVAL", "return nil", "0"));
        assertEquals("[:1, :2]", s.execute("EVAL", "return {1,2,nil,3}", "0"));
        assertEquals("[:1, [:2, \"x\"], :1, (nil), \"y\"]", s.execute("EVAL", "return {1,{2,'x'},true,false,'y'}", "0"));
        assertEquals("+fine", s.execute("EVAL", "return {ok='fine'}", "0"));
        assertEquals("-bad", s.execute("EVAL", "return {err='bad'}", "0"));
        assertEquals("[]", s.execute("EVAL", "return {err=3}", "0"));
        assertEquals("+FINE", s.execute("EVAL", "return redis.status_reply('FINE')", "0"));
        assertEquals("-FOO bar", s.execute("EVAL", "return redis.error_reply('FOO bar')", "0"));
        assertEquals("-ERR bar", s.execute("EVAL", "return redis.error_reply('bar')", "0"));
    }

    @Test
    void callConvertsRepliesToLua() {
        s.execute("SET", "s", "v");
        assertEquals("\"boolean\"", s.execute("EVAL", "return type(redis.call('get','nokey'))", "0"));
        assertEquals("\"OK\"", s.execute("EVAL", "return redis.call('set','a','1').ok", "0"));
        assertEquals("\"number\"", s.execute("EVAL", "return type(redis.call('incr','a'))", "0"));
        assertEquals("\"v\"", s.execute("EVAL", "return redis.call('get', KEYS[1])", "1", "s"));
        assertEquals("\"2\"", s.execute("EVAL", "return redis.call('get', 'a')", "0"));
        assertEquals("-ERR value is not an integer or out of range",
                s.execute("EVAL", "local r = redis.pcall('incr','s'); return r", "0"));
        assertEquals("\"ERR value is not an integer or out of range\"",
                s.execute("EVAL", "local r = redis.pcall('incr','s'); return r.err", "0"));
        // numbers become arguments in their shortest form
        assertEquals("+OK", s.execute("EVAL", "return redis.call('set', 1.5, 10)", "0"));
        assertEquals("\"10\"", s.execute("GET", "1.5"));
    }

    @Test
    void callErrorsCarryTheScriptSuffix() {
        s.execute("SET", "s", "str");
        String body = "return redis.call('incr','s')";
        assertEquals("-ERR value is not an integer or out of range script: " + sha(body) + ", on @user_script:1.",
                s.execute("EVAL", body, "0"));
        body = "return redis.call('nosuch')";
        assertEquals("-ERR Unknown Redis command called from script script: " + sha(body) + ", on @user_script:1.",
                s.execute("EVAL", body, "0"));
        body = "return redis.call('set','a')";
        assertEquals("-ERR Wrong number of args calling Redis command from script script: " + sha(body)
                + ", on @user_script:1.", s.execute("EVAL", body, "0"));
        body = "return redis.call()";
        assertEquals("-ERR Please specify at least one argument for this redis lib call script: " + sha(body)
                + ", on @user_script:1.", s.execute("EVAL", body, "0"));
        body = "return redis.call('get', {})";
        assertEquals("-ERR Lua redis lib command arguments must be strings or integers script: " + sha(body)
                + ", on @user_script:1.", s.execute("EVAL", body, "0"));
        assertEquals("-ERR Wrong number of args calling Redis command from script",
                s.execute("EVAL", "return redis.pcall('set','a')", "0"));
        body = "return redis.call('eval','return 1','0')";
        assertEquals("-ERR This Redis command is not allowed from script script: " + sha(body)
                + ", on @user_script:1.", s.execute("EVAL", body, "0"));
        body = "return redis.call('ping')";
        assertEquals("-" + ScriptCalls.CONNECTION_COMMAND + " script: " + sha(body) + ", on @user_script:1.",
                s.execute("EVAL", body, "0"));
        body = "return redis.call('multi')";
        assertEquals("-ERR This Redis command is not allowed from script script: " + sha(body)
                + ", on @user_script:1.", s.execute("EVAL", body, "0"));
        body = "local x = 1\nreturn redis.call('script','load','return 1')";
        assertEquals("-ERR This Redis command is not allowed from script script: " + sha(body)
                + ", on @user_script:2.", s.execute("EVAL", body, "0"));
    }

    @Test
    void luaErrorsAreFormattedAsRedis() {
        String body = "return error('boom')";
        assertEquals("-ERR user_script:1: boom script: " + sha(body) + ", on @user_script:1.", s.execute("EVAL", body, "0"));
        body = "error(123)";
        assertEquals("-ERR user_script:1: 123 script: " + sha(body) + ", on @user_script:1.", s.execute("EVAL", body, "0"));
        body = "error({err='XX custom'})";
        assertEquals("-XX custom script: " + sha(body) + ", on @user_script:1.", s.execute("EVAL", body, "0"));
        body = "x = 1";
        assertEquals("-ERR user_script:1: Attempt to modify a readonly table script: " + sha(body)
                + ", on @user_script:1.", s.execute("EVAL", body, "0"));
        body = "return x";
        assertEquals("-ERR user_script:1: Script attempted to access nonexistent global variable 'x' script: "
                + sha(body) + ", on @user_script:1.", s.execute("EVAL", body, "0"));
        body = "local a = 1\n\nreturn os.time()";
        assertEquals("-ERR user_script:3: Script attempted to access nonexistent global variable 'os' script: "
                + sha(body) + ", on @user_script:3.", s.execute("EVAL", body, "0"));
        // luaj's parser words syntax errors its own way; the prefix is Redis's
        assertTrue(s.execute("EVAL", "syntax error here", "0").startsWith("-ERR Error compiling script (new function): user_script:1: "));
    }

    @Test
    void evalshaAndTheScriptCache() {
        String body = "return ARGV[1]";
        assertEquals("[:0]", s.execute("SCRIPT", "EXISTS", sha(body)));
        assertEquals("-NOSCRIPT No matching script. Please use EVAL.", s.execute("EVALSHA", sha(body), "0", "x"));
        assertEquals("\"x\"", s.execute("EVAL", body, "0", "x"));
        assertEquals("[:1, :0]", s.execute("SCRIPT", "EXISTS", sha(body), "abc"));
        assertEquals("\"y\"", s.execute("EVALSHA", sha(body).toUpperCase(), "0", "y"));
        assertEquals("\"z\"", s.execute("EVALSHA_RO", sha(body), "0", "z"));
        assertEquals("+OK", s.execute("SCRIPT", "FLUSH", "ASYNC"));
        assertEquals("-NOSCRIPT No matching script. Please use EVAL.", s.execute("EVALSHA", sha(body), "0", "y"));
        assertEquals("\"" + sha("return 1") + "\"", s.execute("SCRIPT", "LOAD", "return 1"));
        assertEquals(":1", s.execute("EVALSHA", sha("return 1"), "0"));
        assertEquals("+OK", s.execute("FLUSHALL"));
        assertEquals(":1", s.execute("EVALSHA", sha("return 1"), "0"), "FLUSHALL keeps scripts");
        assertTrue(s.execute("SCRIPT", "LOAD", "x =").startsWith("-ERR Error compiling script (new function): user_script:1: "));
        assertEquals("-ERR SCRIPT FLUSH only support SYNC|ASYNC option", s.execute("SCRIPT", "FLUSH", "foo"));
        assertEquals("-ERR wrong number of arguments for 'script|exists' command", s.execute("SCRIPT", "EXISTS"));
        assertEquals("-ERR unknown subcommand 'foo'. Try SCRIPT HELP.", s.execute("SCRIPT", "foo"));
        assertEquals("-NOTBUSY No scripts in execution right now.", s.execute("SCRIPT", "KILL"));
        assertTrue(s.execute("SCRIPT", "HELP").startsWith("[+SCRIPT <subcommand> [<arg> [value] [opt] ...]."));
    }

    @Test
    void readOnlyScriptsCannotWrite() {
        String body = "return redis.call('set','a','b')";
        assertEquals("-ERR Write commands are not allowed from read-only scripts. script: " + sha(body)
                + ", on @user_script:1.", s.execute("EVAL_RO", body, "0"));
        assertEquals("-ERR Write commands are not allowed from read-only scripts.",
                s.execute("EVAL_RO", "return redis.pcall('set','a','b')", "0"));
        assertEquals("(nil)", s.execute("GET", "a"));
        assertEquals("[:0]", s.execute("SCRIPT", "EXISTS", sha(body)), "EVAL_RO is a read: it does not cache");
    }

    @Test
    void writesAfterARandomReadAreRefusedInLoggedScripts() {
        s.execute("SET", "k", "v");
        String body = "local k = redis.call('randomkey'); return redis.call('set', 'copy', k)";
        assertEquals("-" + ScriptCalls.WRITE_AFTER_RANDOM + " script: " + sha(body)
                + ", on @user_script:1.", s.execute("EVAL", body, "0"));
        assertEquals("(nil)", s.execute("GET", "copy"));
        assertEquals("\"k\"", s.execute("EVAL", "return redis.call('randomkey')", "0"));
        assertEquals("\"k\"", s.execute("EVAL_RO", "return redis.call('randomkey')", "0"));
        assertEquals("+OK", s.execute("EVAL", "redis.call('set','before','1'); redis.call('randomkey'); return 'OK'", "0")
                .replace("\"OK\"", "+OK"));
        assertEquals("\"1\"", s.execute("GET", "before"));
    }

    @Test
    void scriptsSeeTheirOwnWritesAndRunInMulti() {
        assertEquals("\"11\"", s.execute("EVAL",
                "redis.call('set', KEYS[1], ARGV[1]); redis.call('append', KEYS[1], '1'); return redis.call('get', KEYS[1])",
                "1", "k", "1"));
        s.execute("MULTI");
        assertEquals("+QUEUED", s.execute("EVAL", "return redis.call('incr', KEYS[1])", "1", "n"));
        assertEquals("+QUEUED", s.execute("EVAL", "return redis.call('incr', KEYS[1])", "1", "n"));
        assertEquals("[:1, :2]", s.execute("EXEC"));
    }

    @Test
    void mathRandomIsReseededForEveryScript() {
        // Redis's rand48 seeded with 0, as Redis 2.6-6.x did (Redis 7 seeds randomly; a replica cannot)
        assertEquals("[:18, :75, :10]", s.execute("EVAL", "return {math.random(100), math.random(100), math.random(100)}", "0"));
        assertEquals(":18", s.execute("EVAL", "return math.random(100)", "0"), "reseeded per script");
    }

    @Test
    void runawayScriptStopsAtTheBudget() {
        String body = "local i = 0 while true do i = i + 1 end";
        String reply = s.execute("EVAL", body, "0");
        assertTrue(reply.startsWith("-ERR Script exceeded the instruction budget"), reply);
        assertTrue(reply.endsWith(" script: " + sha(body) + ", on @user_script:1."), reply);
        body = "while true do pcall(function() while true do end end) end";
        reply = s.execute("EVAL", body, "0");
        assertTrue(reply.startsWith("-ERR Script exceeded the instruction budget"), reply);
    }
}
