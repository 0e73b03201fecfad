package io.redraft.store;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.function.IntConsumer;
import java.util.random.RandomGenerator;

/**
 * The open-addressing table behind {@link HashValue} and {@link SetValue}: binary-safe
 * {@code byte[]} members (and, for hashes, {@code byte[]} values) in parallel arrays, with
 * linear probing and backward-shift deletion. About 16 bytes per slot plus the arrays
 * themselves, no per-entry objects.
 *
 * <p>A member's home slot is the top bits of its 63-bit {@link #hash}, so slot order follows hash
 * order. That makes {@link #scan} cursors plain hash thresholds, valid across resizes and across
 * replicas (the hash is fixed, not seeded per process).
 *
 * <p>Iteration order is the table's layout, which depends on insertion history; replicas can
 * differ in it (a replica restored from a snapshot inserts in sorted order). Replicated writes
 * must therefore never let layout order reach a reply or the state: use {@link #sortedMembers}.
 *
 * <p>Arrays passed in are stored, not copied, and must not be mutated afterwards (command
 * arguments are never reused).
 */
public abstract class MemberTable implements Versioned {
    static final int MIN_CAPACITY = 8;
    static final int MAX_CAPACITY = 1 << 30;

    private byte[][] members;
    private byte[][] values; // null for sets
    private long[] hashes;
    private int size;
    private int shift; // 63 - log2(capacity): home slot = hash >>> shift
    private int mask;
    private long version; // counts changes, for WATCH

    MemberTable(int expected, boolean withValues) {
        allocate(capacityFor(expected), withValues);
    }

    private void allocate(int capacity, boolean withValues) {
        members = new byte[capacity][];
        values = withValues ? new byte[capacity][] : null;
        hashes = new long[capacity];
        mask = capacity - 1;
        shift = 63 - Integer.numberOfTrailingZeros(capacity);
    }

    /** The smallest power of two capacity keeping {@code n} members at most 3/4 full. */
    static int capacityFor(int n) {
        long needed = Math.max(MIN_CAPACITY, ((long) n * 4 + 2) / 3);
        if (needed > MAX_CAPACITY) {
            throw new IllegalStateException("collection too large: " + n);
        }
        return Math.max(MIN_CAPACITY, Integer.highestOneBit((int) needed - 1) << 1);
    }

    public final int size() {
        return size;
    }

    @Override
    public final long version() {
        return version;
    }

    /** Number of slots; slots are {@code 0 .. capacity()-1}. */
    public final int capacity() {
        return members.length;
    }

    /** The member in {@code slot}, or null for an empty slot. */
    public final byte[] memberAt(int slot) {
        return members[slot];
    }

    final byte[] valueAt(int slot) {
        return values[slot];
    }

    final void setValueAt(int slot, byte[] value) {
        version++;
        values[slot] = value;
    }

    // ---------------------------------------------------------------- hashing

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long P1 = 0x9E3779B185EBCA87L;
    private static final long P2 = 0xC2B2AE3D27D4EB4FL;
    private static final long P3 = 0x165667B19E3779F9L;

    /**
     * A fixed 63-bit hash of the bytes (never negative), identical on every JVM: scan cursors
     * are thresholds in this hash space.
     */
    public static long hash(byte[] b) {
        long h = P3 ^ ((long) b.length * P1);
        int i = 0;
        for (int end = b.length - 7; i < end; i += 8) {
            long w = (long) LONGS.get(b, i);
            h ^= Long.rotateLeft(w * P2, 31) * P1;
            h = Long.rotateLeft(h, 27) * P1 + P3;
        }
        long tail = 0;
        for (int s = 0; i < b.length; i++, s += 8) {
            tail |= (b[i] & 0xffL) << s;
        }
        h ^= Long.rotateLeft(tail * P2, 31) * P1;
        // murmur3 fmix64
        h ^= h >>> 33;
        h *= 0xFF51AFD7ED558CCDL;
        h ^= h >>> 33;
        h *= 0xC4CEB9FE1A85EC53L;
        h ^= h >>> 33;
        return h >>> 1;
    }

    // ---------------------------------------------------------------- lookup and update

    /** The slot holding {@code m}, or {@code -1 - insertionSlot} when absent. */
    final int find(byte[] m, long h) {
        int i = (int) (h >>> shift);
        byte[][] ms = members;
        while (true) {
            byte[] cur = ms[i];
            if (cur == null) {
                return -1 - i;
            }
            if (hashes[i] == h && Arrays.equals(cur, m)) {
                return i;
            }
            i = (i + 1) & mask;
        }
    }

    /** The slot holding {@code m}, or -1. */
    public final int slotOf(byte[] m) {
        int i = find(m, hash(m));
        return i >= 0 ? i : -1;
    }

