package io.redraft.command;

import io.redraft.store.HashValue;
import io.redraft.store.ListValue;
import io.redraft.store.SetValue;
import io.redraft.store.ZSetValue;

/**
 * The encoding Redis 7.0 would report for a value with the same contents, by its default
 * thresholds (hash-max-listpack-entries 512, zset-max-listpack-entries 128, both -value 64,
 * set-max-intset-entries 512;
 * lists are always quicklists in 7.0). Redis also remembers history (a hash that outgrew a
 * listpack stays a hashtable after shrinking, APPEND makes strings raw); Redraft stores one
 * representation, so the answer follows the current contents only.
 */
final class ObjectEncoding {
    static final int HASH_LISTPACK_ENTRIES = 512;
    static final int ZSET_LISTPACK_ENTRIES = 128;
    static final int LISTPACK_VALUE = 64;
    static final int INTSET_ENTRIES = 512;
    /** OBJ_ENCODING_EMBSTR_SIZE_LIMIT. */
    static final int EMBSTR_LIMIT = 44;
    /** OBJ_SHARED_INTEGERS: 0..9999 are shared objects when no maxmemory is set. */
    static final long SHARED_INTEGERS = 10000;

    private ObjectEncoding() {
    }

    static String of(Object value) {
        if (value instanceof byte[] s) {
            return string(s);
        }
        if (value instanceof ListValue) {
            return "quicklist";
        }
        if (value instanceof SetValue set) {
            return set(set);
        }
        if (value instanceof HashValue hash) {
            return hash(hash);
        }
        if (value instanceof ZSetValue z) {
            return zset(z);
        }
        throw new IllegalArgumentException("unknown value " + value.getClass());
    }

    /** tryObjectEncoding: integers of up to 20 characters are "int", short strings "embstr". */
    static String string(byte[] s) {
        if (s.length <= 20 && Args.isInteger(s)) {
            return "int";
        }
        return s.length <= EMBSTR_LIMIT ? "embstr" : "raw";
    }

    /** Whether the value is one of Redis's shared integer objects (REFCOUNT reports INT_MAX). */
    static boolean sharedInteger(Object value) {
        if (!(value instanceof byte[] s) || s.length > 20) {
            return false;
        }
        Long v = Args.toLong(s);
        return v != null && v >= 0 && v < SHARED_INTEGERS;
    }

    private static String set(SetValue set) {
        if (set.size() > INTSET_ENTRIES) {
            return "hashtable";
        }
        for (int slot = 0; slot < set.capacity(); slot++) {
            byte[] m = set.memberAt(slot);
            if (m != null && !Args.isInteger(m)) {
                return "hashtable";
            }
        }
        return "intset";
    }

    private static String hash(HashValue hash) {
        if (hash.size() > HASH_LISTPACK_ENTRIES) {
            return "hashtable";
        }
        for (int slot = 0; slot < hash.capacity(); slot++) {
            byte[] f = hash.memberAt(slot);
            if (f != null && (f.length > LISTPACK_VALUE || hash.valueIn(slot).length > LISTPACK_VALUE)) {
                return "hashtable";
            }
        }
        return "listpack";
    }

    private static String zset(ZSetValue z) {
        if (z.size() > ZSET_LISTPACK_ENTRIES) {
            return "skiplist";
        }
        for (ZSetValue.Node n = z.first(); n != null; n = n.next()) {
            if (n.member().length > LISTPACK_VALUE) {
                return "skiplist";
            }
        }
        return "listpack";
    }
}
