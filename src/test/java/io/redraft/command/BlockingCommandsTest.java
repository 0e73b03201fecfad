package io.redraft.command;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The blocking pops as one logged attempt each (what they are in the log and inside MULTI):
 * replies and errors compared with redis-server 7.0.15.
 */
class BlockingCommandsTest {
    final DataHarness h = new DataHarness();

    @Test
    void blpopAndBrpopPopFromTheFirstNonEmptyList() {
        h.run("RPUSH", "l", "a", "b", "c");
        assertEquals("[\"l\", \"a\"]", h.run("BLPOP", "l", "0"));
        assertEquals("[\"l\", \"c\"]", h.run("BRPOP", "nokey", "l", "0"));
        assertEquals("[\"l\", \"b\"]", h.run("BLPOP", "l", "1.5"));
        assertEquals(":0", h.run("EXISTS", "l"));
        assertEquals("(nil)", h.run("BLPOP", "nokey", "l", "0"));
    }

    @Test
    void wrongTypeAnywhereBeforeAListIsAnError() {
        h.run("SET", "s", "x");
        h.run("RPUSH", "l", "a");
        String wrongType = "-WRONGTYPE Operation against a key holding the wrong kind of value";
        assertEquals(wrongType, h.run("BLPOP", "s", "l", "0"));
        assertEquals(wrongType, h.run("BLPOP", "nokey", "s", "0"));
        assertEquals(wrongType, h.run("BZPOPMIN", "s", "0"));
        assertEquals(wrongType, h.run("BRPOPLPUSH", "s", "d", "0"));
        assertEquals(wrongType, h.run("BRPOPLPUSH", "l", "s", "0"));
        assertEquals("[\"l\", \"a\"]", h.run("BLPOP", "l", "s", "0"));
    }

    @Test
    void timeoutIsADoubleInSecondsAndChecked() {
        String notFloat = "-ERR timeout is not a float or out of range";
        String negative = "-ERR timeout is negative";
        assertEquals(notFloat, h.run("BLPOP", "l", "x"));
        assertEquals(notFloat, h.run("BLPOP", "l", "nan"));
        assertEquals(notFloat, h.run("BLPOP", "l", " 1"));
        assertEquals(negative, h.run("BLPOP", "l", "-1"));
        assertEquals(negative, h.run("BZPOPMIN", "z", "-1"));
        assertEquals(negative, h.run("BLMPOP", "-1", "1", "l", "LEFT"));
        // x87: ceill(inf or 1e30 * 1000) converts to LLONG_MIN, which Redis 7.0 calls negative
        assertEquals(negative, h.run("BLPOP", "l", "inf"));
        assertEquals(negative, h.run("BLPOP", "l", "-inf"));
        assertEquals(negative, h.run("BLPOP", "l", "1e30"));
        assertEquals("(nil)", h.run("BLPOP", "l", "0x10"));
        assertEquals("(nil)", h.run("BLPOP", "l", "-0.0001")); // ceil gives 0: forever
    }

    @Test
    void timeoutParsing() {
        assertEquals(0, BlockingTimeout.parse(Replies.argv("0")[0]).millis());
        assertEquals(1500, BlockingTimeout.parse(Replies.argv("1.5")[0]).millis());
        assertEquals(1, BlockingTimeout.parse(Replies.argv("0.0001")[0]).millis());
        assertEquals(1, BlockingTimeout.parse(Replies.argv("1e-400")[0]).millis());
        assertEquals(0, BlockingTimeout.parse(Replies.argv("-0.0001")[0]).millis());
        assertEquals(TimeUnit.SECONDS.toMillis(16), BlockingTimeout.parse(Replies.argv("0x10")[0]).millis());
        assertEquals(9223372036854775000L, BlockingTimeout.parse(Replies.argv("9223372036854775")[0]).millis());
    }

    @Test
    void moves() {
        h.run("RPUSH", "l", "a", "b", "c");
        assertEquals("\"c\"", h.run("BRPOPLPUSH", "l", "d", "0"));
        assertEquals("\"a\"", h.run("BLMOVE", "l", "d", "LEFT", "RIGHT", "0"));
        assertEquals("[\"c\", \"a\"]", h.run("LRANGE", "d", "0", "-1"));
        assertEquals("-ERR syntax error", h.run("BLMOVE", "l", "d", "up", "left", "0"));
        assertEquals("-ERR syntax error", h.run("BLMOVE", "l", "d", "left", "up", "x"));
        assertEquals("-ERR timeout is not a float or out of range", h.run("BLMOVE", "l", "d", "left", "right", "x"));
        assertEquals("-ERR timeout is negative", h.run("BLMOVE", "l", "d", "left", "right", "-1"));
        assertEquals("(nil)", h.run("BRPOPLPUSH", "nokey", "d", "0"));
        assertEquals("(nil)", h.run("BLMOVE", "nokey", "d", "LEFT", "LEFT", "0"));
    }

