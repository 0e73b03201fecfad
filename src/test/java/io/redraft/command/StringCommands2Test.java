package io.redraft.command;

import static io.redraft.command.DataHarness.T0;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.redraft.store.Entry;
import io.redraft.store.Key;
import java.util.ArrayList;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** GETEX, GETRANGE/SUBSTR, SETRANGE, SETEX/PSETEX, MSETNX and INCRBYFLOAT. */
class StringCommands2Test {
    static final String WRONGTYPE = "-WRONGTYPE Operation against a key holding the wrong kind of value";
    static final String NOT_INT = "-ERR value is not an integer or out of range";
    static final String SYNTAX = "-ERR syntax error";
    static final String NOT_FLOAT = "-ERR value is not a valid float";
    static final String NAN_OR_INF = "-ERR increment would produce NaN or Infinity";

    DataHarness h;

    @BeforeEach
    void setUp() {
        h = new DataHarness();
        h.store.db(0).put(Key.of("other"), new ArrayList<byte[]>(), Entry.NO_EXPIRY);
    }

    long expireAt(String key) {
        Entry e = h.store.db(h.db).entries().get(Key.of(key));
        return e == null ? Long.MIN_VALUE : e.expireAt();
    }

    boolean stored(String key) {
        return h.store.db(h.db).entries().containsKey(Key.of(key));
    }

    byte[] raw(String key) {
        return (byte[]) h.store.db(h.db).entries().get(Key.of(key)).value();
    }

    // ---------------------------------------------------------------- metadata

    @Test
    void tableRows() {
        CommandTable t = CommandTable.standard();
        assertRow(t, "getex", -2, Set.of(CommandFlag.WRITE, CommandFlag.FAST));
        assertRow(t, "getrange", 4, Set.of(CommandFlag.READONLY));
        assertRow(t, "substr", 4, Set.of(CommandFlag.READONLY));
        assertRow(t, "setrange", 4, Set.of(CommandFlag.WRITE, CommandFlag.DENYOOM));
        assertRow(t, "setex", 4, Set.of(CommandFlag.WRITE, CommandFlag.DENYOOM));
        assertRow(t, "psetex", 4, Set.of(CommandFlag.WRITE, CommandFlag.DENYOOM));
        assertRow(t, "msetnx", -3, Set.of(CommandFlag.WRITE, CommandFlag.DENYOOM));
        assertRow(t, "incrbyfloat", 3, Set.of(CommandFlag.WRITE, CommandFlag.DENYOOM, CommandFlag.FAST));
        CommandSpec msetnx = t.lookup(Replies.argv("msetnx")[0]);
        assertEquals(1, msetnx.firstKey());
        assertEquals(-1, msetnx.lastKey());
        assertEquals(2, msetnx.step());
        assertTrue(t.lookup(Replies.argv("getex")[0]).isWrite());
    }

    private static void assertRow(CommandTable t, String name, int arity, Set<CommandFlag> flags) {
        CommandSpec s = t.lookup(Replies.argv(name)[0]);
        assertEquals(name, s.name());
        assertEquals(arity, s.arity());
        assertEquals(flags, s.flags());
        assertEquals(1, s.firstKey());
    }

    // ---------------------------------------------------------------- GETEX

    @Test
    void getexOptions() {
        h.run("SET", "k", "v");
        assertEquals("\"v\"", h.run("GETEX", "k"));
        assertEquals(Entry.NO_EXPIRY, expireAt("k"));
        assertEquals("\"v\"", h.run("GETEX", "k", "EX", "10"));
        assertEquals(T0 + 10_000, expireAt("k"));
        assertEquals("\"v\"", h.run("getex", "k", "px", "1500"));
        assertEquals(T0 + 1500, expireAt("k"));
        assertEquals("\"v\"", h.run("GETEX", "k", "EXAT", "1800000000"));
        assertEquals(1_800_000_000_000L, expireAt("k"));
        assertEquals("\"v\"", h.run("GETEX", "k", "PXAT", "1800000000123"));
        assertEquals(1_800_000_000_123L, expireAt("k"));
        assertEquals("\"v\"", h.run("GETEX", "k", "EX", "10", "EX", "20")); // repeated: last wins
        assertEquals(T0 + 20_000, expireAt("k"));
        assertEquals("\"v\"", h.run("GETEX", "k", "PERSIST"));
        assertEquals(Entry.NO_EXPIRY, expireAt("k"));
        assertEquals(0, h.store.db(0).volatileCount());
        assertEquals("\"v\"", h.run("GETEX", "k", "PERSIST", "persist"));
        assertEquals(Entry.NO_EXPIRY, expireAt("k"));
    }