    public final boolean contains(byte[] m) {
        return find(m, hash(m)) >= 0;
    }

    /** Inserts {@code m} at the free slot {@code -1 - found} returned by {@link #find}. */
    final void insertAt(int found, byte[] m, long h, byte[] value) {
        int i = -1 - found;
        version++;
        members[i] = m;
        hashes[i] = h;
        if (values != null) {
            values[i] = value;
        }
        size++;
        if (size > members.length - (members.length >>> 2)) {
            if (members.length >= MAX_CAPACITY) {
                throw new IllegalStateException("collection too large: " + size);
            }
            rehash(members.length << 1);
        }
    }

    /** Removes {@code m}; false when it was not there. */
    final boolean removeMember(byte[] m) {
        int i = find(m, hash(m));
        if (i < 0) {
            return false;
        }
        removeAt(i);
        return true;
    }

    private void removeAt(int slot) {
        version++;
        size--;
        int hole = slot;
        int j = slot;
        while (true) {
            j = (j + 1) & mask;
            byte[] m = members[j];
            if (m == null) {
                break;
            }
            int home = (int) (hashes[j] >>> shift);
            // the entry at j may move back into the hole unless its home lies cyclically in (hole, j]
            boolean stays = hole <= j ? (hole < home && home <= j) : (hole < home || home <= j);
            if (!stays) {
                members[hole] = m;
                hashes[hole] = hashes[j];
                if (values != null) {
                    values[hole] = values[j];
                }
                hole = j;
            }
        }
        members[hole] = null;
        hashes[hole] = 0;
        if (values != null) {
            values[hole] = null;
        }
        if (members.length > MIN_CAPACITY && size < (members.length >>> 3)) {
            rehash(capacityFor(size));
        }
    }

    private void rehash(int capacity) {
        byte[][] oldMembers = members;
        byte[][] oldValues = values;
        long[] oldHashes = hashes;
        allocate(capacity, oldValues != null);
        for (int s = 0; s < oldMembers.length; s++) {
            byte[] m = oldMembers[s];
            if (m != null) {
                long h = oldHashes[s];
                int i = (int) (h >>> shift);
                while (members[i] != null) {
                    i = (i + 1) & mask;
                }
                members[i] = m;
                hashes[i] = h;
                if (values != null) {
                    values[i] = oldValues[s];
                }
            }
        }
    }

    // ---------------------------------------------------------------- views

    /** A new array of the members in unsigned byte order: the canonical, layout-independent order. */
    public final byte[][] sortedMembers() {
        byte[][] out = new byte[size][];
        int n = 0;
        for (byte[] m : members) {
            if (m != null) {
                out[n++] = m;
            }
        }
        Arrays.sort(out, Arrays::compareUnsigned);
        return out;
    }

    /** A uniformly random occupied slot; the table must not be empty. */
    public final int randomSlot(RandomGenerator random) {
        if (size == 0) {
            throw new IllegalStateException("empty");
        }
        // the table is kept at least 1/8 full, so this takes a few probes on average
        while (true) {
            int i = random.nextInt(members.length);
            if (members[i] != null) {
                return i;
            }
        }
    }

    /**
     * One step of a cursor scan. Visits the slot of every member whose hash lies in
     * {@code [cursor, next)} (each exactly once) and returns {@code next}, or 0 once the whole
     * hash space has been covered. {@code count} roughly bounds the members visited.
     *
     * <p>Because cursors are hash thresholds and each step covers a contiguous hash range
     * completely, a member present from the first step to the last is visited at least once,
     * whatever is added or removed and however the table resizes in between. A cursor that is
     * negative as a signed long (at or beyond 2^63) is past the end.
     */
    public final long scan(long cursor, int count, IntConsumer visit) {
        if (cursor < 0 || size == 0) {
            return 0;
        }
        int capacity = members.length;
        int first = (int) (cursor >>> shift);
        // choose the last home slot of this step: enough occupied slots to satisfy count
        int last = first;
        int work = 0;
        while (true) {
            if (members[last] != null) {
                work++;
            }
            if (work >= count || last == capacity - 1) {
                break;
            }
            last++;
        }
        int span = last - first;
        // members whose home is in [first, last] sit from their home up to the end of its cluster
        for (int i = 0; ; i++) {
            int p = (first + i) & mask;
            byte[] m = members[p];
            if (m == null) {
                if (i > span) {
                    break;
                }
                continue;
            }
            long h = hashes[p];
            int displacement = (p - (int) (h >>> shift)) & mask;
            int homePos = i - displacement;
            if (homePos >= 0 && homePos <= span && h >= cursor) {
                visit.accept(p);
            }
        }
        return last == capacity - 1 ? 0 : ((long) (last + 1)) << shift;
    }
}
