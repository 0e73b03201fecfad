package io.redraft.store.rdb;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Redis's listpack (listpack.c) as found in RDB payloads: {@code total-bytes u32, count u16,
 * entries, 0xff}; each entry is an encoding header, its data and a back-length. Integer entries
 * are returned as their decimal text, as Redis hands them to its callers.
 */
public final class Listpack {
    private static final int EOF = 0xff;

    private Listpack() {
    }

    public static List<byte[]> decode(byte[] lp) throws RdbFormatException {
        ByteCursor in = new ByteCursor(lp);
        long total = in.le(4);
        if (total != lp.length || lp.length < 7) {
            throw new RdbFormatException("listpack size mismatch");
        }
        int declared = (int) in.le(2);
        List<byte[]> out = new ArrayList<>();
        while (true) {
            int start = in.position();
            int b = in.peek();
            if (b == EOF) {
                in.u8();
                break;
            }
            out.add(entry(in));
            checkBacklen(in, in.position() - start);
        }
        if (in.remaining() != 0) {
            throw new RdbFormatException("listpack data after the terminator");
        }
        if (declared != 65535 && declared != out.size()) { // 65535: "count unknown", Redis counts
            throw new RdbFormatException("listpack count mismatch");
        }
        return out;
    }

    private static byte[] entry(ByteCursor in) throws RdbFormatException {
        int b = in.u8();
        if ((b & 0x80) == 0) { // 0xxxxxxx: 7-bit unsigned integer
            return number(b);
        }
        if ((b & 0xc0) == 0x80) { // 10xxxxxx: string up to 63 bytes
            return in.bytes(b & 0x3f);
        }
        if ((b & 0xe0) == 0xc0) { // 110xxxxx yyyyyyyy: 13-bit signed integer
            long v = ((long) (b & 0x1f) << 8) | in.u8();
            return number(v >= 1 << 12 ? v - (1 << 13) : v);
        }
        if ((b & 0xf0) == 0xe0) { // 1110xxxx yyyyyyyy: string up to 4095 bytes
            return in.bytes(((b & 0x0f) << 8) | in.u8());
        }
        switch (b) {
            case 0xf0:
                return in.bytes(in.le(4));
            case 0xf1:
                return number(in.signedLe(2));
            case 0xf2:
                return number(in.signedLe(3));
            case 0xf3:
                return number(in.signedLe(4));
            case 0xf4:
                return number(in.signedLe(8));
            default:
                throw new RdbFormatException("bad listpack encoding " + b);
        }
    }

    /**
     * The back-length (lpEncodeBacklen): the entry's size in 7-bit groups, most significant first,
     * every byte but the first with the high bit set; its width follows from the size.
     */
    private static void checkBacklen(ByteCursor in, long entryLen) throws RdbFormatException {
        int width = entryLen <= 127 ? 1 : entryLen < 16383 ? 2 : entryLen < 2097151 ? 3 : entryLen < 268435455 ? 4 : 5;
        long v = 0;
        for (int i = 0; i < width; i++) {
            v = (v << 7) | (in.u8() & 0x7f);
        }
        if (v != entryLen) {
            throw new RdbFormatException("listpack back-length mismatch");
        }
    }

    static byte[] number(long v) {
        return Long.toString(v).getBytes(StandardCharsets.US_ASCII);
    }
}
