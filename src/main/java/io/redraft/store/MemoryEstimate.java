package io.redraft.store;

/**
 * A deterministic estimate of the heap one key costs, in bytes: the JVM objects behind it (map
 * node, key, entry, arrays) plus its payload. Collections are estimated as Redis's MEMORY USAGE
 * does: the fixed cost plus the element count times the average size of the first
 * {@code samples} elements, so the cost is O(samples) whatever the collection's size.
 */
public final class MemoryEstimate {
    /** Redis's MEMORY USAGE default. */
    public static final int DEFAULT_SAMPLES = 5;

    /** Entry with its table chain link (48) + Key (24) + key array header (16) + a table slot (8). */
    static final long KEY_OVERHEAD = 96;
    /** A byte[] header. */
    static final long ARRAY = 16;
    /** Object header plus the container's own fields and arrays' headers. */
    static final long CONTAINER = 64;

    private MemoryEstimate() {
    }

    public static long of(Key key, Entry entry, int samples) {
        return KEY_OVERHEAD + key.bytes().length + ofValue(entry.value(), samples <= 0 ? Integer.MAX_VALUE : samples);
    }

    static long ofValue(Object value, int samples) {
        if (value instanceof byte[] b) {
            return ARRAY + b.length;
        }
        if (value instanceof MemberTable t) {
            return CONTAINER + tableCost(t, samples, value instanceof HashValue);
        }
        if (value instanceof ListValue l) {
            // one reference per slot plus each element array
            long sampled = 0;
            int n = Math.min(l.size(), samples);
            for (int i = 0; i < n; i++) {
                sampled += ARRAY + l.get(i).length;
            }
            return CONTAINER + (long) l.size() * 8 + scale(sampled, n, l.size());
        }
        if (value instanceof ZSetValue z) {
            // a skip-list node (header, score, member and level arrays, hash chain) per member
            long sampled = 0;
            int n = 0;
            for (ZSetValue.Node x = z.first(); x != null && n < samples; x = x.next(), n++) {
                sampled += 96 + ARRAY + x.member().length;
            }
            return CONTAINER + (long) z.size() * 8 + scale(sampled, n, z.size());
        }
        return CONTAINER; // a value type this estimate does not know yet
    }

    /** Open-addressing table: a reference (and a hash) per slot, plus each member's arrays. */
    private static long tableCost(MemberTable t, int samples, boolean withValues) {
        long perSlot = withValues ? 24 : 16;
        long sampled = 0;
        int n = 0;
        int want = Math.min(t.size(), samples);
        // bounded walk: a sparse table must not make the estimate O(capacity)
        int limit = (int) Math.min(t.capacity(), want == Integer.MAX_VALUE ? t.capacity() : (long) want * 64 + 64);
        for (int slot = 0; slot < limit && n < want; slot++) {
            byte[] m = t.memberAt(slot);
            if (m != null) {
                sampled += ARRAY + m.length;
                if (withValues) {
                    byte[] v = t.valueAt(slot);
                    sampled += v == null ? 0 : ARRAY + v.length;
                }
                n++;
            }
        }
        if (n == 0 && t.size() > 0) {
            sampled = ARRAY * (withValues ? 2 : 1) + 16; // nothing found early: a small element
            n = 1;
        }
        return (long) t.capacity() * perSlot + scale(sampled, n, t.size());
    }

    private static long scale(long sampled, int n, int size) {
        return n == 0 ? 0 : n == size ? sampled : sampled * size / n;
    }
}
