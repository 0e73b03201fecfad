package io.redraft.command;

import static io.redraft.command.DataHarness.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.redraft.store.Key;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DatabaseCommandsTest {
    DataHarness h;

    @BeforeEach
    void setUp() {
        h = new DataHarness();
    }

    @Test
    void moveKeepsValueAndTtl() {
        h.run("SET", "k", "v", "PX", "5000");
        assertEquals(":1", h.run("MOVE", "k", "3"));
        assertEquals("(nil)", h.run("GET", "k"));
        h.db = 3;
        assertEquals("\"v\"", h.run("GET", "k"));
        assertEquals(":5000", h.run("PTTL", "k"));
        assertEquals(1, h.store.db(3).volatileCount());
        assertEquals(0, h.store.db(0).volatileCount());
    }

    @Test
    void moveAnswersZeroWhenMissingOrPresentInTarget() {
        assertEquals(":0", h.run("MOVE", "nope", "1"));
        h.run("SET", "k", "here");
        h.db = 1;
        h.run("SET", "k", "there");
        h.db = 0;
        assertEquals(":0", h.run("MOVE", "k", "1"));
        assertEquals("\"here\"", h.run("GET", "k"));
        // an expired key in the target does not block the move
        h.db = 2;
        h.run("SET", "k", "old", "PX", "10");
        h.db = 0;
        assertEquals(":1", h.runAt(T0 + 10, "MOVE", "k", "2"));
        h.db = 2;
        assertEquals("\"here\"", h.runAt(T0 + 10, "GET", "k"));
        // an expired source counts as missing
        h.run("SET", "gone", "x", "PX", "10");
        assertEquals(":0", h.runAt(T0 + 10, "MOVE", "gone", "0"));
    }

    @Test
    void moveErrorsAsRedis() {
        assertEquals("-ERR source and destination objects are the same", h.run("MOVE", "k", "0"));
        assertEquals("-ERR DB index is out of range", h.run("MOVE", "k", "16"));
        assertEquals("-ERR DB index is out of range", h.run("MOVE", "k", "-1"));
        assertEquals("-ERR value is not an integer or out of range", h.run("MOVE", "k", "a"));
        assertEquals("-ERR value is out of range, value must between -2147483648 and 2147483647",
                h.run("MOVE", "k", "99999999999"));
        assertEquals("-ERR wrong number of arguments for 'move' command", h.run("MOVE", "k"));
    }

    @Test
    void swapdbExchangesContents() {
        h.run("SET", "a", "0", "PX", "100");
        h.db = 5;
        h.run("SET", "b", "5");
        assertEquals("+OK", h.run("SWAPDB", "0", "5"));
        assertEquals("\"0\"", h.run("GET", "a")); // still db 5: it now holds db 0's keys
        assertEquals(":100", h.run("PTTL", "a"));
        h.db = 0;
        assertEquals("\"5\"", h.run("GET", "b"));
        assertEquals("+OK", h.run("SWAPDB", "3", "3"));
        assertEquals(1, h.store.db(5).volatileCount());
        assertEquals(true, h.store.db(5).entries().containsKey(Key.of("a")));
    }

    @Test
    void swapdbErrorsAsRedis() {
        assertEquals("-ERR invalid first DB index", h.run("SWAPDB", "a", "1"));
        assertEquals("-ERR invalid second DB index", h.run("SWAPDB", "1", "a"));
        assertEquals("-ERR invalid first DB index", h.run("SWAPDB", "99999999999", "1"));
        assertEquals("-ERR DB index is out of range", h.run("SWAPDB", "1", "16"));
        assertEquals("-ERR DB index is out of range", h.run("SWAPDB", "-1", "0"));
        assertEquals("-ERR wrong number of arguments for 'swapdb' command", h.run("SWAPDB", "1"));
    }
}
