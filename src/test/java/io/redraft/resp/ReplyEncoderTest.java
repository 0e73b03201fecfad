package io.redraft.resp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ReplyEncoderTest {

    private static String enc(Reply r, int protocol) {
        ByteBuf buf = Unpooled.buffer();
        try {
            ReplyEncoder.encode(r, protocol, buf);
            return buf.toString(StandardCharsets.ISO_8859_1);
        } finally {
            buf.release();
        }
    }

    private static void both(Reply r, String resp2, String resp3) {
        assertEquals(resp2, enc(r, 2), "RESP2 " + r);
        assertEquals(resp3, enc(r, 3), "RESP3 " + r);
    }

    private static Reply bulk(String s) {
        return Reply.bulk(s);
    }

    @Test
    void status() {
        both(Reply.OK, "+OK\r\n", "+OK\r\n");
        both(new Reply.Status("OK"), "+OK\r\n", "+OK\r\n");
        both(Reply.PONG, "+PONG\r\n", "+PONG\r\n");
        both(Reply.QUEUED, "+QUEUED\r\n", "+QUEUED\r\n");
        both(Reply.status("Background saving started"), "+Background saving started\r\n",
                "+Background saving started\r\n");
        both(Reply.status("a\r\nb\nc\rd"), "+a  b c d\r\n", "+a  b c d\r\n");
        both(Reply.status(""), "+\r\n", "+\r\n");
    }

    @Test
    void error() {
        both(Reply.error("ERR syntax error"), "-ERR syntax error\r\n", "-ERR syntax error\r\n");
        both(Reply.error("ERR bad\r\n+OK"), "-ERR bad  +OK\r\n", "-ERR bad  +OK\r\n");
        both(Reply.error("WRONGTYPE Operation against a key holding the wrong kind of value"),
                "-WRONGTYPE Operation against a key holding the wrong kind of value\r\n",
                "-WRONGTYPE Operation against a key holding the wrong kind of value\r\n");
    }

    @Test
    void utf8Text() {
        assertEquals("+caf\u00c3\u00a9\r\n", enc(Reply.status("caf\u00e9"), 2));
    }

    @Test
    void integers() {
        both(Reply.ZERO, ":0\r\n", ":0\r\n");
        both(Reply.ONE, ":1\r\n", ":1\r\n");
        both(new Reply.Int(0), ":0\r\n", ":0\r\n");
        both(Reply.integer(42), ":42\r\n", ":42\r\n");
        both(Reply.integer(-1), ":-1\r\n", ":-1\r\n");
        both(Reply.integer(-10), ":-10\r\n", ":-10\r\n");
        both(Reply.integer(Long.MAX_VALUE), ":9223372036854775807\r\n", ":9223372036854775807\r\n");
        both(Reply.integer(Long.MIN_VALUE), ":-9223372036854775808\r\n", ":-9223372036854775808\r\n");
        Random rnd = new Random(3);
        for (int i = 0; i < 10_000; i++) {
            long v = rnd.nextLong() >> rnd.nextInt(64);
            assertEquals(":" + v + "\r\n", enc(Reply.integer(v), 2));
        }
    }

    @Test
    void bulks() {
        both(bulk("hello"), "$5\r\nhello\r\n", "$5\r\nhello\r\n");
        both(bulk(""), "$0\r\n\r\n", "$0\r\n\r\n");
        both(new Reply.Bulk(new byte[] {0, '\r', '\n', (byte) 0xFF}), "$4\r\n\0\r\n\u00ff\r\n",
                "$4\r\n\0\r\n\u00ff\r\n");
        both(new Reply.Bulk(null), "$-1\r\n", "_\r\n");
    }

    @Test
    void nulls() {
        both(Reply.NULL, "$-1\r\n", "_\r\n");
        both(Reply.NULL_ARRAY, "*-1\r\n", "_\r\n");
    }

    @Test
    void doubles() {
        both(new Reply.Dbl(3.0), "$1\r\n3\r\n", ",3\r\n");
        both(new Reply.Dbl(-2.5), "$4\r\n-2.5\r\n", ",-2.5\r\n");
        both(new Reply.Dbl(0.1), "$3\r\n0.1\r\n", ",0.1\r\n");
        both(new Reply.Dbl(Double.POSITIVE_INFINITY), "$3\r\ninf\r\n", ",inf\r\n");
        both(new Reply.Dbl(Double.NEGATIVE_INFINITY), "$4\r\n-inf\r\n", ",-inf\r\n");
        both(new Reply.Dbl(Double.NaN), "$3\r\nnan\r\n", ",nan\r\n");
        both(new Reply.Dbl(1e20), "$5\r\n1e+20\r\n", ",1e+20\r\n");
    }

    @Test
    void booleans() {
        both(new Reply.Bool(true), ":1\r\n", "#t\r\n");
        both(new Reply.Bool(false), ":0\r\n", "#f\r\n");
    }

    @Test
    void arrays() {
        both(Reply.EMPTY_ARRAY, "*0\r\n", "*0\r\n");
        both(Reply.array(Reply.ONE, bulk("a"), Reply.NULL), "*3\r\n:1\r\n$1\r\na\r\n$-1\r\n",
                "*3\r\n:1\r\n$1\r\na\r\n_\r\n");
        both(Reply.array(Reply.array(bulk("x")), Reply.EMPTY_ARRAY), "*2\r\n*1\r\n$1\r\nx\r\n*0\r\n",
                "*2\r\n*1\r\n$1\r\nx\r\n*0\r\n");
    }

    @Test
    void maps() {
        Reply map = new Reply.MapReply(List.of(bulk("k1"), Reply.integer(7), bulk("k2"), new Reply.Dbl(1.5)));
        both(map, "*4\r\n$2\r\nk1\r\n:7\r\n$2\r\nk2\r\n$3\r\n1.5\r\n",
                "%2\r\n$2\r\nk1\r\n:7\r\n$2\r\nk2\r\n,1.5\r\n");
        both(new Reply.MapReply(List.of()), "*0\r\n", "%0\r\n");
        assertThrows(IllegalArgumentException.class,
                () -> ReplyEncoder.encode(new Reply.MapReply(List.of(bulk("k"))), 3, Unpooled.buffer()));
    }

    @Test
    void pairsAreFlatInResp2AndNestedInResp3() {
        Reply pairs = new Reply.Pairs(List.of(bulk("a"), new Reply.Dbl(1), bulk("b"), new Reply.Dbl(2.5)));
        both(pairs, "*4\r\n$1\r\na\r\n$1\r\n1\r\n$1\r\nb\r\n$3\r\n2.5\r\n",
                "*2\r\n*2\r\n$1\r\na\r\n,1\r\n*2\r\n$1\r\nb\r\n,2.5\r\n");
        both(new Reply.Pairs(List.of()), "*0\r\n", "*0\r\n");
    }

    @Test
    void sets() {
        both(new Reply.SetReply(List.of(bulk("a"), bulk("b"))), "*2\r\n$1\r\na\r\n$1\r\nb\r\n",
                "~2\r\n$1\r\na\r\n$1\r\nb\r\n");
        both(new Reply.SetReply(List.of()), "*0\r\n", "~0\r\n");
    }

    @Test
    void verbatim() {
        both(new Reply.Verbatim("txt", "Some string".getBytes(StandardCharsets.UTF_8)),
                "$11\r\nSome string\r\n", "=15\r\ntxt:Some string\r\n");
        both(new Reply.Verbatim("mkd", new byte[0]), "$0\r\n\r\n", "=4\r\nmkd:\r\n");
    }

    @Test
    void push() {
        Reply push = new Reply.Push(List.of(bulk("message"), bulk("ch"), bulk("hi")));
        both(push, "*3\r\n$7\r\nmessage\r\n$2\r\nch\r\n$2\r\nhi\r\n",
                ">3\r\n$7\r\nmessage\r\n$2\r\nch\r\n$2\r\nhi\r\n");
    }

    @Test
    void nestedResp3TypesDegradeInsideResp2Aggregates() {
        Reply r = Reply.array(new Reply.MapReply(List.of(bulk("n"), Reply.NULL_ARRAY, bulk("b"), new Reply.Bool(true))),
                new Reply.SetReply(List.of(new Reply.Dbl(2))));
        both(r, "*2\r\n*4\r\n$1\r\nn\r\n*-1\r\n$1\r\nb\r\n:1\r\n*1\r\n$1\r\n2\r\n",
                "*2\r\n%2\r\n$1\r\nn\r\n_\r\n$1\r\nb\r\n#t\r\n~1\r\n,2\r\n");
    }

    @Test
    void rejectsUnknownProtocol() {
        assertThrows(IllegalArgumentException.class, () -> ReplyEncoder.encode(Reply.OK, 1, Unpooled.buffer()));
        assertThrows(IllegalArgumentException.class, () -> ReplyEncoder.encode(Reply.OK, 4, Unpooled.buffer()));
    }

    @Test
    void appendsToExistingContent() {
        ByteBuf buf = Unpooled.buffer(2);
        buf.writeByte('x');
        ReplyEncoder.encode(Reply.integer(12345678901L), 2, buf);
        ReplyEncoder.encode(Reply.OK, 3, buf);
        assertEquals("x:12345678901\r\n+OK\r\n", buf.toString(StandardCharsets.ISO_8859_1));
        assertTrue(buf.release());
    }
}
