package io.redraft.store;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.ConcurrentModificationException;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * A database's key → entry table: a chained hash table whose chain links live in the
 * {@link Entry} itself, so a key costs its Key, its Entry and one table slot, not also a
 * {@code HashMap.Node} (32 bytes, ~15 % of a small string key's footprint). Writes go through
 * {@link #put}/{@link #remove}; the {@link #view} is read-only except for removal through
 * the entry-set iterator. Iteration order depends on the keys' per-process seeded hashes
 * ({@link Key}), so it differs between nodes and restarts; no caller relies on it (snapshots
 * and replies sort). Chains stay plain lists: the seeded hash keeps them short whatever keys
 * clients choose.
 */
final class EntryTable {
    private static final int MIN_CAPACITY = 16;

    private Entry[] table = new Entry[MIN_CAPACITY];
    private int size;
    /** Bumped by structural changes, so an iterator notices a change it did not make. */
    private int modCount;

    private static int slot(int hash, int mask) {
        return (hash ^ (hash >>> 16)) & mask; // spread high bits, as HashMap does
    }

    Entry get(Key key) {
        int h = key.hashCode();
        for (Entry e = table[slot(h, table.length - 1)]; e != null; e = e.next) {
            if (e.key.hashCode() == h && e.key.equals(key)) {
                return e;
            }
        }
        return null;
    }

    boolean containsKey(Key key) {
        return get(key) != null;
    }

    /** Stores {@code entry} under {@code key} (the entry takes the key); returns the replaced entry. */
    Entry put(Key key, Entry entry) {
        int h = key.hashCode();
        int i = slot(h, table.length - 1);
        Entry prev = null;
        for (Entry e = table[i]; e != null; prev = e, e = e.next) {
            if (e.key.hashCode() == h && e.key.equals(key)) {
                entry.key = e.key;
                entry.next = e.next;
                if (prev == null) {
                    table[i] = entry;
                } else {
                    prev.next = entry;
                }
                e.next = null;
                return e;
            }
        }
        entry.key = key;
        entry.next = table[i];
        table[i] = entry;
        size++;
        modCount++;
        if (size > table.length - (table.length >>> 2)) { // load factor 0.75
            resize(table.length << 1);
        }
        return null;
    }

    Entry remove(Key key) {
        int h = key.hashCode();
        int i = slot(h, table.length - 1);
        Entry prev = null;
        for (Entry e = table[i]; e != null; prev = e, e = e.next) {
            if (e.key.hashCode() == h && e.key.equals(key)) {
                unlink(i, prev, e);
                return e;
            }
        }
        return null;
    }

    private void unlink(int i, Entry prev, Entry e) {
        if (prev == null) {
            table[i] = e.next;
        } else {
            prev.next = e.next;
        }
        e.next = null;
        size--;
        modCount++;
    }

    private void resize(int capacity) {
        Entry[] old = table;
        Entry[] grown = new Entry[capacity];
        int mask = capacity - 1;
        for (Entry head : old) {
            for (Entry e = head; e != null; ) {
                Entry next = e.next;
                int i = slot(e.key.hashCode(), mask);
                e.next = grown[i];
                grown[i] = e;
                e = next;
            }
        }
        table = grown;
    }

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    void clear() {
        table = new Entry[MIN_CAPACITY]; // give a large table back, as after FLUSHDB
        size = 0;
        modCount++;
    }

    /** The most entries in one slot's chain: what a lookup may walk (for tests of the key hash). */
    int longestChain() {
        int longest = 0;
        for (Entry head : table) {
            int n = 0;
            for (Entry e = head; e != null; e = e.next) {
                n++;
            }
            longest = Math.max(longest, n);
        }
        return longest;
    }

    /** Every entry, in table order: what a snapshot captures. */
    Entry[] all() {
        Entry[] all = new Entry[size];
        int n = 0;
        for (Entry head : table) {
            for (Entry e = head; e != null; e = e.next) {
                all[n++] = e;
            }
        }
        return all;
    }

    /** A read-only {@link Map} view (removal only through its entry-set iterator). */
    Map<Key, Entry> view() {
        return view;
    }

    private final Map<Key, Entry> view = new AbstractMap<>() {
        @Override
        public io.redraft.store.Entry get(Object o) {
            return o instanceof Key key ? EntryTable.this.get(key) : null;
        }

        @Override
        public boolean containsKey(Object o) {
            return get(o) != null;
        }

        @Override
        public int size() {
            return size;
        }

        @Override
        public Set<Map.Entry<Key, io.redraft.store.Entry>> entrySet() {
            return new AbstractSet<>() {
                @Override
                public Iterator<Map.Entry<Key, io.redraft.store.Entry>> iterator() {
                    return new Walk();
                }

                @Override
                public int size() {
                    return size;
                }
            };
        }
    };

    /** Walks the slots in order; supports {@link Iterator#remove} of the entry last returned. */
    private final class Walk implements Iterator<Map.Entry<Key, Entry>> {
        private int slot = -1;
        private Entry next;
        private Entry last;
        private int expectedModCount = modCount;

        Walk() {
            advance(null);
        }

        private void advance(Entry from) {
            next = from == null ? null : from.next;
            while (next == null && ++slot < table.length) {
                next = table[slot];
            }
        }

        @Override
        public boolean hasNext() {
            return next != null;
        }

        @Override
        public Map.Entry<Key, Entry> next() {
            if (next == null) {
                throw new NoSuchElementException();
            }
            if (modCount != expectedModCount) {
                throw new ConcurrentModificationException();
            }
            last = next;
            advance(next);
            return new AbstractMap.SimpleImmutableEntry<>(last.key, last);
        }

        @Override
        public void remove() {
            if (last == null) {
                throw new IllegalStateException();
            }
            if (modCount != expectedModCount) {
                throw new ConcurrentModificationException();
            }
            int i = slot(last.key.hashCode(), table.length - 1);
            Entry prev = null;
            Entry e = table[i];
            while (e != last) { // last's predecessor in its chain (next was taken before this)
                prev = e;
                e = e.next;
            }
            unlink(i, prev, last);
            last = null;
            expectedModCount = modCount;
        }
    }
}
