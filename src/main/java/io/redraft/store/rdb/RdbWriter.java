package io.redraft.store.rdb;

import io.redraft.store.HashValue;
import io.redraft.store.ListValue;
import io.redraft.store.SetValue;
import io.redraft.store.ZSetValue;
import java.io.ByteArrayOutputStream;

/**
 * Encodes a store value as one RDB object (type byte + value) in the simplest encodings a
 * Redis 7.0 RESTORE accepts: STRING (small integers in Redis's integer encoding, like
 * rdbTryIntegerEncoding; no LZF), LIST, SET, ZSET_2 (binary scores) and HASH. Redis converts
 * them to its compact encodings on load. Sets and hashes are written in sorted member order, so
 * equal values always give equal bytes.
 */
public final class RdbWriter {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    private RdbWriter() {
    }

    /** The RDB object for {@code value}; IllegalArgumentException for a value of no RDB type. */
    public static byte[] writeObject(Object value) {
        RdbWriter w = new RdbWriter();
        w.object(value);
        return w.out.toByteArray();
    }

    private void object(Object value) {
        if (value instanceof byte[] s) {
            out.write(RdbType.STRING);
            string(s);
        } else if (value instanceof ListValue list) {
            out.write(RdbType.LIST);
            length(list.size());
            for (int i = 0; i < list.size(); i++) {
                string(list.get(i));
            }
        } else if (value instanceof SetValue set) {
            out.write(RdbType.SET);
            byte[][] members = set.sortedMembers();
            length(members.length);
            for (byte[] m : members) {
                string(m);
            }
        } else if (value instanceof ZSetValue z) {
            out.write(RdbType.ZSET_2);
            length(z.size());
            for (ZSetValue.Node n = z.first(); n != null; n = n.next()) {
                string(n.member());
                long bits = Double.doubleToRawLongBits(n.score());
                for (int i = 0; i < 8; i++) {
                    out.write((int) (bits >>> (8 * i)));
                }
            }
        } else if (value instanceof HashValue hash) {
            out.write(RdbType.HASH);
            byte[][] fields = hash.sortedMembers();
            length(fields.length);
            for (byte[] f : fields) {
                string(f);
                string(hash.get(f));
            }
        } else {
            throw new IllegalArgumentException("no RDB type for " + value.getClass());
        }
    }

    /** rdbSaveLen. */
    private void length(long len) {
        if (len < 1 << 6) {
            out.write((int) len);
        } else if (len < 1 << 14) {
            out.write((int) (len >>> 8) | (RdbType.LEN_14BIT << 6));
            out.write((int) len);
        } else if (len <= 0xffffffffL) {
            out.write(RdbType.LEN_32BIT);
            for (int i = 3; i >= 0; i--) {
                out.write((int) (len >>> (8 * i)));
            }
        } else {
            out.write(RdbType.LEN_64BIT);
            for (int i = 7; i >= 0; i--) {
                out.write((int) (len >>> (8 * i)));
            }
        }
    }

    /** rdbSaveRawString without compression: integers of up to 32 bits in their short encoding. */
    private void string(byte[] s) {
        long v = smallInteger(s);
        if (v != NOT_SMALL) {
            int width;
            if (v >= Byte.MIN_VALUE && v <= Byte.MAX_VALUE) {
                out.write((RdbType.ENCVAL << 6) | RdbType.ENC_INT8);
                width = 1;
            } else if (v >= Short.MIN_VALUE && v <= Short.MAX_VALUE) {
                out.write((RdbType.ENCVAL << 6) | RdbType.ENC_INT16);
                width = 2;
            } else {
                out.write((RdbType.ENCVAL << 6) | RdbType.ENC_INT32);
                width = 4;
            }
            for (int i = 0; i < width; i++) {
                out.write((int) (v >>> (8 * i)));
            }
            return;
        }
        length(s.length);
        out.write(s, 0, s.length);
    }

    private static final long NOT_SMALL = Long.MIN_VALUE;

    /** The value when {@code s} is the canonical text of a 32-bit integer (rdbTryIntegerEncoding), else NOT_SMALL. */
    private static long smallInteger(byte[] s) {
        if (s.length == 0 || s.length > 11) {
            return NOT_SMALL;
        }
        String text = new String(s, java.nio.charset.StandardCharsets.US_ASCII);
        long v;
        try {
            v = Long.parseLong(text);
        } catch (NumberFormatException e) {
            return NOT_SMALL;
        }
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE || !Long.toString(v).equals(text)) {
            return NOT_SMALL;
        }
        return v;
    }
}