    @Test
    void blmpopArgumentsAsLmpop() {
        h.run("RPUSH", "l", "a", "b", "c", "d");
        assertEquals("-ERR numkeys should be greater than 0", h.run("BLMPOP", "0", "0", "l", "LEFT"));
        assertEquals("-ERR timeout is not a float or out of range", h.run("BLMPOP", "x", "1", "l", "LEFT"));
        assertEquals("-ERR syntax error", h.run("BLMPOP", "0", "2", "l", "LEFT"));
        assertEquals("-ERR syntax error", h.run("BLMPOP", "0", "1", "l", "up"));
        assertEquals("-ERR count should be greater than 0", h.run("BLMPOP", "0", "1", "l", "LEFT", "COUNT", "0"));
        assertEquals("-ERR syntax error", h.run("BLMPOP", "0", "1", "l", "LEFT", "COUNT", "1", "COUNT", "1"));
        assertEquals("-ERR wrong number of arguments for 'blmpop' command", h.run("BLMPOP", "0", "1", "l"));
        assertEquals("[\"l\", [\"d\", \"c\"]]", h.run("BLMPOP", "0", "2", "nokey", "l", "RIGHT", "COUNT", "2"));
        assertEquals("[\"l\", [\"a\"]]", h.run("BLMPOP", "0", "1", "l", "LEFT"));
        assertEquals("[\"l\", [\"b\"]]", h.run("BLMPOP", "0", "1", "l", "LEFT", "COUNT", "9"));
        assertEquals("(nil)", h.run("BLMPOP", "0.01", "1", "l", "LEFT"));
    }

    @Test
    void sortedSetPops() {
        h.run("ZADD", "z", "1", "a", "2", "b", "3", "c", "4", "d");
        assertEquals("[\"z\", \"a\", ,1.0]", h.run("BZPOPMIN", "z", "0"));
        assertEquals("[\"z\", \"d\", ,4.0]", h.run("BZPOPMAX", "nokey", "z", "0"));
        assertEquals("[\"z\", [[\"c\", ,3.0], [\"b\", ,2.0]]]", h.run("BZMPOP", "0", "1", "z", "MAX", "COUNT", "9"));
        assertEquals("-ERR syntax error", h.run("BZMPOP", "0", "1", "z", "up"));
        assertEquals("-ERR numkeys should be greater than 0", h.run("BZMPOP", "0", "0", "z", "MIN"));
        assertEquals("(nil)", h.run("BZPOPMIN", "z", "0"));
        assertEquals("(nil)", h.run("BZMPOP", "0.01", "1", "z", "MIN"));
        assertEquals(":0", h.run("EXISTS", "z"));
    }

    @Test
    void insideMultiTheyAnswerAtOnce() {
        TestSession s = new TestSession(1);
        assertEquals("+OK", s.execute("MULTI"));
        for (String[] cmd : new String[][] {{"BLPOP", "a", "0"}, {"BRPOP", "a", "0"}, {"BRPOPLPUSH", "a", "b", "0"},
                {"BLMOVE", "a", "b", "LEFT", "RIGHT", "0"}, {"BLMPOP", "0", "1", "a", "LEFT"},
                {"BZPOPMIN", "z", "0"}, {"BZPOPMAX", "z", "0"}, {"BZMPOP", "0", "1", "z", "MIN"},
                {"BLPOP", "a", "-1"}}) {
            assertEquals("+QUEUED", s.execute(cmd));
        }
        assertEquals("[(nil), (nil), (nil), (nil), (nil), (nil), (nil), (nil), -ERR timeout is negative]",
                s.execute("EXEC"));
        assertEquals(0, s.node.blocked.size());
        s.execute("RPUSH", "a", "x");
        s.execute("MULTI");
        s.execute("BLPOP", "a", "0");
        s.execute("BLPOP", "a", "0");
        assertEquals("[[\"a\", \"x\"], (nil)]", s.execute("EXEC"));
    }

    @Test
    void nullKindsMatchRedis() {
        // One attempt (as inside MULTI): a null array, but a null bulk for the moves, as Redis.
        assertEquals(io.redraft.resp.Reply.NULL_ARRAY, h.at(DataHarness.T0, "BLPOP", "a", "0"));
        assertEquals(io.redraft.resp.Reply.NULL_ARRAY, h.at(DataHarness.T0, "BZPOPMAX", "a", "0"));
        assertEquals(io.redraft.resp.Reply.NULL_ARRAY, h.at(DataHarness.T0, "BLMPOP", "0", "1", "a", "LEFT"));
        assertEquals(io.redraft.resp.Reply.NULL, h.at(DataHarness.T0, "BLMOVE", "a", "b", "LEFT", "LEFT", "0"));
        assertEquals(io.redraft.resp.Reply.NULL, h.at(DataHarness.T0, "BRPOPLPUSH", "a", "b", "0"));
    }
}