    @Test
    void getexSyntaxAndErrors() {
        h.run("SET", "k", "v", "EX", "100");
        assertEquals(SYNTAX, h.run("GETEX", "k", "EX"));
        assertEquals(SYNTAX, h.run("GETEX", "k", "EX", "10", "PX", "10"));
        assertEquals(SYNTAX, h.run("GETEX", "k", "PERSIST", "EX", "10"));
        assertEquals(SYNTAX, h.run("GETEX", "k", "EX", "10", "PERSIST"));
        assertEquals(SYNTAX, h.run("GETEX", "k", "KEEPTTL"));
        assertEquals(SYNTAX, h.run("GETEX", "k", "NX"));
        assertEquals(SYNTAX, h.run("GETEX", "k", "GET"));
        assertEquals(SYNTAX, h.run("GETEX", "missing", "bogus")); // syntax before lookup
        assertEquals(NOT_INT, h.run("GETEX", "k", "EX", "ten"));
        String invalid = "-ERR invalid expire time in 'getex' command";
        assertEquals(invalid, h.run("GETEX", "k", "EX", "0"));
        assertEquals(invalid, h.run("GETEX", "k", "PX", "-1"));
        assertEquals(invalid, h.run("GETEX", "k", "EX", "9223372036854775807"));
        assertEquals(invalid, h.run("GETEX", "k", "PX", "9223372036854775807")); // + now overflows
        assertEquals(T0 + 100_000, expireAt("k")); // errors leave the TTL alone
        // the key is looked up before the expiry is validated
        assertEquals("(nil)", h.run("GETEX", "missing", "EX", "0"));
        assertEquals(WRONGTYPE, h.run("GETEX", "other", "EX", "0"));
        assertEquals(WRONGTYPE, h.run("GETEX", "other"));
        assertEquals("-ERR wrong number of arguments for 'getex' command", h.run("GETEX"));
    }

    @Test
    void getexExpiryInterplay() {
        h.run("SET", "k", "v", "PX", "100");
        assertEquals("(nil)", h.runAt(T0 + 100, "GETEX", "k", "PERSIST"));
        assertFalse(stored("k")); // the expired key was deleted, not revived
        // an absolute time already past replies with the value, then deletes the key
        h.run("SET", "k", "v");
        assertEquals("\"v\"", h.run("GETEX", "k", "EXAT", "1"));
        assertFalse(stored("k"));
        h.run("SET", "k", "v");
        assertEquals("\"v\"", h.run("GETEX", "k", "PXAT", Long.toString(T0)));
        assertFalse(stored("k"));
        h.run("SET", "k", "v");
        assertEquals("\"v\"", h.run("GETEX", "k", "PXAT", Long.toString(T0 + 1)));
        assertEquals(T0 + 1, expireAt("k"));
        assertEquals("(nil)", h.runAt(T0 + 1, "GET", "k"));
    }

    // ---------------------------------------------------------------- GETRANGE / SUBSTR

