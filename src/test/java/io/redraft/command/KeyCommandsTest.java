package io.redraft.command;

import static io.redraft.command.DataHarness.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.redraft.store.Entry;
import io.redraft.store.Key;
import java.util.ArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class KeyCommandsTest {
    DataHarness h;

    @BeforeEach
    void setUp() {
        h = new DataHarness();
    }

    long expireAt(String key) {
        Entry e = h.store.db(h.db).entries().get(Key.of(key));
        return e == null ? Long.MIN_VALUE : e.expireAt();
    }

    boolean stored(String key) {
        return h.store.db(h.db).entries().containsKey(Key.of(key));
    }

    @Test
    void delCountsDistinctLiveKeys() {
        h.run("MSET", "a", "1", "b", "2", "c", "3");
        h.run("SET", "gone", "x", "PX", "5");
        assertEquals(":2", h.runAt(T0 + 5, "DEL", "a", "b", "a", "missing", "gone"));
        assertFalse(stored("gone"), "the expired key was removed by the write");
        assertEquals(":1", h.run("DELETE", "c"));
        assertEquals(":0", h.run("del", "c"));
        assertEquals("-ERR wrong number of arguments for 'del' command", h.run("DEL"));
        assertEquals("-ERR wrong number of arguments for 'delete' command", h.run("DELETE"));
    }

    @Test
    void existsCountsRepeats() {
        h.run("MSET", "a", "1", "b", "2");
        h.run("SET", "t", "x", "PX", "10");
        assertEquals(":4", h.run("EXISTS", "a", "a", "b", "nope", "t"));
        assertEquals(":3", h.runAt(T0 + 10, "EXISTS", "a", "a", "b", "nope", "t"));
        assertTrue(stored("t"), "reads never delete");
    }

    @Test
    void dbsizeAndFlush() {
        h.run("MSET", "a", "1", "b", "2");
        h.db = 1;
        h.run("SET", "c", "3");
        assertEquals(":1", h.run("DBSIZE"));
        assertEquals("+OK", h.run("FLUSHDB"));
        assertEquals(":0", h.run("DBSIZE"));
        h.db = 0;
        assertEquals(":2", h.run("DBSIZE"));
        h.db = 2;
        h.run("SET", "x", "1");
        assertEquals("+OK", h.run("FLUSHALL", "ASYNC"));
        for (int i = 0; i < 16; i++) {
            assertEquals(0, h.store.db(i).size());
        }
        assertEquals("+OK", h.run("flushall", "sync"));
        assertEquals("+OK", h.run("FLUSHDB", "async"));
        assertEquals("-ERR syntax error", h.run("FLUSHALL", "now"));
        assertEquals("-ERR syntax error", h.run("FLUSHDB", "SYNC", "ASYNC"));
    }

    @Test
    void dbsizeCountsExpiredKeysNotYetRemoved() {
        h.run("SET", "t", "x", "PX", "10");
        assertEquals(":1", h.runAt(T0 + 20, "DBSIZE"));
        h.store.db(0).removeExpired(T0 + 20);
        assertEquals(":0", h.runAt(T0 + 20, "DBSIZE"));
    }

    @Test
    void expireVariants() {
        h.run("MSET", "a", "1", "b", "2", "c", "3", "d", "4");
        assertEquals(":1", h.run("EXPIRE", "a", "100"));
        assertEquals(T0 + 100_000, expireAt("a"));
        assertEquals(":1", h.run("PEXPIRE", "b", "1500"));
        assertEquals(T0 + 1500, expireAt("b"));
        assertEquals(":1", h.run("EXPIREAT", "c", "1800000000"));
        assertEquals(1_800_000_000_000L, expireAt("c"));
        assertEquals(":1", h.run("PEXPIREAT", "d", "1800000000001"));
        assertEquals(1_800_000_000_001L, expireAt("d"));
        assertEquals(":0", h.run("EXPIRE", "missing", "100"));
        assertEquals(":0", h.run("PEXPIREAT", "missing", "1800000000001"));
    }

    @Test
    void expireInThePastDeletes() {
        h.run("MSET", "a", "1", "b", "2", "c", "3", "d", "4");
        assertEquals(":1", h.run("EXPIRE", "a", "0"));
        assertEquals(":1", h.run("PEXPIRE", "b", "-5"));
        assertEquals(":1", h.run("EXPIREAT", "c", "1"));
        assertEquals(":1", h.run("PEXPIREAT", "d", String.valueOf(T0)));
        for (String k : new String[] {"a", "b", "c", "d"}) {
            assertFalse(stored(k), k);
        }
        assertEquals(":0", h.run("DBSIZE"));
    }

    @Test
    void expireOptions() {
        h.run("SET", "k", "v");
        assertEquals(":0", h.run("EXPIRE", "k", "100", "XX"));
        assertEquals(":0", h.run("EXPIRE", "k", "100", "GT"), "no TTL counts as infinite for GT");
        assertEquals(":1", h.run("EXPIRE", "k", "100", "LT"), "no TTL counts as infinite for LT");
        assertEquals(":0", h.run("EXPIRE", "k", "200", "NX"));
        assertEquals(":1", h.run("EXPIRE", "k", "200", "xx"));
        assertEquals(T0 + 200_000, expireAt("k"));
        assertEquals(":0", h.run("EXPIRE", "k", "200", "GT"));
        assertEquals(":1", h.run("EXPIRE", "k", "300", "GT"));
        assertEquals(":0", h.run("EXPIRE", "k", "300", "LT"));
        assertEquals(":1", h.run("EXPIRE", "k", "250", "LT", "XX"));
        assertEquals(T0 + 250_000, expireAt("k"));
        h.run("PERSIST", "k");
        assertEquals(":1", h.run("EXPIRE", "k", "10", "NX"));
        assertEquals(":0", h.run("EXPIRE", "missing", "10", "NX"));
    }

    @Test
    void expireOptionErrors() {
        h.run("SET", "k", "v");
        assertEquals("-ERR NX and XX, GT or LT options at the same time are not compatible",
                h.run("EXPIRE", "k", "10", "NX", "XX"));
        assertEquals("-ERR NX and XX, GT or LT options at the same time are not compatible",
                h.run("PEXPIRE", "k", "10", "GT", "NX"));
        assertEquals("-ERR GT and LT options at the same time are not compatible",
                h.run("EXPIREAT", "k", "10", "GT", "LT"));
        assertEquals("-ERR Unsupported option foo", h.run("EXPIRE", "k", "10", "foo"));
        assertEquals("-ERR Unsupported option Bar", h.run("EXPIRE", "k", "notanumber", "Bar"),
                "options are checked before the time");
        assertEquals("-ERR value is not an integer or out of range", h.run("EXPIRE", "k", "1.5"));
        assertEquals(Entry.NO_EXPIRY, expireAt("k"));
    }

    @Test
    void expireOverflow() {
        h.run("SET", "k", "v");
        assertEquals("-ERR invalid expire time in 'expire' command", h.run("EXPIRE", "k", "9223372036854776"));
        assertEquals("-ERR invalid expire time in 'expire' command", h.run("EXPIRE", "k", "-9223372036854776"));
        assertEquals("-ERR invalid expire time in 'expire' command",
                h.run("EXPIRE", "k", "9223372036854775"), "fits in ms but not after adding now");
        assertEquals("-ERR invalid expire time in 'pexpire' command",
                h.run("PEXPIRE", "k", "9223372036854775807"));
        assertEquals("-ERR invalid expire time in 'expireat' command",
                h.run("EXPIREAT", "k", "9223372036854776"));
        assertEquals(":1", h.run("PEXPIREAT", "k", "9223372036854775807"));
        assertEquals(Long.MAX_VALUE, expireAt("k"));
        assertEquals("-ERR invalid expire time in 'expire' command", h.run("EXPIRE", "missing", "9223372036854776"),
                "checked before the key lookup");
    }

    @Test
    void ttlAndPttl() {
        assertEquals(":-2", h.run("TTL", "k"));
        assertEquals(":-2", h.run("PTTL", "k"));
        h.run("SET", "k", "v");
        assertEquals(":-1", h.run("TTL", "k"));
        assertEquals(":-1", h.run("PTTL", "k"));
        h.run("PEXPIRE", "k", "10499");
        assertEquals(":10499", h.run("PTTL", "k"));
        assertEquals(":10", h.run("TTL", "k"));
        assertEquals(":11", h.runAt(T0 - 1, "TTL", "k"), "rounds half up: 10.5 s -> 11");
        assertEquals(":1", h.runAt(T0 + 10_498, "PTTL", "k"));
        assertEquals(":0", h.runAt(T0 + 10_498, "TTL", "k"));
        assertEquals(":-2", h.runAt(T0 + 10_499, "TTL", "k"));
        assertEquals(":-2", h.runAt(T0 + 10_499, "PTTL", "k"));
    }

    @Test
    void persist() {
        assertEquals(":0", h.run("PERSIST", "k"));
        h.run("SET", "k", "v");
        assertEquals(":0", h.run("PERSIST", "k"));
        h.run("EXPIRE", "k", "10");
        assertEquals(":1", h.run("PERSIST", "k"));
        assertEquals(":-1", h.run("TTL", "k"));
        assertEquals(0, h.store.db(0).volatileCount());
        h.run("EXPIRE", "k", "10");
        assertEquals(":0", h.runAt(T0 + 10_000, "PERSIST", "k"));
        assertFalse(stored("k"));
    }

    @Test
    void type() {
        assertEquals("+none", h.run("TYPE", "k"));
        h.run("SET", "k", "v", "PX", "10");
        assertEquals("+string", h.run("TYPE", "k"));
        assertEquals("+none", h.runAt(T0 + 10, "TYPE", "k"));
    }

    @Test
    void wrongTypeValuesCanStillBeDeletedAndExpired() {
        h.store.db(0).put(Key.of("list"), new ArrayList<byte[]>(), Entry.NO_EXPIRY);
        assertEquals(":1", h.run("EXISTS", "list"));
        assertEquals(":1", h.run("EXPIRE", "list", "10"));
        assertEquals(":1", h.run("PERSIST", "list"));
        assertEquals(":1", h.run("DEL", "list"));
    }
}
