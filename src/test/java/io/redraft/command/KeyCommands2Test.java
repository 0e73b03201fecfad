package io.redraft.command;

import static io.redraft.command.DataHarness.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.redraft.resp.Reply;
import io.redraft.store.Entry;
import io.redraft.store.Key;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class KeyCommands2Test {
    DataHarness h;

    @BeforeEach
    void setUp() {
        h = new DataHarness();
    }

    Entry entry(int db, String key) {
        return h.store.db(db).entries().get(Key.of(key));
    }

    @Test
    void unlinkIsDel() {
        h.run("MSET", "a", "1", "b", "2");
        h.run("SET", "gone", "x", "PX", "5");
        assertEquals(":2", h.runAt(T0 + 5, "UNLINK", "a", "b", "a", "missing", "gone"));
        assertFalse(h.store.db(0).entries().containsKey(Key.of("gone")));
        assertEquals("-ERR wrong number of arguments for 'unlink' command", h.run("UNLINK"));
    }

    @Test
    void touchCountsLiveKeys() {
        h.run("MSET", "a", "1", "b", "2");
        h.run("SET", "t", "x", "PX", "10");
        assertEquals(":4", h.run("TOUCH", "a", "a", "b", "nope", "t"));
        assertEquals(":3", h.runAt(T0 + 10, "TOUCH", "a", "a", "b", "nope", "t"));
        assertEquals("-ERR wrong number of arguments for 'touch' command", h.run("TOUCH"));
    }

    @Test
    void renameMovesValueAndTtl() {
        h.run("SET", "a", "1", "PX", "1000");
        h.run("SET", "b", "old");
        assertEquals("+OK", h.run("RENAME", "a", "b"));
        assertEquals("(nil)", h.run("GET", "a"));
        assertEquals("\"1\"", h.run("GET", "b"));
        assertEquals(T0 + 1000, entry(0, "b").expireAt());
        assertEquals(1, h.store.db(0).volatileCount());
        // a persistent source clears the destination's TTL
        h.run("SET", "p", "v");
        assertEquals("+OK", h.run("RENAME", "p", "b"));
        assertEquals(Entry.NO_EXPIRY, entry(0, "b").expireAt());
        assertEquals(0, h.store.db(0).volatileCount());
        assertEquals("-ERR no such key", h.run("RENAME", "missing", "x"));
        assertEquals("-ERR no such key", h.run("RENAME", "missing", "missing"));
        assertEquals("+OK", h.run("RENAME", "b", "b"));
        assertEquals("\"v\"", h.run("GET", "b"));
        h.run("SET", "e", "x", "PX", "5");
        assertEquals("-ERR no such key", h.runAt(T0 + 5, "RENAME", "e", "f"));
        assertEquals("-ERR wrong number of arguments for 'rename' command", h.run("RENAME", "b"));
    }

    @Test
    void renamenx() {
        h.run("MSET", "a", "1", "b", "2");
        assertEquals(":0", h.run("RENAMENX", "a", "b"));
        assertEquals("\"1\"", h.run("GET", "a"));
        assertEquals(":0", h.run("RENAMENX", "a", "a"));
        assertEquals("-ERR no such key", h.run("RENAMENX", "nope", "a"));
        h.run("SET", "a", "1", "PX", "100");
        assertEquals(":1", h.run("RENAMENX", "a", "c"));
        assertEquals(T0 + 100, entry(0, "c").expireAt());
        // an expired destination does not block
        h.run("SET", "d", "x", "PX", "5");
        h.run("SET", "s", "y");
        assertEquals(":1", h.runAt(T0 + 5, "RENAMENX", "s", "d"));
        assertEquals("\"y\"", h.runAt(T0 + 5, "GET", "d"));
        assertEquals(Entry.NO_EXPIRY, entry(0, "d").expireAt());
    }

    @Test
    void copyStringsAndOptions() {
        h.run("SET", "a", "1", "PX", "500");
        assertEquals(":1", h.run("COPY", "a", "b"));
        assertEquals("\"1\"", h.run("GET", "b"));
        assertEquals(T0 + 500, entry(0, "b").expireAt());
        assertEquals(":0", h.run("COPY", "a", "b"));
        h.run("SET", "a", "2");
        assertEquals(":1", h.run("COPY", "a", "b", "REPLACE"));
        assertEquals("\"2\"", h.run("GET", "b"));
        assertEquals(Entry.NO_EXPIRY, entry(0, "b").expireAt());
        assertEquals(":0", h.run("COPY", "missing", "b"));
        assertEquals("-ERR source and destination objects are the same", h.run("COPY", "a", "a"));
        assertEquals(":1", h.run("COPY", "a", "a", "DB", "3"));
        assertEquals("\"2\"", Replies.show(readIn(3, "GET", "a")));
        assertEquals(":0", h.run("COPY", "a", "a", "db", "3"));
        assertEquals(":1", h.run("COPY", "a", "a", "db", "3", "replace"));
        assertEquals("-ERR DB index is out of range", h.run("COPY", "a", "x", "DB", "16"));
        assertEquals("-ERR DB index is out of range", h.run("COPY", "a", "x", "DB", "-1"));
        assertEquals("-ERR value is not an integer or out of range", h.run("COPY", "a", "x", "DB", "x"));
        assertEquals("-ERR value is not an integer or out of range", h.run("COPY", "a", "x", "DB", "99999999999"));
        assertEquals("-ERR syntax error", h.run("COPY", "a", "x", "DB"));
        assertEquals("-ERR syntax error", h.run("COPY", "a", "x", "NOW"));
        assertEquals("-ERR wrong number of arguments for 'copy' command", h.run("COPY", "a"));
    }

    Reply readIn(int db, String... args) {
        int saved = h.db;
        h.db = db;
        try {
            return h.at(T0, args);
        } finally {
            h.db = saved;
        }
    }

    @Test
    void copyDeepCopiesCollections() {
        h.run("HSET", "h", "f", "1", "g", "2");
        h.run("RPUSH", "l", "a", "b");
        h.run("SADD", "s", "x", "y");
        h.run("ZADD", "z", "1", "m", "2", "n");
        for (String k : List.of("h", "l", "s", "z")) {
            assertEquals(":1", h.run("COPY", k, k + "2"));
            assertNotSame(entry(0, k).value(), entry(0, k + "2").value());
        }
        h.run("HSET", "h2", "f", "changed");
        h.run("RPUSH", "l2", "c");
        h.run("SADD", "s2", "z");
        h.run("ZADD", "z2", "5", "m");
        assertEquals("\"1\"", h.run("HGET", "h", "f"));
        assertEquals("\"changed\"", h.run("HGET", "h2", "f"));
        assertEquals("[\"a\", \"b\"]", h.run("LRANGE", "l", "0", "-1"));
        assertEquals("[\"a\", \"b\", \"c\"]", h.run("LRANGE", "l2", "0", "-1"));
        assertEquals(":2", h.run("SCARD", "s"));
        assertEquals(":3", h.run("SCARD", "s2"));
        assertEquals(h.run("ZSCORE", "z", "m").replace("1", "5"), h.run("ZSCORE", "z2", "m"));
        assertEquals("[\"m\", \"n\"]", h.run("ZRANGE", "z", "0", "-1"));
        assertEquals("+hash", h.run("TYPE", "h2"));
    }

    @Test
    void keysMatchesGlobAndSkipsExpired() {
        h.run("MSET", "one", "1", "two", "2", "three", "3");
        h.run("SET", "tmp", "x", "PX", "5");
        assertEquals("[\"one\", \"three\", \"tmp\", \"two\"]", h.run("KEYS", "*"));
        assertEquals("[\"three\", \"two\"]", h.run("KEYS", "t[hw]*"));
        assertEquals("[\"one\", \"three\", \"two\"]", h.runAt(T0 + 5, "KEYS", "*"));
        assertEquals("[]", h.run("KEYS", "z*"));
        assertEquals("-ERR wrong number of arguments for 'keys' command", h.run("KEYS"));
    }

    /** Runs a full SCAN and returns every key seen, with repeats. */
    List<String> fullScan(String... opts) {
        List<String> seen = new ArrayList<>();
        String cursor = "0";
        int calls = 0;
        do {
            String[] args = new String[2 + opts.length];
            args[0] = "SCAN";
            args[1] = cursor;
            System.arraycopy(opts, 0, args, 2, opts.length);
            Reply.Array r = (Reply.Array) h.at(T0, args);
            cursor = new String(((Reply.Bulk) r.items().get(0)).value(), StandardCharsets.UTF_8);
            for (Reply k : ((Reply.Array) r.items().get(1)).items()) {
                seen.add(new String(((Reply.Bulk) k).value(), StandardCharsets.UTF_8));
            }
            assertTrue(++calls < 10_000);
        } while (!cursor.equals("0"));
        return seen;
    }

    @Test
    void scanVisitsEveryKeyOnce() {
        for (int i = 0; i < 500; i++) {
            h.run("SET", "k" + i, "v");
        }
        h.run("HSET", "hash1", "f", "v");
        List<String> all = fullScan("COUNT", "7");
        assertEquals(501, all.size());
        assertEquals(501, new HashSet<>(all).size());
        assertEquals(List.of("hash1"), fullScan("TYPE", "HASH"));
        assertEquals(List.of(), fullScan("TYPE", "nosuchtype"));
        List<String> matched = fullScan("MATCH", "k1?", "COUNT", "3");
        assertEquals(Set.of("k10", "k11", "k12", "k13", "k14", "k15", "k16", "k17", "k18", "k19"),
                new HashSet<>(matched));
        assertEquals(10, matched.size());
    }

    @Test
    void scanSurvivesConcurrentChangesAndIsReplicaIndependent() {
        for (int i = 0; i < 300; i++) {
            h.run("SET", "stable" + i, "v");
        }
        // a second "replica" with the same keys inserted in a different order
        DataHarness other = new DataHarness();
        for (int i = 299; i >= 0; i--) {
            other.run("SET", "stable" + i, "v");
        }
        Set<String> seen = new HashSet<>();
        String cursor = "0";
        int round = 0;
        do {
            DataHarness replica = round % 2 == 0 ? h : other;
            Reply.Array r = (Reply.Array) replica.at(T0, "SCAN", cursor, "COUNT", "5");
            cursor = new String(((Reply.Bulk) r.items().get(0)).value(), StandardCharsets.UTF_8);
            for (Reply k : ((Reply.Array) r.items().get(1)).items()) {
                seen.add(new String(((Reply.Bulk) k).value(), StandardCharsets.UTF_8));
            }
            // churn: add and delete other keys between calls, on both replicas
            for (DataHarness d : List.of(h, other)) {
                d.run("SET", "churn" + round, "x");
                d.run("DEL", "churn" + (round - 3));
            }
            round++;
        } while (!cursor.equals("0"));
        for (int i = 0; i < 300; i++) {
            assertTrue(seen.contains("stable" + i), "stable" + i);
        }
    }

    @Test
    void scanErrorsAndEdgeCases() {
        assertEquals("[\"0\", []]", h.run("SCAN", "0"));
        h.run("SET", "a", "1");
        h.run("SET", "gone", "x", "PX", "5");
        assertEquals("[\"0\", [\"a\"]]", h.runAt(T0 + 5, "SCAN", "0"));
        assertEquals("-ERR invalid cursor", h.run("SCAN", "x"));
        assertEquals("-ERR invalid cursor", h.run("SCAN", " 1"));
        assertEquals("-ERR syntax error", h.run("SCAN", "0", "COUNT", "0"));
        assertEquals("-ERR value is not an integer or out of range", h.run("SCAN", "0", "COUNT", "x"));
        assertEquals("-ERR syntax error", h.run("SCAN", "0", "MATCH"));
        assertEquals("-ERR syntax error", h.run("SCAN", "0", "FOO", "bar"));
        assertEquals("-ERR wrong number of arguments for 'scan' command", h.run("SCAN"));
        // a cursor past every hash ends the scan
        assertEquals("[\"0\", []]", h.run("SCAN", "18446744073709551615"));
    }

    @Test
    void randomkey() {
        assertEquals("(nil)", h.run("RANDOMKEY"));
        h.run("SET", "gone", "x", "PX", "5");
        assertEquals("(nil)", h.runAt(T0 + 5, "RANDOMKEY"));
        h.run("MSET", "a", "1", "b", "2");
        Map<String, Integer> counts = new HashMap<>();
        for (int i = 0; i < 200; i++) {
            counts.merge(h.runAt(T0 + 5, "RANDOMKEY"), 1, Integer::sum);
        }
        assertEquals(Set.of("\"a\"", "\"b\""), counts.keySet());
        assertEquals("-ERR wrong number of arguments for 'randomkey' command", h.run("RANDOMKEY", "x"));
    }

    @Test
    void expiretime() {
        assertEquals(":-2", h.run("EXPIRETIME", "nope"));
        assertEquals(":-2", h.run("PEXPIRETIME", "nope"));
        h.run("SET", "p", "v");
        assertEquals(":-1", h.run("EXPIRETIME", "p"));
        assertEquals(":-1", h.run("PEXPIRETIME", "p"));
        h.run("SET", "t", "v", "PX", "1500");
        assertEquals(":" + (T0 + 1500), h.run("PEXPIRETIME", "t"));
        assertEquals(":" + ((T0 + 1500) / 1000), h.run("EXPIRETIME", "t"));
        assertEquals(":-2", h.runAt(T0 + 1500, "PEXPIRETIME", "t"));
        assertEquals("-ERR wrong number of arguments for 'expiretime' command", h.run("EXPIRETIME"));
    }
}
