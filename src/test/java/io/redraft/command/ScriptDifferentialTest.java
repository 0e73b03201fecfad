package io.redraft.command;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.redraft.resp.Reply;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * The same scripts on the installed redis-server and on Redraft's command layer give the same
 * replies, error texts included. Skipped when redis-server is not installed.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ScriptDifferentialTest {
    private static Process redis;
    private static Jedis jedis;

    @BeforeAll
    static void startRedis() throws Exception {
        File binary = new File("/usr/bin/redis-server");
        Assumptions.assumeTrue(binary.canExecute(), "redis-server is not installed");
        int port = freePort();
        redis = new ProcessBuilder(binary.getPath(), "--port", String.valueOf(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no", "--daemonize", "no")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (true) {
            try {
                jedis = new Jedis("127.0.0.1", port, 5000);
                jedis.ping();
                return;
            } catch (Exception e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(100);
            }
        }
    }

    private static int freePort() throws IOException {
        for (int attempt = 0; attempt < 100; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(20000, 30000);
            try (ServerSocket s = new ServerSocket(port, 1, java.net.InetAddress.getLoopbackAddress())) {
                return port;
            } catch (IOException busy) {
                // try another
            }
        }
        throw new IOException("no free port in 20000-29999");
    }

    @AfterAll
    static void stopRedis() throws InterruptedException {
        if (jedis != null) {
            jedis.close();
        }
        if (redis != null) {
            redis.destroy();
            redis.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** Each case runs from an empty keyspace and script cache on both sides. */
    static final String[][][] CASES = {
        {{"EVAL", "return 1", "0"}},
        {{"EVAL", "return {KEYS[1], KEYS[2], ARGV[1], ARGV[2]}", "2", "a", "b", "c", "d"}},
        {{"EVAL", "return {1,2,nil,3}", "0"}},
        {{"EVAL", "return 3.99", "0"}, {"EVAL", "return -3.7", "0"}, {"EVAL", "return 'x'", "0"}},
        {{"EVAL", "return {ok='fine'}", "0"}, {"EVAL", "return {err='bad thing'}", "0"}, {"EVAL", "return {err=3}", "0"}},
        {{"EVAL", "return redis.error_reply('bar')", "0"}, {"EVAL", "return redis.error_reply('FOO bar')", "0"},
            {"EVAL", "return redis.status_reply('FINE')", "0"}},
        {{"EVAL", "return true", "0"}, {"EVAL", "return false", "0"}, {"EVAL", "return nil", "0"}},
        {{"EVAL", "return {1,{2,'x'},true,false,'y'}", "0"}},
        {{"EVAL", "redis.call('set', KEYS[1], ARGV[1]) return redis.call('get', KEYS[1])", "1", "k", "v"},
            {"GET", "k"}},
        {{"SET", "s", "str"}, {"EVAL", "return redis.call('incr','s')", "0"},
            {"EVAL", "return redis.pcall('incr','s')", "0"}, {"EVAL", "return redis.pcall('incr','s').err", "0"}},
        {{"EVAL", "return redis.call('nosuch')", "0"}, {"EVAL", "return redis.call('set','a')", "0"},
            {"EVAL", "return redis.call()", "0"}, {"EVAL", "return redis.call('get', {})", "0"},
            {"EVAL", "return redis.pcall('set','a')", "0"}},
        {{"EVAL", "return error('boom')", "0"}, {"EVAL", "error({err='XX custom'})", "0"}, {"EVAL", "error(123)", "0"},
            {"EVAL", "local a = 1\n\nreturn redis.call('nosuch')", "0"}, {"EVAL", "local t = {}\nerror('two')", "0"}},
        {{"EVAL", "x = 1", "0"}, {"EVAL", "return x", "0"}, {"EVAL", "return os.time()", "0"}},
        {{"EVAL_RO", "return redis.call('set','a','b')", "0"}, {"EVAL_RO", "return redis.pcall('set','a','b')", "0"},
            {"EVAL_RO", "return redis.call('get','a')", "0"}},
        {{"EVAL", "return 1", "-1"}, {"EVAL", "return 1", "2", "a"}, {"EVAL", "return 1", "x"}},
        {{"EVALSHA", "e0e1f9fabfc9d4800c877a703b823ac0578ff8db", "0"}, {"SCRIPT", "LOAD", "return 1"},
            {"EVALSHA", "e0e1f9fabfc9d4800c877a703b823ac0578ff8db", "0"},
            {"EVALSHA", "E0E1F9FABFC9D4800C877A703B823AC0578FF8DB", "0"},
            {"EVALSHA_RO", "e0e1f9fabfc9d4800c877a703b823ac0578ff8db", "0"},
            {"SCRIPT", "EXISTS", "e0e1f9fabfc9d4800c877a703b823ac0578ff8db", "abc"},
            {"SCRIPT", "EXISTS", "E0E1F9FABFC9D4800C877A703B823AC0578FF8DB"},
            {"SCRIPT", "FLUSH", "sync"}, {"SCRIPT", "EXISTS", "e0e1f9fabfc9d4800c877a703b823ac0578ff8db"},
            {"SCRIPT", "FLUSH", "foo"}, {"SCRIPT", "KILL"}, {"SCRIPT", "nope"}, {"SCRIPT", "EXISTS"},
            {"EVALSHA", "abc", "0"}},
        {{"EVAL", "return 'x'", "0"}, {"SCRIPT", "EXISTS", "9bde3eed4bca4fd9c8bd2a1e2da0f3ee94c4d4dc"},
            {"EVALSHA", "9bde3eed4bca4fd9c8bd2a1e2da0f3ee94c4d4dc", "0"}},
        {{"EVAL", "return cjson.encode({1,2,{a=1}})", "0"}, {"EVAL", "return cjson.encode({s='a/b\\n'})", "0"},
            {"EVAL", "local t = cjson.decode(ARGV[1]) return {t.a[2], t.s, tostring(t.b)}", "0",
                "{\"a\":[1,2],\"s\":\"x\",\"b\":true}"},
            {"EVAL", "return cjson.encode(1/3)", "0"}, {"EVAL", "return cjson.encode({})", "0"}},
        {{"EVAL", "return {bit.band(7,3), bit.bor(1,2), bit.bxor(3,1), bit.bnot(0), bit.lshift(1,31), "
                + "bit.rshift(-1,28), bit.arshift(-16,2), bit.tohex(255), bit.tobit(2^32 + 5)}", "0"}},
        {{"EVAL", "return {#KEYS, #ARGV}", "0"}, {"EVAL", "return redis.setresp(2)", "0"},
            {"EVAL", "return redis.log(redis.LOG_WARNING, 'x')", "0"}, {"EVAL", "return redis.replicate_commands()", "0"},
            {"EVAL", "return type(redis.REDIS_VERSION_NUM)", "0"}, {"EVAL", "redis.set_repl(redis.REPL_ALL) return 1", "0"},
            {"EVAL", "return {redis.breakpoint()}", "0"}, {"EVAL", "redis.debug('x') return 1", "0"},
            {"EVAL", "redis.set_repl(7) return 1", "0"}, {"EVAL", "redis.set_repl() return 1", "0"}},
        {{"EVAL", "return redis.sha1hex('')", "0"}, {"EVAL", "return redis.sha1hex('abc')", "0"}},
        {{"HSET", "h", "f1", "v1", "f2", "v2"}, {"EVAL", "return {redis.call('hget', 'h', 'f2'), redis.call('hlen', 'h'), redis.call('hget', 'h', 'no')}", "0"},
            {"ZADD", "z", "1", "a", "2.5", "b"}, {"EVAL", "return redis.call('zrange', 'z', 0, -1, 'withscores')", "0"},
            {"EVAL", "return redis.call('zscore', 'z', 'b')", "0"}, {"EVAL", "return redis.call('type', 'z')", "0"},
            {"EVAL", "return redis.call('type', 'z').ok", "0"}},
        {{"EVAL", "return redis.call('eval','return 1','0')", "0"}, {"EVAL", "return redis.call('multi')", "0"},
            {"EVAL", "return redis.call('script', 'load', 'return 1')", "0"}},
        {{"EVAL", "return {string.rep('ab', 3), string.format('%d-%s', 3, 'x'), table.concat({1,2,3}, ','), "
                + "tonumber('0x10'), string.sub('hello', 2, 3), #ARGV}", "0", "p", "q"},
            {"EVAL", "local t = {3,1,2} table.sort(t) return t", "0"},
            {"EVAL", "return {unpack({1,2,3})}", "0"},
            {"EVAL", "return {table.getn({1,2,3}), table.maxn({1,2,nil,4}), math.mod(7, 3), loadstring('return 5')()}", "0"},
            {"EVAL", "local out = {} for w in string.gfind('a b c', '%a') do out[#out + 1] = w end return out", "0"}, {"EVAL", "return {math.floor(3.7), math.max(1, 9), 7 % 3}", "0"}},
        {{"EVAL", "return redis.call('set', 1.5, 10)", "0"}, {"GET", "1.5"}, {"EVAL", "return redis.call('incrby', 'n', 2^40)", "0"}},
        {{"MULTI"}, {"EVAL", "return redis.call('incr', KEYS[1])", "1", "c"},
            {"EVAL", "return redis.call('incr', KEYS[1])", "1", "c"}, {"EXEC"}},
        {{"EVAL", "local ok, e = pcall(function() error({err='in pcall'}) end) return e.err", "0"},
            {"EVAL", "local ok, e = pcall(redis.call, 'nosuch') return {tostring(ok), e}", "0"},
            {"EVAL", "local ok, e = pcall(function() error({err='in pcall'}) end) return {tostring(ok), e}", "0"},
            {"EVAL", "local ok, e = pcall(function() error('x') end) return {tostring(ok), e}", "0"},
            {"EVAL", "return {pcall(function() return 1, 2 end)}", "0"}},
        {{"EVAL", "#!lua\nreturn 1", "0"}, {"EVAL", "#!lua flags=no-writes\nreturn redis.call('set','a','b')", "0"},
            {"EVAL", "#!lua flags=no-writes,allow-oom\nreturn error('x')", "0"}, {"EVAL", "#!lua flags=bad\nreturn 1", "0"},
            {"EVAL", "#!python\nreturn 1", "0"}, {"EVAL", "#!lua name=x\nreturn 1", "0"},
            {"SCRIPT", "LOAD", "#!lua flags=bad\nreturn 1"}, {"GET", "a"}},
    };

    @Test
    void sameRepliesAsRedis() {
        List<String> mismatches = new ArrayList<>();
        for (String[][] steps : CASES) {
            TestSession ours = new TestSession(1);
            reset();
            for (String[] step : steps) {
                String expected = redisReply(step);
                String actual = show(new CommandExecutor(DataHarness.TABLE, ours.node.data)
                        .execute(ours, Replies.argv(step)).toCompletableFuture().join());
                if (!expected.equals(actual)) {
                    mismatches.add(String.join(" ", step) + "\n    redis:   " + expected + "\n    redraft: " + actual);
                }
            }
        }
        assertEquals("", String.join("\n", mismatches));
    }

    private static void reset() {
        jedis.sendCommand(Protocol.Command.FLUSHALL);
        jedis.sendCommand(Protocol.Command.SCRIPT, "FLUSH");
    }

    private static String redisReply(String[] step) {
        String[] args = java.util.Arrays.copyOfRange(step, 1, step.length);
        try {
            return showJedis(jedis.sendCommand(() -> step[0].getBytes(StandardCharsets.UTF_8), args));
        } catch (JedisDataException e) {
            return "-" + e.getMessage();
        }
    }

    /** Jedis's raw reply: byte[] for bulk and status, Long, List, null, an exception per error. */
    private static String showJedis(Object o) {
        if (o == null) {
            return "(nil)";
        }
        if (o instanceof byte[] b) {
            return "\"" + new String(b, StandardCharsets.UTF_8) + "\"";
        }
        if (o instanceof Long l) {
            return ":" + l;
        }
        if (o instanceof JedisDataException e) {
            return "-" + e.getMessage();
        }
        if (o instanceof List<?> list) {
            List<String> items = new ArrayList<>();
            for (Object item : list) {
                items.add(showJedis(item));
            }
            return "[" + String.join(", ", items) + "]";
        }
        return String.valueOf(o);
    }

    /** Our reply in the same RESP2 shape (status and bulk both as text). */
    static String show(Reply r) {
        if (r instanceof Reply.Status s) {
            return "\"" + s.text() + "\"";
        }
        if (r instanceof Reply.Array a) {
            List<String> items = new ArrayList<>();
            for (Reply item : a.items()) {
                items.add(show(item));
            }
            return "[" + String.join(", ", items) + "]";
        }
        return Replies.show(r);
    }
}
