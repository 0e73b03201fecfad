package io.redraft.store;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

/**
 * A Redis sorted set: Redis's skip list with span counts (O(log n) insert, delete, rank and
 * rank lookup), ordered by score and then by member bytes (unsigned), plus a chained hash table
 * from member to node for O(1) score lookups. The hash table is power-of-two sized and uses a
 * fixed hash function, so {@link #scan} can use Redis's reverse-binary cursor: a cursor stays
 * valid across resizes and across replicas.
 *
 * <p>Scores are compared with Java's primitive operators, as C does: -0.0 equals 0.0 (members
 * then decide the order) and NaN is never stored.
 *
 * <p>Determinism: node levels come from a random source, so two replicas' skip lists may be
 * shaped differently, but every result exposed here is a function of the ordered (score, member)
 * sequence alone. Range bounds that are not monotone along that order (lexicographic bounds on
 * members with different scores, which Redis leaves unspecified) are resolved by binary search
 * over ranks, which does not depend on the shape either. Not thread-safe: the store's lock
 * guards it.
 */
public final class ZSetValue implements Versioned {
    static final int MAX_LEVEL = 32;
    private static final int MIN_TABLE = 4;

    /** One member. Its score changes only through {@link ZSetValue#updateScore}. */
    public static final class Node {
        final byte[] member;
        final int hash;
        double score;
        Node[] next;
        int[] span;
        Node prev;
        /** Next node in the same hash bucket. */
        Node chain;

        Node(byte[] member, double score, int hash, int level) {
            this.member = member;
            this.score = score;
            this.hash = hash;
            this.next = new Node[level];
            this.span = new int[level];
        }

        public byte[] member() {
            return member;
        }

        public double score() {
            return score;
        }

        /** The following node in (score, member) order, or null. */
        public Node next() {
            return next[0];
        }

        /** The preceding node, or null. */
        public Node prev() {
            return prev;
        }
    }

    /**
     * One end of a lexicographic range as ZRANGEBYLEX takes it: {@code kind} -1 for "-" (below
     * everything), +1 for "+" (above everything), 0 for {@code value}, inclusive or exclusive.
     */
    public record LexBound(int kind, byte[] value, boolean exclusive) {
        public static final LexBound MIN = new LexBound(-1, null, true);
        public static final LexBound MAX = new LexBound(1, null, true);

        /** Compares a member with this bound, like Redis's sdscmplex(member, bound). */
        int compareMember(byte[] member) {
            if (kind < 0) {
                return 1;
            }
            if (kind > 0) {
                return -1;
            }
            return Arrays.compareUnsigned(member, value);
        }

        boolean memberAtLeastMin(byte[] member) {
            int c = compareMember(member);
            return exclusive ? c > 0 : c >= 0;
        }

        boolean memberAtMostMax(byte[] member) {
            int c = compareMember(member);
            return exclusive ? c < 0 : c <= 0;
        }

        /** Redis's zslParseLexRange emptiness test: min above max, or equal with an exclusive end. */
        public static boolean isEmptyRange(LexBound min, LexBound max) {
            int cmp;
            if (min.kind == max.kind && min.kind != 0) {
                cmp = 0;
            } else if (min.kind < 0 || max.kind > 0) {
                cmp = -1;
            } else if (min.kind > 0 || max.kind < 0) {
                cmp = 1;
            } else {
                cmp = Arrays.compareUnsigned(min.value, max.value);
            }
            return cmp > 0 || (cmp == 0 && (min.exclusive || max.exclusive));
        }
    }

    private final Node header = new Node(null, 0, 0, 4);
    private Node tail;
    private int level = 1;
    private int length;
    private Node[] table;
    private long version; // counts changes, for WATCH

    @Override
    public long version() {
        return version;
    }

    public int size() {
        return length;
    }

    public boolean isEmpty() {
        return length == 0;
    }

    public Node first() {
        return header.next[0];
    }

    public Node last() {
        return tail;
    }

    // ---------------------------------------------------------------- hashing

    /** Fixed (seedless) hash, so bucket positions and ZSCAN cursors agree on every node. */
    static int hash(byte[] member) {
        int h = Arrays.hashCode(member);
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        h ^= h >>> 16;
        return h;
    }

