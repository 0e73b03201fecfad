package io.redraft.command;

import static io.redraft.command.DataHarness.T0;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.redraft.store.Entry;
import io.redraft.store.Key;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class StringCommandsTest {
    static final String WRONGTYPE = "-WRONGTYPE Operation against a key holding the wrong kind of value";
    static final String NOT_INT = "-ERR value is not an integer or out of range";
    static final String SYNTAX = "-ERR syntax error";

    DataHarness h;

    @BeforeEach
    void setUp() {
        h = new DataHarness();
        // a value of another type, to check WRONGTYPE handling generically
        h.store.db(0).put(Key.of("other"), new ArrayList<byte[]>(), Entry.NO_EXPIRY);
    }

    long expireAt(String key) {
        Entry e = h.store.db(h.db).entries().get(Key.of(key));
        return e == null ? Long.MIN_VALUE : e.expireAt();
    }

    @Test
    void getAndSet() {
        assertEquals("(nil)", h.run("GET", "k"));
        assertEquals("+OK", h.run("SET", "k", "v"));
        assertEquals("\"v\"", h.run("get", "k"));
        assertEquals("+OK", h.run("set", "k", ""));
        assertEquals("\"\"", h.run("GET", "k"));
        assertEquals(WRONGTYPE, h.run("GET", "other"));
        assertEquals("-ERR wrong number of arguments for 'get' command", h.run("GET"));
        assertEquals("-ERR wrong number of arguments for 'set' command", h.run("SET", "k"));
    }

    @Test
    void setOverwritesAnyTypeAndClearsTtl() {
        assertEquals("+OK", h.run("SET", "other", "now-a-string"));
        assertEquals("\"now-a-string\"", h.run("GET", "other"));
        h.run("SET", "k", "v", "EX", "100");
        assertEquals(T0 + 100_000, expireAt("k"));
        h.run("SET", "k", "v2");
        assertEquals(Entry.NO_EXPIRY, expireAt("k"));
    }

    @Test
    void setExpiryOptions() {
        assertEquals("+OK", h.run("SET", "a", "1", "EX", "10"));
        assertEquals(T0 + 10_000, expireAt("a"));
        assertEquals("+OK", h.run("SET", "b", "1", "px", "1500"));
        assertEquals(T0 + 1500, expireAt("b"));
        assertEquals("+OK", h.run("SET", "c", "1", "EXAT", "1800000000"));
        assertEquals(1_800_000_000_000L, expireAt("c"));
        assertEquals("+OK", h.run("SET", "d", "1", "PXAT", "1800000000123"));
        assertEquals(1_800_000_000_123L, expireAt("d"));
        // a repeated expiry of the same kind is accepted; the last one wins
        assertEquals("+OK", h.run("SET", "e", "1", "EX", "10", "EX", "20"));
        assertEquals(T0 + 20_000, expireAt("e"));
    }

    @Test
    void setKeepTtl() {
        h.run("SET", "k", "v", "PX", "5000");
        assertEquals("+OK", h.run("SET", "k", "v2", "KEEPTTL"));
        assertEquals(T0 + 5000, expireAt("k"));
        assertEquals("\"v2\"", h.run("GET", "k"));
        assertEquals("+OK", h.run("SET", "fresh", "v", "keepttl"));
        assertEquals(Entry.NO_EXPIRY, expireAt("fresh"));
    }

    @Test
    void setConflictingOptionsAreSyntaxErrors() {
        assertEquals(SYNTAX, h.run("SET", "k", "v", "NX", "XX"));
        assertEquals(SYNTAX, h.run("SET", "k", "v", "XX", "NX"));
        assertEquals(SYNTAX, h.run("SET", "k", "v", "EX", "10", "PX", "10"));
        assertEquals(SYNTAX, h.run("SET", "k", "v", "PX", "10", "EXAT", "10"));
        assertEquals(SYNTAX, h.run("SET", "k", "v", "EXAT", "10", "PXAT", "10"));
        assertEquals(SYNTAX, h.run("SET", "k", "v", "EX", "10", "KEEPTTL"));
        assertEquals(SYNTAX, h.run("SET", "k", "v", "KEEPTTL", "PX", "10"));
        assertEquals(SYNTAX, h.run("SET", "k", "v", "EX"));
        assertEquals(SYNTAX, h.run("SET", "k", "v", "FOO"));
        assertEquals(SYNTAX, h.run("SET", "k", "v", "PERSIST"));
        assertEquals("(nil)", h.run("GET", "k"));
        // compatible repeats are fine
        assertEquals("+OK", h.run("SET", "k", "v", "NX", "NX"));
        assertEquals("\"v\"", h.run("SET", "k", "w", "GET", "GET", "XX"), "GET GET XX returns the old value");
    }

    @Test
    void setInvalidExpireTimes() {
        String invalid = "-ERR invalid expire time in 'set' command";
        assertEquals(invalid, h.run("SET", "k", "v", "EX", "0"));
        assertEquals(invalid, h.run("SET", "k", "v", "PX", "-1"));
        assertEquals(invalid, h.run("SET", "k", "v", "EXAT", "0"));
        assertEquals(invalid, h.run("SET", "k", "v", "EX", "9223372036854776")); // * 1000 overflows
        assertEquals(invalid, h.run("SET", "k", "v", "PX", "9223372036854775807")); // + now overflows
        assertEquals(NOT_INT, h.run("SET", "k", "v", "EX", "ten"));
        assertEquals(NOT_INT, h.run("SET", "k", "v", "EX", "1.5"));
        assertEquals("(nil)", h.run("GET", "k"));
        // the biggest EXAT that fits is fine
        assertEquals("+OK", h.run("SET", "k", "v", "PXAT", "9223372036854775807"));
    }

    @Test
    void setNxXx() {
        assertEquals("(nil)", h.run("SET", "k", "v", "XX"));
        assertEquals("(nil)", h.run("GET", "k"));
        assertEquals("+OK", h.run("SET", "k", "v", "NX"));
        assertEquals("(nil)", h.run("SET", "k", "w", "NX"));
        assertEquals("\"v\"", h.run("GET", "k"));
        assertEquals("+OK", h.run("SET", "k", "w", "XX"));
        assertEquals("\"w\"", h.run("GET", "k"));
    }

    @Test
    void setGet() {
        assertEquals("(nil)", h.run("SET", "k", "v1", "GET"));
        assertEquals("\"v1\"", h.run("SET", "k", "v2", "GET"));
        assertEquals("\"v2\"", h.run("GET", "k"));
        // NX + GET (allowed since Redis 7): returns the old value and does not set
        assertEquals("\"v2\"", h.run("SET", "k", "v3", "NX", "GET"));
        assertEquals("\"v2\"", h.run("GET", "k"));
        assertEquals("(nil)", h.run("SET", "new", "x", "NX", "GET"));
        assertEquals("\"x\"", h.run("GET", "new"));
        assertEquals("(nil)", h.run("SET", "absent", "x", "XX", "GET"));
        assertEquals("(nil)", h.run("GET", "absent"));
        // GET on another type: error, value untouched
        assertEquals(WRONGTYPE, h.run("SET", "other", "x", "GET"));
        assertTrue(h.store.db(0).entries().get(Key.of("other")).value() instanceof ArrayList);
    }

    @Test
    void setGetSeesExpiredKeyAsMissing() {
        h.run("SET", "k", "old", "PX", "100");
        assertEquals("(nil)", h.runAt(T0 + 100, "SET", "k", "new", "GET"));
        assertEquals(Entry.NO_EXPIRY, expireAt("k"));
    }

    @Test
    void mgetAndMset() {
        assertEquals("+OK", h.run("MSET", "a", "1", "b", "2"));
        assertEquals("[\"1\", \"2\", (nil), (nil), \"1\"]", h.run("MGET", "a", "b", "c", "other", "a"));
        assertEquals("-ERR wrong number of arguments for 'mset' command", h.run("MSET", "a", "1", "b"));
        assertEquals("\"1\"", h.run("GET", "a"));
        h.run("SET", "a", "x", "EX", "10");
        h.run("MSET", "a", "y", "other", "z");
        assertEquals(Entry.NO_EXPIRY, expireAt("a"));
        assertEquals("\"z\"", h.run("GET", "other"));
    }

    @Test
    void setnx() {
        assertEquals(":1", h.run("SETNX", "k", "v"));
        assertEquals(":0", h.run("SETNX", "k", "w"));
        assertEquals(":0", h.run("SETNX", "other", "w"));
        assertEquals("\"v\"", h.run("GET", "k"));
        h.run("SET", "t", "v", "PX", "10");
        assertEquals(":1", h.runAt(T0 + 10, "SETNX", "t", "again"));
    }

    @Test
    void getsetAndGetdel() {
        assertEquals("(nil)", h.run("GETSET", "k", "v"));
        h.run("EXPIRE", "k", "100");
        assertEquals("\"v\"", h.run("GETSET", "k", "w"));
        assertEquals(Entry.NO_EXPIRY, expireAt("k"), "GETSET discards the TTL");
        assertEquals(WRONGTYPE, h.run("GETSET", "other", "x"));

        assertEquals("\"w\"", h.run("GETDEL", "k"));
        assertEquals("(nil)", h.run("GETDEL", "k"));
        assertEquals(WRONGTYPE, h.run("GETDEL", "other"));
        assertTrue(h.store.db(0).entries().containsKey(Key.of("other")));
    }

    @Test
    void incrDecr() {
        assertEquals(":1", h.run("INCR", "n"));
        assertEquals(":11", h.run("INCRBY", "n", "10"));
        assertEquals(":10", h.run("DECR", "n"));
        assertEquals(":-5", h.run("DECRBY", "n", "15"));
        assertEquals(":-3", h.run("INCRBY", "n", "2"));
        assertEquals("\"-3\"", h.run("GET", "n"));
        assertEquals(":-1", h.run("DECR", "fresh"));
        assertEquals(WRONGTYPE, h.run("INCR", "other"));
    }

    @Test
    void incrRejectsNonCanonicalIntegers() {
        for (String bad : new String[] {"", " 1", "1 ", "+1", "01", "-0", "-", "1.0", "1e3", "abc",
                "9223372036854775808", "-9223372036854775809", "000000000000000000001"}) {
            h.run("SET", "n", bad);
            assertEquals(NOT_INT, h.run("INCR", "n"), "value '" + bad + "'");
            assertEquals(NOT_INT, h.run("INCRBY", "m", bad), "increment '" + bad + "'");
        }
        h.run("SET", "n", "-9223372036854775808");
        assertEquals(":-9223372036854775807", h.run("INCR", "n"));
        h.run("SET", "n", "0");
        assertEquals(":0", h.run("INCRBY", "n", "0"));
    }

    @Test
    void incrOverflow() {
        String overflow = "-ERR increment or decrement would overflow";
        h.run("SET", "n", "9223372036854775807");
        assertEquals(overflow, h.run("INCR", "n"));
        assertEquals(overflow, h.run("INCRBY", "n", "1"));
        assertEquals(":9223372036854775806", h.run("DECR", "n"));
        h.run("SET", "n", "-9223372036854775808");
        assertEquals(overflow, h.run("DECR", "n"));
        assertEquals(overflow, h.run("INCRBY", "n", "-1"));
        assertEquals("\"-9223372036854775808\"", h.run("GET", "n"));
        assertEquals("-ERR decrement would overflow", h.run("DECRBY", "n", "-9223372036854775808"));
        h.run("SET", "z", "0");
        assertEquals(":-9223372036854775808", h.run("INCRBY", "z", "-9223372036854775808"));
        assertEquals(":9223372036854775807", h.run("DECRBY", "y", "-9223372036854775807"));
    }

    @Test
    void incrKeepsTtl() {
        h.run("SET", "n", "1", "EX", "100");
        assertEquals(":2", h.run("INCR", "n"));
        assertEquals(T0 + 100_000, expireAt("n"));
        // an expired counter starts again from zero, without the old TTL
        assertEquals(":1", h.runAt(T0 + 100_000, "INCR", "n"));
        assertEquals(Entry.NO_EXPIRY, expireAt("n"));
    }

    @Test
    void append() {
        assertEquals(":5", h.run("APPEND", "s", "hello"));
        assertEquals(":11", h.run("APPEND", "s", " world"));
        assertEquals("\"hello world\"", h.run("GET", "s"));
        assertEquals(":0", h.run("APPEND", "empty", ""));
        assertEquals("\"\"", h.run("GET", "empty"));
        assertEquals(WRONGTYPE, h.run("APPEND", "other", "x"));
        h.run("EXPIRE", "s", "50");
        assertEquals(":12", h.run("APPEND", "s", "!"));
        assertEquals(T0 + 50_000, expireAt("s"));
    }

    @Test
    void appendDoesNotMutateStoredArrays() {
        h.run("SET", "s", "ab");
        byte[] before = (byte[]) h.store.db(0).entries().get(Key.of("s")).value();
        h.run("APPEND", "s", "cd");
        assertArrayEquals("ab".getBytes(StandardCharsets.UTF_8), before);
    }

    @Test
    void appendSizeLimit() {
        // Redis's default proto-max-bulk-len; checked without allocating half a gigabyte
        assertEquals(512L * 1024 * 1024, StringCommands.MAX_STRING_LENGTH);
        assertFalse(StringCommands.exceedsMaxLength(StringCommands.MAX_STRING_LENGTH - 1, 1));
        assertTrue(StringCommands.exceedsMaxLength(StringCommands.MAX_STRING_LENGTH - 1, 2));
        assertTrue(StringCommands.exceedsMaxLength(Integer.MAX_VALUE, Integer.MAX_VALUE));
        assertEquals("-ERR string exceeds maximum allowed size (proto-max-bulk-len)",
                Replies.show(StringCommands.TOO_BIG));
    }

    @Test
    void strlen() {
        assertEquals(":0", h.run("STRLEN", "k"));
        h.run("SET", "k", "héllo");
        assertEquals(":6", h.run("STRLEN", "k"));
        assertEquals(WRONGTYPE, h.run("STRLEN", "other"));
    }

    @Test
    void expiredKeysAreInvisibleToReadsAndDeletedByWrites() {
        h.run("SET", "k", "v", "PX", "1000");
        assertEquals("\"v\"", h.runAt(T0 + 999, "GET", "k"));
        assertEquals("(nil)", h.runAt(T0 + 1000, "GET", "k"));
        assertEquals(":0", h.runAt(T0 + 1000, "STRLEN", "k"));
        assertEquals("[(nil)]", h.runAt(T0 + 1000, "MGET", "k"));
        // reads never delete
        assertTrue(h.store.db(0).entries().containsKey(Key.of("k")));
        // a write lookup does
        assertEquals(":1", h.runAt(T0 + 1000, "APPEND", "k", "x"));
        assertEquals("\"x\"", h.runAt(T0 + 1000, "GET", "k"));
        assertEquals(Entry.NO_EXPIRY, expireAt("k"));
    }

    @Test
    void setWithPastAbsoluteExpiryLeavesKeyInvisible() {
        assertEquals("+OK", h.run("SET", "k", "v", "PXAT", String.valueOf(T0 - 1)));
        assertEquals("(nil)", h.run("GET", "k"));
        assertFalse(h.run("EXISTS", "k").equals(":1"));
    }

    @Test
    void databasesAreSeparate() {
        h.run("SET", "k", "zero");
        h.db = 3;
        assertEquals("(nil)", h.run("GET", "k"));
        h.run("SET", "k", "three");
        h.db = 0;
        assertEquals("\"zero\"", h.run("GET", "k"));
        assertNull(h.store.db(1).entries().get(Key.of("k")));
    }
}