    @Test
    void getrange() {
        h.run("SET", "k", "Hello World");
        assertEquals("\"Hell\"", h.run("GETRANGE", "k", "0", "3"));
        assertEquals("\"Hello World\"", h.run("GETRANGE", "k", "0", "-1"));
        assertEquals("\"orld\"", h.run("GETRANGE", "k", "-4", "-1"));
        assertEquals("\"\"", h.run("GETRANGE", "k", "5", "3"));
        assertEquals("\" World\"", h.run("GETRANGE", "k", "5", "5000"));
        assertEquals("\"Hello World\"", h.run("GETRANGE", "k", "-5000", "10000"));
        assertEquals("\"\"", h.run("GETRANGE", "k", "-1", "-5")); // both negative, start > end
        assertEquals("\"H\"", h.run("GETRANGE", "k", "0", "-100")); // Redis 7 clamps end to 0
        assertEquals("\"\"", h.run("GETRANGE", "k", "11", "20"));
        assertEquals("\"Hello World\"", h.run("GETRANGE", "k", "-9223372036854775808", "9223372036854775807"));
        assertEquals("\"d\"", h.run("GETRANGE", "k", "10", "10"));
        h.run("SET", "n", "1234");
        assertEquals("\"123\"", h.run("GETRANGE", "n", "0", "2"));
        h.run("SET", "e", "");
        assertEquals("\"\"", h.run("GETRANGE", "e", "0", "-1"));
        assertEquals("\"\"", h.run("GETRANGE", "missing", "0", "-1"));
    }

    @Test
    void getrangeErrors() {
        h.run("SET", "k", "v");
        assertEquals(NOT_INT, h.run("GETRANGE", "k", "a", "1"));
        assertEquals(NOT_INT, h.run("GETRANGE", "k", "0", "1.5"));
        assertEquals(NOT_INT, h.run("GETRANGE", "missing", "x", "1")); // parsed before lookup
        assertEquals(NOT_INT, h.run("GETRANGE", "other", "x", "1"));
        assertEquals(WRONGTYPE, h.run("GETRANGE", "other", "0", "1"));
        assertEquals("-ERR wrong number of arguments for 'getrange' command", h.run("GETRANGE", "k", "0"));
        h.run("SET", "t", "v", "PX", "10");
        assertEquals("\"\"", h.runAt(T0 + 10, "GETRANGE", "t", "0", "-1"));
    }

    @Test
    void substrBehavesAsGetrange() {
        h.run("SET", "k", "This is a string");
        assertEquals("\"This\"", h.run("SUBSTR", "k", "0", "3"));
        assertEquals("\"ing\"", h.run("substr", "k", "-3", "-1"));
        assertEquals("\"string\"", h.run("SUBSTR", "k", "10", "100"));
        assertEquals("\"\"", h.run("SUBSTR", "missing", "0", "1"));
        assertEquals(WRONGTYPE, h.run("SUBSTR", "other", "0", "1"));
        assertEquals(NOT_INT, h.run("SUBSTR", "k", "z", "1"));
        assertEquals("-ERR wrong number of arguments for 'substr' command", h.run("SUBSTR", "k", "0"));
    }

    // ---------------------------------------------------------------- SETRANGE

    @Test
    void setrange() {
        h.run("SET", "k", "Hello World");
        assertEquals(":11", h.run("SETRANGE", "k", "6", "Redis"));
        assertEquals("\"Hello Redis\"", h.run("GET", "k"));
        assertEquals(":14", h.run("SETRANGE", "k", "9", "world"));
        assertEquals("\"Hello Redworld\"", h.run("GET", "k"));
        assertEquals(":14", h.run("SETRANGE", "k", "0", "J"));
        assertEquals("\"Jello Redworld\"", h.run("GET", "k"));
        // zero padding, on a new key and past the end of an existing one
        assertEquals(":6", h.run("SETRANGE", "z", "5", "x"));
        assertArrayEquals(new byte[] {0, 0, 0, 0, 0, 'x'}, raw("z"));
        assertEquals(":9", h.run("SETRANGE", "z", "8", "y"));
        assertArrayEquals(new byte[] {0, 0, 0, 0, 0, 'x', 0, 0, 'y'}, raw("z"));
        // an empty value changes nothing
        assertEquals(":0", h.run("SETRANGE", "missing", "10", ""));
        assertFalse(stored("missing"));
        assertEquals(":9", h.run("SETRANGE", "z", "100", ""));
        assertEquals(":0", h.run("SETRANGE", "missing", "0", ""));
    }

    @Test
    void setrangeDoesNotMutateStoredArrays() {
        h.run("SET", "a", "abc");
        byte[] before = raw("a");
        h.run("SETRANGE", "a", "0", "X");
        assertArrayEquals("abc".getBytes(), before);
    }

