package io.redraft.resp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writes {@link Reply} trees as RESP2 or RESP3, mapping RESP3-only types down to RESP2 the way
 * Redis does (doubles as bulk strings, booleans as 1/0, maps as flat arrays, sets and pushes as
 * arrays, verbatim strings as plain bulks).
 */
public final class ReplyEncoder {

    private ReplyEncoder() {}

    private static final short CRLF = ('\r' << 8) | '\n';

    // Pre-encoded forms of the replies nearly every workload sends.
    private static final byte[] OK = ascii("+OK\r\n");
    private static final byte[] PONG = ascii("+PONG\r\n");
    private static final byte[] QUEUED = ascii("+QUEUED\r\n");
    private static final byte[] INT_ZERO = ascii(":0\r\n");
    private static final byte[] INT_ONE = ascii(":1\r\n");
    private static final byte[] NULL_BULK = ascii("$-1\r\n");
    private static final byte[] NULL_ARRAY = ascii("*-1\r\n");
    private static final byte[] NULL_RESP3 = ascii("_\r\n");
    private static final byte[] EMPTY_ARRAY = ascii("*0\r\n");
    private static final byte[] TRUE_RESP3 = ascii("#t\r\n");
    private static final byte[] FALSE_RESP3 = ascii("#f\r\n");
    private static final byte[] LONG_MIN = ascii(Long.toString(Long.MIN_VALUE));

    /**
     * Appends {@code reply} to {@code out}.
     *
     * @param protocol 2 or 3, as negotiated by HELLO
     * @throws IllegalArgumentException for another protocol, or a map with an odd item count
     */
    public static void encode(Reply reply, int protocol, ByteBuf out) {
        if (protocol != 2 && protocol != 3) {
            throw new IllegalArgumentException("unsupported RESP protocol " + protocol);
        }
        write(reply, protocol == 3, out);
    }

    /** Redis 7.2's reply format for doubles ({@code d2string}); see {@link DoubleFormat}. */
    public static String formatDouble(double d) {
        return DoubleFormat.format(d);
    }

    /**
     * Redis's INCRBYFLOAT/HINCRBYFLOAT value format: plain decimal, no exponent, at most 17
     * fractional digits, e.g. 1e20 as "100000000000000000000" and 1.5e-7 as "0.00000015".
     */
    public static String formatHumanDouble(double d) {
        return DoubleFormat.formatHuman(d);
    }

    private static void write(Reply reply, boolean resp3, ByteBuf out) {
        // instanceof chain ordered by expected frequency (no pattern switch on Java 17).
        if (reply instanceof Reply.Bulk b) {
            if (b.value() == null) {
                out.writeBytes(resp3 ? NULL_RESP3 : NULL_BULK);
            } else {
                writeBulk(b.value(), out);
            }
        } else if (reply instanceof Reply.Status s) {
            writeStatus(s, out);
        } else if (reply instanceof Reply.Int i) {
            writeInt(i.value(), out);
        } else if (reply instanceof Reply.Array a) {
            writeAggregate('*', a.items(), a.items().size(), resp3, out);
        } else if (reply instanceof Reply.Null n) {
            out.writeBytes(resp3 ? NULL_RESP3 : n.array() ? NULL_ARRAY : NULL_BULK);
        } else if (reply instanceof Reply.Error e) {
            out.writeByte('-');
            writeLine(e.text(), out);
        } else if (reply instanceof Reply.Dbl d) {
            String text = DoubleFormat.format(d.value());
            if (resp3) {
                out.writeByte(',');
                out.writeCharSequence(text, StandardCharsets.US_ASCII);
                out.writeShort(CRLF);
            } else {
                writeHeader('$', text.length(), out);
                out.writeCharSequence(text, StandardCharsets.US_ASCII);
                out.writeShort(CRLF);
            }
        } else if (reply instanceof Reply.MapReply m) {
            List<Reply> kv = m.keysAndValues();
            if ((kv.size() & 1) != 0) {
                throw new IllegalArgumentException("map reply with odd item count " + kv.size());
            }
            writeAggregate(resp3 ? '%' : '*', kv, resp3 ? kv.size() / 2 : kv.size(), resp3, out);
        } else if (reply instanceof Reply.SetReply s) {
            writeAggregate(resp3 ? '~' : '*', s.items(), s.items().size(), resp3, out);
        } else if (reply instanceof Reply.Pairs p) {
            List<Reply> flat = p.flat();
            if ((flat.size() & 1) != 0) {
                throw new IllegalArgumentException("pairs reply with odd item count " + flat.size());
            }
            if (resp3) {
                writeHeader('*', flat.size() / 2, out);
                for (int i = 0; i < flat.size(); i += 2) {
                    writeAggregate('*', flat.subList(i, i + 2), 2, true, out);
                }
            } else {
                writeAggregate('*', flat, flat.size(), false, out);
            }
        } else if (reply instanceof Reply.Bool b) {
            if (resp3) {
                out.writeBytes(b.value() ? TRUE_RESP3 : FALSE_RESP3);
            } else {
                out.writeBytes(b.value() ? INT_ONE : INT_ZERO);
            }
        } else if (reply instanceof Reply.Verbatim v) {
            if (resp3) {
                // Redis formats are exactly three characters ("txt", "mkd"); the length covers "fmt:".
                byte[] format = v.format().getBytes(StandardCharsets.UTF_8);
                writeHeader('=', format.length + 1 + v.value().length, out);
                out.writeBytes(format);
                out.writeByte(':');
                out.writeBytes(v.value());
                out.writeShort(CRLF);
            } else {
                writeBulk(v.value(), out);
            }
        } else if (reply instanceof Reply.Push p) {
            writeAggregate(resp3 ? '>' : '*', p.items(), p.items().size(), resp3, out);
        } else if (reply instanceof Reply.Frames f) {
            for (Reply frame : f.frames()) {
                write(frame, resp3, out);
            }
        } else {
            throw new IllegalArgumentException("unknown reply type " + reply);
        }
    }

