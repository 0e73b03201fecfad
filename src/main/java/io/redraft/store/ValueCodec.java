package io.redraft.store;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * One Redis value type: its TYPE name, its stable snapshot tag and its binary encoding.
 * The encoding must be deterministic (equal values always encode to equal bytes), so replicas
 * with equal state write byte-identical snapshots; collection types must iterate in a defined
 * order (e.g. sorted members), never in hash order.
 */
public interface ValueCodec {

    /** Snapshot tag; never reuse or renumber a tag once released. */
    int tag();

    /** The name TYPE reports ("string", "list", "set", "zset", "hash", "stream"). */
    String typeName();

    /** Whether {@code value} is of this type. */
    boolean accepts(Object value);

    void write(Object value, DataOutput out) throws IOException;

    Object read(DataInput in) throws IOException;
}
