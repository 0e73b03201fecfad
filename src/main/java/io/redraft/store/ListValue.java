package io.redraft.store;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;

/**
 * A Redis list: a growable ring buffer of byte strings with O(1) access by index and O(1) pushes
 * and pops at both ends. Inserting or removing in the middle shifts the shorter side. Elements are
 * never mutated once stored (they may be shared with replies). Not thread-safe: the store's lock
 * guards it.
 */
public final class ListValue implements Versioned {
    private static final int MIN_CAPACITY = 8;
    private static final byte[][] EMPTY = new byte[0][];

    private byte[][] items;
    private int head;
    private int size;
    private long version; // counts changes, for WATCH

    public ListValue() {
        items = EMPTY;
    }

    private ListValue(int capacity) {
        items = capacity == 0 ? EMPTY : new byte[capacity][];
    }

    @Override
    public long version() {
        return version;
    }

    public int size() {
        return size;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    private int slot(int index) {
        int i = head + index;
        return i >= items.length ? i - items.length : i;
    }

    /** The element at {@code index}, 0 being the head; the index must be in range. */
    public byte[] get(int index) {
        checkIndex(index);
        return items[slot(index)];
    }

    public void set(int index, byte[] value) {
        checkIndex(index);
        version++;
        items[slot(index)] = value;
    }

    private void checkIndex(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException(index + " of " + size);
        }
    }

    public void addFirst(byte[] value) {
        ensureCapacity(size + 1);
        head = head == 0 ? items.length - 1 : head - 1;
        items[head] = value;
        size++;
        version++;
    }

    public void addLast(byte[] value) {
        ensureCapacity(size + 1);
        items[slot(size)] = value;
        size++;
        version++;
    }

    public byte[] removeFirst() {
        if (size == 0) {
            throw new IllegalStateException("empty list");
        }
        byte[] v = items[head];
        items[head] = null;
        head = head + 1 == items.length ? 0 : head + 1;
        size--;
        version++;
        maybeShrink();
        return v;
    }

    public byte[] removeLast() {
        if (size == 0) {
            throw new IllegalStateException("empty list");
        }
        int s = slot(size - 1);
        byte[] v = items[s];
        items[s] = null;
        size--;
        version++;
        maybeShrink();
        return v;
    }

    /** Inserts so that the new element ends up at {@code index} (0..size). */
    public void insert(int index, byte[] value) {
        if (index < 0 || index > size) {
            throw new IndexOutOfBoundsException(index + " of " + size);
        }
        if (index == 0) {
            addFirst(value);
            return;
        }
        if (index == size) {
            addLast(value);
            return;
        }
        ensureCapacity(size + 1);
        if (index < size / 2) {
            // shift the head side one slot left
            head = head == 0 ? items.length - 1 : head - 1;
            for (int i = 0; i < index; i++) {
                items[slot(i)] = items[slot(i + 1)];
            }
        } else {
            for (int i = size; i > index; i--) {
                items[slot(i)] = items[slot(i - 1)];
            }
        }
        items[slot(index)] = value;
        size++;
        version++;
    }

    /** Removes the element at {@code index}, shifting the shorter side. */
    public byte[] removeAt(int index) {
        checkIndex(index);
        byte[] v = items[slot(index)];
        if (index < size / 2) {
            for (int i = index; i > 0; i--) {
                items[slot(i)] = items[slot(i - 1)];
            }
            items[head] = null;
            head = head + 1 == items.length ? 0 : head + 1;
        } else {
            for (int i = index; i < size - 1; i++) {
                items[slot(i)] = items[slot(i + 1)];
            }
            items[slot(size - 1)] = null;
        }
        size--;
        version++;
        maybeShrink();
        return v;
    }

