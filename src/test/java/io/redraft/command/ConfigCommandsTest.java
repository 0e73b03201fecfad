package io.redraft.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ConfigCommandsTest {
    final TestSession s = new TestSession(1);

    @Test
    void getReportsWhatRedraftActuallyDoes() {
        assertEquals("{\"appendonly\"=\"yes\"}", s.run("CONFIG", "GET", "appendonly"));
        assertEquals("{\"save\"=\"\"}", s.run("CONFIG", "GET", "SAVE"));
        assertEquals("{\"appendonly\"=\"yes\", \"appendfsync\"=\"always\"}", s.run("CONFIG", "GET", "append*"));
        assertEquals("{\"databases\"=\"16\"}", s.run("CONFIG", "GET", "databases", "data*"));
        assertEquals("{}", s.run("CONFIG", "GET", "no-such-parameter"));
    }

    @Test
    void setIsRefusedWithRedisErrors() {
        assertEquals("-ERR Unknown option or number of arguments for CONFIG SET - 'nope'",
                s.run("CONFIG", "SET", "nope", "1"));
        assertTrue(s.run("CONFIG", "SET", "maxmemory", "100mb").startsWith("-ERR CONFIG SET failed"));
        assertEquals("-ERR wrong number of arguments for 'config|set' command",
                s.run("CONFIG", "SET", "maxmemory", "1", "save"));
    }

    @Test
    void clientLimitsChangeAtRunTime() {
        s.node.limits = new ConnectionLimits(10_000, 0);
        assertEquals("{\"maxclients\"=\"10000\"}", s.run("CONFIG", "GET", "maxclients"));
        assertEquals("+OK", s.run("CONFIG", "SET", "maxclients", "20", "timeout", "60"));
        assertEquals(20, s.node.limits.maxClients());
        assertEquals(60, s.node.limits.idleTimeoutSeconds());
        assertEquals("-ERR CONFIG SET failed (possibly related to argument 'maxclients') - argument must be "
                + "between 1 and 2147483647 inclusive", s.run("CONFIG", "SET", "maxclients", "0"));
        assertEquals("-ERR CONFIG SET failed (possibly related to argument 'timeout') - argument couldn't be "
                + "parsed into an integer", s.run("CONFIG", "SET", "timeout", "x"));
        assertEquals(60, s.node.limits.idleTimeoutSeconds(), "a refused CONFIG SET changes nothing");
    }
}
