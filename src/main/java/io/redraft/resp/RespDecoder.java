package io.redraft.resp;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.util.ByteProcessor;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Decodes client requests the way Redis 7's {@code processInputBuffer} does (networking.c:
 * {@code processMultibulkBuffer} and {@code processInlineBuffer}), emitting one {@code byte[][]}
 * argv per complete request.
 *
 * <p>A request starting with {@code '*'} is multibulk, anything else is an inline command line.
 * Empty requests ({@code *0}, negative counts, blank or all-blank inline lines) are consumed
 * without emitting anything. Malformed input produces exactly one {@link RespProtocolError}, after
 * which every further byte on the channel is discarded; decode never throws for bad input.
 *
 * <p>Behaviours copied from Redis on purpose, so clients see identical results:
 * <ul>
 *   <li>Header lines end at the first {@code '\r'}; the byte after it is skipped without checking
 *       it is {@code '\n'}, and the two bytes after a bulk payload are skipped unchecked too.
 *   <li>Numbers are parsed like {@code string2ll}: no sign other than a leading {@code '-'}, no
 *       leading zeros, no spaces, at most 20 characters.
 *   <li>A header or inline line only fails as "too big" when more than 64 KiB are buffered and no
 *       terminator has arrived; a long line whose terminator is already buffered is accepted.
 * </ul>
 * Deliberate difference: Redis scans with {@code strchr}, which stops at a NUL byte, so a NUL in
 * a header line makes it wait for 64 KiB and then report "too big ... count string". Here NUL is an
 * ordinary byte and the header is reported as an invalid length straight away. For inline lines,
 * a NUL still ends the text given to the argument splitter, as it does in C.
 *
 * <p>Memory is only committed as bytes arrive: the argv list grows from at most 1024 slots (as
 * Redis's {@code argv_len}) and a bulk's {@code byte[]} is allocated once its whole payload is
 * buffered, so a header declaring 2^31-1 arguments or a 500 MB bulk costs nothing up front.
 *
 * <p>Not sharable: it keeps per-connection parse state.
 */
public final class RespDecoder extends ByteToMessageDecoder {

    /** Redis's default {@code proto-max-bulk-len} (512 MiB). */
    public static final long DEFAULT_MAX_BULK_LEN = 512L * 1024 * 1024;

    /** Largest bulk a Java array can hold (the usual VM limit sits just under Integer.MAX_VALUE). */
    public static final long MAX_SUPPORTED_BULK_LEN = Integer.MAX_VALUE - 8;

    /** Redis's default {@code client-query-buffer-limit} (1 GiB). */
    public static final long DEFAULT_QUERY_BUFFER_LIMIT = 1L << 30;

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(RespDecoder.class);

    /** Redis's PROTO_INLINE_MAX_SIZE: longest unterminated line we keep waiting on. */
    static final int MAX_LINE = 64 * 1024;

    private static final int INITIAL_ARGV = 1024;

    /** Sentinel from {@link #parseLength}: not a string2ll number. */
    private static final long NOT_A_NUMBER = Long.MIN_VALUE;

    private final long maxBulkLen;
    /** Redis's {@code client-query-buffer-limit}, read on every check so CONFIG SET applies at once. */
    private final LongSupplier maxQueryBuffer;
    /** Bytes of the current multibulk request's arguments read so far (Redis's argv_len_sums). */
    private long argBytes;

    /** Set once a protocol error has been emitted; from then on all input is dropped. */
    private boolean failed;
    /** Arguments still expected by the current multibulk request; 0 between requests. */
    private int pendingArgs;
    /** Length of the bulk whose payload we are waiting for, or -1 while its header is unread. */
    private long bulkLen = -1;
    /** Arguments of the current multibulk request read so far. */
    private ArrayList<byte[]> args;
    /**
     * Bytes past the reader index already known to hold no line terminator. Without it a line
     * trickling in a few bytes at a time would be rescanned from its start on every read.
     */
    private int scanned;

    public RespDecoder() {
        this(DEFAULT_MAX_BULK_LEN);
    }

    /** @param maxBulkLen longest accepted bulk argument, as Redis's {@code proto-max-bulk-len} */
    public RespDecoder(long maxBulkLen) {
        this(maxBulkLen, () -> DEFAULT_QUERY_BUFFER_LIMIT);
    }

    /**
     * @param maxQueryBuffer most bytes one connection may have buffered for requests not yet
     *        complete (arguments read so far plus unparsed input), as Redis's
     *        {@code client-query-buffer-limit}; above it the connection is closed
     */
    public RespDecoder(long maxBulkLen, LongSupplier maxQueryBuffer) {
        if (maxBulkLen < 0 || maxBulkLen > MAX_SUPPORTED_BULK_LEN) {
            throw new IllegalArgumentException("maxBulkLen out of range: " + maxBulkLen);
        }
        this.maxBulkLen = maxBulkLen;
        this.maxQueryBuffer = maxQueryBuffer;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (!failed && in.isReadable()) {
            // The request type is fixed by its first byte, which stays at the reader index
            // until the request completes, so it need not be remembered between calls.
            Object msg = pendingArgs > 0 || in.getByte(in.readerIndex()) == '*'
                    ? decodeMultibulk(in)
                    : decodeInline(in);
            if (msg != null) {
                out.add(msg);
            } else if (!failed && argBytes + in.readableBytes() > maxQueryBuffer.getAsLong()) {
                // As Redis: an endless array or bulk must not grow the node's memory without
                // bound; the connection is closed without a reply and the node logs why.
                LOG.warn("closing client {} that reached max query buffer length ({} bytes buffered)",
                        ctx.channel().remoteAddress(), argBytes + in.readableBytes());
                failed = true;
                args = null;
                ctx.close();
            }
        }
        if (failed) {
            in.skipBytes(in.readableBytes());
        }
    }

    @Override
    protected void handlerRemoved0(ChannelHandlerContext ctx) {
        args = null;
    }

    /** Returns argv, a protocol error, or null when more bytes are needed or the request was empty. */
    private Object decodeMultibulk(ByteBuf in) {
        if (pendingArgs == 0) {
            int cr = findInLine(in, ByteProcessor.FIND_CR);
            if (cr < 0) {
                return in.readableBytes() > MAX_LINE ? fail("too big mbulk count string") : null;
            }
            if (cr + 1 >= in.writerIndex()) {
                return null; // the byte that should be '\n' has not arrived yet
            }
            long count = parseLength(in, in.readerIndex() + 1, cr);
            if (count == NOT_A_NUMBER || count > Integer.MAX_VALUE) {
                return fail("invalid multibulk length");
            }
            consume(in, cr + 2 - in.readerIndex());
            if (count <= 0) {
                return null; // *0 and *-1 are silently skipped
            }
            pendingArgs = (int) count;
            args = new ArrayList<>((int) Math.min(count, INITIAL_ARGV));
        }

        while (pendingArgs > 0) {
            if (bulkLen < 0) {
                int cr = findInLine(in, ByteProcessor.FIND_CR);
                if (cr < 0) {
                    return in.readableBytes() > MAX_LINE ? fail("too big bulk count string") : null;
                }
                if (cr + 1 >= in.writerIndex()) {
                    return null;
                }
                int start = in.readerIndex();
                byte first = in.getByte(start);
                if (first != '$') {
                    return fail("expected '$', got '" + (char) (first & 0xFF) + "'");
                }
                long len = parseLength(in, start + 1, cr);
                if (len == NOT_A_NUMBER || len < 0 || len > maxBulkLen) {
                    return fail("invalid bulk length");
                }
                consume(in, cr + 2 - start);
                bulkLen = len;
            }
            // Payload plus the two (unchecked) trailing bytes must all be buffered first.
            if (in.readableBytes() < bulkLen + 2) {
                return null;
            }
            byte[] arg = new byte[(int) bulkLen];
            in.readBytes(arg);
            consume(in, 2);
            args.add(arg);
            argBytes += arg.length;
            bulkLen = -1;
            pendingArgs--;
        }

        byte[][] argv = args.toArray(new byte[0][]);
        args = null;
        argBytes = 0;
        return argv;
    }

    private Object decodeInline(ByteBuf in) {
        int lf = findInLine(in, ByteProcessor.FIND_LF);
        if (lf < 0) {
            return in.readableBytes() > MAX_LINE ? fail("too big inline request") : null;
        }
        int start = in.readerIndex();
        int end = lf > start && in.getByte(lf - 1) == '\r' ? lf - 1 : lf;
        byte[] line = new byte[end - start];
        in.getBytes(start, line);
        consume(in, lf + 1 - start);
        List<byte[]> argv = splitArgs(line);
        if (argv == null) {
            return fail("unbalanced quotes in request");
        }
        return argv.isEmpty() ? null : argv.toArray(new byte[0][]);
    }

    private RespProtocolError fail(String what) {
        failed = true;
        args = null;
        return new RespProtocolError("Protocol error: " + what);
    }

    private void consume(ByteBuf in, int n) {
        in.skipBytes(n);
        scanned = 0;
    }

    /** Absolute index of the first byte matching {@code finder} at or after the reader index, or -1. */
    private int findInLine(ByteBuf in, ByteProcessor finder) {
        int start = in.readerIndex();
        int from = start + scanned;
        int idx = in.forEachByte(from, in.writerIndex() - from, finder);
        scanned = (idx < 0 ? in.writerIndex() : idx) - start;
        return idx;
    }

    /**
     * Parses {@code [from, to)} with Redis's {@code string2ll} rules, straight from the buffer.
     * Callers only care whether a length is negative, so every valid negative number maps to -1,
     * which keeps {@link #NOT_A_NUMBER} free as the failure sentinel.
     */
    static long parseLength(ByteBuf buf, int from, int to) {
        int len = to - from;
        if (len <= 0 || len >= 21) { // string2ll: empty or >= LONG_STR_SIZE is not a number
            return NOT_A_NUMBER;
        }
        byte b = buf.getByte(from);
        if (len == 1 && b == '0') {
            return 0;
        }
        boolean negative = b == '-';
        int i = negative ? from + 1 : from;
        if (i == to) {
            return NOT_A_NUMBER;
        }
        b = buf.getByte(i);
        if (b < '1' || b > '9') { // no leading zeros, no "+", no "-0"
            return NOT_A_NUMBER;
        }
        // Accumulate negatively so -9223372036854775808 is representable, like Long.parseLong.
        long acc = 0;
        for (; i < to; i++) {
            b = buf.getByte(i);
            if (b < '0' || b > '9') {
                return NOT_A_NUMBER;
            }
            int digit = b - '0';
            if (acc < Long.MIN_VALUE / 10) {
                return NOT_A_NUMBER;
            }
            acc *= 10;
            if (acc < Long.MIN_VALUE + digit) {
                return NOT_A_NUMBER;
            }
            acc -= digit;
        }
        if (negative) {
            return -1;
        }
        return acc == Long.MIN_VALUE ? NOT_A_NUMBER : -acc;
    }

    /**
     * Port of Redis's {@code sdssplitargs}: splits an inline command line into arguments, honouring
     * double quotes (with {@code \n \r \t \b \a \xHH} and backslash-anything escapes) and single
     * quotes (with only {@code \'}). Returns null for unbalanced quotes, including a closing quote
     * followed by anything but whitespace. The line is treated as a C string, so it ends at the
     * first NUL byte.
     */
    static List<byte[]> splitArgs(byte[] line) {
        int n = 0;
        while (n < line.length && line[n] != 0) {
            n++;
        }
        List<byte[]> argv = new ArrayList<>();
        Token current = new Token();
        int p = 0;
        while (true) {
            while (p < n && isSpace(line[p])) {
                p++;
            }
            if (p >= n) {
                return argv;
            }
            boolean inDouble = false;
            boolean inSingle = false;
            boolean done = false;
            current.reset();
            while (!done) {
                int c = at(line, n, p);
                if (inDouble) {
                    if (c == '\\' && at(line, n, p + 1) == 'x'
                            && isHex(at(line, n, p + 2)) && isHex(at(line, n, p + 3))) {
                        current.add(hexValue(at(line, n, p + 2)) * 16 + hexValue(at(line, n, p + 3)));
                        p += 3;
                    } else if (c == '\\' && at(line, n, p + 1) != 0) {
                        p++;
                        int e = at(line, n, p);
                        switch (e) {
                            case 'n': current.add('\n'); break;
                            case 'r': current.add('\r'); break;
                            case 't': current.add('\t'); break;
                            case 'b': current.add('\b'); break;
                            case 'a': current.add(7); break;
                            default: current.add(e); break;
                        }
                    } else if (c == '"') {
                        int next = at(line, n, p + 1);
                        if (next != 0 && !isSpace((byte) next)) {
                            return null;
                        }
                        done = true;
                    } else if (c == 0) {
                        return null; // unterminated quotes
                    } else {
                        current.add(c);
                    }
                } else if (inSingle) {
                    if (c == '\\' && at(line, n, p + 1) == '\'') {
                        p++;
                        current.add('\'');
                    } else if (c == '\'') {
                        int next = at(line, n, p + 1);
                        if (next != 0 && !isSpace((byte) next)) {
                            return null;
                        }
                        done = true;
                    } else if (c == 0) {
                        return null;
                    } else {
                        current.add(c);
                    }
                } else {
                    // Only these end an unquoted token, though isspace() also skips \v and \f
                    // between tokens; Redis has the same asymmetry.
                    switch (c) {
                        case ' ':
                        case '\n':
                        case '\r':
                        case '\t':
                        case 0:
                            done = true;
                            break;
                        case '"':
                            inDouble = true;
                            break;
                        case '\'':
                            inSingle = true;
                            break;
                        default:
                            current.add(c);
                            break;
                    }
                }
                if (at(line, n, p) != 0) {
                    p++;
                }
            }
            argv.add(current.toBytes());
        }
    }

    /** Byte at {@code i} as unsigned, or 0 past the end, mimicking a NUL-terminated C string. */
    private static int at(byte[] line, int n, int i) {
        return i < n ? line[i] & 0xFF : 0;
    }

    /** C {@code isspace} in the "C" locale. */
    private static boolean isSpace(byte b) {
        return b == ' ' || (b >= '\t' && b <= '\r');
    }

    private static boolean isHex(int c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    private static int hexValue(int c) {
        return c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
    }

    /** Growable byte buffer reused across the tokens of one line. */
    private static final class Token {
        private byte[] buf = new byte[32];
        private int len;

        void reset() {
            len = 0;
        }

        void add(int b) {
            if (len == buf.length) {
                buf = java.util.Arrays.copyOf(buf, len * 2);
            }
            buf[len++] = (byte) b;
        }

        byte[] toBytes() {
            return java.util.Arrays.copyOf(buf, len);
        }
    }
}
