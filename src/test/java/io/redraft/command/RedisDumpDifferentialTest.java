package io.redraft.command;

import static io.redraft.command.DataHarness.T0;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.redraft.resp.Reply;
import io.redraft.store.Entry;
import io.redraft.store.HashValue;
import io.redraft.store.Key;
import io.redraft.store.ListValue;
import io.redraft.store.SetValue;
import io.redraft.store.ZSetValue;
import io.redraft.store.rdb.DumpPayload;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.commands.ProtocolCommand;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * DUMP/RESTORE against the installed redis-server (7.0): values of every type and both
 * encodings created in Redis, DUMPed there and RESTOREd into Redraft, come out identical; what
 * Redraft DUMPs, Redis RESTOREs to the same contents; corrupted payloads get the same error from
 * both. Skipped when redis-server is not installed.
 */
class RedisDumpDifferentialTest {
    static final String REDIS_SERVER = "/usr/bin/redis-server";
    static Process redis;
    static Jedis jedis;

    @BeforeAll
    static void startRedis() throws Exception {
        assumeTrue(new File(REDIS_SERVER).canExecute(), "redis-server is not installed");
        int port = freePort();
        redis = new ProcessBuilder(REDIS_SERVER, "--port", Integer.toString(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no", "--daemonize", "no")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (true) {
            try {
                jedis = new Jedis("127.0.0.1", port, 5000);
                if ("PONG".equals(jedis.ping())) {
                    break;
                }
            } catch (Exception e) {
                if (System.nanoTime() > deadline || !redis.isAlive()) {
                    throw new IllegalStateException("redis-server did not start", e);
                }
                Thread.sleep(50);
            }
        }
        populate();
    }

    @AfterAll
    static void stopRedis() throws InterruptedException {
        if (jedis != null) {
            jedis.close();
        }
        if (redis != null) {
            redis.destroy();
            if (!redis.waitFor(10, TimeUnit.SECONDS)) {
                redis.destroyForcibly();
            }
        }
    }

    static int freePort() throws IOException {
        for (int attempt = 0; attempt < 50; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(20000, 30000);
            try (ServerSocket s = new ServerSocket(port, 1, java.net.InetAddress.getLoopbackAddress())) {
                return port;
            } catch (IOException busy) {
                // try another
            }
        }
        throw new IOException("no free port");
    }

    static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static Object redis(String command, Object... args) {
        byte[] name = b(command);
        ProtocolCommand cmd = () -> name;
        byte[][] argv = new byte[args.length][];
        for (int i = 0; i < args.length; i++) {
            argv[i] = args[i] instanceof byte[] bytes ? bytes : b(args[i].toString());
        }
        return jedis.sendCommand(cmd, argv);
    }

    static String redisText(String command, Object... args) {
        Object r = redis(command, args);
        return r instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : String.valueOf(r);
    }

    /** Redis's reply as the harness renders it: +status, -error, :int. */
    static String redisShow(String command, Object... args) {
        try {
            Object r = redis(command, args);
            if (r instanceof Long l) {
                return ":" + l;
            }
            return "+" + new String((byte[]) r, StandardCharsets.UTF_8);
        } catch (JedisDataException e) {
            return "-" + e.getMessage();
        }
    }

    /** Key names created in Redis, in creation order. */
    static final List<String> KEYS = new ArrayList<>();

    static void create(String key, String command, Object... args) {
        Object[] all = new Object[args.length + 1];
        all[0] = key;
        System.arraycopy(args, 0, all, 1, args.length);
        redis(command, all);
        if (!KEYS.contains(key)) {
            KEYS.add(key);
        }
    }

    static void populate() {
        redis("FLUSHALL");
        create("s:small", "SET", "hello");
        create("s:empty", "SET", "");
        create("s:int8", "SET", "-7");
        create("s:int16", "SET", "10000");
        create("s:int32", "SET", "-2000000000");
        create("s:int64", "SET", "9223372036854775807");
        create("s:lzf", "SET", "abc".repeat(400));
        byte[] binary = new byte[300];
        new java.util.Random(1).nextBytes(binary);
        create("s:binary", "SET", binary);

        create("l:small", "RPUSH", "a", "1", "-300", "70000", "-5000000000", "x".repeat(100), "");
        for (int i = 0; i < 2000; i++) {
            create("l:large", "RPUSH", i % 2 == 0 ? "element-" + i : Integer.toString(i * 997));
        }
        redis("CONFIG", "SET", "list-compress-depth", "1"); // LZF-compressed quicklist nodes
        for (int i = 0; i < 2000; i++) {
            create("l:compressed", "RPUSH", "compressible-compressible-" + i);
        }
        redis("CONFIG", "SET", "list-compress-depth", "0");

        create("set:intset", "SADD", "1", "-2", "70000", "-5000000000", "9223372036854775807");
        create("set:small", "SADD", "a", "b", "1");
        for (int i = 0; i < 600; i++) {
            create("set:bigints", "SADD", Integer.toString(i * 3));
            create("set:bigstr", "SADD", "member:" + i);
        }

        create("z:small", "ZADD", "1", "a", "2.5", "b", "-inf", "c", "inf", "d", "1e300", "e", "-0.125", "f",
                "3", "1234567");
        create("z:longmember", "ZADD", "1", "m".repeat(80));
        for (int i = 0; i < 300; i++) {
            create("z:large", "ZADD", Double.toString(i / 3.0), "zm" + i);
        }

        create("h:small", "HSET", "f", "v", "n", "12", "big", "-70000");
        create("h:longvalue", "HSET", "f", "v".repeat(100));
        for (int i = 0; i < 300; i++) {
            create("h:large", "HSET", "field" + i, "value" + i);
        }
        for (int i = 0; i < 600; i++) {
            create("h:huge", "HSET", "field" + i, "value" + i);
        }
    }

    // ---------------------------------------------------------------- canonical contents

    static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }

