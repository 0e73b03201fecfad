package io.redraft.store.rdb;

/**
 * Redis's crc64.c: CRC-64/Jones (reflected polynomial 0x95ac9329ac4bc9b5, initial value 0, no
 * final xor). crc64(0, "123456789") = 0xe9c6d914c4b8d9ca. DUMP payloads end with it.
 */
public final class Crc64 {
    private static final long[] TABLE = table();

    private Crc64() {
    }

    private static long[] table() {
        long poly = 0x95ac9329ac4bc9b5L;
        long[] t = new long[256];
        for (int n = 0; n < 256; n++) {
            long crc = n;
            for (int k = 0; k < 8; k++) {
                crc = (crc & 1) != 0 ? (crc >>> 1) ^ poly : crc >>> 1;
            }
            t[n] = crc;
        }
        return t;
    }

    public static long update(long crc, byte[] data, int off, int len) {
        for (int i = off; i < off + len; i++) {
            crc = TABLE[(int) ((crc ^ data[i]) & 0xff)] ^ (crc >>> 8);
        }
        return crc;
    }

    public static long of(byte[] data, int off, int len) {
        return update(0, data, off, len);
    }
}
