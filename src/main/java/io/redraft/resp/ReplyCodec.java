package io.redraft.resp;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInput;
import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Compact binary form of {@link Reply} trees, used to ship replies from the replicated state
 * machine back to the node that submitted the command. Protocol-neutral: the receiving node still
 * chooses RESP2 or RESP3 when it encodes for its client.
 *
 * <p>Layout: one tag byte per node, lengths and counts as unsigned LEB128 varints, integers
 * zig-zag varints, doubles as their raw IEEE bits (NaN payloads and -0.0 survive), strings as
 * UTF-8. The most common replies (OK, nulls, booleans, 0 and 1) take one byte. Tag values are part
 * of the format between nodes of one cluster: only ever append new ones.
 */
public final class ReplyCodec {

    private ReplyCodec() {}

    private static final int T_STATUS = 0;
    private static final int T_ERROR = 1;
    private static final int T_INT = 2;
    private static final int T_BULK = 3;
    private static final int T_DOUBLE = 4;
    private static final int T_TRUE = 5;
    private static final int T_FALSE = 6;
    private static final int T_NULL = 7;
    private static final int T_NULL_ARRAY = 8;
    private static final int T_ARRAY = 9;
    private static final int T_MAP = 10;
    private static final int T_SET = 11;
    private static final int T_VERBATIM = 12;
    private static final int T_PUSH = 13;
    private static final int T_OK = 14;
    private static final int T_ZERO = 15;
    private static final int T_ONE = 16;
    private static final int T_PAIRS = 17;

    /** Reads of declared sizes beyond this grow with the data, so corrupt input cannot force a huge allocation. */
    private static final int CHUNK = 1 << 16;

    public static void write(Reply r, DataOutput out) throws IOException {
        if (r instanceof Reply.Bulk b) {
            if (b.value() == null) {
                out.writeByte(T_NULL); // same meaning everywhere a null Bulk could reach a client
            } else {
                out.writeByte(T_BULK);
                writeBytes(b.value(), out);
            }
        } else if (r instanceof Reply.Status s) {
            if ("OK".equals(s.text())) {
                out.writeByte(T_OK);
            } else {
                out.writeByte(T_STATUS);
                writeString(s.text(), out);
            }
        } else if (r instanceof Reply.Int i) {
            long v = i.value();
            if (v == 0 || v == 1) {
                out.writeByte(v == 0 ? T_ZERO : T_ONE);
            } else {
                out.writeByte(T_INT);
                writeVarLong((v << 1) ^ (v >> 63), out);
            }
        } else if (r instanceof Reply.Error e) {
            out.writeByte(T_ERROR);
            writeString(e.text(), out);
        } else if (r instanceof Reply.Null n) {
            out.writeByte(n.array() ? T_NULL_ARRAY : T_NULL);
        } else if (r instanceof Reply.Array a) {
            writeList(T_ARRAY, a.items(), out);
        } else if (r instanceof Reply.Dbl d) {
            out.writeByte(T_DOUBLE);
            out.writeLong(Double.doubleToRawLongBits(d.value()));
        } else if (r instanceof Reply.Bool b) {
            out.writeByte(b.value() ? T_TRUE : T_FALSE);
        } else if (r instanceof Reply.MapReply m) {
            writeList(T_MAP, m.keysAndValues(), out);
        } else if (r instanceof Reply.SetReply s) {
            writeList(T_SET, s.items(), out);
        } else if (r instanceof Reply.Verbatim v) {
            out.writeByte(T_VERBATIM);
            writeString(v.format(), out);
            writeBytes(v.value(), out);
        } else if (r instanceof Reply.Push p) {
            writeList(T_PUSH, p.items(), out);
        } else if (r instanceof Reply.Pairs p) {
            writeList(T_PAIRS, p.flat(), out);
        } else {
            throw new IllegalArgumentException("unknown reply type " + r);
        }
    }

