package io.redraft.store;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.random.RandomGenerator;

/**
 * A Redis set of binary-safe members. Never stored empty (commands delete the key with the last
 * member). See {@link MemberTable} for layout and ordering rules.
 *
 * <p>{@link #popRandom} picks members by rank in unsigned byte order, so that the choice depends
 * only on the set's contents and the random generator, never on the table layout. The order is
 * kept in a {@link RankIndex}, built by the first pop (one sort) and then maintained by every
 * change, so pops cost O(log n) even when interleaved with additions. A set that changes a lot
 * without being popped drops the index again. Only writes ever touch it.
 */
public final class SetValue extends MemberTable {
    private RankIndex index; // null until a pop needs it
    private long changesSincePop;

    public SetValue() {
        this(0);
    }

    public SetValue(int expectedMembers) {
        super(expectedMembers, false);
    }

    /** Adds {@code member}; true when it was not there. */
    public boolean add(byte[] member) {
        long h = hash(member);
        int slot = find(member, h);
        if (slot >= 0) {
            return false;
        }
        insertAt(slot, member, h, null);
        if (index != null && !dropIndexIfIdle()) {
            index.insert(member);
        }
        return true;
    }

    /** Removes {@code member}; true when it was there. */
    public boolean remove(byte[] member) {
        if (!removeMember(member)) {
            return false;
        }
        if (index != null && !dropIndexIfIdle()) {
            index.remove(member);
        }
        return true;
    }

    /** Drops the index once the set has changed more than its size (and 1024) times since the last pop. */
    private boolean dropIndexIfIdle() {
        if (++changesSincePop > Math.max(1024, size())) {
            index = null;
            return true;
        }
        return false;
    }

    /**
     * Removes {@code count} distinct members chosen uniformly at random by rank in unsigned byte
     * order, one after another, and returns them in the order chosen. {@code 0 < count < size()}.
     */
    public byte[][] popRandom(int count, RandomGenerator random) {
        int n = size();
        if (count <= 0 || count >= n) {
            throw new IllegalArgumentException("count " + count + " for a set of " + n);
        }
        if (index == null) {
            index = new RankIndex(sortedMembers());
        }
        changesSincePop = 0;
        byte[][] out = new byte[count][];
        for (int i = 0; i < count; i++) {
            byte[] m = index.get(random.nextInt(size()));
            out[i] = m;
            removeMember(m);
            index.remove(m);
        }
        return out;
    }

    /** Snapshot encoding, tag 3: member count, then the members in unsigned byte order. */
    public static final ValueCodec CODEC = new ValueCodec() {
        @Override
        public int tag() {
            return 3;
        }

        @Override
        public String typeName() {
            return "set";
        }

        @Override
        public boolean accepts(Object value) {
            return value instanceof SetValue;
        }

        @Override
        public void write(Object value, DataOutput out) throws IOException {
            byte[][] members = ((SetValue) value).sortedMembers();
            out.writeInt(members.length);
            for (byte[] m : members) {
                ValueTypes.writeBytes(m, out);
            }
        }

        @Override
        public Object read(DataInput in) throws IOException {
            int n = in.readInt();
            if (n <= 0) {
                throw new IOException("corrupt snapshot: set with " + n + " members");
            }
            SetValue set = new SetValue(Math.min(n, 1 << 16)); // grows; a corrupt count can't force a huge allocation
            for (int i = 0; i < n; i++) {
                if (!set.add(ValueTypes.readBytes(in))) {
                    throw new IOException("corrupt snapshot: repeated set member");
                }
            }
            return set;
        }
    };
}
