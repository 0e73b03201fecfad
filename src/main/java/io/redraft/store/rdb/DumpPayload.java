package io.redraft.store.rdb;

/**
 * DUMP's serialized value, as Redis's createDumpPayload/verifyDumpPayload: an RDB object, the
 * RDB version as two little-endian bytes, then the CRC64 of everything before it (8 bytes,
 * little-endian).
 */
public final class DumpPayload {
    private static final int FOOTER = 10;

    private DumpPayload() {
    }

    public static byte[] dump(Object value) {
        return wrap(RdbWriter.writeObject(value), RdbType.WRITE_VERSION);
    }

    /** An RDB object with DUMP's footer: the 2-byte RDB version and a CRC64 of all before it. */
    public static byte[] wrap(byte[] object, int version) {
        byte[] out = new byte[object.length + FOOTER];
        System.arraycopy(object, 0, out, 0, object.length);
        int p = object.length;
        out[p] = (byte) version;
        out[p + 1] = (byte) (version >>> 8);
        long crc = Crc64.of(out, 0, p + 2);
        for (int i = 0; i < 8; i++) {
            out[p + 2 + i] = (byte) (crc >>> (8 * i));
        }
        return out;
    }

    /** The footer holds a version this reader knows and a matching checksum. */
    public static boolean verify(byte[] payload) {
        if (payload.length < FOOTER) {
            return false;
        }
        int p = payload.length - FOOTER;
        int version = (payload[p] & 0xff) | (payload[p + 1] & 0xff) << 8;
        if (version > RdbType.MAX_READ_VERSION) {
            return false;
        }
        long crc = 0;
        for (int i = 7; i >= 0; i--) {
            crc = (crc << 8) | (payload[p + 2 + i] & 0xff);
        }
        return crc == Crc64.of(payload, 0, p + 2);
    }

    /**
     * The value of a payload that passed {@link #verify}. Like Redis (whose reader spans the whole
     * buffer), an object may run into the footer bytes; bytes left after it are ignored.
     */
    public static Object load(byte[] payload) throws RdbFormatException {
        return RdbReader.readObject(payload, payload.length);
    }
}
