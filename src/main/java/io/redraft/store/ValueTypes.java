package io.redraft.store;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.List;

/**
 * The registry of value types. Adding a type (hash, list, set, zset) means writing its
 * {@link ValueCodec} with a new tag and listing it in {@link #ALL}; nothing else dispatches on
 * value classes.
 */
public final class ValueTypes {

    /** Strings are {@code byte[]}, never mutated in place once stored. */
    public static final ValueCodec STRING = new ValueCodec() {
        @Override
        public int tag() {
            return 0;
        }

        @Override
        public String typeName() {
            return "string";
        }

        @Override
        public boolean accepts(Object value) {
            return value instanceof byte[];
        }

        @Override
        public void write(Object value, DataOutput out) throws IOException {
            byte[] bytes = (byte[]) value;
            out.writeInt(bytes.length);
            out.write(bytes);
        }

        @Override
        public Object read(DataInput in) throws IOException {
            return readBytes(in);
        }
    };

    /** Every known type, in tag order. */
    public static final List<ValueCodec> ALL = List.of(STRING, HashValue.CODEC, ListValue.CODEC, SetValue.CODEC, ZSetValue.CODEC);

    private ValueTypes() {
    }

    /** The codec for a stored value; throws IllegalArgumentException for an unknown value class. */
    public static ValueCodec of(Object value) {
        for (ValueCodec codec : ALL) {
            if (codec.accepts(value)) {
                return codec;
            }
        }
        throw new IllegalArgumentException("no value type for " + (value == null ? "null" : value.getClass()));
    }

    /** The codec for a snapshot tag, or null when unknown. */
    public static ValueCodec forTag(int tag) {
        for (ValueCodec codec : ALL) {
            if (codec.tag() == tag) {
                return codec;
            }
        }
        return null;
    }

    /** TYPE's answer for a stored value. */
    public static String typeName(Object value) {
        return of(value).typeName();
    }

    /** Reads a length-prefixed byte string written as {@code int length, bytes}. */
    public static byte[] readBytes(DataInput in) throws IOException {
        int len = in.readInt();
        if (len < 0) {
            throw new IOException("corrupt snapshot: negative length " + len);
        }
        byte[] bytes = new byte[len];
        in.readFully(bytes);
        return bytes;
    }

    /** Writes a length-prefixed byte string. */
    public static void writeBytes(byte[] bytes, DataOutput out) throws IOException {
        out.writeInt(bytes.length);
        out.write(bytes);
    }
}