    private static void writeAggregate(char type, List<Reply> items, int count, boolean resp3, ByteBuf out) {
        if (count == 0 && type == '*') {
            out.writeBytes(EMPTY_ARRAY);
            return;
        }
        writeHeader(type, count, out);
        for (int i = 0, n = items.size(); i < n; i++) {
            write(items.get(i), resp3, out);
        }
    }

    private static void writeStatus(Reply.Status s, ByteBuf out) {
        String text = s.text();
        if (s == Reply.OK || "OK".equals(text)) {
            out.writeBytes(OK);
        } else if (s == Reply.PONG || "PONG".equals(text)) {
            out.writeBytes(PONG);
        } else if (s == Reply.QUEUED || "QUEUED".equals(text)) {
            out.writeBytes(QUEUED);
        } else {
            out.writeByte('+');
            writeLine(text, out);
        }
    }

    private static void writeInt(long v, ByteBuf out) {
        if (v == 0) {
            out.writeBytes(INT_ZERO);
        } else if (v == 1) {
            out.writeBytes(INT_ONE);
        } else {
            out.writeByte(':');
            writeDecimal(v, out);
            out.writeShort(CRLF);
        }
    }

    private static void writeBulk(byte[] value, ByteBuf out) {
        writeHeader('$', value.length, out);
        out.writeBytes(value);
        out.writeShort(CRLF);
    }

    /**
     * Status and error text as one line. A CR or LF inside would end the line early and let the
     * rest be parsed as further replies, so they become spaces (Redis does the same for errors).
     */
    private static void writeLine(String text, ByteBuf out) {
        if (text.indexOf('\r') >= 0 || text.indexOf('\n') >= 0) {
            text = text.replace('\r', ' ').replace('\n', ' ');
        }
        ByteBufUtil.writeUtf8(out, text);
        out.writeShort(CRLF);
    }

    private static void writeHeader(char type, long count, ByteBuf out) {
        out.writeByte(type);
        writeDecimal(count, out);
        out.writeShort(CRLF);
    }

    /** ASCII decimal straight into the buffer, avoiding a String per number. */
    static void writeDecimal(long v, ByteBuf out) {
        if (v >= 0 && v < 10) {
            out.writeByte('0' + (int) v);
            return;
        }
        if (v == Long.MIN_VALUE) {
            out.writeBytes(LONG_MIN);
            return;
        }
        long abs = Math.abs(v);
        int len = v < 0 ? 1 : 0;
        for (long t = abs; t != 0; t /= 10) {
            len++;
        }
        out.ensureWritable(len);
        int end = out.writerIndex() + len;
        int i = end;
        do {
            out.setByte(--i, '0' + (int) (abs % 10));
            abs /= 10;
        } while (abs != 0);
        if (v < 0) {
            out.setByte(--i, '-');
        }
        out.writerIndex(end);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
