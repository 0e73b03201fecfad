package io.redraft.store.rdb;

import java.util.ArrayList;
import java.util.List;

/**
 * Redis's ziplist (ziplist.c), the pre-7.0 compact encoding still found in older RDB payloads:
 * {@code zlbytes u32, zltail u32, zllen u16, entries, 0xff}; each entry is the previous entry's
 * length, an encoding and its data. Integers are returned as decimal text.
 */
public final class Ziplist {
    private static final int END = 0xff;

    private Ziplist() {
    }

    public static List<byte[]> decode(byte[] zl) throws RdbFormatException {
        ByteCursor in = new ByteCursor(zl);
        long total = in.le(4);
        if (total != zl.length || zl.length < 11) {
            throw new RdbFormatException("ziplist size mismatch");
        }
        in.le(4); // offset of the tail entry
        int declared = (int) in.le(2);
        List<byte[]> out = new ArrayList<>();
        int prevLen = 0;
        while (in.peek() != END) {
            int start = in.position();
            int storedPrev = in.u8();
            if (storedPrev == 0xfe) {
                storedPrev = (int) in.le(4);
            } else if (storedPrev == END) {
                throw new RdbFormatException("bad ziplist prevlen");
            }
            if (storedPrev != prevLen) {
                throw new RdbFormatException("ziplist prevlen mismatch");
            }
            out.add(entry(in));
            prevLen = in.position() - start;
        }
        in.u8();
        if (in.remaining() != 0) {
            throw new RdbFormatException("ziplist data after the terminator");
        }
        if (declared != 65535 && declared != out.size()) {
            throw new RdbFormatException("ziplist count mismatch");
        }
        return out;
    }

    private static byte[] entry(ByteCursor in) throws RdbFormatException {
        int b = in.u8();
        switch (b >>> 6) {
            case 0:
                return in.bytes(b & 0x3f);
            case 1:
                return in.bytes(((b & 0x3f) << 8) | in.u8());
            case 2:
                if (b != 0x80) {
                    throw new RdbFormatException("bad ziplist string encoding");
                }
                return in.bytes(in.be(4));
            default:
                break;
        }
        switch (b) {
            case 0xc0:
                return Listpack.number(in.signedLe(2));
            case 0xd0:
                return Listpack.number(in.signedLe(4));
            case 0xe0:
                return Listpack.number(in.signedLe(8));
            case 0xf0:
                return Listpack.number(in.signedLe(3));
            case 0xfe:
                return Listpack.number(in.signedLe(1));
            default:
                if (b >= 0xf1 && b <= 0xfd) { // 4-bit immediate 0..12
                    return Listpack.number((b & 0x0f) - 1);
                }
                throw new RdbFormatException("bad ziplist encoding " + b);
        }
    }
}
