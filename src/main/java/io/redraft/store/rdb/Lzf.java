package io.redraft.store.rdb;

/** LZF decompression (liblzf's lzf_d.c), used by RDB for compressed strings. */
public final class Lzf {

    private Lzf() {
    }

    /** Decompresses {@code in} into exactly {@code outLen} bytes. */
    public static byte[] decompress(byte[] in, int outLen) throws RdbFormatException {
        byte[] out = new byte[outLen];
        int ip = 0;
        int op = 0;
        while (ip < in.length) {
            int ctrl = in[ip++] & 0xff;
            if (ctrl < 32) { // literal run of ctrl + 1 bytes
                int len = ctrl + 1;
                if (op + len > outLen || ip + len > in.length) {
                    throw new RdbFormatException("LZF literal overrun");
                }
                System.arraycopy(in, ip, out, op, len);
                ip += len;
                op += len;
            } else { // back reference
                int len = ctrl >>> 5;
                if (len == 7) {
                    if (ip >= in.length) {
                        throw new RdbFormatException("LZF truncated");
                    }
                    len += in[ip++] & 0xff;
                }
                if (ip >= in.length) {
                    throw new RdbFormatException("LZF truncated");
                }
                int ref = op - ((ctrl & 0x1f) << 8) - 1 - (in[ip++] & 0xff);
                len += 2;
                if (ref < 0 || op + len > outLen) {
                    throw new RdbFormatException("LZF back reference out of range");
                }
                for (int i = 0; i < len; i++) { // byte by byte: the ranges may overlap
                    out[op++] = out[ref++];
                }
            }
        }
        if (op != outLen) {
            throw new RdbFormatException("LZF length mismatch");
        }
        return out;
    }
}
