package io.redraft.store;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * SipHash-c-d (Aumasson and Bernstein, 2012): a keyed 64-bit hash of a byte array, with
 * {@code c} rounds per 8-byte word and {@code d} finalization rounds. Without the 128-bit key an
 * attacker cannot choose inputs that collide, which is what makes it a defence against hash
 * flooding. Allocation-free; words are read little-endian, as the reference implementation does.
 */
final class SipHash {
    private static final VarHandle LONG_LE =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private SipHash() {
    }

    /** SipHash-2-4, the paper's recommended parameters (and its test vectors). */
    static long hash24(long k0, long k1, byte[] data) {
        return hash(k0, k1, data, 2, 4);
    }

    /** SipHash-1-3: fewer rounds for hash tables, as Rust's and CPython's hashers use. */
    static long hash13(long k0, long k1, byte[] data) {
        return hash(k0, k1, data, 1, 3);
    }

    /** SipHash-c-d of {@code data} under the key ({@code k0}, {@code k1}), both read little-endian. */
    static long hash(long k0, long k1, byte[] data, int c, int d) {
        // SipRound is written out at each of its three uses: a helper would need the four state
        // words back, i.e. an array or object per hash on the key path.
        long v0 = k0 ^ 0x736f6d6570736575L;
        long v1 = k1 ^ 0x646f72616e646f6dL;
        long v2 = k0 ^ 0x6c7967656e657261L;
        long v3 = k1 ^ 0x7465646279746573L;
        int len = data.length;
        int end = len & ~7;
        for (int i = 0; i < end; i += 8) {
            long m = (long) LONG_LE.get(data, i);
            v3 ^= m;
            for (int r = 0; r < c; r++) {
                v0 += v1; v1 = Long.rotateLeft(v1, 13); v1 ^= v0; v0 = Long.rotateLeft(v0, 32);
                v2 += v3; v3 = Long.rotateLeft(v3, 16); v3 ^= v2;
                v0 += v3; v3 = Long.rotateLeft(v3, 21); v3 ^= v0;
                v2 += v1; v1 = Long.rotateLeft(v1, 17); v1 ^= v2; v2 = Long.rotateLeft(v2, 32);
            }
            v0 ^= m;
        }
        // the last word: the 0-7 remaining bytes, with the length's low byte on top
        long m = (long) len << 56;
        for (int i = len - 1; i >= end; i--) {
            m |= (data[i] & 0xffL) << ((i - end) << 3);
        }
        v3 ^= m;
        for (int r = 0; r < c; r++) {
            v0 += v1; v1 = Long.rotateLeft(v1, 13); v1 ^= v0; v0 = Long.rotateLeft(v0, 32);
            v2 += v3; v3 = Long.rotateLeft(v3, 16); v3 ^= v2;
            v0 += v3; v3 = Long.rotateLeft(v3, 21); v3 ^= v0;
            v2 += v1; v1 = Long.rotateLeft(v1, 17); v1 ^= v2; v2 = Long.rotateLeft(v2, 32);
        }
        v0 ^= m;
        v2 ^= 0xff;
        for (int r = 0; r < d; r++) {
            v0 += v1; v1 = Long.rotateLeft(v1, 13); v1 ^= v0; v0 = Long.rotateLeft(v0, 32);
            v2 += v3; v3 = Long.rotateLeft(v3, 16); v3 ^= v2;
            v0 += v3; v3 = Long.rotateLeft(v3, 21); v3 ^= v0;
            v2 += v1; v1 = Long.rotateLeft(v1, 17); v1 ^= v2; v2 = Long.rotateLeft(v2, 32);
        }
        return v0 ^ v1 ^ v2 ^ v3;
    }
}