    public Node find(byte[] member) {
        if (table == null) {
            return null;
        }
        int h = hash(member);
        for (Node n = table[h & (table.length - 1)]; n != null; n = n.chain) {
            if (n.hash == h && Arrays.equals(n.member, member)) {
                return n;
            }
        }
        return null;
    }

    private void hashAdd(Node x) {
        if (table == null) {
            table = new Node[MIN_TABLE];
        } else if (length > table.length) {
            resizeTable(table.length * 2);
        }
        int i = x.hash & (table.length - 1);
        x.chain = table[i];
        table[i] = x;
    }

    private void hashRemove(Node x) {
        int i = x.hash & (table.length - 1);
        Node prev = null;
        for (Node n = table[i]; n != null; prev = n, n = n.chain) {
            if (n == x) {
                if (prev == null) {
                    table[i] = n.chain;
                } else {
                    prev.chain = n.chain;
                }
                x.chain = null;
                break;
            }
        }
        if (length == 0) {
            table = null;
        } else if (table.length > MIN_TABLE && (long) length * 8 < table.length) {
            int cap = Integer.highestOneBit(Math.max(MIN_TABLE, length));
            resizeTable(cap < length ? cap * 2 : cap);
        }
    }

    private void resizeTable(int capacity) {
        Node[] next = new Node[capacity];
        int mask = capacity - 1;
        for (Node head : table) {
            for (Node n = head; n != null; ) {
                Node following = n.chain;
                int i = n.hash & mask;
                n.chain = next[i];
                next[i] = n;
                n = following;
            }
        }
        table = next;
    }

    /**
     * One step of Redis's dictScan over the hash table: feeds every member of the bucket the
     * cursor designates to {@code sink} and returns the next cursor (0 when the scan is done).
     * Every member present for a whole scan is returned at least once, whatever resizes happen
     * between steps.
     */
    public long scan(long cursor, Consumer<Node> sink) {
        if (table == null) {
            return 0;
        }
        long mask = table.length - 1;
        for (Node n = table[(int) (cursor & mask)]; n != null; n = n.chain) {
            sink.accept(n);
        }
        cursor |= ~mask;
        cursor = Long.reverse(cursor);
        cursor++;
        return Long.reverse(cursor);
    }

    // ---------------------------------------------------------------- skip list

    /** Is {@code n} strictly before (score, member)? */
    private static boolean before(Node n, double score, byte[] member) {
        return n.score < score || (n.score == score && Arrays.compareUnsigned(n.member, member) < 0);
    }

    private static int randomLevel() {
        // each further level with probability 1/4, as Redis's ZSKIPLIST_P
        int lvl = 1 + Long.numberOfTrailingZeros(ThreadLocalRandom.current().nextLong()) / 2;
        return Math.min(lvl, MAX_LEVEL);
    }

    private void ensureHeaderLevel(int lvl) {
        if (header.next.length < lvl) {
            int cap = Math.min(MAX_LEVEL, Math.max(lvl, header.next.length * 2));
            header.next = Arrays.copyOf(header.next, cap);
            header.span = Arrays.copyOf(header.span, cap);
        }
    }

    /** Adds a member that is not present yet. */
    public Node insert(byte[] member, double score) {
        if (Double.isNaN(score)) {
            throw new IllegalArgumentException("NaN score");
        }
        Node x = new Node(member, score, hash(member), randomLevel());
        version++;
        link(x);
        hashAdd(x);
        return x;
    }