    @Test
    void setrangeErrorsAndLimit() {
        h.run("SET", "k", "v");
        assertEquals("-ERR offset is out of range", h.run("SETRANGE", "k", "-1", "x"));
        assertEquals("-ERR offset is out of range", h.run("SETRANGE", "missing", "-1", ""));
        assertEquals(NOT_INT, h.run("SETRANGE", "k", "1.0", "x"));
        assertEquals(WRONGTYPE, h.run("SETRANGE", "other", "0", "x"));
        assertEquals(WRONGTYPE, h.run("SETRANGE", "other", "0", ""));
        String tooBig = "-ERR string exceeds maximum allowed size (proto-max-bulk-len)";
        assertEquals(tooBig, h.run("SETRANGE", "k", "536870911", "xy"));
        assertEquals(tooBig, h.run("SETRANGE", "missing", "536870912", "x"));
        assertEquals(tooBig, h.run("SETRANGE", "k", "9223372036854775807", "x")); // no overflow
        assertFalse(stored("missing"));
        assertEquals("\"v\"", h.run("GET", "k"));
        assertTrue(StringCommands.exceedsMaxLength(Long.MAX_VALUE, 1));
        assertEquals("-ERR wrong number of arguments for 'setrange' command", h.run("SETRANGE", "k", "0"));
    }

    @Test
    void setrangeExpiryInterplay() {
        h.run("SET", "k", "hello", "EX", "100");
        assertEquals(":5", h.run("SETRANGE", "k", "0", "J"));
        assertEquals(T0 + 100_000, expireAt("k")); // keeps the TTL
        h.run("SET", "t", "old", "PX", "10");
        assertEquals(":2", h.runAt(T0 + 10, "SETRANGE", "t", "1", "x")); // expired: a fresh key
        assertArrayEquals(new byte[] {0, 'x'}, raw("t"));
        assertEquals(Entry.NO_EXPIRY, expireAt("t"));
    }

    // ---------------------------------------------------------------- SETEX / PSETEX

    @Test
    void setexAndPsetex() {
        assertEquals("+OK", h.run("SETEX", "k", "10", "v"));
        assertEquals("\"v\"", h.run("GET", "k"));
        assertEquals(T0 + 10_000, expireAt("k"));
        assertEquals("+OK", h.run("PSETEX", "k", "1500", "w"));
        assertEquals("\"w\"", h.run("GET", "k"));
        assertEquals(T0 + 1500, expireAt("k"));
        assertEquals("(nil)", h.runAt(T0 + 1500, "GET", "k"));
        assertEquals("+OK", h.run("SETEX", "other", "5", "now-a-string")); // overwrites any type
        assertEquals("\"now-a-string\"", h.run("GET", "other"));
        assertEquals(T0 + 5000, expireAt("other"));
        h.run("SET", "p", "x");
        h.run("SETEX", "p", "1", "y");
        assertEquals(T0 + 1000, expireAt("p"));
        h.run("SET", "p", "z");
        assertEquals(Entry.NO_EXPIRY, expireAt("p"));
    }

    @Test
    void setexErrors() {
        String setex = "-ERR invalid expire time in 'setex' command";
        String psetex = "-ERR invalid expire time in 'psetex' command";
        assertEquals(setex, h.run("SETEX", "k", "0", "v"));
        assertEquals(setex, h.run("SETEX", "k", "-10", "v"));
        assertEquals(setex, h.run("SETEX", "k", "9223372036854775807", "v"));
        assertEquals(setex, h.run("SETEX", "k", "9223372036854775", "v")); // + now overflows
        assertEquals(psetex, h.run("PSETEX", "k", "0", "v"));
        assertEquals(psetex, h.run("PSETEX", "k", "9223372036854775807", "v"));
        assertEquals(NOT_INT, h.run("SETEX", "k", "ten", "v"));
        assertEquals(NOT_INT, h.run("PSETEX", "k", "1.5", "v"));
        assertFalse(stored("k"));
        assertEquals("-ERR wrong number of arguments for 'setex' command", h.run("SETEX", "k", "10"));
        assertEquals("-ERR wrong number of arguments for 'psetex' command",
                h.run("PSETEX", "k", "10", "v", "extra"));
    }

    // ---------------------------------------------------------------- MSETNX

