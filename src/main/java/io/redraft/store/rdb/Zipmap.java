package io.redraft.store.rdb;

import java.util.ArrayList;
import java.util.List;

/**
 * Redis's zipmap (zipmap.c), the hash encoding of RDB files before 2.6:
 * {@code zmlen u8, (len field, len free value free-bytes)*, 0xff}, where a length is one byte
 * below 254 or 254 followed by a little-endian u32. Returns fields and values alternately.
 */
public final class Zipmap {
    private static final int BIGLEN = 254;
    private static final int END = 0xff;

    private Zipmap() {
    }

    public static List<byte[]> decode(byte[] zm) throws RdbFormatException {
        ByteCursor in = new ByteCursor(zm);
        in.u8(); // entry count, 254 meaning "count it"
        List<byte[]> out = new ArrayList<>();
        while (in.peek() != END) {
            out.add(in.bytes(length(in)));
            long valueLen = length(in);
            int free = in.u8();
            out.add(in.bytes(valueLen));
            in.skip(free);
        }
        in.u8();
        if (in.remaining() != 0) {
            throw new RdbFormatException("zipmap data after the terminator");
        }
        return out;
    }

    private static long length(ByteCursor in) throws RdbFormatException {
        int b = in.u8();
        if (b < BIGLEN) {
            return b;
        }
        if (b == BIGLEN) {
            return in.le(4);
        }
        throw new RdbFormatException("zipmap ends inside an entry");
    }
}