    private void link(Node x) {
        int lvl = x.next.length;
        int top = Math.max(level, lvl);
        ensureHeaderLevel(top);
        Node[] update = new Node[top];
        int[] rank = new int[top];
        Node cur = header;
        for (int i = level - 1; i >= 0; i--) {
            rank[i] = i == level - 1 ? 0 : rank[i + 1];
            while (cur.next[i] != null && before(cur.next[i], x.score, x.member)) {
                rank[i] += cur.span[i];
                cur = cur.next[i];
            }
            update[i] = cur;
        }
        if (lvl > level) {
            for (int i = level; i < lvl; i++) {
                rank[i] = 0;
                update[i] = header;
                header.next[i] = null;
                header.span[i] = length;
            }
            level = lvl;
        }
        for (int i = 0; i < lvl; i++) {
            x.next[i] = update[i].next[i];
            update[i].next[i] = x;
            x.span[i] = update[i].span[i] - (rank[0] - rank[i]);
            update[i].span[i] = rank[0] - rank[i] + 1;
        }
        for (int i = lvl; i < level; i++) {
            update[i].span[i]++;
        }
        x.prev = update[0] == header ? null : update[0];
        if (x.next[0] != null) {
            x.next[0].prev = x;
        } else {
            tail = x;
        }
        length++;
    }

    /** The predecessors of {@code x} on every level. */
    private Node[] predecessors(Node x) {
        Node[] update = new Node[level];
        Node cur = header;
        for (int i = level - 1; i >= 0; i--) {
            while (cur.next[i] != null && before(cur.next[i], x.score, x.member)) {
                cur = cur.next[i];
            }
            update[i] = cur;
        }
        return update;
    }

    private void unlink(Node x, Node[] update) {
        for (int i = 0; i < level; i++) {
            if (update[i].next[i] == x) {
                update[i].span[i] += x.span[i] - 1;
                update[i].next[i] = x.next[i];
            } else {
                update[i].span[i]--;
            }
        }
        if (x.next[0] != null) {
            x.next[0].prev = x.prev;
        } else {
            tail = x.prev;
        }
        while (level > 1 && header.next[level - 1] == null) {
            level--;
        }
        length--;
    }

    public void remove(Node x) {
        version++;
        unlink(x, predecessors(x));
        hashRemove(x);
    }

    /** Changes a member's score, moving it only when its position changes (as zslUpdateScore). */
    public void updateScore(Node x, double score) {
        if (Double.isNaN(score)) {
            throw new IllegalArgumentException("NaN score");
        }
        version++;
        if ((x.prev == null || x.prev.score < score) && (x.next[0] == null || x.next[0].score > score)) {
            x.score = score;
            return;
        }
        unlink(x, predecessors(x));
        x.score = score;
        link(x);
    }

    /** 0-based rank of a node of this set in ascending order. */
    public int rankOf(Node x) {
        int rank = 0;
        Node cur = header;
        for (int i = level - 1; i >= 0; i--) {
            while (cur.next[i] != null && (cur.next[i] == x || before(cur.next[i], x.score, x.member))) {
                rank += cur.span[i];
                cur = cur.next[i];
            }
            if (cur == x) {
                return rank - 1;
            }
        }
        throw new IllegalArgumentException("node not in this set");
    }

    /** The node at 0-based ascending rank {@code rank}, or null when out of range. */
    public Node byRank(long rank) {
        if (rank < 0 || rank >= length) {
            return null;
        }
        long target = rank + 1;
        long traversed = 0;
        Node cur = header;
        for (int i = level - 1; i >= 0; i--) {
            while (cur.next[i] != null && traversed + cur.span[i] <= target) {
                traversed += cur.span[i];
                cur = cur.next[i];
            }
            if (traversed == target) {
                return cur;
            }
        }
        return null;
    }

    /**
     * Removes the nodes of 0-based ranks {@code from} (inclusive) to {@code to} (exclusive) in
     * O(log n + removed); returns how many were removed.
     */
    public int removeRanks(int from, int to) {
        from = Math.max(0, from);
        to = Math.min(length, to);
        if (from >= to) {
            return 0;
        }
        Node[] update = new Node[level];
        long traversed = 0;
        Node cur = header;
        for (int i = level - 1; i >= 0; i--) {
            while (cur.next[i] != null && traversed + cur.span[i] <= from) {
                traversed += cur.span[i];
                cur = cur.next[i];
            }
            update[i] = cur;
        }
        cur = cur.next[0];
        int removed = 0;
        while (cur != null && removed < to - from) {
            Node following = cur.next[0];
            unlink(cur, update);
            hashRemove(cur);
            version++;
            removed++;
            cur = following;
        }
        return removed;
    }