    /** Keeps only the elements {@code from} (inclusive) to {@code to} (exclusive). */
    public void retain(int from, int to) {
        if (from < 0 || to > size || from > to) {
            throw new IndexOutOfBoundsException(from + ".." + to + " of " + size);
        }
        for (int i = 0; i < from; i++) {
            items[slot(i)] = null;
        }
        for (int i = to; i < size; i++) {
            items[slot(i)] = null;
        }
        head = size == 0 ? 0 : slot(from);
        size = to - from;
        version++; // even when nothing went: LTRIM always signals in Redis
        if (size == 0) {
            head = 0;
        }
        maybeShrink();
    }

    /**
     * LREM: removes up to {@code limit} elements equal to {@code value} (0 = all), scanning from
     * the tail when {@code fromTail}; one compacting pass. Returns how many were removed.
     */
    public int removeEqual(byte[] value, long limit, boolean fromTail) {
        int removed = 0;
        if (!fromTail) {
            int w = 0;
            for (int r = 0; r < size; r++) {
                byte[] e = items[slot(r)];
                if ((limit == 0 || removed < limit) && Arrays.equals(e, value)) {
                    removed++;
                } else {
                    if (w != r) {
                        items[slot(w)] = e;
                    }
                    w++;
                }
            }
            for (int i = w; i < size; i++) {
                items[slot(i)] = null;
            }
        } else {
            int w = size - 1;
            for (int r = size - 1; r >= 0; r--) {
                byte[] e = items[slot(r)];
                if ((limit == 0 || removed < limit) && Arrays.equals(e, value)) {
                    removed++;
                } else {
                    if (w != r) {
                        items[slot(w)] = e;
                    }
                    w--;
                }
            }
            for (int i = 0; i <= w; i++) {
                items[slot(i)] = null;
            }
            head = slot(removed);
        }
        size -= removed;
        version += removed;
        if (size == 0) {
            head = 0;
        }
        maybeShrink();
        return removed;
    }

    /** Index of the first element equal to {@code value} from the head, or -1. */
    public int indexOf(byte[] value) {
        for (int i = 0; i < size; i++) {
            if (Arrays.equals(items[slot(i)], value)) {
                return i;
            }
        }
        return -1;
    }

    private void ensureCapacity(int needed) {
        if (needed <= items.length) {
            return;
        }
        if (needed < 0 || needed > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("list too long");
        }
        long grown = Math.max(MIN_CAPACITY, (long) items.length + (items.length >> 1));
        resize((int) Math.min(Integer.MAX_VALUE - 8, Math.max(grown, needed)));
    }

    /** Gives memory back when a list that was large is now mostly empty. */
    private void maybeShrink() {
        if (items.length > MIN_CAPACITY && size < items.length / 4) {
            resize(Math.max(MIN_CAPACITY, size * 2));
        }
    }

    private void resize(int capacity) {
        byte[][] next = new byte[capacity][];
        int firstPart = Math.min(size, items.length - head);
        System.arraycopy(items, head, next, 0, firstPart);
        System.arraycopy(items, 0, next, firstPart, size - firstPart);
        items = next;
        head = 0;
    }

    /** Snapshot form, tag 2: element count, then each element as {@code int length, bytes}, head first. */
    public static final ValueCodec CODEC = new ValueCodec() {
        @Override
        public int tag() {
            return 2;
        }

        @Override
        public String typeName() {
            return "list";
        }

        @Override
        public boolean accepts(Object value) {
            return value instanceof ListValue;
        }

        @Override
        public void write(Object value, DataOutput out) throws IOException {
            ListValue list = (ListValue) value;
            out.writeInt(list.size);
            for (int i = 0; i < list.size; i++) {
                ValueTypes.writeBytes(list.items[list.slot(i)], out);
            }
        }

        @Override
        public Object read(DataInput in) throws IOException {
            int n = in.readInt();
            if (n <= 0) {
                throw new IOException("corrupt snapshot: list of " + n + " elements");
            }
            // grow as elements arrive so a corrupt count cannot force a huge allocation
            ListValue list = new ListValue(Math.min(n, 1 << 16));
            for (int i = 0; i < n; i++) {
                list.addLast(ValueTypes.readBytes(in));
            }
            return list;
        }
    };
}
