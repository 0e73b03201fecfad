package io.redraft.command;

import static io.redraft.command.DataHarness.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.redraft.resp.Reply;
import io.redraft.resp.ReplyEncoder;
import io.redraft.store.Key;
import io.redraft.store.ListValue;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ListCommandsTest {
    static final String WRONGTYPE = "-WRONGTYPE Operation against a key holding the wrong kind of value";
    static final String NOT_INT = "-ERR value is not an integer or out of range";
    static final String SYNTAX = "-ERR syntax error";
    static final String POSITIVE = "-ERR value is out of range, must be positive";

    DataHarness h;

    @BeforeEach
    void setUp() {
        h = new DataHarness();
        h.run("SET", "str", "x");
    }

    String run(String... args) {
        return h.run(args);
    }

    /** The reply as RESP bytes, to check null kinds exactly. */
    String wire(int protocol, String... args) {
        Reply r = h.at(T0, args);
        ByteBuf buf = Unpooled.buffer();
        ReplyEncoder.encode(r, protocol, buf);
        return buf.toString(StandardCharsets.UTF_8);
    }

    boolean stored(String key) {
        return h.store.db(h.db).entries().containsKey(Key.of(key));
    }

    @Test
    void pushAndRange() {
        assertEquals(":3", run("RPUSH", "l", "a", "b", "c"));
        assertEquals(":5", run("LPUSH", "l", "y", "z"));
        assertEquals("[\"z\", \"y\", \"a\", \"b\", \"c\"]", run("LRANGE", "l", "0", "-1"));
        assertEquals("[\"b\", \"c\"]", run("LRANGE", "l", "-2", "100"));
        assertEquals("[\"z\"]", run("LRANGE", "l", "-100", "0"));
        assertEquals("[]", run("LRANGE", "l", "3", "2"));
        assertEquals("[]", run("LRANGE", "l", "5", "10"));
        assertEquals("[]", run("LRANGE", "l", "0", "-6"));
        assertEquals("[]", run("LRANGE", "nope", "0", "-1"));
        assertEquals(NOT_INT, run("LRANGE", "l", "0", "x"));
        assertEquals(NOT_INT, run("LRANGE", "nope", "a", "1"), "arguments are checked before the key");
        assertEquals(":5", run("LLEN", "l"));
        assertEquals(":0", run("LLEN", "nope"));
        assertEquals("\"list\"", "\"" + ((Reply.Status) h.at(T0, "TYPE", "l")).text() + "\"");
        assertEquals(WRONGTYPE, run("LPUSH", "str", "a"));
        assertEquals(WRONGTYPE, run("LRANGE", "str", "0", "1"));
        assertEquals(WRONGTYPE, run("LLEN", "str"));
        assertEquals("-ERR wrong number of arguments for 'lpush' command", run("LPUSH", "l"));
    }

    @Test
    void pushx() {
        assertEquals(":0", run("LPUSHX", "l", "a"));
        assertEquals(":0", run("RPUSHX", "l", "a", "b"));
        assertFalse(stored("l"));
        run("RPUSH", "l", "m");
        assertEquals(":3", run("LPUSHX", "l", "b", "a"));
        assertEquals(":4", run("RPUSHX", "l", "z"));
        assertEquals("[\"a\", \"b\", \"m\", \"z\"]", run("LRANGE", "l", "0", "-1"));
        assertEquals(WRONGTYPE, run("RPUSHX", "str", "a"));
    }

    @Test
    void popWithAndWithoutCount() {
        run("RPUSH", "l", "a", "b", "c", "d", "e");
        assertEquals("\"a\"", run("LPOP", "l"));
        assertEquals("\"e\"", run("RPOP", "l"));
        assertEquals("[\"b\", \"c\"]", run("LPOP", "l", "2"));
        assertEquals("[]", run("LPOP", "l", "0"));
        assertEquals("[\"d\"]", run("RPOP", "l", "10"));
        assertFalse(stored("l"), "an emptied list is deleted");
        // null kinds, exactly as Redis 7
        assertEquals("$-1\r\n", wire(2, "LPOP", "l"));
        assertEquals("*-1\r\n", wire(2, "LPOP", "l", "1"));
        assertEquals("*-1\r\n", wire(2, "RPOP", "l", "0"));
        assertEquals("_\r\n", wire(3, "RPOP", "l", "3"));
        assertEquals(POSITIVE, run("LPOP", "l", "-1"));
        assertEquals(POSITIVE, run("LPOP", "l", "abc"));
        assertEquals("-ERR wrong number of arguments for 'lpop' command", run("LPOP", "l", "1", "2"));
        assertEquals(WRONGTYPE, run("RPOP", "str"));
        assertEquals(WRONGTYPE, run("RPOP", "str", "0"));
        run("RPUSH", "m", "x", "y", "z");
        assertEquals("[\"z\", \"y\"]", run("RPOP", "m", "2"), "RPOP with a count pops from the tail in order");
    }

    @Test
    void lindexAndLset() {
        run("RPUSH", "l", "a", "b", "c");
        assertEquals("\"a\"", run("LINDEX", "l", "0"));
        assertEquals("\"c\"", run("LINDEX", "l", "-1"));
        assertEquals("\"a\"", run("LINDEX", "l", "-3"));
        assertEquals("(nil)", run("LINDEX", "l", "-4"));
        assertEquals("(nil)", run("LINDEX", "l", "3"));
        assertEquals("(nil)", run("LINDEX", "nope", "x"), "the key is looked up before the index is parsed");
        assertEquals(NOT_INT, run("LINDEX", "l", "x"));
        assertEquals(WRONGTYPE, run("LINDEX", "str", "0"));
        assertEquals("+OK", run("LSET", "l", "-1", "C"));
        assertEquals("+OK", run("LSET", "l", "0", "A"));
        assertEquals("[\"A\", \"b\", \"C\"]", run("LRANGE", "l", "0", "-1"));
        assertEquals("-ERR index out of range", run("LSET", "l", "3", "x"));
        assertEquals("-ERR index out of range", run("LSET", "l", "-4", "x"));
        assertEquals("-ERR no such key", run("LSET", "nope", "0", "x"));
        assertEquals(NOT_INT, run("LSET", "l", "1.5", "x"));
        assertEquals(WRONGTYPE, run("LSET", "str", "0", "x"));
    }

    @Test
    void linsert() {
        run("RPUSH", "l", "a", "c", "c");
        assertEquals(":4", run("LINSERT", "l", "BEFORE", "c", "b"));
        assertEquals(":5", run("linsert", "l", "after", "c", "d"));
        assertEquals("[\"a\", \"b\", \"c\", \"d\", \"c\"]", run("LRANGE", "l", "0", "-1"));
        assertEquals(":-1", run("LINSERT", "l", "BEFORE", "zz", "x"));
        assertEquals(":0", run("LINSERT", "nope", "BEFORE", "a", "x"));
        assertEquals(SYNTAX, run("LINSERT", "l", "MIDDLE", "a", "x"));
        assertEquals(SYNTAX, run("LINSERT", "str", "MIDDLE", "a", "x"));
        assertEquals(WRONGTYPE, run("LINSERT", "str", "AFTER", "a", "x"));
    }

    @Test
    void lrem() {
        run("RPUSH", "l", "x", "a", "x", "b", "x", "c", "x");
        assertEquals(":2", run("LREM", "l", "2", "x"));
        assertEquals("[\"a\", \"b\", \"x\", \"c\", \"x\"]", run("LRANGE", "l", "0", "-1"));
        assertEquals(":1", run("LREM", "l", "-1", "x"));
        assertEquals("[\"a\", \"b\", \"x\", \"c\"]", run("LRANGE", "l", "0", "-1"));
        assertEquals(":0", run("LREM", "l", "0", "zz"));
        assertEquals(":1", run("LREM", "l", "0", "x"));
        assertEquals(":0", run("LREM", "nope", "0", "x"));
        assertEquals(NOT_INT, run("LREM", "l", "one", "x"));
        assertEquals(WRONGTYPE, run("LREM", "str", "0", "x"));
        run("RPUSH", "m", "q", "q");
        assertEquals(":2", run("LREM", "m", "-9223372036854775808", "q"));
        assertFalse(stored("m"));
    }

    @Test
    void ltrim() {
        run("RPUSH", "l", "a", "b", "c", "d", "e");
        assertEquals("+OK", run("LTRIM", "l", "1", "-2"));
        assertEquals("[\"b\", \"c\", \"d\"]", run("LRANGE", "l", "0", "-1"));
        assertEquals("+OK", run("LTRIM", "l", "-100", "100"));
        assertEquals(":3", run("LLEN", "l"));
        assertEquals("+OK", run("LTRIM", "l", "2", "1"));
        assertFalse(stored("l"));
        assertEquals("+OK", run("LTRIM", "nope", "0", "1"));
        assertEquals(NOT_INT, run("LTRIM", "l", "0", "x"));
        assertEquals(WRONGTYPE, run("LTRIM", "str", "0", "1"));
    }

    @Test
    void lpos() {
        run("RPUSH", "l", "a", "b", "c", "1", "2", "3", "c", "c");
        assertEquals(":2", run("LPOS", "l", "c"));
        assertEquals(":6", run("LPOS", "l", "c", "RANK", "2"));
        assertEquals(":7", run("LPOS", "l", "c", "RANK", "-1"));
        assertEquals(":6", run("LPOS", "l", "c", "RANK", "-2"));
        assertEquals("(nil)", run("LPOS", "l", "c", "RANK", "4"));
        assertEquals("[2, 6]", run("LPOS", "l", "c", "COUNT", "2").replace(":", ""));
        assertEquals("[2, 6, 7]", run("LPOS", "l", "c", "COUNT", "0").replace(":", ""));
        assertEquals("[7, 6, 2]", run("LPOS", "l", "c", "COUNT", "0", "RANK", "-1").replace(":", ""));
        assertEquals("[6, 7]", run("LPOS", "l", "c", "RANK", "2", "COUNT", "5").replace(":", ""));
        assertEquals("[]", run("LPOS", "l", "zz", "COUNT", "1"));
        assertEquals("(nil)", run("LPOS", "l", "zz"));
        assertEquals("(nil)", run("LPOS", "l", "c", "MAXLEN", "2"));
        assertEquals(":2", run("LPOS", "l", "c", "MAXLEN", "3"));
        assertEquals("[7]", run("LPOS", "l", "c", "RANK", "-1", "MAXLEN", "1", "COUNT", "0").replace(":", ""));
        assertEquals("[]", run("LPOS", "nope", "c", "COUNT", "1"));
        assertEquals("(nil)", run("LPOS", "nope", "c"));
        assertEquals("-ERR RANK can't be zero: use 1 to start from the first match, 2 from the second ... or use "
                + "negative to start from the end of the list", run("LPOS", "l", "c", "RANK", "0"));
        assertEquals("-ERR value is out of range, value must between -9223372036854775807 and 9223372036854775807",
                run("LPOS", "l", "c", "RANK", "-9223372036854775808"));
        assertEquals(NOT_INT, run("LPOS", "l", "c", "RANK", "x"));
        assertEquals("-ERR COUNT can't be negative", run("LPOS", "l", "c", "COUNT", "-1"));
        assertEquals("-ERR COUNT can't be negative", run("LPOS", "l", "c", "COUNT", "x"));
        assertEquals("-ERR MAXLEN can't be negative", run("LPOS", "l", "c", "MAXLEN", "-1"));
        assertEquals(SYNTAX, run("LPOS", "l", "c", "RANK"));
        assertEquals(SYNTAX, run("LPOS", "l", "c", "FOO", "1"));
        assertEquals(SYNTAX, run("LPOS", "nope", "c", "FOO", "1"), "options are checked before the key");
        assertEquals(WRONGTYPE, run("LPOS", "str", "c"));
    }

    @Test
    void lmoveAndRpoplpush() {
        run("RPUSH", "src", "a", "b", "c");
        assertEquals("\"c\"", run("RPOPLPUSH", "src", "dst"));
        assertEquals("\"a\"", run("LMOVE", "src", "dst", "LEFT", "RIGHT"));
        assertEquals("[\"c\", \"a\"]", run("LRANGE", "dst", "0", "-1"));
        assertEquals("\"b\"", run("LMOVE", "src", "dst", "right", "left"));
        assertFalse(stored("src"));
        assertEquals("[\"b\", \"c\", \"a\"]", run("LRANGE", "dst", "0", "-1"));
        // rotation on the same list
        assertEquals("\"a\"", run("LMOVE", "dst", "dst", "RIGHT", "LEFT"));
        assertEquals("[\"a\", \"b\", \"c\"]", run("LRANGE", "dst", "0", "-1"));
        run("RPUSH", "one", "x");
        assertEquals("\"x\"", run("RPOPLPUSH", "one", "one"));
        assertEquals("[\"x\"]", run("LRANGE", "one", "0", "-1"));
        assertEquals("(nil)", run("LMOVE", "nope", "dst", "LEFT", "LEFT"));
        assertEquals(SYNTAX, run("LMOVE", "dst", "x", "UP", "LEFT"));
        assertEquals(SYNTAX, run("LMOVE", "dst", "x", "LEFT", "DOWN"));
        assertEquals(WRONGTYPE, run("LMOVE", "dst", "str", "LEFT", "LEFT"));
        assertEquals("[\"a\", \"b\", \"c\"]", run("LRANGE", "dst", "0", "-1"), "nothing moved on WRONGTYPE");
        assertEquals(WRONGTYPE, run("RPOPLPUSH", "str", "dst"));
        assertEquals("(nil)", run("RPOPLPUSH", "nope", "str"), "an absent source wins over a wrong destination");
    }

    @Test
    void lmpop() {
        run("RPUSH", "b", "1", "2", "3");
        assertEquals("[\"b\", [\"1\"]]", run("LMPOP", "2", "a", "b", "LEFT"));
        assertEquals("[\"b\", [\"3\", \"2\"]]", run("LMPOP", "2", "a", "b", "RIGHT", "COUNT", "5"));
        assertFalse(stored("b"));
        assertEquals("*-1\r\n", wire(2, "LMPOP", "2", "a", "b", "LEFT"));
        assertEquals("-ERR numkeys should be greater than 0", run("LMPOP", "0", "a", "LEFT"));
        assertEquals("-ERR numkeys should be greater than 0", run("LMPOP", "x", "a", "LEFT"));
        assertEquals(SYNTAX, run("LMPOP", "2", "a", "LEFT"));
        assertEquals(SYNTAX, run("LMPOP", "1", "a", "MIDDLE"));
        assertEquals(SYNTAX, run("LMPOP", "1", "a", "LEFT", "COUNT"));
        assertEquals(SYNTAX, run("LMPOP", "1", "a", "LEFT", "COUNT", "1", "COUNT", "1"));
        assertEquals("-ERR count should be greater than 0", run("LMPOP", "1", "a", "LEFT", "COUNT", "0"));
        assertEquals(WRONGTYPE, run("LMPOP", "2", "nope", "str", "LEFT"));
        run("RPUSH", "c", "z");
        assertEquals("[\"c\", [\"z\"]]", run("LMPOP", "2", "c", "str", "LEFT"), "stops at the first list");
        assertEquals("-ERR wrong number of arguments for 'lmpop' command", run("LMPOP", "1", "a"));
    }

    @Test
    void expiredListsAreGone() {
        run("RPUSH", "l", "a");
        run("PEXPIRE", "l", "10");
        assertEquals(":1", h.runAt(T0 + 9, "LLEN", "l"));
        assertEquals(":0", h.runAt(T0 + 10, "LLEN", "l"));
        assertEquals(":1", h.runAt(T0 + 10, "RPUSH", "l", "b"), "a write replaces the expired list");
        assertEquals("[\"b\"]", h.runAt(T0 + 10, "LRANGE", "l", "0", "-1"));
        assertEquals(":-1", h.runAt(T0 + 10, "PTTL", "l"));
        run("RPUSH", "m", "a", "b");
        run("PEXPIRE", "m", "100");
        run("LSET", "m", "0", "z");
        run("RPUSH", "m", "c");
        assertTrue(h.store.db(0).entries().get(Key.of("m")).hasExpiry(), "in-place changes keep the TTL");
    }

    @Test
    void largeListsKeepIndexAccessFast() {
        String[] push = new String[2 + 200_000];
        push[0] = "RPUSH";
        push[1] = "big";
        for (int i = 0; i < 200_000; i++) {
            push[2 + i] = Integer.toString(i);
        }
        assertEquals(":200000", run(push));
        long t = System.nanoTime();
        for (int i = 0; i < 100_000; i++) {
            h.at(T0, "LINDEX", "big", Integer.toString((i * 7919) % 200_000));
            h.at(T0, "LSET", "big", Integer.toString(-1 - (i * 31) % 200_000), "v");
        }
        assertTrue(System.nanoTime() - t < 5_000_000_000L, "LINDEX/LSET are O(1)");
        assertEquals("\"v\"", run("LINDEX", "big", "-1"));
        assertEquals("\"0\"", run("LPOP", "big"));
        ListValue l = (ListValue) h.store.db(0).entries().get(Key.of("big")).value();
        assertEquals(199_999, l.size());
    }
}