    public static Reply read(DataInput in) throws IOException {
        int tag = in.readUnsignedByte();
        switch (tag) {
            case T_OK: return Reply.OK;
            case T_ZERO: return Reply.ZERO;
            case T_ONE: return Reply.ONE;
            case T_NULL: return Reply.NULL;
            case T_NULL_ARRAY: return Reply.NULL_ARRAY;
            case T_TRUE: return new Reply.Bool(true);
            case T_FALSE: return new Reply.Bool(false);
            case T_STATUS: return new Reply.Status(readString(in));
            case T_ERROR: return new Reply.Error(readString(in));
            case T_BULK: return new Reply.Bulk(readBytes(in));
            case T_DOUBLE: return new Reply.Dbl(Double.longBitsToDouble(in.readLong()));
            case T_INT: {
                long z = readVarLong(in);
                return Reply.integer((z >>> 1) ^ -(z & 1));
            }
            case T_ARRAY: return new Reply.Array(readList(in));
            case T_MAP: return new Reply.MapReply(readList(in));
            case T_SET: return new Reply.SetReply(readList(in));
            case T_PUSH: return new Reply.Push(readList(in));
            case T_PAIRS: return new Reply.Pairs(readList(in));
            case T_VERBATIM: {
                String format = readString(in);
                return new Reply.Verbatim(format, readBytes(in));
            }
            default:
                throw new IOException("corrupt reply encoding: unknown tag " + tag);
        }
    }

    /** Encodes a batch of replies (one per command of a log entry). */
    public static byte[] toBytes(List<Reply> replies) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
        DataOutputStream out = new DataOutputStream(bytes);
        try {
            writeVarLong(replies.size(), out);
            for (Reply r : replies) {
                write(r, out);
            }
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // impossible: in-memory stream
        }
        return bytes.toByteArray();
    }

    /**
     * Decodes what {@link #toBytes} produced.
     *
     * @throws IllegalArgumentException if the bytes are truncated, corrupt or have trailing data
     */
    public static List<Reply> listFromBytes(byte[] data) {
        ByteArrayInputStream bytes = new ByteArrayInputStream(data);
        try {
            List<Reply> replies = readList(new DataInputStream(bytes));
            if (bytes.available() != 0) {
                throw new IllegalArgumentException("corrupt reply encoding: " + bytes.available() + " trailing bytes");
            }
            return replies;
        } catch (IOException e) {
            throw new IllegalArgumentException("corrupt reply encoding", e);
        }
    }

    private static void writeList(int tag, List<Reply> items, DataOutput out) throws IOException {
        out.writeByte(tag);
        writeVarLong(items.size(), out);
        for (int i = 0, n = items.size(); i < n; i++) {
            write(items.get(i), out);
        }
    }

    private static List<Reply> readList(DataInput in) throws IOException {
        int n = readLength(in);
        List<Reply> items = new ArrayList<>(Math.min(n, 1024));
        for (int i = 0; i < n; i++) {
            items.add(read(in));
        }
        return items;
    }

    private static void writeString(String s, DataOutput out) throws IOException {
        // Plain UTF-8 rather than writeUTF, which caps strings at 64 KiB.
        writeBytes(s.getBytes(StandardCharsets.UTF_8), out);
    }

    private static String readString(DataInput in) throws IOException {
        return new String(readBytes(in), StandardCharsets.UTF_8);
    }

    private static void writeBytes(byte[] b, DataOutput out) throws IOException {
        writeVarLong(b.length, out);
        out.write(b);
    }

    private static byte[] readBytes(DataInput in) throws IOException {
        int len = readLength(in);
        if (len <= CHUNK) {
            byte[] b = new byte[len];
            in.readFully(b);
            return b;
        }
        byte[] b = new byte[CHUNK];
        int filled = 0;
        while (filled < len) {
            if (filled == b.length) {
                b = Arrays.copyOf(b, (int) Math.min(len, 2L * b.length));
            }
            int n = b.length - filled;
            in.readFully(b, filled, n);
            filled += n;
        }
        return b;
    }

    private static void writeVarLong(long v, DataOutput out) throws IOException {
        while ((v & ~0x7FL) != 0) {
            out.writeByte((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        out.writeByte((int) v);
    }

    private static long readVarLong(DataInput in) throws IOException {
        long v = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            int b = in.readUnsignedByte();
            v |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return v;
            }
        }
        throw new IOException("corrupt reply encoding: varint too long");
    }

    private static int readLength(DataInput in) throws IOException {
        long n = readVarLong(in);
        if (n < 0 || n > Integer.MAX_VALUE) {
            throw new IOException("corrupt reply encoding: length " + n);
        }
        return (int) n;
    }
}