    // ---------------------------------------------------------------- ranges

    /** How many members score below min (or at min when {@code minExclusive}): the rank where the range starts. */
    public int rankOfScoreMin(double min, boolean minExclusive) {
        int traversed = 0;
        Node cur = header;
        for (int i = level - 1; i >= 0; i--) {
            while (cur.next[i] != null
                    && (minExclusive ? cur.next[i].score <= min : cur.next[i].score < min)) {
                traversed += cur.span[i];
                cur = cur.next[i];
            }
        }
        return traversed;
    }

    /** How many members score at most max (below max when {@code maxExclusive}): the rank where the range ends (exclusive). */
    public int rankAfterScoreMax(double max, boolean maxExclusive) {
        int traversed = 0;
        Node cur = header;
        for (int i = level - 1; i >= 0; i--) {
            while (cur.next[i] != null
                    && (maxExclusive ? cur.next[i].score < max : cur.next[i].score <= max)) {
                traversed += cur.span[i];
                cur = cur.next[i];
            }
        }
        return traversed;
    }

    /** Are all scores equal, so that member order alone is the set's order? */
    private boolean singleScore() {
        return length == 0 || header.next[0].score == tail.score;
    }

    /** The rank where a lexicographic range starting at {@code min} starts. */
    public int rankOfLexMin(LexBound min) {
        if (!singleScore()) {
            return lowerBound(min, true);
        }
        int traversed = 0;
        Node cur = header;
        for (int i = level - 1; i >= 0; i--) {
            while (cur.next[i] != null && !min.memberAtLeastMin(cur.next[i].member)) {
                traversed += cur.span[i];
                cur = cur.next[i];
            }
        }
        return traversed;
    }

    /** The rank where a lexicographic range ending at {@code max} ends (exclusive). */
    public int rankAfterLexMax(LexBound max) {
        if (!singleScore()) {
            return lowerBound(max, false);
        }
        int traversed = 0;
        Node cur = header;
        for (int i = level - 1; i >= 0; i--) {
            while (cur.next[i] != null && max.memberAtMostMax(cur.next[i].member)) {
                traversed += cur.span[i];
                cur = cur.next[i];
            }
        }
        return traversed;
    }

    /**
     * The first rank r where the bound test flips (members at ranks below r are before a min,
     * or within a max), by binary search over ranks: shape-independent even when member order
     * is not monotone.
     */
    private int lowerBound(LexBound bound, boolean isMin) {
        int lo = 0;
        int hi = length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            byte[] m = byRank(mid).member;
            boolean stillBefore = isMin ? !bound.memberAtLeastMin(m) : bound.memberAtMostMax(m);
            if (stillBefore) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    // ---------------------------------------------------------------- snapshot codec

    /**
     * Snapshot form, tag 4: member count, then per member in ascending (score, member) order the
     * member as {@code int length, bytes} and the score as an IEEE double.
     */
    public static final ValueCodec CODEC = new ValueCodec() {
        @Override
        public int tag() {
            return 4;
        }

        @Override
        public String typeName() {
            return "zset";
        }

        @Override
        public boolean accepts(Object value) {
            return value instanceof ZSetValue;
        }

        @Override
        public void write(Object value, DataOutput out) throws IOException {
            ZSetValue z = (ZSetValue) value;
            out.writeInt(z.length);
            for (Node n = z.header.next[0]; n != null; n = n.next[0]) {
                ValueTypes.writeBytes(n.member, out);
                out.writeDouble(n.score);
            }
        }

        @Override
        public Object read(DataInput in) throws IOException {
            int n = in.readInt();
            if (n <= 0) {
                throw new IOException("corrupt snapshot: sorted set of " + n + " members");
            }
            ZSetValue z = new ZSetValue();
            Node last = null;
            for (int i = 0; i < n; i++) {
                byte[] member = ValueTypes.readBytes(in);
                double score = in.readDouble();
                if (Double.isNaN(score) || (last != null && !before(last, score, member))
                        || z.find(member) != null) {
                    throw new IOException("corrupt snapshot: sorted set out of order");
                }
                last = z.insert(member, score);
            }
            return z;
        }
    };
}
