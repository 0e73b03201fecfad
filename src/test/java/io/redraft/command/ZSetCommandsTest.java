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
import io.redraft.store.SetValue;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ZSetCommandsTest {
    static final String WRONGTYPE = "-WRONGTYPE Operation against a key holding the wrong kind of value";
    static final String NOT_INT = "-ERR value is not an integer or out of range";
    static final String NOT_FLOAT = "-ERR value is not a valid float";
    static final String SYNTAX = "-ERR syntax error";
    static final String RANGE_NOT_FLOAT = "-ERR min or max is not a float";
    static final String BAD_LEX = "-ERR min or max not valid string range item";

    DataHarness h;

    @BeforeEach
    void setUp() {
        h = new DataHarness();
        h.run("SET", "str", "x");
    }

    String run(String... args) {
        return h.run(args);
    }

    /** The reply as RESP bytes. */
    String wire(int protocol, String... args) {
        Reply r = h.at(T0, args);
        ByteBuf buf = Unpooled.buffer();
        ReplyEncoder.encode(r, protocol, buf);
        return buf.toString(StandardCharsets.UTF_8);
    }

    boolean stored(String key) {
        return h.store.db(h.db).entries().containsKey(Key.of(key));
    }

    void abc() {
        run("ZADD", "z", "1", "a", "2", "b", "3", "c");
    }

    @Test
    void zaddBasics() {
        assertEquals(":3", run("ZADD", "z", "1", "a", "2", "b", "3", "c"));
        assertEquals(":0", run("ZADD", "z", "1", "a"));
        assertEquals(":1", run("ZADD", "z", "5", "a", "4", "d"), "only additions count");
        assertEquals(":1", run("ZADD", "z", "CH", "5", "a", "6", "b"), "CH counts changes too");
        assertEquals(":2", run("ZADD", "z", "ch", "7", "x", "0", "x"), "a repeated member is added then updated");
        assertEquals(",0.0", run("ZSCORE", "z", "x"));
        assertEquals("$1\r\n6\r\n", wire(2, "ZSCORE", "z", "b"));
        assertEquals(",6\r\n", wire(3, "ZSCORE", "z", "b"));
        assertEquals(":5", run("ZCARD", "z"));
        assertEquals(":0", run("ZCARD", "nope"));
        assertEquals("(nil)", run("ZSCORE", "z", "nope"));
        assertEquals("(nil)", run("ZSCORE", "nope", "a"));
        assertEquals("\"zset\"", "\"" + ((Reply.Status) h.at(T0, "TYPE", "z")).text() + "\"");
        assertEquals(WRONGTYPE, run("ZADD", "str", "1", "a"));
        assertEquals(WRONGTYPE, run("ZSCORE", "str", "a"));
        assertEquals(WRONGTYPE, run("ZCARD", "str"));
    }

    @Test
    void zaddOptionConflictsAndErrors() {
        assertEquals("-ERR XX and NX options at the same time are not compatible",
                run("ZADD", "z", "NX", "XX", "1", "a"));
        String gtltnx = "-ERR GT, LT, and/or NX options at the same time are not compatible";
        assertEquals(gtltnx, run("ZADD", "z", "GT", "LT", "1", "a"));
        assertEquals(gtltnx, run("ZADD", "z", "NX", "GT", "1", "a"));
        assertEquals(gtltnx, run("ZADD", "z", "lt", "nx", "1", "a"));
        assertEquals("-ERR INCR option supports a single increment-element pair",
                run("ZADD", "z", "INCR", "1", "a", "2", "b"));
        assertEquals(SYNTAX, run("ZADD", "z", "1", "a", "2"));
        assertEquals(SYNTAX, run("ZADD", "z", "NX", "1"), "odd pairs are checked before conflicts");
        assertEquals(SYNTAX, run("ZADD", "z", "NX", "XX", "1"));
        assertEquals(NOT_FLOAT, run("ZADD", "z", "1", "a", "x", "b"));
        assertEquals(NOT_FLOAT, run("ZADD", "z", "nan", "a"));
        assertEquals(NOT_FLOAT, run("ZADD", "z", " 1", "a"));
        assertEquals(NOT_FLOAT, run("ZADD", "z", "1e400", "a"));
        assertEquals(NOT_FLOAT, run("ZADD", "str", "x", "a"), "scores are checked before the key");
        assertFalse(stored("z"), "nothing was written");
        assertEquals("-ERR wrong number of arguments for 'zadd' command", run("ZADD", "z", "1"));
    }

    @Test
    void zaddNxXxGtLt() {
        abc();
        assertEquals(":1", run("ZADD", "z", "NX", "10", "a", "4", "d"));
        assertEquals(",1.0", run("ZSCORE", "z", "a"));
        assertEquals(":0", run("ZADD", "z", "XX", "10", "a", "5", "e"));
        assertEquals(",10.0", run("ZSCORE", "z", "a"));
        assertEquals("(nil)", run("ZSCORE", "z", "e"));
        assertEquals(":0", run("ZADD", "z", "XX", "CH", "10", "a"), "same score: no change");
        assertEquals(":2", run("ZADD", "z", "GT", "CH", "1", "a", "20", "b", "9", "f"), "GT still adds new members");
        assertEquals(",10.0", run("ZSCORE", "z", "a"));
        assertEquals(",20.0", run("ZSCORE", "z", "b"));
        assertEquals(":1", run("ZADD", "z", "LT", "CH", "100", "a", "0", "c"));
        assertEquals(",0.0", run("ZSCORE", "z", "c"));
        assertEquals(":0", run("ZADD", "z", "XX", "GT", "CH", "1", "a"));
        assertEquals(":0", run("ZADD", "nope", "XX", "1", "a"));
        assertFalse(stored("nope"));
    }

    @Test
    void zaddIncrAndZincrby() {
        assertEquals(",1.5", run("ZADD", "z", "INCR", "1.5", "a"));
        assertEquals(",3.0", run("ZINCRBY", "z", "1.5", "a"));
        assertEquals("$1\r\n3\r\n", wire(2, "ZINCRBY", "z", "0", "a"));
        assertEquals("(nil)", run("ZADD", "z", "NX", "INCR", "1", "a"));
        assertEquals("(nil)", run("ZADD", "z", "XX", "INCR", "1", "b"));
        assertEquals("(nil)", run("ZADD", "z", "GT", "INCR", "-1", "a"));
        assertEquals(",4.0", run("ZADD", "z", "GT", "INCR", "1", "a"));
        assertEquals("(nil)", run("ZADD", "nope", "XX", "INCR", "1", "a"));
        assertEquals("$-1\r\n", wire(2, "ZADD", "z", "NX", "INCR", "1", "a"));
        assertEquals(",inf\r\n", wire(3, "ZINCRBY", "z", "+inf", "a"));
        assertEquals("-ERR resulting score is not a number (NaN)", run("ZINCRBY", "z", "-inf", "a"));
        assertEquals("$3\r\ninf\r\n", wire(2, "ZSCORE", "z", "a"), "unchanged after the NaN error");
        assertEquals(NOT_FLOAT, run("ZINCRBY", "z", "abc", "a"));
        assertEquals(SYNTAX, run("ZINCRBY", "z", "nx", "a"), "ZINCRBY shares ZADD's option parsing");
        assertEquals(WRONGTYPE, run("ZINCRBY", "str", "1", "a"));
    }

    @Test
    void scoresAreFormattedAsRedis() {
        run("ZADD", "z", "0.1", "a", "1e20", "b", "-inf", "c", "3.0", "d", "0x10", "e", "1.5e-7", "f");
        assertEquals("$3\r\n0.1\r\n", wire(2, "ZSCORE", "z", "a"));
        assertEquals("$5\r\n1e+20\r\n", wire(2, "ZSCORE", "z", "b"));
        assertEquals("$4\r\n-inf\r\n", wire(2, "ZSCORE", "z", "c"));
        assertEquals("$1\r\n3\r\n", wire(2, "ZSCORE", "z", "d"));
        assertEquals("$2\r\n16\r\n", wire(2, "ZSCORE", "z", "e"));
        assertEquals("$6\r\n1.5e-7\r\n", wire(2, "ZSCORE", "z", "f"));
        assertEquals("*2\r\n$1\r\nc\r\n$4\r\n-inf\r\n", wire(2, "ZRANGE", "z", "0", "0", "WITHSCORES"));
        assertEquals("*3\r\n,0.1\r\n_\r\n,-inf\r\n", wire(3, "ZMSCORE", "z", "a", "zz", "c"));
    }

    @Test
    void zremAndDeleteWhenEmpty() {
        abc();
        assertEquals(":2", run("ZREM", "z", "a", "b", "zz", "a"));
        assertEquals(":1", run("ZREM", "z", "c"));
        assertFalse(stored("z"));
        assertEquals(":0", run("ZREM", "z", "c"));
        assertEquals(WRONGTYPE, run("ZREM", "str", "c"));
    }

    @Test
    void zmscore() {
        abc();
        assertEquals("[,1.0, (nil), ,3.0]", run("ZMSCORE", "z", "a", "x", "c"));
        assertEquals("[(nil), (nil)]", run("ZMSCORE", "nope", "a", "b"));
        assertEquals(WRONGTYPE, run("ZMSCORE", "str", "a"));
    }

    @Test
    void zrankWithScore() {
        abc();
        assertEquals(":0", run("ZRANK", "z", "a"));
        assertEquals(":2", run("ZRANK", "z", "c"));
        assertEquals(":0", run("ZREVRANK", "z", "c"));
        assertEquals("[:1, ,2.0]", run("ZRANK", "z", "b", "WITHSCORE"));
        assertEquals("[:2, ,1.0]", run("ZREVRANK", "z", "a", "withscore"));
        assertEquals("(nil)", run("ZRANK", "z", "x"));
        assertEquals("$-1\r\n", wire(2, "ZRANK", "z", "x"));
        assertEquals("*-1\r\n", wire(2, "ZRANK", "z", "x", "WITHSCORE"));
        assertEquals("*-1\r\n", wire(2, "ZREVRANK", "nope", "x", "WITHSCORE"));
        assertEquals(SYNTAX, run("ZRANK", "z", "a", "WITHSCORES"));
        assertEquals("-ERR wrong number of arguments for 'zrank' command", run("ZRANK", "z", "a", "WITHSCORE", "x"));
        assertEquals(WRONGTYPE, run("ZRANK", "str", "a"));
    }

    @Test
    void zrangeByRank() {
        abc();
        run("ZADD", "z", "4", "d");
        assertEquals("[\"a\", \"b\", \"c\", \"d\"]", run("ZRANGE", "z", "0", "-1"));
        assertEquals("[\"c\", \"d\"]", run("ZRANGE", "z", "-2", "10"));
        assertEquals("[\"d\", \"c\"]", run("ZRANGE", "z", "0", "1", "REV"));
        assertEquals("[\"d\", \"c\"]", run("ZREVRANGE", "z", "0", "1"));
        assertEquals("[\"b\", ,2.0, \"a\", ,1.0]", run("ZREVRANGE", "z", "-2", "-1", "WITHSCORES"));
        assertEquals("[]", run("ZRANGE", "z", "3", "1"));
        assertEquals("[]", run("ZRANGE", "z", "4", "10"));
        assertEquals("[\"a\"]", run("ZRANGE", "z", "-100", "0"));
        assertEquals("[]", run("ZRANGE", "nope", "0", "-1"));
        assertEquals(NOT_INT, run("ZRANGE", "z", "0", "x"));
        assertEquals(NOT_INT, run("ZRANGE", "z", "(1", "2"));
        assertEquals("-ERR syntax error, LIMIT is only supported in combination with either BYSCORE or BYLEX",
                run("ZRANGE", "z", "0", "1", "LIMIT", "0", "1"));
        assertEquals(SYNTAX, run("ZRANGE", "z", "0", "1", "REV", "REV"));
        assertEquals(SYNTAX, run("ZREVRANGE", "z", "0", "1", "REV"));
        assertEquals(SYNTAX, run("ZRANGE", "z", "0", "1", "BYSCORE", "BYLEX"));
        assertEquals(SYNTAX, run("ZRANGE", "z", "0", "1", "LIMIT", "1"));
        assertEquals(WRONGTYPE, run("ZRANGE", "str", "0", "1"));
    }

    @Test
    void zrangeByScoreBoundsAndLimit() {
        run("ZADD", "z", "-inf", "ninf", "1", "a", "2", "b", "2", "b2", "3", "c", "+inf", "pinf");
        assertEquals("[\"ninf\", \"a\", \"b\", \"b2\", \"c\", \"pinf\"]", run("ZRANGEBYSCORE", "z", "-inf", "+inf"));
        assertEquals("[\"a\", \"b\", \"b2\", \"c\"]", run("ZRANGEBYSCORE", "z", "(-inf", "(inf"));
        assertEquals("[\"b\", \"b2\", \"c\"]", run("ZRANGEBYSCORE", "z", "(1", "3"));
        assertEquals("[\"a\", \"b\", \"b2\"]", run("ZRANGEBYSCORE", "z", "1", "(3"));
        assertEquals("[\"b\", \"b2\"]", run("ZRANGEBYSCORE", "z", "(1", "(3"));
        assertEquals("[]", run("ZRANGEBYSCORE", "z", "(2", "2"));
        assertEquals("[]", run("ZRANGEBYSCORE", "z", "3", "1"));
        assertEquals("[\"b\", \"b2\"]", run("ZRANGEBYSCORE", "z", "2", "2"));
        assertEquals("[\"c\", \"b2\", \"b\"]", run("ZREVRANGEBYSCORE", "z", "3", "(1"));
        assertEquals("[\"c\", \"b2\", \"b\"]", run("ZRANGE", "z", "3", "(1", "BYSCORE", "REV"));
        assertEquals("[\"b\", ,2.0, \"b2\", ,2.0]",
                run("ZRANGEBYSCORE", "z", "1", "3", "WITHSCORES", "LIMIT", "1", "2"));
        assertEquals("[\"b2\", \"b\"]", run("ZREVRANGEBYSCORE", "z", "+inf", "-inf", "LIMIT", "2", "2"));
        assertEquals("[\"a\", \"b\", \"b2\", \"c\", \"pinf\"]",
                run("ZRANGE", "z", "0", "inf", "BYSCORE", "LIMIT", "0", "-1"), "a negative count means all");
        assertEquals("[]", run("ZRANGE", "z", "0", "inf", "BYSCORE", "LIMIT", "0", "0"));
        assertEquals("[]", run("ZRANGE", "z", "0", "inf", "BYSCORE", "LIMIT", "-1", "5"),
                "a negative offset yields nothing");
        assertEquals("[]", run("ZRANGE", "z", "0", "inf", "BYSCORE", "LIMIT", "10", "5"));
        assertEquals("[\"pinf\"]", run("ZRANGE", "z", "0", "inf", "BYSCORE", "LIMIT", "4", "5"));
        assertEquals(RANGE_NOT_FLOAT, run("ZRANGEBYSCORE", "z", "x", "1"));
        assertEquals(RANGE_NOT_FLOAT, run("ZRANGEBYSCORE", "z", "1", "((2"));
        assertEquals(RANGE_NOT_FLOAT, run("ZRANGEBYSCORE", "z", "nan", "1"));
        assertEquals(NOT_INT, run("ZRANGEBYSCORE", "z", "1", "2", "LIMIT", "a", "1"));
        assertEquals(SYNTAX, run("ZRANGEBYSCORE", "z", "1", "2", "REV"));
        // strtod quirks Redis inherits: a bare "(" is exclusive 0, leading space, hex
        run("ZADD", "q", "0", "zero", "16", "sixteen");
        assertEquals("[\"sixteen\"]", run("ZRANGEBYSCORE", "q", "(", "+inf"));
        assertEquals("[\"zero\", \"sixteen\"]", run("ZRANGEBYSCORE", "q", " 0", "0x10"));
        assertEquals("[\"zero\"]", run("ZRANGEBYSCORE", "q", "", ""));
    }

    @Test
    void zrangeByLex() {
        run("ZADD", "z", "0", "a", "0", "b", "0", "c", "0", "d", "0", "e", "0", "aa");
        assertEquals("[\"a\", \"aa\", \"b\", \"c\", \"d\", \"e\"]", run("ZRANGEBYLEX", "z", "-", "+"));
        assertEquals("[\"aa\", \"b\", \"c\"]", run("ZRANGEBYLEX", "z", "(a", "[c"));
        assertEquals("[\"b\"]", run("ZRANGEBYLEX", "z", "(aa", "(c"));
        assertEquals("[\"c\", \"b\", \"aa\"]", run("ZREVRANGEBYLEX", "z", "[c", "(a"));
        assertEquals("[\"c\", \"b\", \"aa\"]", run("ZRANGE", "z", "[c", "(a", "BYLEX", "REV"));
        assertEquals("[\"b\", \"c\"]", run("ZRANGEBYLEX", "z", "-", "+", "LIMIT", "2", "2"));
        assertEquals("[\"d\"]", run("ZREVRANGEBYLEX", "z", "+", "-", "LIMIT", "1", "1"));
        assertEquals("[]", run("ZRANGEBYLEX", "z", "+", "-"));
        assertEquals("[]", run("ZRANGEBYLEX", "z", "[c", "(c"));
        assertEquals("[\"c\"]", run("ZRANGEBYLEX", "z", "[c", "[c"));
        assertEquals("[\"a\", \"aa\"]", run("ZRANGEBYLEX", "z", "[", "(b"), "[ alone is the empty string");
        assertEquals(BAD_LEX, run("ZRANGEBYLEX", "z", "a", "+"));
        assertEquals(BAD_LEX, run("ZRANGEBYLEX", "z", "-", "++"));
        assertEquals(BAD_LEX, run("ZRANGEBYLEX", "z", "", "+"));
        assertEquals("-ERR syntax error, WITHSCORES not supported in combination with BYLEX",
                run("ZRANGE", "z", "-", "+", "BYLEX", "WITHSCORES"));
        assertEquals("-ERR syntax error, WITHSCORES not supported in combination with BYLEX",
                run("ZRANGEBYLEX", "z", "-", "+", "WITHSCORES"));
        assertEquals(":6", run("ZLEXCOUNT", "z", "-", "+"));
        assertEquals(":3", run("ZLEXCOUNT", "z", "[aa", "(d"));
        assertEquals(":0", run("ZLEXCOUNT", "z", "(e", "+"));
        assertEquals(":0", run("ZLEXCOUNT", "nope", "-", "+"));
        assertEquals(BAD_LEX, run("ZLEXCOUNT", "z", "x", "+"));
        assertEquals(WRONGTYPE, run("ZLEXCOUNT", "str", "-", "+"));
        // binary members compare as unsigned bytes
        h.at(T0, "ZADD", "bin", "0", "\u00ff", "0", "\u0001");
        assertEquals("[\"\u0001\", \"\u00ff\"]", run("ZRANGEBYLEX", "bin", "-", "+"));
    }

    @Test
    void zcount() {
        run("ZADD", "z", "1", "a", "2", "b", "3", "c", "inf", "d");
        assertEquals(":4", run("ZCOUNT", "z", "-inf", "+inf"));
        assertEquals(":2", run("ZCOUNT", "z", "(1", "3"));
        assertEquals(":1", run("ZCOUNT", "z", "(3", "inf"));
        assertEquals(":0", run("ZCOUNT", "z", "(inf", "inf"));
        assertEquals(":0", run("ZCOUNT", "z", "3", "1"));
        assertEquals(":0", run("ZCOUNT", "nope", "1", "3"));
        assertEquals(RANGE_NOT_FLOAT, run("ZCOUNT", "z", "1", "three"));
        assertEquals(RANGE_NOT_FLOAT, run("ZCOUNT", "str", "1", "three"));
        assertEquals(WRONGTYPE, run("ZCOUNT", "str", "1", "3"));
    }

    @Test
    void zrangestore() {
        run("ZADD", "src", "1", "a", "2", "b", "3", "c");
        run("SET", "dst", "old", "EX", "100");
        assertEquals(":2", run("ZRANGESTORE", "dst", "src", "0", "1"));
        assertEquals("[\"a\", ,1.0, \"b\", ,2.0]", run("ZRANGE", "dst", "0", "-1", "WITHSCORES"));
        assertEquals(":-1", run("TTL", "dst"), "the destination is replaced without a TTL");
        assertEquals(":2", run("ZRANGESTORE", "dst", "src", "+inf", "(1", "BYSCORE", "REV"));
        assertEquals("[\"b\", \"c\"]", run("ZRANGE", "dst", "0", "-1"));
        assertEquals(":1", run("ZRANGESTORE", "dst", "src", "[a", "+", "BYLEX", "LIMIT", "1", "1"));
        assertEquals("[\"b\"]", run("ZRANGE", "dst", "0", "-1"));
        assertEquals(":0", run("ZRANGESTORE", "dst", "src", "5", "10"));
        assertFalse(stored("dst"), "an empty result deletes the destination");
        run("SET", "dst", "x");
        assertEquals(":0", run("ZRANGESTORE", "dst", "nope", "0", "-1"));
        assertFalse(stored("dst"));
        assertEquals(":3", run("ZRANGESTORE", "src", "src", "0", "-1"), "in place");
        assertEquals(SYNTAX, run("ZRANGESTORE", "dst", "src", "0", "-1", "WITHSCORES"));
        assertEquals(WRONGTYPE, run("ZRANGESTORE", "dst", "str", "0", "-1"));
        assertEquals("-ERR wrong number of arguments for 'zrangestore' command",
                run("ZRANGESTORE", "dst", "src", "0"));
    }

    @Test
    void zremrange() {
        run("ZADD", "z", "1", "a", "2", "b", "3", "c", "4", "d", "5", "e");
        assertEquals(":2", run("ZREMRANGEBYRANK", "z", "-2", "-1"));
        assertEquals("[\"a\", \"b\", \"c\"]", run("ZRANGE", "z", "0", "-1"));
        assertEquals(":0", run("ZREMRANGEBYRANK", "z", "2", "1"));
        assertEquals(":1", run("ZREMRANGEBYSCORE", "z", "(1", "(3"));
        assertEquals("[\"a\", \"c\"]", run("ZRANGE", "z", "0", "-1"));
        assertEquals(":0", run("ZREMRANGEBYSCORE", "z", "(3", "3"));
        assertEquals(":2", run("ZREMRANGEBYSCORE", "z", "-inf", "+inf"));
        assertFalse(stored("z"));
        run("ZADD", "l", "0", "a", "0", "b", "0", "c");
        assertEquals(":2", run("ZREMRANGEBYLEX", "l", "(a", "+"));
        assertEquals("[\"a\"]", run("ZRANGE", "l", "0", "-1"));
        assertEquals(":0", run("ZREMRANGEBYLEX", "nope", "-", "+"));
        assertEquals(NOT_INT, run("ZREMRANGEBYRANK", "l", "0", "x"));
        assertEquals(RANGE_NOT_FLOAT, run("ZREMRANGEBYSCORE", "l", "x", "1"));
        assertEquals(BAD_LEX, run("ZREMRANGEBYLEX", "l", "x", "+"));
        assertEquals(WRONGTYPE, run("ZREMRANGEBYRANK", "str", "0", "1"));
    }

    @Test
    void pops() {
        run("ZADD", "z", "1", "a", "2", "b", "3", "c", "4", "d");
        assertEquals("[\"a\", ,1.0]", run("ZPOPMIN", "z"));
        assertEquals("[\"d\", ,4.0, \"c\", ,3.0]", run("ZPOPMAX", "z", "2"));
        assertEquals("[]", run("ZPOPMIN", "z", "0"));
        assertEquals("[\"b\", ,2.0]", run("ZPOPMIN", "z", "10"));
        assertFalse(stored("z"));
        assertEquals("[]", run("ZPOPMIN", "z"));
        assertEquals("*0\r\n", wire(2, "ZPOPMAX", "z", "3"));
        assertEquals("-ERR value is out of range, must be positive", run("ZPOPMIN", "z", "-1"));
        assertEquals("-ERR wrong number of arguments for 'zpopmin' command", run("ZPOPMIN", "z", "1", "2"));
        assertEquals(WRONGTYPE, run("ZPOPMIN", "str"));
    }

    @Test
    void zmpop() {
        run("ZADD", "b", "1", "x", "2", "y", "3", "w");
        assertEquals("[\"b\", [[\"x\", ,1.0]]]", run("ZMPOP", "2", "a", "b", "MIN"));
        assertEquals("*2\r\n$1\r\nb\r\n*2\r\n*2\r\n$1\r\nw\r\n$1\r\n3\r\n*2\r\n$1\r\ny\r\n$1\r\n2\r\n",
                wire(2, "ZMPOP", "2", "a", "b", "MAX", "COUNT", "10"));
        assertFalse(stored("b"));
        assertEquals("*-1\r\n", wire(2, "ZMPOP", "1", "b", "MIN"));
        assertEquals("-ERR numkeys should be greater than 0", run("ZMPOP", "0", "b", "MIN"));
        assertEquals("-ERR count should be greater than 0", run("ZMPOP", "1", "b", "MIN", "COUNT", "0"));
        assertEquals(SYNTAX, run("ZMPOP", "1", "b", "LEFT"));
        assertEquals(SYNTAX, run("ZMPOP", "3", "b", "c", "MIN"));
        assertEquals(WRONGTYPE, run("ZMPOP", "2", "b", "str", "MIN"));
    }

    @Test
    void unionInterDiffWithWeightsAndAggregate() {
        run("ZADD", "z1", "1", "a", "2", "b", "3", "c");
        run("ZADD", "z2", "10", "b", "20", "c", "30", "d");
        assertEquals("[\"a\", ,1.0, \"b\", ,12.0, \"c\", ,23.0, \"d\", ,30.0]",
                run("ZUNION", "2", "z1", "z2", "WITHSCORES"));
        assertEquals("[\"a\", ,2.0, \"b\", ,14.0, \"c\", ,26.0, \"d\", ,30.0]",
                run("ZUNION", "2", "z1", "z2", "WEIGHTS", "2", "1", "WITHSCORES"));
        assertEquals("[\"a\", ,1.0, \"b\", ,2.0, \"c\", ,3.0, \"d\", ,30.0]",
                run("ZUNION", "2", "z1", "z2", "AGGREGATE", "MIN", "WITHSCORES"));
        assertEquals("[\"b\", ,10.0, \"c\", ,20.0]",
                run("ZINTER", "2", "z1", "z2", "aggregate", "max", "WITHSCORES"));
        assertEquals("[\"b\", \"c\"]", run("ZINTER", "2", "z1", "z2"));
        assertEquals("[\"a\"]", run("ZDIFF", "2", "z1", "z2"));
        assertEquals("[\"a\", ,1.0]", run("ZDIFF", "2", "z1", "z2", "WITHSCORES"));
        assertEquals("[]", run("ZINTER", "2", "z1", "nope"));
        assertEquals("[\"a\", \"b\", \"c\"]", run("ZUNION", "2", "z1", "nope"));

        assertEquals(":4", run("ZUNIONSTORE", "out", "2", "z1", "z2", "WEIGHTS", "1", "-1", "AGGREGATE", "SUM"));
        assertEquals("[\"d\", ,-30.0, \"c\", ,-17.0, \"b\", ,-8.0, \"a\", ,1.0]",
                run("ZRANGE", "out", "0", "-1", "WITHSCORES"));
        assertEquals(":2", run("ZINTERSTORE", "out", "2", "z1", "z2", "WEIGHTS", "0.5", "0.1"));
        assertEquals("[\"b\", ,2.0, \"c\", ,3.5]", run("ZRANGE", "out", "0", "-1", "WITHSCORES"));
        assertEquals(":1", run("ZDIFFSTORE", "out", "2", "z2", "z1"));
        assertEquals("[\"d\"]", run("ZRANGE", "out", "0", "-1"));
        assertEquals(":0", run("ZINTERSTORE", "out", "2", "z1", "nope"));
        assertFalse(stored("out"), "an empty result deletes the destination");
        assertEquals(":3", run("ZUNIONSTORE", "z1", "1", "z1"), "a source can be the destination");

        // inf arithmetic: inf * 0 and inf + -inf become 0
        run("ZADD", "i1", "inf", "x");
        run("ZADD", "i2", "-inf", "x");
        assertEquals("[\"x\", ,0.0]", run("ZUNION", "2", "i1", "i2", "WITHSCORES"));
        assertEquals("[\"x\", ,0.0]", run("ZUNION", "1", "i1", "WEIGHTS", "0", "WITHSCORES"));
        assertEquals("[\"x\", ,-Infinity]", run("ZINTER", "2", "i1", "i2", "AGGREGATE", "MIN", "WITHSCORES"));
    }

    @Test
    void setOperationErrors() {
        run("ZADD", "z1", "1", "a");
        assertEquals("-ERR at least 1 input key is needed for 'zunionstore' command",
                run("ZUNIONSTORE", "out", "0", "z1"));
        assertEquals("-ERR at least 1 input key is needed for 'zinter' command", run("ZINTER", "0", "z1"));
        assertEquals(NOT_INT, run("ZUNION", "x", "z1"));
        assertEquals(SYNTAX, run("ZUNION", "3", "z1", "z2"));
        assertEquals(SYNTAX, run("ZUNION", "1", "z1", "WEIGHTS"));
        assertEquals(SYNTAX, run("ZUNION", "2", "z1", "z2", "WEIGHTS", "1"));
        assertEquals("-ERR weight value is not a float", run("ZUNION", "1", "z1", "WEIGHTS", "x"));
        assertEquals(SYNTAX, run("ZUNION", "1", "z1", "AGGREGATE", "AVG"));
        assertEquals(SYNTAX, run("ZDIFF", "1", "z1", "WEIGHTS", "1"));
        assertEquals(SYNTAX, run("ZUNIONSTORE", "out", "1", "z1", "WITHSCORES"));
        assertEquals(WRONGTYPE, run("ZUNION", "2", "z1", "str"));
        assertEquals(WRONGTYPE, run("ZUNION", "2", "z1", "str", "BOGUS"), "types are checked before options");
        assertEquals(WRONGTYPE, run("ZINTERSTORE", "out", "1", "str"));
    }

    @Test
    void setsAreInputsWithScoreOne() {
        SetValue s = new SetValue();
        s.add("a".getBytes(StandardCharsets.UTF_8));
        s.add("q".getBytes(StandardCharsets.UTF_8));
        h.store.db(0).put(Key.of("plain"), s, io.redraft.store.Entry.NO_EXPIRY);
        run("ZADD", "z", "5", "a", "6", "b");
        assertEquals("[\"q\", ,1.0, \"a\", ,6.0, \"b\", ,6.0]", run("ZUNION", "2", "z", "plain", "WITHSCORES"));
        assertEquals("[\"a\", ,15.0]", run("ZINTER", "2", "z", "plain", "WEIGHTS", "2", "5", "WITHSCORES"));
        assertEquals("[\"q\"]", run("ZDIFF", "2", "plain", "z"));
        assertEquals(":1", run("ZINTERCARD", "2", "plain", "z"));
    }

    @Test
    void zintercard() {
        run("ZADD", "z1", "1", "a", "2", "b", "3", "c");
        run("ZADD", "z2", "1", "a", "2", "b", "3", "d");
        assertEquals(":2", run("ZINTERCARD", "2", "z1", "z2"));
        assertEquals(":1", run("ZINTERCARD", "2", "z1", "z2", "LIMIT", "1"));
        assertEquals(":2", run("ZINTERCARD", "2", "z1", "z2", "LIMIT", "0"));
        assertEquals(":0", run("ZINTERCARD", "2", "z1", "nope"));
        assertEquals("-ERR LIMIT can't be negative", run("ZINTERCARD", "2", "z1", "z2", "LIMIT", "-1"));
        assertEquals(SYNTAX, run("ZINTERCARD", "2", "z1", "z2", "WITHSCORES"));
        assertEquals(SYNTAX, run("ZINTERCARD", "2", "z1", "z2", "WEIGHTS", "1", "1"));
        assertEquals("-ERR at least 1 input key is needed for 'zintercard' command", run("ZINTERCARD", "0", "z1"));
    }

    @Test
    void zrandmember() {
        run("ZADD", "z", "1", "a", "2", "b", "3", "c");
        Set<String> all = Set.of("\"a\"", "\"b\"", "\"c\"");
        for (int i = 0; i < 20; i++) {
            assertTrue(all.contains(run("ZRANDMEMBER", "z")));
        }
        assertEquals("[\"a\", \"b\", \"c\"]", run("ZRANDMEMBER", "z", "5"));
        assertEquals("[\"a\", ,1.0, \"b\", ,2.0, \"c\", ,3.0]", run("ZRANDMEMBER", "z", "3", "WITHSCORES"));
        for (int i = 0; i < 20; i++) {
            Reply.Array two = (Reply.Array) h.at(T0, "ZRANDMEMBER", "z", "2");
            Set<String> seen = new HashSet<>();
            for (Reply r : two.items()) {
                seen.add(Replies.show(r));
            }
            assertEquals(2, seen.size(), "a positive count gives distinct members");
            assertTrue(all.containsAll(seen));
        }
        Reply.Pairs many = (Reply.Pairs) h.at(T0, "ZRANDMEMBER", "z", "-50", "WITHSCORES");
        assertEquals(100, many.flat().size(), "a negative count may repeat");
        assertEquals("[]", run("ZRANDMEMBER", "z", "0"));
        assertEquals("(nil)", run("ZRANDMEMBER", "nope"));
        assertEquals("[]", run("ZRANDMEMBER", "nope", "3"));
        assertEquals(SYNTAX, run("ZRANDMEMBER", "z", "1", "SCORES"));
        assertEquals(NOT_INT, run("ZRANDMEMBER", "z", "x"));
        assertEquals("-ERR value is out of range", run("ZRANDMEMBER", "z", "-9223372036854775807", "WITHSCORES"));
        assertEquals(WRONGTYPE, run("ZRANDMEMBER", "str"));
    }

    @Test
    void zscanSmallReturnsEverythingAtOnce() {
        run("ZADD", "z", "1", "a", "2.5", "b", "3", "ab");
        assertEquals("[\"0\", [\"a\", \"1\", \"b\", \"2.5\", \"ab\", \"3\"]]", run("ZSCAN", "z", "0"));
        assertEquals("[\"0\", [\"a\", \"1\", \"ab\", \"3\"]]", run("ZSCAN", "z", "0", "MATCH", "a*", "COUNT", "1"));
        assertEquals("[\"0\", []]", run("ZSCAN", "nope", "0"));
        assertEquals("-ERR invalid cursor", run("ZSCAN", "z", "x"));
        assertEquals("-ERR invalid cursor", run("ZSCAN", "z", " 1"));
        assertEquals("-ERR invalid cursor", run("ZSCAN", "z", "18446744073709551616"));
        assertEquals("[\"0\", [\"a\", \"1\", \"b\", \"2.5\", \"ab\", \"3\"]]",
                run("ZSCAN", "z", "18446744073709551615"));
        assertEquals(SYNTAX, run("ZSCAN", "z", "0", "COUNT", "0"));
        assertEquals(NOT_INT, run("ZSCAN", "z", "0", "COUNT", "x"));
        assertEquals(SYNTAX, run("ZSCAN", "z", "0", "TYPE", "zset"));
        assertEquals(SYNTAX, run("ZSCAN", "z", "0", "MATCH"));
        assertEquals(WRONGTYPE, run("ZSCAN", "str", "0"));
    }

    @Test
    void zscanCursorCoversStableMembersWhileTheSetChanges() {
        for (int i = 0; i < 2000; i++) {
            h.at(T0, "ZADD", "z", Integer.toString(i % 97), "m" + i);
        }
        Set<String> seen = new HashSet<>();
        String cursor = "0";
        int calls = 0;
        java.util.Random r = new java.util.Random(5);
        int next = 2000;
        do {
            Reply.Array reply = (Reply.Array) h.at(T0, "ZSCAN", "z", cursor, "COUNT", "25");
            cursor = new String(((Reply.Bulk) reply.items().get(0)).value(), StandardCharsets.UTF_8);
            List<Reply> items = ((Reply.Array) reply.items().get(1)).items();
            for (int i = 0; i < items.size(); i += 2) {
                seen.add(new String(((Reply.Bulk) items.get(i)).value(), StandardCharsets.UTF_8));
            }
            // churn: members m1000.. come and go, and the set grows a lot (the table resizes)
            for (int k = 0; k < 40; k++) {
                h.at(T0, "ZADD", "z", "1", "n" + next++);
            }
            h.at(T0, "ZREM", "z", "m" + (1000 + r.nextInt(1000)));
            calls++;
        } while (!cursor.equals("0"));
        assertTrue(calls > 10);
        for (int i = 0; i < 1000; i++) {
            assertTrue(seen.contains("m" + i), "m" + i + " was present throughout");
        }
        // and shrinking: remove most members mid-scan
        seen.clear();
        cursor = "0";
        boolean shrunk = false;
        do {
            Reply.Array reply = (Reply.Array) h.at(T0, "ZSCAN", "z", cursor, "COUNT", "50");
            cursor = new String(((Reply.Bulk) reply.items().get(0)).value(), StandardCharsets.UTF_8);
            List<Reply> items = ((Reply.Array) reply.items().get(1)).items();
            for (int i = 0; i < items.size(); i += 2) {
                seen.add(new String(((Reply.Bulk) items.get(i)).value(), StandardCharsets.UTF_8));
            }
            if (!shrunk) {
                h.at(T0, "ZREMRANGEBYSCORE", "z", "1", "+inf");
                shrunk = true;
            }
        } while (!cursor.equals("0"));
        List<String> kept = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            if (i % 97 == 0) {
                kept.add("m" + i);
            }
        }
        assertTrue(seen.containsAll(kept));
    }

    @Test
    void expiredSortedSetsAreGone() {
        run("ZADD", "z", "1", "a");
        run("PEXPIRE", "z", "5");
        assertEquals(":1", h.runAt(T0 + 4, "ZCARD", "z"));
        assertEquals(":0", h.runAt(T0 + 5, "ZCARD", "z"));
        assertEquals("[]", h.runAt(T0 + 5, "ZRANGE", "z", "0", "-1"));
        assertEquals(":1", h.runAt(T0 + 5, "ZADD", "z", "2", "b"));
        assertEquals("[\"b\"]", h.runAt(T0 + 5, "ZRANGE", "z", "0", "-1"));
        run("ZADD", "y", "1", "a");
        run("EXPIRE", "y", "100");
        run("ZINCRBY", "y", "1", "a");
        run("ZADD", "y", "1", "b");
        assertTrue(h.store.db(0).entries().get(Key.of("y")).hasExpiry(), "in-place changes keep the TTL");
    }
}
