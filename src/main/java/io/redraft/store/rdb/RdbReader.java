package io.redraft.store.rdb;

import io.redraft.store.HashValue;
import io.redraft.store.ListValue;
import io.redraft.store.SetValue;
import io.redraft.store.ZSetValue;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Decodes one RDB object (type byte + value, rdb.c's rdbLoadObjectType/rdbLoadObject) into a
 * store value. Accepts every encoding Redis 7.0 writes and the older ones (zipmaps, ziplists,
 * plain lists, the text-score ZSET), plus 7.2's SET_LISTPACK. Validation is deep: anything
 * inconsistent (bad lengths, duplicates, NaN scores, empty collections) is a format error.
 * Streams and modules have no Redraft type and are refused.
 */
public final class RdbReader {
    private static final long MAX_LZF_RATIO = 100;
    private final ByteCursor in;

    private RdbReader(ByteCursor in) {
        this.in = in;
    }

    /** Reads the object at the start of {@code data[0, end)}; bytes after it are ignored, as Redis does. */
    public static Object readObject(byte[] data, int end) throws RdbFormatException {
        RdbReader r = new RdbReader(new ByteCursor(data, 0, end));
        return r.object(r.in.u8());
    }

    private Object object(int type) throws RdbFormatException {
        switch (type) {
            case RdbType.STRING:
                return string();
            case RdbType.LIST: {
                long n = length();
                ListValue list = new ListValue();
                for (long i = 0; i < n; i++) {
                    list.addLast(string());
                }
                return nonEmpty(list.size(), list);
            }
            case RdbType.SET: {
                long n = length();
                SetValue set = new SetValue();
                for (long i = 0; i < n; i++) {
                    addMember(set, string());
                }
                return nonEmpty(set.size(), set);
            }
            case RdbType.ZSET:
            case RdbType.ZSET_2: {
                long n = length();
                ZSetValue z = new ZSetValue();
                for (long i = 0; i < n; i++) {
                    byte[] member = string();
                    addScored(z, member, type == RdbType.ZSET ? textDouble() : binaryDouble());
                }
                return nonEmpty(z.size(), z);
            }
            case RdbType.HASH: {
                long n = length();
                HashValue hash = new HashValue();
                for (long i = 0; i < n; i++) {
                    byte[] field = string();
                    putField(hash, field, string());
                }
                return nonEmpty(hash.size(), hash);
            }
            case RdbType.LIST_ZIPLIST:
                return list(Ziplist.decode(string()), new ListValue());
            case RdbType.SET_INTSET:
                return set(Intset.decode(string()));
            case RdbType.SET_LISTPACK:
                return set(Listpack.decode(string()));
            case RdbType.ZSET_ZIPLIST:
                return zset(Ziplist.decode(string()));
            case RdbType.ZSET_LISTPACK:
                return zset(Listpack.decode(string()));
            case RdbType.HASH_ZIPMAP:
                return hash(Zipmap.decode(string()));
            case RdbType.HASH_ZIPLIST:
                return hash(Ziplist.decode(string()));
            case RdbType.HASH_LISTPACK:
                return hash(Listpack.decode(string()));
            case RdbType.LIST_QUICKLIST: {
                long nodes = length();
                ListValue list = new ListValue();
                for (long i = 0; i < nodes; i++) {
                    list(Ziplist.decode(string()), list); // empty nodes are skipped, as Redis does
                }
                return nonEmpty(list.size(), list);
            }
            case RdbType.LIST_QUICKLIST_2: {
                long nodes = length();
                ListValue list = new ListValue();
                for (long i = 0; i < nodes; i++) {
                    long container = length();
                    if (container == RdbType.QUICKLIST_PLAIN) {
                        list.addLast(string());
                    } else if (container == RdbType.QUICKLIST_PACKED) {
                        list(Listpack.decode(string()), list);
                    } else {
                        throw new RdbFormatException("bad quicklist container");
                    }
                }
                return nonEmpty(list.size(), list);
            }
            default:
                throw new RdbFormatException("unsupported RDB object type " + type);
        }
    }

    private static Object nonEmpty(int size, Object value) throws RdbFormatException {
        if (size == 0) {
            throw new RdbFormatException("empty key");
        }
        return value;
    }

    private static Object list(List<byte[]> items, ListValue into) {
        for (byte[] item : items) {
            into.addLast(item);
        }
        return into;
    }

    private static Object set(List<byte[]> members) throws RdbFormatException {
        SetValue set = new SetValue(members.size());
        for (byte[] m : members) {
            addMember(set, m);
        }
        return nonEmpty(set.size(), set);
    }

    private static Object zset(List<byte[]> flat) throws RdbFormatException {
        if (flat.size() % 2 != 0) {
            throw new RdbFormatException("sorted set listpack with an odd count");
        }
        ZSetValue z = new ZSetValue();
        for (int i = 0; i < flat.size(); i += 2) {
            addScored(z, flat.get(i), parseScore(flat.get(i + 1)));
        }
        return nonEmpty(z.size(), z);
    }

    private static Object hash(List<byte[]> flat) throws RdbFormatException {
        if (flat.size() % 2 != 0) {
            throw new RdbFormatException("hash listpack with an odd count");
        }
        HashValue hash = new HashValue(flat.size() / 2);
        for (int i = 0; i < flat.size(); i += 2) {
            putField(hash, flat.get(i), flat.get(i + 1));
        }
        return nonEmpty(hash.size(), hash);
    }

    private static void addMember(SetValue set, byte[] member) throws RdbFormatException {
        if (!set.add(member)) {
            throw new RdbFormatException("duplicate set member");
        }
    }

    private static void putField(HashValue hash, byte[] field, byte[] value) throws RdbFormatException {
        if (!hash.put(field, value)) {
            throw new RdbFormatException("duplicate hash field");
        }
    }

    private static void addScored(ZSetValue z, byte[] member, double score) throws RdbFormatException {
        if (Double.isNaN(score)) {
            throw new RdbFormatException("NaN score");
        }
        if (z.find(member) != null) {
            throw new RdbFormatException("duplicate sorted set member");
        }
        z.insert(member, score);
    }

    // ---------------------------------------------------------------- primitives

    /** rdbLoadLen for a plain length (an encoded-value marker is an error here). */
    private long length() throws RdbFormatException {
        int b = in.u8();
        int kind = (b & 0xc0) >>> 6;
        if (kind == RdbType.ENCVAL) {
            throw new RdbFormatException("encoded value where a length was expected");
        }
        return lengthAfter(b, kind);
    }

    private long lengthAfter(int b, int kind) throws RdbFormatException {
        if (kind == RdbType.LEN_6BIT) {
            return b & 0x3f;
        }
        if (kind == RdbType.LEN_14BIT) {
            return ((long) (b & 0x3f) << 8) | in.u8();
        }
        if (b == RdbType.LEN_32BIT) {
            return in.be(4);
        }
        if (b == RdbType.LEN_64BIT) {
            long v = in.be(8);
            if (v < 0) {
                throw new RdbFormatException("length out of range");
            }
            return v;
        }
        throw new RdbFormatException("bad length encoding");
    }

    /** rdbGenericLoadStringObject: a length-prefixed string, a small integer, or LZF-compressed bytes. */
    private byte[] string() throws RdbFormatException {
        int b = in.u8();
        int kind = (b & 0xc0) >>> 6;
        if (kind != RdbType.ENCVAL) {
            return in.bytes(lengthAfter(b, kind));
        }
        switch (b & 0x3f) {
            case RdbType.ENC_INT8:
                return Listpack.number(in.signedLe(1));
            case RdbType.ENC_INT16:
                return Listpack.number(in.signedLe(2));
            case RdbType.ENC_INT32:
                return Listpack.number(in.signedLe(4));
            case RdbType.ENC_LZF: {
                long compressed = length();
                long plain = length();
                // LZF expands at most ~88x (a 3-byte back reference copies 264 bytes): a larger
                // claimed length is corrupt, and must not make the state machine allocate it
                if (plain > MAX_LZF_RATIO * compressed || compressed > in.remaining()) {
                    throw new RdbFormatException("bad LZF lengths");
                }
                return Lzf.decompress(in.bytes(compressed), (int) plain);
            }
            default:
                throw new RdbFormatException("bad string encoding");
        }
    }

    /** rdbLoadDoubleValue: the old text encoding of ZSET scores (253 NaN, 254 +inf, 255 -inf). */
    private double textDouble() throws RdbFormatException {
        int len = in.u8();
        switch (len) {
            case 253:
                return Double.NaN;
            case 254:
                return Double.POSITIVE_INFINITY;
            case 255:
                return Double.NEGATIVE_INFINITY;
            default:
                return parseScore(in.bytes(len));
        }
    }

    private double binaryDouble() throws RdbFormatException {
        return Double.longBitsToDouble(in.le(8));
    }

    /** A score stored as text, as strtod reads what Redis writes ("%.17g", "inf", "-inf"). */
    static double parseScore(byte[] text) throws RdbFormatException {
        String s = new String(text, StandardCharsets.US_ASCII);
        String lower = s.toLowerCase(java.util.Locale.ROOT);
        switch (lower) {
            case "inf", "+inf", "infinity", "+infinity":
                return Double.POSITIVE_INFINITY;
            case "-inf", "-infinity":
                return Double.NEGATIVE_INFINITY;
            default:
                break;
        }
        if (s.isEmpty() || !s.chars().allMatch(c -> (c >= '0' && c <= '9') || c == '.' || c == 'e' || c == 'E'
                || c == '-' || c == '+')) {
            throw new RdbFormatException("bad score");
        }
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw new RdbFormatException("bad score");
        }
    }
}
