package io.redraft.command;

import static io.redraft.command.DataHarness.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ObjectCommandsTest {
    DataHarness h;

    @BeforeEach
    void setUp() {
        h = new DataHarness();
    }

    String enc(String key) {
        return h.run("OBJECT", "ENCODING", key);
    }

    @Test
    void stringEncodingsFollowRedisRules() {
        h.run("SET", "i", "-9223372036854775808");
        h.run("SET", "e", "x".repeat(44));
        h.run("SET", "r", "x".repeat(45));
        h.run("SET", "z", "012");
        h.run("SET", "empty", "");
        assertEquals("\"int\"", enc("i"));
        assertEquals("\"embstr\"", enc("e"));
        assertEquals("\"raw\"", enc("r"));
        assertEquals("\"embstr\"", enc("z"));
        assertEquals("\"embstr\"", enc("empty"));
        assertEquals("(nil)", enc("missing"));
    }

    @Test
    void collectionEncodingsFollowDefaultThresholds() {
        h.run("RPUSH", "l", "a");
        assertEquals("\"quicklist\"", enc("l"));

        h.run("SADD", "s", "1", "-2");
        assertEquals("\"intset\"", enc("s"));
        h.run("SADD", "s", "x");
        assertEquals("\"hashtable\"", enc("s"));
        for (int i = 0; i < 513; i++) {
            h.run("SADD", "big", Integer.toString(i));
        }
        assertEquals("\"hashtable\"", enc("big"));
        h.run("SREM", "big", "0");
        assertEquals("\"intset\"", enc("big")); // by contents: 512 integers

        h.run("HSET", "h", "f", "v".repeat(64));
        assertEquals("\"listpack\"", enc("h"));
        h.run("HSET", "h", "f", "v".repeat(65));
        assertEquals("\"hashtable\"", enc("h"));
        for (int i = 0; i < 512; i++) {
            h.run("HSET", "h2", "f" + i, "v");
        }
        assertEquals("\"listpack\"", enc("h2"));
        h.run("HSET", "h2", "one-more", "v");
        assertEquals("\"hashtable\"", enc("h2"));
        for (int i = 0; i < 129; i++) {
            h.run("ZADD", "z2", Integer.toString(i), "m" + i);
        }
        assertEquals("\"skiplist\"", enc("z2"));

        h.run("ZADD", "z", "1", "m".repeat(64));
        assertEquals("\"listpack\"", enc("z"));
        h.run("ZADD", "z", "1", "m".repeat(65));
        assertEquals("\"skiplist\"", enc("z"));
    }

    @Test
    void refcountIsOneExceptSharedIntegers() {
        h.run("SET", "small", "9999");
        h.run("SET", "big", "10000");
        h.run("SET", "neg", "-1");
        h.run("RPUSH", "l", "1");
        assertEquals(":2147483647", h.run("OBJECT", "REFCOUNT", "small"));
        assertEquals(":1", h.run("OBJECT", "REFCOUNT", "big"));
        assertEquals(":1", h.run("OBJECT", "REFCOUNT", "neg"));
        assertEquals(":1", h.run("OBJECT", "REFCOUNT", "l"));
        assertEquals("(nil)", h.run("OBJECT", "REFCOUNT", "missing"));
    }

    @Test
    void idletimeCountsFromTheLastLookupNotFromObjectItself() {
        h.run("SET", "k", "v");
        assertEquals(":0", h.run("OBJECT", "IDLETIME", "k"));
        assertEquals(":12", h.runAt(T0 + 12_500, "OBJECT", "IDLETIME", "k"));
        assertEquals(":12", h.runAt(T0 + 12_900, "OBJECT", "IDLETIME", "k")); // OBJECT doesn't touch
        h.runAt(T0 + 20_000, "GET", "k");
        assertEquals(":3", h.runAt(T0 + 23_000, "OBJECT", "IDLETIME", "k"));
        h.runAt(T0 + 30_000, "APPEND", "k", "w");
        assertEquals(":0", h.runAt(T0 + 30_000, "OBJECT", "IDLETIME", "k"));
        assertEquals("(nil)", h.run("OBJECT", "IDLETIME", "missing"));
    }

    @Test
    void freqNeedsAnLfuPolicy() {
        h.run("SET", "k", "v");
        assertEquals("-ERR An LFU maxmemory policy is not selected, access frequency not tracked. Please note that "
                + "when switching between policies at runtime LRU and LFU data will take some time to adjust.",
                h.run("OBJECT", "FREQ", "k"));
        assertEquals("(nil)", h.run("OBJECT", "FREQ", "missing"));
    }

    @Test
    void containerErrorsAndHelp() {
        assertEquals("-ERR wrong number of arguments for 'object' command", h.run("OBJECT"));
        assertEquals("-ERR wrong number of arguments for 'object|encoding' command", h.run("OBJECT", "ENCODING"));
        assertEquals("-ERR wrong number of arguments for 'object|help' command", h.run("OBJECT", "HELP", "x"));
        assertEquals("-ERR unknown subcommand 'foo'. Try OBJECT HELP.", h.run("OBJECT", "foo", "k"));
        String help = h.run("object", "help");
        assertTrue(help.startsWith("[+OBJECT <subcommand> [<arg> [value] [opt] ...]. Subcommands are:, "
                + "+ENCODING <key>, "), help);
        assertTrue(help.endsWith("+    <key>., +HELP, +    Prints this help.]"), help);
    }
}
