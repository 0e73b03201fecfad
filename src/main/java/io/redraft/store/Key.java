package io.redraft.store;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * A binary-safe key with value semantics, usable in hash maps. The array is never mutated.
 *
 * <p>The hash is SipHash-1-3 under a key drawn once per process, as Redis seeds its dict hash:
 * clients choose the keys, and under a fixed hash (Arrays.hashCode, say) they could send keys that
 * all collide and turn every lookup in a database's {@link EntryTable} into a walk of one long
 * chain. A per-process seed is safe because the hash never leaves the process: it is not in
 * snapshots or replies, and nothing replicated depends on hash-table order (see docs/DESIGN.md).
 */
public final class Key implements Comparable<Key> {
    private static final long SEED0;
    private static final long SEED1;

    static {
        SecureRandom random = new SecureRandom();
        SEED0 = random.nextLong();
        SEED1 = random.nextLong();
    }

    private final byte[] bytes;
    private final int hash;

    public Key(byte[] bytes) {
        this.bytes = bytes;
        this.hash = hash(bytes);
    }

    /** The seeded hash of {@code bytes}, folded to 32 bits. */
    static int hash(byte[] bytes) {
        long h = SipHash.hash13(SEED0, SEED1, bytes);
        return (int) (h ^ (h >>> 32));
    }

    public static Key of(String s) {
        return new Key(s.getBytes(StandardCharsets.UTF_8));
    }

    public byte[] bytes() {
        return bytes;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Key k && hash == k.hash && Arrays.equals(bytes, k.bytes);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public int compareTo(Key o) {
        return Arrays.compareUnsigned(bytes, o.bytes);
    }

    @Override
    public String toString() {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