    @Test
    void msetnx() {
        assertEquals(":1", h.run("MSETNX", "a", "1", "b", "2"));
        assertEquals("[\"1\", \"2\"]", h.run("MGET", "a", "b"));
        assertEquals(":0", h.run("MSETNX", "c", "3", "a", "x"));
        assertFalse(stored("c")); // all or nothing
        assertEquals("\"1\"", h.run("GET", "a"));
        assertEquals(":0", h.run("MSETNX", "other", "x"));
        assertEquals(":1", h.run("MSETNX", "d", "1", "d", "2")); // repeated key: the last wins
        assertEquals("\"2\"", h.run("GET", "d"));
        assertEquals("-ERR wrong number of arguments for 'msetnx' command", h.run("MSETNX", "a", "1", "b"));
        assertEquals("-ERR wrong number of arguments for 'msetnx' command", h.run("MSETNX", "a"));
    }

    @Test
    void msetnxTreatsExpiredKeysAsMissing() {
        h.run("SET", "a", "old", "PX", "10");
        assertEquals(":0", h.runAt(T0 + 9, "MSETNX", "a", "new"));
        assertEquals(":1", h.runAt(T0 + 10, "MSETNX", "a", "new"));
        assertEquals("\"new\"", h.runAt(T0 + 10, "GET", "a"));
        assertEquals(Entry.NO_EXPIRY, expireAt("a"));
    }

    // ---------------------------------------------------------------- INCRBYFLOAT

    @Test
    void incrbyfloat() {
        h.run("SET", "k", "10.50");
        assertEquals("\"10.6\"", h.run("INCRBYFLOAT", "k", "0.1"));
        assertEquals("\"5.6\"", h.run("INCRBYFLOAT", "k", "-5"));
        h.run("SET", "k", "5.0e3");
        assertEquals("\"5200\"", h.run("INCRBYFLOAT", "k", "2.0e2"));
        assertEquals("\"5200\"", h.run("GET", "k"));
        assertEquals("\"1\"", h.run("INCRBYFLOAT", "n", "1"));
        assertEquals("\"1.25\"", h.run("INCRBYFLOAT", "n", "0.25"));
        h.run("SET", "s", "1.5");
        assertEquals("\"3\"", h.run("INCRBYFLOAT", "s", "1.5"));
        h.run("SET", "big", "17179869184");
        assertEquals("\"17179869185.5\"", h.run("INCRBYFLOAT", "big", "1.5"));
        assertEquals("\"0.1\"", h.run("INCRBYFLOAT", "p", "0.1"));
        assertEquals("\"0.3\"", h.run("INCRBYFLOAT", "p", "0.2")); // long double, not 0.30000000000000004
        assertEquals("\"3\"", h.run("INCRBYFLOAT", "hex", "0x1.8p1"));
        assertEquals("\"100000000000000000000\"", h.run("INCRBYFLOAT", "e20", "1e20"));
        // no negative zero
        h.run("INCRBYFLOAT", "z", "0.024390243902439025");
        assertEquals("\"0\"", h.run("INCRBYFLOAT", "z", "-0.024390243902439025"));
    }

    @Test
    void incrbyfloatErrors() {
        h.run("SET", "sp", " 11");
        assertEquals(NOT_FLOAT, h.run("INCRBYFLOAT", "sp", "1"));
        h.run("SET", "sp2", "11 ");
        assertEquals(NOT_FLOAT, h.run("INCRBYFLOAT", "sp2", "1"));
        h.run("SET", "word", "abc");
        assertEquals(NOT_FLOAT, h.run("INCRBYFLOAT", "word", "1"));
        h.run("SET", "empty", "");
        assertEquals(NOT_FLOAT, h.run("INCRBYFLOAT", "empty", "1"));
        h.run("SET", "nul", "1");
        h.run("SETRANGE", "nul", "2", "2"); // "1\0" "2": a NUL inside is not a float
        assertEquals(NOT_FLOAT, h.run("INCRBYFLOAT", "nul", "1"));
        assertEquals(NOT_FLOAT, h.run("INCRBYFLOAT", "k", "x"));
        assertEquals(NOT_FLOAT, h.run("INCRBYFLOAT", "k", "nan"));
        assertEquals(NOT_FLOAT, h.run("INCRBYFLOAT", "k", ""));
        assertFalse(stored("k"));
        assertEquals(WRONGTYPE, h.run("INCRBYFLOAT", "other", "x")); // type checked first
        h.run("SET", "f", "0");
        assertEquals(NAN_OR_INF, h.run("INCRBYFLOAT", "f", "+inf"));
        assertEquals(NAN_OR_INF, h.run("INCRBYFLOAT", "f", "-Infinity"));
        h.run("SET", "inf", "inf");
        assertEquals(NAN_OR_INF, h.run("INCRBYFLOAT", "inf", "-inf"));
        assertEquals(NAN_OR_INF, h.run("INCRBYFLOAT", "inf", "1"));
        assertEquals("\"0\"", h.run("GET", "f"));
        assertEquals(NOT_FLOAT, h.run("INCRBYFLOAT", "f", "1e5000")); // overflow on parse
        assertEquals("-ERR wrong number of arguments for 'incrbyfloat' command", h.run("INCRBYFLOAT", "f"));
    }

