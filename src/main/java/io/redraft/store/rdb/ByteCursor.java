package io.redraft.store.rdb;

import java.util.Arrays;

/** Bounds-checked reading of a byte array; running past the end is a format error, never an exception. */
final class ByteCursor {
    private final byte[] data;
    private final int end;
    private int pos;

    ByteCursor(byte[] data) {
        this(data, 0, data.length);
    }

    ByteCursor(byte[] data, int from, int end) {
        this.data = data;
        this.pos = from;
        this.end = end;
    }

    int position() {
        return pos;
    }

    int remaining() {
        return end - pos;
    }

    private void need(long n) throws RdbFormatException {
        if (n < 0 || n > end - pos) {
            throw new RdbFormatException("truncated payload");
        }
    }

    int u8() throws RdbFormatException {
        need(1);
        return data[pos++] & 0xff;
    }

    int peek() throws RdbFormatException {
        need(1);
        return data[pos] & 0xff;
    }

    /** An unsigned little-endian integer of {@code n} (at most 8) bytes. */
    long le(int n) throws RdbFormatException {
        need(n);
        long v = 0;
        for (int i = n - 1; i >= 0; i--) {
            v = (v << 8) | (data[pos + i] & 0xff);
        }
        pos += n;
        return v;
    }

    /** A signed little-endian integer of {@code n} bytes, sign-extended. */
    long signedLe(int n) throws RdbFormatException {
        long v = le(n);
        int shift = 64 - 8 * n;
        return (v << shift) >> shift;
    }

    /** An unsigned big-endian integer of {@code n} (at most 8) bytes. */
    long be(int n) throws RdbFormatException {
        need(n);
        long v = 0;
        for (int i = 0; i < n; i++) {
            v = (v << 8) | (data[pos + i] & 0xff);
        }
        pos += n;
        return v;
    }

    byte[] bytes(long n) throws RdbFormatException {
        need(n);
        byte[] out = Arrays.copyOfRange(data, pos, pos + (int) n);
        pos += (int) n;
        return out;
    }

    void skip(long n) throws RdbFormatException {
        need(n);
        pos += (int) n;
    }
}
