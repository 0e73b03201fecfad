package io.redraft.command;

import static io.redraft.command.DataHarness.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.redraft.resp.Reply;
import io.redraft.store.Entry;
import io.redraft.store.HashValue;
import io.redraft.store.Key;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HashCommandsTest {
    static final String WRONGTYPE = "-WRONGTYPE Operation against a key holding the wrong kind of value";
    static final String NOT_INT = "-ERR value is not an integer or out of range";
    static final String SYNTAX = "-ERR syntax error";

    DataHarness h;

    @BeforeEach
    void setUp() {
        h = new DataHarness();
        h.run("SET", "str", "x");
    }

    boolean exists(String key) {
        return h.store.db(h.db).entries().containsKey(Key.of(key));
    }

    /** Sorted field/value rendering of a flat reply of pairs. */
    static List<String> pairs(Reply r) {
        List<Reply> items = r instanceof Reply.MapReply m ? m.keysAndValues() : ((Reply.Array) r).items();
        List<String> out = new ArrayList<>();
        for (int i = 0; i < items.size(); i += 2) {
            out.add(Replies.show(items.get(i)) + "=" + Replies.show(items.get(i + 1)));
        }
        Collections.sort(out);
        return out;
    }

    static List<String> sortedItems(Reply r) {
        List<Reply> items = r instanceof Reply.SetReply s ? s.items() : ((Reply.Array) r).items();
        List<String> out = new ArrayList<>();
        for (Reply item : items) {
            out.add(Replies.show(item));
        }
        Collections.sort(out);
        return out;
    }

    @Test
    void hsetHgetAndArity() {
        assertEquals(":2", h.run("HSET", "h", "a", "1", "b", "2"));
        assertEquals(":1", h.run("HSET", "h", "a", "10", "c", "3"));
        assertEquals("\"10\"", h.run("HGET", "h", "a"));
        assertEquals("(nil)", h.run("HGET", "h", "zz"));
        assertEquals("(nil)", h.run("HGET", "missing", "a"));
        assertEquals("-ERR wrong number of arguments for 'hset' command", h.run("HSET", "h", "a", "1", "b"));
        assertEquals("-ERR wrong number of arguments for 'hset' command", h.run("HSET", "h", "a"));
        assertEquals("-ERR wrong number of arguments for 'hget' command", h.run("HGET", "h"));
        assertEquals(WRONGTYPE, h.run("HSET", "str", "a", "1"));
        assertEquals(WRONGTYPE, h.run("HGET", "str", "a"));
        assertEquals("+hash", h.run("TYPE", "h"));
        // binary-safe fields and values
        byte[][] argv = {Replies.argv("HSET")[0], Replies.argv("bin")[0], {0, (byte) 0xff, 10}, {(byte) 0x80, 0}};
        ExecContext ctx = new ExecContext(h.store, 0, T0);
        assertEquals(Reply.ONE, HashCommands.hset(ctx, argv));
        Reply got = HashCommands.hget(ctx, new byte[][] {argv[0], argv[1], {0, (byte) 0xff, 10}});
        assertEquals(List.of((byte) 0x80, (byte) 0), List.of(((Reply.Bulk) got).value()[0], ((Reply.Bulk) got).value()[1]));
    }

    @Test
    void hmsetHmget() {
        assertEquals("+OK", h.run("HMSET", "h", "a", "1", "b", "2"));
        assertEquals("-ERR wrong number of arguments for 'hmset' command", h.run("HMSET", "h", "a", "1", "b"));
        assertEquals("[\"1\", (nil), \"2\"]", h.run("HMGET", "h", "a", "x", "b"));
        assertEquals("[(nil), (nil)]", h.run("HMGET", "missing", "a", "b"));
        assertEquals(WRONGTYPE, h.run("HMGET", "str", "a"));
        assertEquals(WRONGTYPE, h.run("HMSET", "str", "a", "1"));
    }

    @Test
    void hgetallHkeysHvalsHlen() {
        assertEquals("{}", h.run("HGETALL", "missing"));
        assertEquals("[]", h.run("HKEYS", "missing"));
        assertEquals("[]", h.run("HVALS", "missing"));
        assertEquals(":0", h.run("HLEN", "missing"));
        h.run("HSET", "h", "a", "1", "b", "2", "c", "3");
        Reply all = h.at(T0, "HGETALL", "h");
        assertTrue(all instanceof Reply.MapReply);
        assertEquals(List.of("\"a\"=\"1\"", "\"b\"=\"2\"", "\"c\"=\"3\""), pairs(all));
        assertEquals(List.of("\"a\"", "\"b\"", "\"c\""), sortedItems(h.at(T0, "HKEYS", "h")));
        assertEquals(List.of("\"1\"", "\"2\"", "\"3\""), sortedItems(h.at(T0, "HVALS", "h")));
        assertEquals(":3", h.run("HLEN", "h"));
        for (String cmd : new String[] {"HGETALL", "HKEYS", "HVALS", "HLEN"}) {
            assertEquals(WRONGTYPE, h.run(cmd, "str"), cmd);
        }
    }

    @Test
    void hdelRemovesEmptyHash() {
        h.run("HSET", "h", "a", "1", "b", "2");
        assertEquals(":0", h.run("HDEL", "missing", "a"));
        assertEquals(":1", h.run("HDEL", "h", "a", "zz"));
        assertTrue(exists("h"));
        assertEquals(":1", h.run("HDEL", "h", "b", "b", "a"));
        assertFalse(exists("h"));
        assertEquals(":0", h.run("EXISTS", "h"));
        assertEquals(WRONGTYPE, h.run("HDEL", "str", "a"));
    }

    @Test
    void hexistsHstrlenHsetnx() {
        assertEquals(":1", h.run("HSETNX", "h", "a", "hello"));
        assertEquals(":0", h.run("HSETNX", "h", "a", "other"));
        assertEquals("\"hello\"", h.run("HGET", "h", "a"));
        assertEquals(":1", h.run("HEXISTS", "h", "a"));
        assertEquals(":0", h.run("HEXISTS", "h", "b"));
        assertEquals(":0", h.run("HEXISTS", "missing", "b"));
        assertEquals(":5", h.run("HSTRLEN", "h", "a"));
        assertEquals(":0", h.run("HSTRLEN", "h", "b"));
        assertEquals(":0", h.run("HSTRLEN", "missing", "b"));
        assertEquals(WRONGTYPE, h.run("HEXISTS", "str", "a"));
        assertEquals(WRONGTYPE, h.run("HSTRLEN", "str", "a"));
        assertEquals(WRONGTYPE, h.run("HSETNX", "str", "a", "1"));
    }

    @Test
    void hincrby() {
        assertEquals(":5", h.run("HINCRBY", "h", "n", "5"));
        assertEquals(":-5", h.run("HINCRBY", "h", "n", "-10"));
        assertEquals("\"-5\"", h.run("HGET", "h", "n"));
        assertEquals(NOT_INT, h.run("HINCRBY", "h", "n", "1.5"));
        assertEquals(NOT_INT, h.run("HINCRBY", "h", "n", " 1"));
        h.run("HSET", "h", "s", "abc", "sp", " 1", "big", "9223372036854775807", "neg", "-9223372036854775808");
        assertEquals("-ERR hash value is not an integer", h.run("HINCRBY", "h", "s", "1"));
        assertEquals("-ERR hash value is not an integer", h.run("HINCRBY", "h", "sp", "1"));
        assertEquals("-ERR increment or decrement would overflow", h.run("HINCRBY", "h", "big", "1"));
        assertEquals("-ERR increment or decrement would overflow", h.run("HINCRBY", "h", "neg", "-1"));
        assertEquals(":9223372036854775806", h.run("HINCRBY", "h", "big", "-1"));
        // the increment is checked before the key's type, as in Redis
        assertEquals(NOT_INT, h.run("HINCRBY", "str", "n", "x"));
        assertEquals(WRONGTYPE, h.run("HINCRBY", "str", "n", "1"));
        // a failed increment on a missing key leaves nothing behind
        assertEquals(NOT_INT, h.run("HINCRBY", "fresh", "n", "x"));
        assertFalse(exists("fresh"));
    }

    @Test
    void hincrbyfloat() {
        assertEquals("\"10.5\"", h.run("HINCRBYFLOAT", "h", "f", "10.50"));
        assertEquals("\"10.6\"", h.run("HINCRBYFLOAT", "h", "f", "0.1"));
        assertEquals("\"5.6\"", h.run("HINCRBYFLOAT", "h", "f", "-5"));
        h.run("HSET", "h", "e", "5.0e3");
        assertEquals("\"5200\"", h.run("HINCRBYFLOAT", "h", "e", "2.0e2"));
        assertEquals("\"5200\"", h.run("HGET", "h", "e"));
        assertEquals("\"3\"", h.run("HINCRBYFLOAT", "h", "hex", "0x1.8p1"));
        assertEquals("\"1\"", h.run("HINCRBYFLOAT", "h", "hex2", "0X1"));
        assertEquals("\"100000000000000000000\"", h.run("HINCRBYFLOAT", "h", "big", "1e20"));
        assertEquals("\"0.00000015\"", h.run("HINCRBYFLOAT", "h", "small", "1.5e-7"));
        assertEquals("\"0\"", h.run("HINCRBYFLOAT", "h", "z", "-0"));
        // Redis computes in x87 long double: no binary noise where a double would show some
        assertEquals("\"0.1\"", h.run("HINCRBYFLOAT", "h", "p", "0.1"));
        assertEquals("\"0.3\"", h.run("HINCRBYFLOAT", "h", "p", "0.2"));
        assertEquals("\"0.3\"", h.run("HGET", "h", "p"));
        assertEquals(403, h.run("HINCRBYFLOAT", "h", "huge", "1e400").length());

        String notFloat = "-ERR value is not a valid float";
        for (String bad : new String[] {"abc", "", " 1", "1 ", "1e", "nan", "-nan", "1.2.3", "0x", "1d", "Infinityx"}) {
            assertEquals(notFloat, h.run("HINCRBYFLOAT", "h", "f", bad), bad);
        }
        assertEquals("-ERR value is NaN or Infinity", h.run("HINCRBYFLOAT", "h", "f", "inf"));
        assertEquals("-ERR value is NaN or Infinity", h.run("HINCRBYFLOAT", "h", "f", "-Infinity"));
        h.run("HSET", "h", "s", "abc", "inf", "inf", "max", "1e4932", "nul", "1\u00002");
        assertEquals("-ERR hash value is not a float", h.run("HINCRBYFLOAT", "h", "s", "1"));
        assertEquals("-ERR increment would produce NaN or Infinity", h.run("HINCRBYFLOAT", "h", "inf", "1"));
        assertEquals("-ERR increment would produce NaN or Infinity", h.run("HINCRBYFLOAT", "h", "max", "1e4932"));
        assertEquals("-ERR hash value is not a float", h.run("HINCRBYFLOAT", "h", "nul", "1"));
        assertEquals(notFloat, h.run("HINCRBYFLOAT", "str", "f", "x"));
        assertEquals(WRONGTYPE, h.run("HINCRBYFLOAT", "str", "f", "1"));
        assertEquals("-ERR value is NaN or Infinity", h.run("HINCRBYFLOAT", "fresh", "f", "inf"));
        assertFalse(exists("fresh"));
    }

    @Test
    void writesKeepTtlAndExpiredKeysAreGone() {
        h.run("HSET", "h", "a", "1");
        h.run("PEXPIRE", "h", "1000");
        h.run("HSET", "h", "b", "2");
        h.run("HINCRBY", "h", "a", "1");
        h.run("HDEL", "h", "b");
        assertEquals(T0 + 1000, h.store.db(0).entries().get(Key.of("h")).expireAt());
        assertEquals("(nil)", h.runAt(T0 + 1000, "HGET", "h", "a"));
        assertEquals(":0", h.runAt(T0 + 1000, "HLEN", "h"));
        assertEquals(":1", h.runAt(T0 + 1000, "HSET", "h", "c", "3"));
        assertEquals(Entry.NO_EXPIRY, h.store.db(0).entries().get(Key.of("h")).expireAt());
        assertEquals("{\"c\"=\"3\"}", h.runAt(T0 + 1000, "HGETALL", "h"));
    }

    @Test
    void hrandfield() {
        assertEquals("(nil)", h.run("HRANDFIELD", "missing"));
        assertEquals("[]", h.run("HRANDFIELD", "missing", "3"));
        assertEquals("[]", h.run("HRANDFIELD", "missing", "-3", "WITHVALUES"));
        assertEquals(WRONGTYPE, h.run("HRANDFIELD", "str"));
        assertEquals(WRONGTYPE, h.run("HRANDFIELD", "str", "0"));
        assertEquals(NOT_INT, h.run("HRANDFIELD", "h", "x"));
        assertEquals(SYNTAX, h.run("HRANDFIELD", "h", "1", "WITHSCORES"));
        assertEquals(SYNTAX, h.run("HRANDFIELD", "h", "1", "WITHVALUES", "x"));
        assertEquals("-ERR value is out of range, value must between -9223372036854775807 and 9223372036854775807",
                h.run("HRANDFIELD", "h", "-9223372036854775808"));
        assertEquals("-ERR value is out of range", h.run("HRANDFIELD", "h", "-9223372036854775807", "WITHVALUES"));
        assertEquals("-ERR value is out of range", h.run("HRANDFIELD", "h", "4611686018427387904", "withvalues"));

        Map<String, String> fields = new HashMap<>();
        for (int i = 0; i < 20; i++) {
            h.run("HSET", "h", "f" + i, "v" + i);
            fields.put("\"f" + i + "\"", "\"v" + i + "\"");
        }
        assertTrue(fields.containsKey(h.run("HRANDFIELD", "h")));
        assertEquals("[]", h.run("HRANDFIELD", "h", "0"));

        // positive count: distinct fields, at most the hash's size
        for (int count : new int[] {1, 5, 10, 19, 20, 25}) {
            List<Reply> items = ((Reply.Array) h.at(T0, "HRANDFIELD", "h", String.valueOf(count))).items();
            Set<String> seen = new HashSet<>();
            for (Reply r : items) {
                assertTrue(fields.containsKey(Replies.show(r)));
                assertTrue(seen.add(Replies.show(r)), "distinct");
            }
            assertEquals(Math.min(count, 20), items.size());
        }
        // negative count: exactly |count| fields, repetitions allowed
        List<Reply> rep = ((Reply.Array) h.at(T0, "HRANDFIELD", "h", "-100")).items();
        assertEquals(100, rep.size());
        Set<String> distinct = new HashSet<>();
        for (Reply r : rep) {
            assertTrue(fields.containsKey(Replies.show(r)));
            distinct.add(Replies.show(r));
        }
        assertTrue(distinct.size() < 100);
        // WITHVALUES: field, value pairs that belong together
        for (String count : new String[] {"7", "-30", "50"}) {
            List<Reply> items = ((Reply.Pairs) h.at(T0, "HRANDFIELD", "h", count, "WITHVALUES")).flat();
            assertEquals(2 * Math.min(Math.abs(Integer.parseInt(count)), count.startsWith("-") ? 1000 : 20),
                    items.size());
            for (int i = 0; i < items.size(); i += 2) {
                assertEquals(fields.get(Replies.show(items.get(i))), Replies.show(items.get(i + 1)));
            }
        }
    }

    @Test
    void hscanSmallHashReturnsEverything() {
        assertEquals("[\"0\", []]", h.run("HSCAN", "missing", "0"));
        assertEquals("-ERR invalid cursor", h.run("HSCAN", "h", "x"));
        assertEquals("-ERR invalid cursor", h.run("HSCAN", "h", " 1"));
        assertEquals("-ERR invalid cursor", h.run("HSCAN", "h", "1 "));
        assertEquals("-ERR invalid cursor", h.run("HSCAN", "h", "-"));
        assertEquals(WRONGTYPE, h.run("HSCAN", "str", "0"));
        h.run("HSET", "h", "a", "1", "b", "2", "ab", "3");
        Reply r = h.at(T0, "HSCAN", "h", "0");
        List<Reply> parts = ((Reply.Array) r).items();
        assertEquals("\"0\"", Replies.show(parts.get(0)));
        assertEquals(List.of("\"a\"=\"1\"", "\"ab\"=\"3\"", "\"b\"=\"2\""), pairs(parts.get(1)));
        Reply matched = ((Reply.Array) h.at(T0, "HSCAN", "h", "0", "MATCH", "a*", "COUNT", "1")).items().get(1);
        assertEquals(List.of("\"a\"=\"1\"", "\"ab\"=\"3\""), pairs(matched));
        assertEquals(SYNTAX, h.run("HSCAN", "h", "0", "COUNT", "0"));
        assertEquals(NOT_INT, h.run("HSCAN", "h", "0", "COUNT", "x"));
        assertEquals(SYNTAX, h.run("HSCAN", "h", "0", "MATCH"));
        assertEquals(SYNTAX, h.run("HSCAN", "h", "0", "NOVALUES"));
        // options are only parsed once the key is found, as in Redis
        assertEquals("[\"0\", []]", h.run("HSCAN", "missing", "0", "BOGUS"));
        // strtoull-style cursors
        assertEquals("\"0\"", Replies.show(((Reply.Array) h.at(T0, "HSCAN", "h", "+0")).items().get(0)));
        assertEquals("\"0\"", Replies.show(((Reply.Array) h.at(T0, "HSCAN", "h", "18446744073709551615"))
                .items().get(0)));
        assertEquals("-ERR invalid cursor", h.run("HSCAN", "h", "18446744073709551616"));
        // strtoul: a sign is accepted and a negative cursor wraps; the empty text is 0
        assertEquals("\"0\"", Replies.show(((Reply.Array) h.at(T0, "HSCAN", "h", "-1")).items().get(0)));
        assertEquals(3, ((Reply.Array) ((Reply.Array) h.at(T0, "HSCAN", "h", "")).items().get(1)).items().size() / 2);
    }

    @Test
    void hscanLargeHashCoversEveryField() {
        int n = 1000;
        for (int i = 0; i < n; i++) {
            h.run("HSET", "big", "field:" + i, "value:" + i);
        }
        Map<String, String> seen = new HashMap<>();
        String cursor = "0";
        int calls = 0;
        do {
            List<Reply> parts = ((Reply.Array) h.at(T0, "HSCAN", "big", cursor, "COUNT", "20")).items();
            cursor = new String(((Reply.Bulk) parts.get(0)).value(), StandardCharsets.US_ASCII);
            List<Reply> items = ((Reply.Array) parts.get(1)).items();
            assertTrue(items.size() < 200, "COUNT bounds the work per call");
            for (int i = 0; i < items.size(); i += 2) {
                seen.put(Replies.show(items.get(i)), Replies.show(items.get(i + 1)));
            }
            calls++;
        } while (!cursor.equals("0"));
        assertEquals(n, seen.size());
        assertTrue(calls > 10);
        for (int i = 0; i < n; i++) {
            assertEquals("\"value:" + i + "\"", seen.get("\"field:" + i + "\""));
        }
        // MATCH filters after the walk
        Set<String> matched = new HashSet<>();
        cursor = "0";
        do {
            List<Reply> parts = ((Reply.Array) h.at(T0, "HSCAN", "big", cursor, "MATCH", "field:1?")).items();
            cursor = new String(((Reply.Bulk) parts.get(0)).value(), StandardCharsets.US_ASCII);
            List<Reply> items = ((Reply.Array) parts.get(1)).items();
            for (int i = 0; i < items.size(); i += 2) {
                matched.add(Replies.show(items.get(i)));
            }
        } while (!cursor.equals("0"));
        assertEquals(10, matched.size());
    }

    @Test
    void valueIsAHashValue() {
        h.run("HSET", "h", "a", "1");
        assertTrue(h.store.db(0).entries().get(Key.of("h")).value() instanceof HashValue);
    }
}
