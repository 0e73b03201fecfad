package io.redraft.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** CONFIG for maxmemory, CLIENT KILL / LIST / NO-EVICT, WAIT's argument errors, MEMORY USAGE. */
class ServerOpsCommandsTest {
    private final TestSession session = new TestSession(7);

    @Test
    void configSetAndGetMaxmemory() {
        assertEquals("-ERR CONFIG SET failed (possibly related to argument 'maxmemory') - Redraft cannot change "
                + "this parameter at run time", session.run("CONFIG", "SET", "maxmemory", "1gb"));
        session.node.memory = new MemoryLimit(0, EvictionPolicy.NOEVICTION, () -> 0);
        assertEquals("+OK", session.run("CONFIG", "SET", "maxmemory", "1gb", "maxmemory-policy", "allkeys-lru"));
        assertEquals("{\"maxmemory\"=\"1073741824\", \"maxmemory-policy\"=\"allkeys-lru\"}",
                session.run("CONFIG", "GET", "maxmemory*"));
        assertEquals("-ERR CONFIG SET failed (possibly related to argument 'maxmemory') - argument must be a memory value",
                session.run("CONFIG", "SET", "maxmemory", "-1"));
        assertEquals("-ERR CONFIG SET failed (possibly related to argument 'maxmemory-policy') - argument(s) must be "
                + "one of the following: " + EvictionPolicy.CHOICES, session.run("CONFIG", "SET", "maxmemory-policy", "x"));
        assertEquals("-ERR CONFIG SET failed (possibly related to argument 'maxmemory') - duplicate parameter",
                session.run("CONFIG", "SET", "maxmemory", "1", "maxmemory", "2"));
        // all or nothing: a bad second pair leaves the first unapplied
        assertEquals("-ERR CONFIG SET failed (possibly related to argument 'maxmemory-policy') - argument(s) must be "
                + "one of the following: " + EvictionPolicy.CHOICES,
                session.run("CONFIG", "SET", "maxmemory", "5", "maxmemory-policy", "lfu"));
        assertEquals(1L << 30, session.node.memory.maxBytes());
        assertEquals("-ERR Unknown option or number of arguments for CONFIG SET - 'nope'",
                session.run("CONFIG", "SET", "nope", "1"));
    }

    @Test
    void clientKillErrorsAsRedis() {
        assertEquals("-ERR No such client", session.run("CLIENT", "KILL", "1.2.3.4:5"));
        assertEquals("-ERR No such client", session.run("CLIENT", "KILL", "id"));
        assertEquals(":0", session.run("CLIENT", "KILL", "ID", "999"));
        assertEquals("-ERR syntax error", session.run("CLIENT", "KILL", "foo", "bar"));
        assertEquals("-ERR client-id should be greater than 0", session.run("CLIENT", "KILL", "ID", "abc"));
        assertEquals("-ERR Unknown client type 'xx'", session.run("CLIENT", "KILL", "TYPE", "xx"));
        assertEquals("-ERR syntax error", session.run("CLIENT", "KILL", "SKIPME", "maybe"));
        assertEquals("-ERR No such user 'nobody'", session.run("CLIENT", "KILL", "USER", "nobody"));
        assertEquals(":0", session.run("CLIENT", "KILL", "ID", "7")); // SKIPME yes by default
        assertEquals(":0", session.run("CLIENT", "KILL", "TYPE", "master", "SKIPME", "no"));
        assertEquals(":1", session.run("CLIENT", "KILL", "ID", "7", "SKIPME", "no"));
        assertTrue(session.closing);
    }

    @Test
    void oldFormKillsTheCallerToo() {
        assertEquals("+OK", session.run("CLIENT", "KILL", "127.0.0.1:50000"));
        assertTrue(session.closing);
    }

    @Test
    void clientFlags() {
        assertEquals("+OK", session.run("CLIENT", "NO-EVICT", "on"));
        assertEquals("-ERR syntax error", session.run("CLIENT", "NO-TOUCH", "maybe"));
        assertTrue(session.run("CLIENT", "LIST").contains(" id=7 ") || session.run("CLIENT", "LIST").contains("id=7 "));
        assertTrue(session.run("CLIENT", "LIST", "ID", "7").contains("id=7 "));
        assertEquals("=txt:", session.run("CLIENT", "LIST", "TYPE", "pubsub"));
        assertEquals("-ERR Invalid client ID", session.run("CLIENT", "LIST", "ID", "0"));
    }

    @Test
    void waitArgumentErrors() {
        assertEquals("-ERR value is not an integer or out of range", session.run("WAIT", "x", "0"));
        assertEquals("-ERR timeout is not an integer or out of range", session.run("WAIT", "0", "x"));
        assertEquals("-ERR timeout is negative", session.run("WAIT", "0", "-1"));
    }

    @Test
    void memoryUsage() {
        session.node.data.write(0, Replies.argv("SET", "k", "x".repeat(100))).toCompletableFuture().join();
        String usage = session.run("MEMORY", "USAGE", "k");
        assertTrue(usage.startsWith(":") && Long.parseLong(usage.substring(1)) > 100, usage);
        assertEquals("(nil)", session.run("MEMORY", "USAGE", "missing"));
        assertEquals(usage, session.run("MEMORY", "USAGE", "k", "SAMPLES", "0"));
        assertEquals("-ERR value is not an integer or out of range", session.run("MEMORY", "USAGE", "k", "SAMPLES", "x"));
        assertEquals("-ERR syntax error", session.run("MEMORY", "USAGE", "k", "FOO"));
    }
}
