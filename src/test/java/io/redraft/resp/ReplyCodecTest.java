package io.redraft.resp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ReplyCodecTest {

    /** Structural equality; records compare byte[] components by identity, so recurse by hand. */
    static void assertReplyEquals(Reply expected, Reply actual) {
        assertEquals(expected.getClass(), actual.getClass(), () -> expected + " vs " + actual);
        if (expected instanceof Reply.Bulk b) {
            assertArrayEquals(b.value(), ((Reply.Bulk) actual).value());
        } else if (expected instanceof Reply.Verbatim v) {
            assertEquals(v.format(), ((Reply.Verbatim) actual).format());
            assertArrayEquals(v.value(), ((Reply.Verbatim) actual).value());
        } else if (expected instanceof Reply.Dbl d) {
            assertEquals(Double.doubleToRawLongBits(d.value()), Double.doubleToRawLongBits(((Reply.Dbl) actual).value()));
        } else if (expected instanceof Reply.Array a) {
            assertListEquals(a.items(), ((Reply.Array) actual).items());
        } else if (expected instanceof Reply.MapReply m) {
            assertListEquals(m.keysAndValues(), ((Reply.MapReply) actual).keysAndValues());
        } else if (expected instanceof Reply.SetReply s) {
            assertListEquals(s.items(), ((Reply.SetReply) actual).items());
        } else if (expected instanceof Reply.Pairs p) {
            assertListEquals(p.flat(), assertInstanceOf(Reply.Pairs.class, actual).flat());
        } else if (expected instanceof Reply.Push p) {
            assertListEquals(p.items(), ((Reply.Push) actual).items());
        } else {
            assertEquals(expected, actual);
        }
    }

    static void assertListEquals(List<Reply> expected, List<Reply> actual) {
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.size(); i++) {
            assertReplyEquals(expected.get(i), actual.get(i));
        }
    }

    private static Reply roundTrip(Reply r) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ReplyCodec.write(r, new DataOutputStream(bytes));
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()));
        Reply back = ReplyCodec.read(in);
        assertEquals(0, in.available(), "whole encoding consumed");
        return back;
    }

    static List<Reply> allVariants() {
        byte[] big = new byte[200_000];
        new Random(5).nextBytes(big);
        return List.of(
                Reply.OK, Reply.PONG, Reply.QUEUED, Reply.status(""), Reply.status("caf\u00e9 \uD83D\uDE00"),
                Reply.status("x".repeat(70_000)),
                Reply.error("ERR syntax error"), Reply.error(""),
                Reply.ZERO, Reply.ONE, Reply.integer(-1), Reply.integer(2), Reply.integer(Long.MAX_VALUE),
                Reply.integer(Long.MIN_VALUE), Reply.integer(-123456789),
                Reply.bulk(""), Reply.bulk("hello"), new Reply.Bulk(new byte[] {0, '\r', '\n', (byte) 0xFF}),
                new Reply.Bulk(big),
                new Reply.Dbl(0.0), new Reply.Dbl(-0.0), new Reply.Dbl(3.5), new Reply.Dbl(Double.NaN),
                new Reply.Dbl(Double.longBitsToDouble(0x7FF0000000000123L)), new Reply.Dbl(Double.NEGATIVE_INFINITY),
                new Reply.Dbl(Double.MIN_VALUE),
                new Reply.Bool(true), new Reply.Bool(false),
                Reply.NULL, Reply.NULL_ARRAY,
                Reply.EMPTY_ARRAY, Reply.array(Reply.ONE, Reply.bulk("a"), Reply.NULL, Reply.array(Reply.OK)),
                new Reply.MapReply(List.of()), new Reply.MapReply(List.of(Reply.bulk("k"), new Reply.Dbl(1.5))),
                new Reply.SetReply(List.of(Reply.bulk("a"), Reply.bulk("b"))), new Reply.SetReply(List.of()),
                new Reply.Verbatim("txt", "# Server\r\nredis_version:7.2.0\r\n".getBytes(StandardCharsets.UTF_8)),
                new Reply.Verbatim("mkd", new byte[0]),
                new Reply.Push(List.of(Reply.bulk("message"), Reply.bulk("ch"), Reply.bulk("payload"))),
                new Reply.Push(List.of()),
                new Reply.Pairs(List.of(Reply.bulk("m"), new Reply.Dbl(1.5))), new Reply.Pairs(List.of()));
    }

    @Test
    void everyVariantRoundTrips() throws IOException {
        for (Reply r : allVariants()) {
            assertReplyEquals(r, roundTrip(r));
        }
    }

    @Test
    void listRoundTripsAndNests() {
        List<Reply> all = new ArrayList<>(allVariants());
        all.add(Reply.array(new ArrayList<>(allVariants())));
        all.add(new Reply.MapReply(List.of(Reply.bulk("inner"), new Reply.Push(new ArrayList<>(allVariants())))));
        byte[] bytes = ReplyCodec.toBytes(all);
        assertListEquals(all, ReplyCodec.listFromBytes(bytes));
        assertEquals(List.of(), ReplyCodec.listFromBytes(ReplyCodec.toBytes(List.of())));
    }

    @Test
    void commonRepliesAreCompactAndShared() {
        assertEquals(3, ReplyCodec.toBytes(List.of(Reply.OK, Reply.NULL)).length);
        List<Reply> back = ReplyCodec.listFromBytes(ReplyCodec.toBytes(List.of(Reply.OK, Reply.ZERO, Reply.NULL)));
        assertSame(Reply.OK, back.get(0));
        assertSame(Reply.ZERO, back.get(1));
        assertSame(Reply.NULL, back.get(2));
    }

    @Test
    void nullBulkBecomesNull() throws IOException {
        assertSame(Reply.NULL, roundTrip(new Reply.Bulk(null)));
    }

    @Test
    void corruptInputIsRejected() {
        byte[] good = ReplyCodec.toBytes(List.of(Reply.bulk("hello"), Reply.array(Reply.ONE)));
        for (int cut = 0; cut < good.length; cut++) {
            byte[] truncated = Arrays.copyOf(good, cut);
            assertThrows(IllegalArgumentException.class, () -> ReplyCodec.listFromBytes(truncated), "cut " + cut);
        }
        byte[] trailing = Arrays.copyOf(good, good.length + 1);
        assertThrows(IllegalArgumentException.class, () -> ReplyCodec.listFromBytes(trailing));
        assertThrows(IllegalArgumentException.class, () -> ReplyCodec.listFromBytes(new byte[] {1, (byte) 200}));
        // A bulk claiming 2^31-1 bytes with none present fails on EOF without allocating 2 GiB.
        byte[] huge = {1, 3, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x07, 'x'};
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ReplyCodec.listFromBytes(huge));
        assertInstanceOf(IOException.class, e.getCause());
        // Varint longer than 64 bits.
        byte[] longVarint = new byte[12];
        Arrays.fill(longVarint, (byte) 0x80);
        assertThrows(IllegalArgumentException.class, () -> ReplyCodec.listFromBytes(longVarint));
    }

    @Test
    void randomTreesRoundTrip() {
        Random rnd = new Random(99);
        for (int i = 0; i < 2_000; i++) {
            List<Reply> batch = new ArrayList<>();
            int n = rnd.nextInt(5);
            for (int j = 0; j < n; j++) {
                batch.add(randomReply(rnd, 3));
            }
            assertListEquals(batch, ReplyCodec.listFromBytes(ReplyCodec.toBytes(batch)));
        }
    }

    static Reply randomReply(Random rnd, int depth) {
        int kind = rnd.nextInt(depth > 0 ? 12 : 8);
        switch (kind) {
            case 0: return Reply.status(randomString(rnd));
            case 1: return Reply.error("ERR " + randomString(rnd));
            case 2: return Reply.integer(rnd.nextLong() >> rnd.nextInt(64));
            case 3: {
                byte[] b = new byte[rnd.nextInt(40)];
                rnd.nextBytes(b);
                return new Reply.Bulk(b);
            }
            case 4: return new Reply.Dbl(Double.longBitsToDouble(rnd.nextLong()));
            case 5: return new Reply.Bool(rnd.nextBoolean());
            case 6: return new Reply.Null(rnd.nextBoolean());
            case 7: {
                byte[] b = new byte[rnd.nextInt(40)];
                rnd.nextBytes(b);
                return new Reply.Verbatim("txt", b);
            }
            default: {
                List<Reply> items = new ArrayList<>();
                int n = rnd.nextInt(6);
                for (int i = 0; i < n; i++) {
                    items.add(randomReply(rnd, depth - 1));
                }
                switch (kind) {
                    case 8: return new Reply.Array(items);
                    case 9: {
                        if ((items.size() & 1) == 1) {
                            items.add(Reply.NULL);
                        }
                        return new Reply.MapReply(items);
                    }
                    case 10: return new Reply.SetReply(items);
                    default: return new Reply.Push(items);
                }
            }
        }
    }

    private static String randomString(Random rnd) {
        StringBuilder sb = new StringBuilder();
        int n = rnd.nextInt(20);
        for (int i = 0; i < n; i++) {
            sb.append((char) (rnd.nextBoolean() ? 'a' + rnd.nextInt(26) : 0x20 + rnd.nextInt(0x2000)));
        }
        return sb.toString();
    }
}