    @Test
    void incrbyfloatExpiryInterplay() {
        h.run("SET", "k", "1", "EX", "100");
        assertEquals("\"1.5\"", h.run("INCRBYFLOAT", "k", "0.5"));
        assertEquals(T0 + 100_000, expireAt("k")); // keeps the TTL
        assertEquals("\"0.5\"", h.runAt(T0 + 100_000, "INCRBYFLOAT", "k", "0.5")); // expired: from 0
        assertEquals(Entry.NO_EXPIRY, expireAt("k"));
    }

    // ---------------------------------------------------------------- LCS

    @Test
    void lcs() {
        h.run("MSET", "key1", "ohmytext", "key2", "mynewtext");
        assertEquals("\"mytext\"", h.run("LCS", "key1", "key2"));
        assertEquals(":6", h.run("LCS", "key1", "key2", "LEN"));
        assertEquals("{\"matches\"=[[[:4, :7], [:5, :8]], [[:2, :3], [:0, :1]]], \"len\"=:6}",
                h.run("LCS", "key1", "key2", "IDX"));
        assertEquals("{\"matches\"=[[[:4, :7], [:5, :8]]], \"len\"=:6}",
                h.run("LCS", "key1", "key2", "idx", "MINMATCHLEN", "4"));
        assertEquals("{\"matches\"=[[[:4, :7], [:5, :8], :4]], \"len\"=:6}",
                h.run("LCS", "key1", "key2", "IDX", "MINMATCHLEN", "4", "WITHMATCHLEN"));
        assertEquals("{\"matches\"=[[[:4, :7], [:5, :8], :4], [[:2, :3], [:0, :1], :2]], \"len\"=:6}",
                h.run("LCS", "key1", "key2", "IDX", "MINMATCHLEN", "-5", "WITHMATCHLEN"));
        assertEquals("\"\"", h.run("LCS", "key1", "missing"));
        assertEquals(":0", h.run("LCS", "missing", "missing2", "LEN"));
        assertEquals("{\"matches\"=[], \"len\"=:0}", h.run("LCS", "missing", "key1", "IDX"));
    }

    @Test
    void lcsErrors() {
        h.run("SET", "a", "abc");
        assertEquals("-ERR The specified keys must contain string values", h.run("LCS", "a", "other"));
        assertEquals("-ERR The specified keys must contain string values", h.run("LCS", "other", "a", "bogus"));
        assertEquals(SYNTAX, h.run("LCS", "a", "a", "bogus"));
        assertEquals(SYNTAX, h.run("LCS", "a", "a", "MINMATCHLEN"));
        assertEquals(NOT_INT, h.run("LCS", "a", "a", "MINMATCHLEN", "x"));
        assertEquals("-ERR If you want both the length and indexes, please just use IDX.",
                h.run("LCS", "a", "a", "LEN", "IDX"));
        assertEquals("-ERR wrong number of arguments for 'lcs' command", h.run("LCS", "a"));
        CommandSpec spec = CommandTable.standard().lookup(Replies.argv("lcs")[0]);
        assertEquals(2, spec.lastKey());
    }
}