    static String score(double d) {
        return d == Double.POSITIVE_INFINITY ? "inf" : d == Double.NEGATIVE_INFINITY ? "-inf" : Double.toString(d);
    }

    /** Redraft's value as type + sorted/ordered hex items. */
    static List<String> canonical(Object value) {
        List<String> out = new ArrayList<>();
        if (value instanceof byte[] s) {
            out.add("string");
            out.add(hex(s));
        } else if (value instanceof ListValue l) {
            out.add("list");
            for (int i = 0; i < l.size(); i++) {
                out.add(hex(l.get(i)));
            }
        } else if (value instanceof SetValue set) {
            out.add("set");
            List<String> m = new ArrayList<>();
            for (byte[] x : set.sortedMembers()) {
                m.add(hex(x));
            }
            m.sort(null);
            out.addAll(m);
        } else if (value instanceof ZSetValue z) {
            out.add("zset");
            for (ZSetValue.Node n = z.first(); n != null; n = n.next()) {
                out.add(hex(n.member()) + "=" + score(n.score()));
            }
        } else if (value instanceof HashValue h) {
            out.add("hash");
            List<String> m = new ArrayList<>();
            for (byte[] f : h.sortedMembers()) {
                m.add(hex(f) + "=" + hex(h.get(f)));
            }
            m.sort(null);
            out.addAll(m);
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    static List<String> redisCanonical(String key) {
        String type = redisText("TYPE", key);
        List<String> out = new ArrayList<>();
        out.add(type);
        switch (type) {
            case "string" -> out.add(hex((byte[]) redis("GET", key)));
            case "list" -> ((List<byte[]>) redis("LRANGE", key, "0", "-1")).forEach(x -> out.add(hex(x)));
            case "set" -> {
                List<String> m = new ArrayList<>();
                ((List<byte[]>) redis("SMEMBERS", key)).forEach(x -> m.add(hex(x)));
                m.sort(null);
                out.addAll(m);
            }
            case "zset" -> {
                List<byte[]> flat = (List<byte[]>) redis("ZRANGE", key, "0", "-1", "WITHSCORES");
                for (int i = 0; i < flat.size(); i += 2) {
                    String s = new String(flat.get(i + 1), StandardCharsets.US_ASCII);
                    double d = s.equals("inf") ? Double.POSITIVE_INFINITY
                            : s.equals("-inf") ? Double.NEGATIVE_INFINITY : Double.parseDouble(s);
                    out.add(hex(flat.get(i)) + "=" + score(d));
                }
            }
            case "hash" -> {
                List<byte[]> flat = (List<byte[]>) redis("HGETALL", key);
                List<String> m = new ArrayList<>();
                for (int i = 0; i < flat.size(); i += 2) {
                    m.add(hex(flat.get(i)) + "=" + hex(flat.get(i + 1)));
                }
                m.sort(null);
                out.addAll(m);
            }
            default -> throw new AssertionError("unexpected type " + type);
        }
        return out;
    }

    static Reply exec(DataHarness h, byte[]... argv) {
        return DumpCommandsTest.exec(h, T0, argv);
    }

    // ---------------------------------------------------------------- tests

    @Test
    void redisDumpsRestoreIntoRedraftWithIdenticalContents() {
        DataHarness h = new DataHarness();
        Map<String, String> encodings = new LinkedHashMap<>();
        Map<String, String> ours = new LinkedHashMap<>();
        for (String key : KEYS) {
            byte[] payload = (byte[]) redis("DUMP", key);
            assertEquals("+OK", Replies.show(exec(h, b("RESTORE"), b(key), b("0"), payload)), key);
            Entry e = h.store.db(0).entries().get(Key.of(key));
            assertEquals(redisCanonical(key), canonical(e.value()), key);
            encodings.put(key, redisText("OBJECT", "ENCODING", key));
            ours.put(key, h.run("OBJECT", "ENCODING", key).replace("\"", ""));
        }
        assertEquals(encodings, ours, "OBJECT ENCODING");
        // both encodings of every collection type were exercised
        assertTrue(encodings.values().containsAll(List.of("int", "embstr", "raw", "quicklist", "intset",
                "hashtable", "listpack", "skiplist")), encodings.toString());
    }

    @Test
    void redraftDumpsRestoreIntoRedisWithIdenticalContents() {
        DataHarness h = new DataHarness();
        for (String key : KEYS) {
            byte[] payload = (byte[]) redis("DUMP", key);
            exec(h, b("RESTORE"), b(key), b("0"), payload);
            byte[] ours = ((Reply.Bulk) exec(h, b("DUMP"), b(key))).value();
            String back = "back:" + key;
            assertEquals("OK", redisText("RESTORE", back, "0", ours, "REPLACE"), key);
            assertEquals(redisCanonical(key), redisCanonical(back), key);
        }
    }

    @Test
    void smallStringDumpsAreByteIdentical() {
        DataHarness h = new DataHarness();
        for (String key : List.of("s:small", "s:empty", "s:int8", "s:int16", "s:int32", "s:int64")) {
            byte[] payload = (byte[]) redis("DUMP", key);
            exec(h, b("RESTORE"), b(key), b("0"), payload);
            assertArrayEquals(payload, ((Reply.Bulk) exec(h, b("DUMP"), b(key))).value(), key);
        }
    }

    @Test
    void ttlsSurviveBothWays() {
        redis("SET", "ttl:key", "v", "PX", "100000");
        DataHarness h = new DataHarness();
        byte[] payload = (byte[]) redis("DUMP", "ttl:key");
        assertEquals("+OK", Replies.show(exec(h, b("RESTORE"), b("k"), b("5000"), payload)));
        assertEquals(":5000", h.run("PTTL", "k"));
        byte[] ours = ((Reply.Bulk) exec(h, b("DUMP"), b("k"))).value();
        assertEquals("OK", redisText("RESTORE", "ttl:back", "100000", ours));
        long pttl = (Long) redis("PTTL", "ttl:back");
        assertTrue(pttl > 90_000 && pttl <= 100_000, Long.toString(pttl));
    }


    @Test
    void corruptPayloadsGetTheSameErrorAsRedis() {
        byte[] good = (byte[]) redis("DUMP", "h:small");
        List<byte[]> payloads = new ArrayList<>();
        byte[] flipped = good.clone();
        flipped[5] ^= 0x40;
        payloads.add(flipped);                                              // checksum
        payloads.add(Arrays.copyOf(good, good.length - 1));                 // truncated footer
        payloads.add(new byte[0]);
        payloads.add(b("not a payload at all"));
        payloads.add(DumpPayload.wrap(Arrays.copyOf(good, good.length - 10), 12)); // newer RDB version
        byte[] object = Arrays.copyOf(good, good.length - 10);
        payloads.add(DumpPayload.wrap(Arrays.copyOf(object, object.length - 3), 10)); // truncated object
        byte[] badType = object.clone();
        badType[0] = 0x63;
        payloads.add(DumpPayload.wrap(badType, 10));                              // unknown type
        payloads.add(DumpPayload.wrap(new byte[] {2, 0}, 10));                    // empty set
        payloads.add(DumpPayload.wrap(new byte[] {2, 2, 1, 'a', 1, 'a'}, 10));    // duplicate set member
        payloads.add(DumpPayload.wrap(new byte[] {0, 20, 'a'}, 10));              // string longer than the payload
        DataHarness h = new DataHarness();
        for (byte[] p : payloads) {
            String expected = redisShow("RESTORE", "corrupt", "0", p);
            assertTrue(expected.startsWith("-"), "Redis accepted " + hex(p));
            assertEquals(expected, Replies.show(exec(h, b("RESTORE"), b("corrupt"), b("0"), p)), hex(p));
        }
        assertEquals(0, h.store.db(0).size());
    }

    /** A reply in a form both sides share: status and bulk both as their text. */
    static String normalize(Object r) {
        if (r instanceof byte[] bytes) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        if (r instanceof List<?> list) {
            List<String> out = new ArrayList<>();
            for (Object o : list) {
                out.add(normalize(o));
            }
            return out.toString();
        }
        return r == null ? "(nil)" : r.toString();
    }

    static String normalize(Reply r) {
        if (r instanceof Reply.Status st) {
            return st.text();
        }
        if (r instanceof Reply.Bulk bulk) {
            return new String(bulk.value(), StandardCharsets.UTF_8);
        }
        if (r instanceof Reply.Int i) {
            return Long.toString(i.value());
        }
        if (r instanceof Reply.Null) {
            return "(nil)";
        }
        if (r instanceof Reply.Error err) {
            return "-" + err.text();
        }
        if (r instanceof Reply.Array a) {
            List<String> out = new ArrayList<>();
            for (Reply item : a.items()) {
                out.add(normalize(item));
            }
            return out.toString();
        }
        throw new IllegalArgumentException(String.valueOf(r));
    }

    /** MOVE, SWAPDB and OBJECT replies, errors included, match Redis's for the same script. */
    @Test
    void moveSwapdbAndObjectRepliesMatchRedis() {
        String[][] script = {
                {"SET", "k", "v"}, {"MOVE", "k", "1"}, {"MOVE", "k", "1"}, {"SELECT", "1"}, {"GET", "k"},
                {"MOVE", "k", "1"}, {"MOVE", "k", "16"}, {"MOVE", "k", "-1"}, {"MOVE", "k", "abc"},
                {"MOVE", "k", "99999999999"}, {"MOVE", "k", "01"}, {"MOVE"}, {"SET", "x", "1"}, {"SELECT", "0"},
                {"SET", "x", "2"}, {"SELECT", "1"}, {"MOVE", "x", "0"}, {"SWAPDB", "0", "1"}, {"GET", "x"},
                {"GET", "k"}, {"SWAPDB", "a", "b"}, {"SWAPDB", "0", "b"}, {"SWAPDB", "0", "16"},
                {"SWAPDB", "-1", "0"}, {"SWAPDB", "5", "5"}, {"SWAPDB", "99999999999", "0"}, {"SWAPDB", "1"},
                {"OBJECT", "ENCODING", "x"}, {"OBJECT", "REFCOUNT", "x"}, {"OBJECT", "FREQ", "x"},
                {"OBJECT", "FREQ", "nokey"}, {"OBJECT", "ENCODING", "nokey"}, {"OBJECT", "REFCOUNT", "nokey"},
                {"OBJECT", "IDLETIME", "nokey"}, {"OBJECT", "foo", "x"}, {"OBJECT", "HELP"},
                {"OBJECT", "help", "x"}, {"OBJECT", "ENCODING"}, {"OBJECT"},
                {"SET", "n", "123"}, {"SET", "big", "12345678901234567890"}, {"SET", "e", "x".repeat(44)},
                {"SET", "r", "x".repeat(45)}, {"OBJECT", "ENCODING", "n"}, {"OBJECT", "REFCOUNT", "n"},
                {"OBJECT", "ENCODING", "big"}, {"OBJECT", "ENCODING", "e"}, {"OBJECT", "ENCODING", "r"},
                {"RESTORE", "n", "0", "x"}, {"RESTORE", "new", "-5", "x"}, {"RESTORE", "new", "0", "x", "FREQ"},
                {"DUMP", "nokey"}, {"SELECT", "0"},
        };
        redis("FLUSHALL");
        DataHarness h = new DataHarness();
        try {
            for (String[] cmd : script) {
                String expected;
                try {
                    Object[] rest = Arrays.copyOfRange(cmd, 1, cmd.length);
                    expected = normalize(redis(cmd[0], rest));
                } catch (JedisDataException e) {
                    expected = "-" + e.getMessage();
                }
                String actual;
                if (cmd[0].equals("SELECT")) {
                    h.db = Integer.parseInt(cmd[1]);
                    actual = "OK";
                } else {
                    actual = normalize(h.at(T0, cmd));
                }
                assertEquals(expected, actual, String.join(" ", cmd));
            }
        } finally {
            redis("SELECT", "0");
            populate();
        }
    }
}
