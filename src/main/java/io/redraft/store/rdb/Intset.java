package io.redraft.store.rdb;

import java.util.ArrayList;
import java.util.List;

/** Redis's intset (intset.c): {@code encoding u32 (2, 4 or 8), length u32, sorted little-endian values}. */
public final class Intset {

    private Intset() {
    }

    public static List<byte[]> decode(byte[] is) throws RdbFormatException {
        ByteCursor in = new ByteCursor(is);
        int width = (int) in.le(4);
        if (width != 2 && width != 4 && width != 8) {
            throw new RdbFormatException("bad intset encoding");
        }
        long count = in.le(4);
        if (count * width != in.remaining()) {
            throw new RdbFormatException("intset size mismatch");
        }
        List<byte[]> out = new ArrayList<>((int) count);
        long prev = 0;
        for (long i = 0; i < count; i++) {
            long v = in.signedLe(width);
            if (i > 0 && v <= prev) {
                throw new RdbFormatException("intset not sorted");
            }
            prev = v;
            out.add(Listpack.number(v));
        }
        return out;
    }
}
