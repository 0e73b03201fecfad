package io.redraft.store;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * A Redis hash: binary-safe fields to binary-safe values. Never stored empty (commands delete
 * the key with the last field). See {@link MemberTable} for layout and ordering rules.
 */
public final class HashValue extends MemberTable {

    public HashValue() {
        this(0);
    }

    public HashValue(int expectedFields) {
        super(expectedFields, true);
    }

    /** The value of {@code field}, or null. */
    public byte[] get(byte[] field) {
        int slot = find(field, hash(field));
        return slot >= 0 ? valueAt(slot) : null;
    }

    /** Sets {@code field}; true when it is a new field. */
    public boolean put(byte[] field, byte[] value) {
        long h = hash(field);
        int slot = find(field, h);
        if (slot >= 0) {
            setValueAt(slot, value);
            return false;
        }
        insertAt(slot, field, h, value);
        return true;
    }

    /** Sets {@code field} only when absent; true when it was set. */
    public boolean putIfAbsent(byte[] field, byte[] value) {
        long h = hash(field);
        int slot = find(field, h);
        if (slot >= 0) {
            return false;
        }
        insertAt(slot, field, h, value);
        return true;
    }

    /** Deletes {@code field}; true when it existed. */
    public boolean remove(byte[] field) {
        return removeMember(field);
    }

    /** The value in an occupied {@code slot}. */
    public byte[] valueIn(int slot) {
        return valueAt(slot);
    }

    /** Snapshot encoding, tag 1: field count, then (field, value) pairs in unsigned field order. */
    public static final ValueCodec CODEC = new ValueCodec() {
        @Override
        public int tag() {
            return 1;
        }

        @Override
        public String typeName() {
            return "hash";
        }

        @Override
        public boolean accepts(Object value) {
            return value instanceof HashValue;
        }

        @Override
        public void write(Object value, DataOutput out) throws IOException {
            HashValue hash = (HashValue) value;
            byte[][] fields = hash.sortedMembers();
            out.writeInt(fields.length);
            for (byte[] field : fields) {
                ValueTypes.writeBytes(field, out);
                ValueTypes.writeBytes(hash.get(field), out);
            }
        }

        @Override
        public Object read(DataInput in) throws IOException {
            int n = in.readInt();
            if (n <= 0) {
                throw new IOException("corrupt snapshot: hash with " + n + " fields");
            }
            HashValue hash = new HashValue(Math.min(n, 1 << 16)); // grows; a corrupt count can't force a huge allocation
            for (int i = 0; i < n; i++) {
                byte[] field = ValueTypes.readBytes(in);
                if (!hash.put(field, ValueTypes.readBytes(in))) {
                    throw new IOException("corrupt snapshot: repeated hash field");
                }
            }
            return hash;
        }
    };
}
