package io.redraft.resp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class RespDecoderTest {

    // ---- helpers ----

    static byte[] b(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    static List<Object> decodeWhole(RespDecoder decoder, byte[] input) {
        return decodeChunks(decoder, List.of(input));
    }

    static List<Object> decodeChunks(RespDecoder decoder, List<byte[]> chunks) {
        EmbeddedChannel ch = new EmbeddedChannel(decoder);
        List<Object> out = new ArrayList<>();
        for (byte[] c : chunks) {
            ch.writeInbound(Unpooled.wrappedBuffer(c));
            drain(ch, out);
        }
        ch.finish();
        drain(ch, out);
        return out;
    }

    private static void drain(EmbeddedChannel ch, List<Object> out) {
        Object m;
        while ((m = ch.readInbound()) != null) {
            out.add(m);
        }
    }

    static List<Object> decode(String input) {
        return decodeWhole(new RespDecoder(), b(input));
    }

    static List<byte[]> randomSplit(byte[] input, Random rnd) {
        List<byte[]> chunks = new ArrayList<>();
        int i = 0;
        while (i < input.length) {
            int n = 1 + rnd.nextInt(Math.min(16, input.length - i));
            chunks.add(Arrays.copyOfRange(input, i, i + n));
            i += n;
        }
        return chunks;
    }

    static List<byte[]> byteByByte(byte[] input) {
        List<byte[]> chunks = new ArrayList<>();
        for (byte x : input) {
            chunks.add(new byte[] {x});
        }
        return chunks;
    }

    /** Renders decoder output for exact comparisons: argv as quoted ISO-8859-1, errors by text. */
    static List<String> render(List<Object> out) {
        List<String> r = new ArrayList<>();
        for (Object o : out) {
            if (o instanceof byte[][] argv) {
                StringBuilder sb = new StringBuilder("[");
                for (int i = 0; i < argv.length; i++) {
                    if (i > 0) {
                        sb.append(", ");
                    }
                    sb.append('"').append(new String(argv[i], StandardCharsets.ISO_8859_1)).append('"');
                }
                r.add(sb.append(']').toString());
            } else if (o instanceof RespProtocolError e) {
                r.add("ERR " + e.message());
            } else {
                fail("unexpected message type " + o.getClass());
            }
        }
        return r;
    }

    static void assertArgv(Object msg, String... expected) {
        byte[][] argv = assertInstanceOf(byte[][].class, msg);
        assertEquals(expected.length, argv.length, "argc");
        for (int i = 0; i < expected.length; i++) {
            assertArrayEquals(b(expected[i]), argv[i], "arg " + i);
        }
    }

    static void assertSingleError(String input, String message) {
        List<Object> out = decode(input);
        assertEquals(1, out.size(), () -> "outputs: " + render(out));
        assertEquals(new RespProtocolError(message), out.get(0));
    }

    // ---- multibulk ----

    @Test
    void simpleMultibulk() {
        List<Object> out = decode("*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$5\r\nhello\r\n");
        assertEquals(1, out.size());
        assertArgv(out.get(0), "SET", "k", "hello");
    }

    @Test
    void pipelinedRequests() {
        List<Object> out = decode("*1\r\n$4\r\nPING\r\n*2\r\n$4\r\nECHO\r\n$0\r\n\r\nPING\r\n*1\r\n$4\r\nPING\r\n");
        assertEquals(4, out.size());
        assertArgv(out.get(0), "PING");
        assertArgv(out.get(1), "ECHO", "");
        assertArgv(out.get(2), "PING");
        assertArgv(out.get(3), "PING");
    }

    @Test
    void emptyRequestsAreSkipped() {
        List<Object> out = decode("*0\r\n*-1\r\n*-5\r\n\r\n   \r\n\n*1\r\n$4\r\nPING\r\n");
        assertEquals(1, out.size());
        assertArgv(out.get(0), "PING");
    }

    @Test
    void binarySafeBulks() {
        byte[] payload = {'a', '\r', '\n', 0, 'b', (byte) 0xFF, '\r', '\n', '*', '$'};
        ByteArrayOutputStream req = new ByteArrayOutputStream();
        req.writeBytes(b("*2\r\n$3\r\nSET\r\n$" + payload.length + "\r\n"));
        req.writeBytes(payload);
        req.writeBytes(b("\r\n"));
        List<Object> out = decodeWhole(new RespDecoder(), req.toByteArray());
        assertEquals(1, out.size());
        byte[][] argv = (byte[][]) out.get(0);
        assertArrayEquals(b("SET"), argv[0]);
        assertArrayEquals(payload, argv[1]);
    }

    @Test
    void trailingBytesAfterBulkAndHeaderAreNotValidatedLikeRedis() {
        // Redis skips the two bytes after a payload and the byte after a header's CR unchecked.
        List<Object> out = decode("*1\rX$4\r?PINGab*1\r\n$1\r\nx\r\n");
        assertEquals(2, out.size());
        assertArgv(out.get(0), "PING");
        assertArgv(out.get(1), "x");
    }

    @Test
    void queryBufferLimitClosesAnEndlessArrayWithoutGrowing() {
        EmbeddedChannel ch = new EmbeddedChannel(new RespDecoder(1 << 20, () -> 100));
        ch.writeInbound(Unpooled.wrappedBuffer(b("*1\r\n$3\r\nGET\r\n*1000\r\n")));
        assertArgv(ch.readInbound(), "GET"); // complete requests are not counted against it
        ch.writeInbound(Unpooled.wrappedBuffer(b("$40\r\n" + "a".repeat(40) + "\r\n")));
        ch.writeInbound(Unpooled.wrappedBuffer(b("$40\r\n" + "a".repeat(40) + "\r\n")));
        assertTrue(ch.isOpen());
        ch.writeInbound(Unpooled.wrappedBuffer(b("$40\r\n" + "a".repeat(40) + "\r\n")));
        assertFalse(ch.isOpen(), "closed once the pending request passed 100 bytes");
        assertNull(ch.readInbound(), "no reply, no request: closed as Redis does");
    }

    @Test
    void waitsForLfAfterCr() {
        EmbeddedChannel ch = new EmbeddedChannel(new RespDecoder());
        ch.writeInbound(Unpooled.wrappedBuffer(b("*1\r")));
        assertNull(ch.readInbound());
        ch.writeInbound(Unpooled.wrappedBuffer(b("\n$4\r")));
        assertNull(ch.readInbound());
        ch.writeInbound(Unpooled.wrappedBuffer(b("\nPING\r")));
        assertNull(ch.readInbound());
        ch.writeInbound(Unpooled.wrappedBuffer(b("\n")));
        assertArgv(ch.readInbound(), "PING");
        assertFalse(ch.finish());
    }

    @Test
    void maxLengthNumbersAccepted() {
        List<Object> out = decode("*-9223372036854775808\r\n*1\r\n$0\r\n\r\n");
        assertEquals(1, out.size());
        assertArgv(out.get(0), "");
    }

    // ---- malformed input, exact Redis texts ----

    @Test
    void invalidMultibulkLength() {
        for (String bad : List.of("*abc\r\n", "*\r\n", "*01\r\n", "*+1\r\n", "*-0\r\n", "*1 \r\n", "* 1\r\n",
                "*2147483648\r\n", "*9223372036854775808\r\n", "*-9223372036854775809\r\n",
                "*000000000000000000001\r\n", "*1\0\r\n")) {
            assertSingleError(bad + "*1\r\n$4\r\nPING\r\n", "Protocol error: invalid multibulk length");
        }
    }

    @Test
    void maxIntMultibulkLengthIsValid() {
        List<Object> out = decode("*2147483647\r\n$1\r\na\r\n");
        assertTrue(out.isEmpty());
    }

    @Test
    void tooBigMbulkCountString() {
        String big = "*" + "1".repeat(RespDecoder.MAX_LINE);
        assertSingleError(big, "Protocol error: too big mbulk count string");
        // Exactly 64 KiB buffered is still tolerated, as in Redis (the check is '>').
        assertTrue(decode("*" + "1".repeat(RespDecoder.MAX_LINE - 1)).isEmpty());
        // A CR anywhere later in the buffer makes it a (failed) number instead.
        assertSingleError(big + "\r\n", "Protocol error: invalid multibulk length");
    }

    @Test
    void expectedDollar() {
        assertSingleError("*1\r\n+PING\r\n", "Protocol error: expected '$', got '+'");
        assertSingleError("*2\r\n$4\r\nECHO\r\n:1\r\n", "Protocol error: expected '$', got ':'");
        assertSingleError("*1\r\n\r\n", "Protocol error: expected '$', got '\r'");
        assertSingleError("*1\r\n\u00ff\r\n", "Protocol error: expected '$', got '\u00ff'");
    }

    @Test
    void expectedDollarOnlyOnceTheLineIsComplete() {
        assertTrue(decode("*1\r\nPING").isEmpty());
    }

    @Test
    void invalidBulkLength() {
        for (String bad : List.of("$-1", "$abc", "$", "$01", "$1.5", "$ 1", "$-0", "$99999999999999999999",
                "$" + (RespDecoder.DEFAULT_MAX_BULK_LEN + 1))) {
            assertSingleError("*1\r\n" + bad + "\r\nxxxx\r\n", "Protocol error: invalid bulk length");
        }
    }

    @Test
    void bulkLengthLimitIsConfigurable() {
        assertSingleError("*1\r\n$600000000\r\n", "Protocol error: invalid bulk length");
        List<Object> ok = decodeWhole(new RespDecoder(5), b("*1\r\n$5\r\nhello\r\n"));
        assertArgv(ok.get(0), "hello");
        List<Object> bad = decodeWhole(new RespDecoder(4), b("*1\r\n$5\r\nhello\r\n"));
        assertEquals(List.of(new RespProtocolError("Protocol error: invalid bulk length")), bad);
        assertThrows(IllegalArgumentException.class, () -> new RespDecoder(-1));
        assertThrows(IllegalArgumentException.class, () -> new RespDecoder(Integer.MAX_VALUE));
    }

    @Test
    void tooBigBulkCountString() {
        assertSingleError("*1\r\n$" + "1".repeat(RespDecoder.MAX_LINE), "Protocol error: too big bulk count string");
        assertSingleError("*2\r\n$1\r\na\r\n" + "x".repeat(RespDecoder.MAX_LINE + 1),
                "Protocol error: too big bulk count string");
    }

    @Test
    void tooBigInlineRequest() {
        assertSingleError("GET " + "k".repeat(RespDecoder.MAX_LINE), "Protocol error: too big inline request");
        // A long line whose newline is already buffered is fine.
        List<Object> out = decode("ECHO " + "k".repeat(RespDecoder.MAX_LINE) + "\r\n");
        assertEquals(1, out.size());
        assertEquals(RespDecoder.MAX_LINE, ((byte[][]) out.get(0))[1].length);
    }

    @Test
    void unbalancedQuotes() {
        for (String bad : List.of("SET \"k v\r\n", "SET 'k v\r\n", "SET \"k\"v\r\n", "SET 'k'v\r\n",
                "SET \"k\\\"\r\n", "SET \"k\\\r\n", "ECHO \"a\"\"b\"\r\n")) {
            assertSingleError(bad + "PING\r\n", "Protocol error: unbalanced quotes in request");
        }
    }

    @Test
    void requestsBeforeTheErrorAreDeliveredAndNothingAfter() {
        List<Object> out = decode("PING\r\n*1\r\n$4\r\nPING\r\n*1\r\n$x\r\n*1\r\n$4\r\nPING\r\n");
        assertEquals(3, out.size());
        assertArgv(out.get(0), "PING");
        assertArgv(out.get(1), "PING");
        assertEquals(new RespProtocolError("Protocol error: invalid bulk length"), out.get(2));
    }

    @Test
    void inputAfterErrorIsDiscardedAcrossReads() {
        EmbeddedChannel ch = new EmbeddedChannel(new RespDecoder());
        ch.writeInbound(Unpooled.wrappedBuffer(b("*x\r\n")));
        assertInstanceOf(RespProtocolError.class, ch.readInbound());
        for (int i = 0; i < 5; i++) {
            ch.writeInbound(Unpooled.wrappedBuffer(b("*1\r\n$4\r\nPING\r\nPING\r\n")));
            assertNull(ch.readInbound());
        }
        assertFalse(ch.finish());
    }

    // ---- inline ----

    @Test
    void inlineSplitting() {
        assertInline("PING\r\n", "PING");
        assertInline("PING\n", "PING");
        assertInline("  SET   k \t v  \r\n", "SET", "k", "v");
        assertInline("PING\r\r\n", "PING"); // the extra CR is whitespace
        assertInline("SET \"hello world\" 'x y'\r\n", "SET", "hello world", "x y");
        assertInline("ECHO \"a\\nb\\rc\\td\\be\\af\\\\g\\\"h\\qi\"\n", "ECHO", "a\nb\rc\td\be\u0007f\\g\"hqi");
        assertInline("ECHO \"\\x41\\x6a\\xFF\\x4\\xZZ\"\n", "ECHO", "Aj\u00ffx4xZZ");
        assertInline("ECHO 'it\\'s' 'a\\nb'\n", "ECHO", "it's", "a\\nb");
        assertInline("ECHO \"\" ''\n", "ECHO", "", "");
        assertInline("ECHO foo\"bar baz\"\n", "ECHO", "foobar baz");
        assertInline("ECHO \"a\"\t\"b\"\n", "ECHO", "a", "b");
        assertInline("ECHO a\u000bb \u000bc\n", "ECHO", "a\u000bb", "c"); // \v skipped between, kept inside
        assertInline("ECHO \u00e9\u00ff\n", "ECHO", "\u00e9\u00ff");
        assertInline("ECHO a\0b c\n", "ECHO", "a"); // C string: the line ends at NUL
    }

    private static void assertInline(String line, String... argv) {
        List<Object> out = decode(line);
        assertEquals(1, out.size(), () -> line + " -> " + render(out));
        assertArgv(out.get(0), argv);
    }

    // ---- fragmentation ----

    static final String PIPELINE = "*3\r\n$3\r\nSET\r\n$3\r\nkey\r\n$11\r\nhello\r\nw\0rl\r\n"
            + "GET key\r\n"
            + "*0\r\n"
            + "*2\r\n$4\r\nECHO\r\n$0\r\n\r\n"
            + "\r\n"
            + "ECHO \"quoted \\x00 arg\" 'single'\n"
            + "*1\r\n$4\r\nPING\r\n";

    @Test
    void fragmentedInputDecodesLikeWhole() {
        byte[] input = b(PIPELINE);
        List<String> whole = render(decodeWhole(new RespDecoder(), input));
        assertEquals(5, whole.size());
        assertEquals(whole, render(decodeChunks(new RespDecoder(), byteByByte(input))));
        Random rnd = new Random(42);
        for (int i = 0; i < 200; i++) {
            assertEquals(whole, render(decodeChunks(new RespDecoder(), randomSplit(input, rnd))));
        }
    }

    @Test
    void fragmentedErrorDecodesLikeWhole() {
        byte[] input = b(PIPELINE + "*2\r\n$3\r\nGET\r\n!oops\r\n" + PIPELINE);
        List<String> whole = render(decodeWhole(new RespDecoder(), input));
        assertEquals("ERR Protocol error: expected '$', got '!'", whole.get(whole.size() - 1));
        assertEquals(whole, render(decodeChunks(new RespDecoder(), byteByByte(input))));
        Random rnd = new Random(7);
        for (int i = 0; i < 100; i++) {
            assertEquals(whole, render(decodeChunks(new RespDecoder(), randomSplit(input, rnd))));
        }
    }

    // ---- memory ----

    @Test
    void hugeDeclaredCountsDoNotAllocateUpFront() {
        long before = allocatedBytes();
        List<Object> out = decode("*2147483647\r\n$1\r\na\r\n");
        assertTrue(out.isEmpty());
        List<Object> out2 = decode("*1\r\n$500000000\r\nabc");
        assertTrue(out2.isEmpty());
        long used = allocatedBytes() - before;
        assertTrue(used < 16L * 1024 * 1024, "allocated " + used + " bytes");
    }

    private static long allocatedBytes() {
        java.lang.management.ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        Assumptions.assumeTrue(mx instanceof com.sun.management.ThreadMXBean);
        com.sun.management.ThreadMXBean sun = (com.sun.management.ThreadMXBean) mx;
        Assumptions.assumeTrue(sun.isThreadAllocatedMemorySupported() && sun.isThreadAllocatedMemoryEnabled());
        return sun.getThreadAllocatedBytes(Thread.currentThread().getId());
    }

    @Test
    void largeBulkArrivingInPiecesIsAssembledOnce() {
        int size = 1 << 20;
        byte[] payload = new byte[size];
        new Random(1).nextBytes(payload);
        ByteArrayOutputStream req = new ByteArrayOutputStream();
        req.writeBytes(b("*2\r\n$3\r\nSET\r\n$" + size + "\r\n"));
        req.writeBytes(payload);
        req.writeBytes(b("\r\n"));
        byte[] all = req.toByteArray();
        List<byte[]> chunks = new ArrayList<>();
        for (int i = 0; i < all.length; i += 1000) {
            chunks.add(Arrays.copyOfRange(all, i, Math.min(all.length, i + 1000)));
        }
        List<Object> out = decodeChunks(new RespDecoder(), chunks);
        assertEquals(1, out.size());
        assertArrayEquals(payload, ((byte[][]) out.get(0))[1]);
    }

    // ---- string2ll ----

    @Test
    void parseLengthFollowsString2ll() {
        assertEquals(0, parse("0"));
        assertEquals(123, parse("123"));
        assertEquals(Long.MAX_VALUE, parse("9223372036854775807"));
        assertEquals(-1, parse("-9223372036854775808"));
        assertEquals(-1, parse("-5"));
        for (String bad : List.of("", "-", "-0", "00", "01", "+1", "1a", " 1", "1 ", "9223372036854775808",
                "-9223372036854775809", "123456789012345678901")) {
            assertEquals(Long.MIN_VALUE, parse(bad), bad);
        }
    }

    private static long parse(String s) {
        byte[] bytes = b("x" + s + "y");
        return RespDecoder.parseLength(Unpooled.wrappedBuffer(bytes), 1, 1 + s.length());
    }
}
