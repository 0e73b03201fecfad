package io.redraft.command;

import static io.redraft.command.Args.NOT_INTEGER;
import static io.redraft.command.Args.SYNTAX_ERROR;
import static io.redraft.command.Args.WRONG_TYPE;
import static io.redraft.command.Args.is;

import io.redraft.resp.Reply;
import io.redraft.store.Entry;
import io.redraft.store.HashValue;
import io.redraft.store.Key;
import io.redraft.store.Keyspace;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The hash commands. Writes use only their arguments, the hash's contents and {@code ctx.now()}
 * (never the table's iteration order); reads may return fields in any order, as Redis does.
 */
public final class HashCommands {
    static final Reply NOT_FLOAT = Reply.error("ERR value is not a valid float");
    static final Reply HASH_NOT_INTEGER = Reply.error("ERR hash value is not an integer");
    static final Reply HASH_NOT_FLOAT = Reply.error("ERR hash value is not a float");
    static final Reply OVERFLOW = Reply.error("ERR increment or decrement would overflow");
    static final Reply INCR_NAN_OR_INF = Reply.error("ERR increment would produce NaN or Infinity");
    static final Reply VALUE_NAN_OR_INF = Reply.error("ERR value is NaN or Infinity");

    private HashCommands() {
    }

    /** The live value at {@code key} for a read, of any type; null when missing or expired. */
    static Object readValue(ExecContext ctx, byte[] key) {
        Entry e = ctx.db().get(new Key(key), ctx.now());
        return e == null ? null : e.value();
    }

    // ---------------------------------------------------------------- writes

    public static Reply hset(ExecContext ctx, byte[][] argv) {
        return setFields(ctx, argv, "hset");
    }

    public static Reply hmset(ExecContext ctx, byte[][] argv) {
        return setFields(ctx, argv, "hmset");
    }

    private static Reply setFields(ExecContext ctx, byte[][] argv, String name) {
        if (argv.length % 2 == 1) {
            return CommandExecutor.wrongArity(name);
        }
        Keyspace db = ctx.db();
        Key key = new Key(argv[1]);
        Entry e = db.getForWrite(key, ctx.now());
        HashValue hash;
        if (e == null) {
            hash = new HashValue((argv.length - 2) / 2);
            db.put(key, hash, Entry.NO_EXPIRY);
        } else if (e.value() instanceof HashValue h) {
            hash = h;
        } else {
            return WRONG_TYPE;
        }
        long created = 0;
        for (int i = 2; i < argv.length; i += 2) {
            if (hash.put(argv[i], argv[i + 1])) {
                created++;
            }
        }
        return name.equals("hset") ? Reply.integer(created) : Reply.OK;
    }

    public static Reply hsetnx(ExecContext ctx, byte[][] argv) {
        Keyspace db = ctx.db();
        Key key = new Key(argv[1]);
        Entry e = db.getForWrite(key, ctx.now());
        if (e == null) {
            HashValue hash = new HashValue(1);
            hash.put(argv[2], argv[3]);
            db.put(key, hash, Entry.NO_EXPIRY);
            return Reply.ONE;
        }
        if (!(e.value() instanceof HashValue hash)) {
            return WRONG_TYPE;
        }
        return hash.putIfAbsent(argv[2], argv[3]) ? Reply.ONE : Reply.ZERO;
    }

    public static Reply hdel(ExecContext ctx, byte[][] argv) {
        Keyspace db = ctx.db();
        Key key = new Key(argv[1]);
        Entry e = db.getForWrite(key, ctx.now());
        if (e == null) {
            return Reply.ZERO;
        }
        if (!(e.value() instanceof HashValue hash)) {
            return WRONG_TYPE;
        }
        long deleted = 0;
        for (int i = 2; i < argv.length; i++) {
            if (hash.remove(argv[i])) {
                deleted++;
                if (hash.size() == 0) {
                    db.remove(key); // Redis stops here too: the key is gone
                    break;
                }
            }
        }
        return Reply.integer(deleted);
    }

    public static Reply hincrby(ExecContext ctx, byte[][] argv) {
        Long parsed = Args.toLong(argv[3]);
        if (parsed == null) {
            return NOT_INTEGER;
        }
        long incr = parsed;
        Keyspace db = ctx.db();
        Key key = new Key(argv[1]);
        Entry e = db.getForWrite(key, ctx.now());
        HashValue hash = null;
        long value = 0;
        if (e != null) {
            if (!(e.value() instanceof HashValue h)) {
                return WRONG_TYPE;
            }
            hash = h;
            byte[] current = hash.get(argv[2]);
            if (current != null) {
                Long v = Args.toLong(current);
                if (v == null) {
                    return HASH_NOT_INTEGER;
                }
                value = v;
            }
        }
        if ((incr < 0 && value < 0 && incr < Long.MIN_VALUE - value)
                || (incr > 0 && value > 0 && incr > Long.MAX_VALUE - value)) {
            return OVERFLOW;
        }
        value += incr;
        store(db, key, hash, argv[2], Args.bytes(value));
        return Reply.integer(value);
    }

    /**
     * HINCRBYFLOAT with Redis's x86-64 {@code long double} semantics, emulated exactly by
     * {@link LongDouble} (so the text stored and returned is the same on every replica and the
     * same as Redis's, e.g. 0.1 + 0.2 gives "0.3").
     */
    public static Reply hincrbyfloat(ExecContext ctx, byte[][] argv) {
        LongDouble incr = LongDouble.parse(argv[3]);
        if (incr == null) {
            return NOT_FLOAT;
        }
        if (incr.isInfinite()) {
            return VALUE_NAN_OR_INF;
        }
        Keyspace db = ctx.db();
        Key key = new Key(argv[1]);
        Entry e = db.getForWrite(key, ctx.now());
        HashValue hash = null;
        LongDouble value = LongDouble.ZERO;
        if (e != null) {
            if (!(e.value() instanceof HashValue h)) {
                return WRONG_TYPE;
            }
            hash = h;
            byte[] current = hash.get(argv[2]);
            if (current != null) {
                value = LongDouble.parse(current);
                if (value == null) {
                    return HASH_NOT_FLOAT;
                }
            }
        }
        value = value.add(incr);
        if (value == null || value.isInfinite()) {
            return INCR_NAN_OR_INF;
        }
        byte[] text = value.toHumanString().getBytes(StandardCharsets.US_ASCII);
        store(db, key, hash, argv[2], text);
        return Reply.bulk(text);
    }

    /** Sets a field, creating the hash when {@code hash} is null; keeps the key's TTL. */
    private static void store(Keyspace db, Key key, HashValue hash, byte[] field, byte[] value) {
        if (hash == null) {
            hash = new HashValue(1);
            db.put(key, hash, Entry.NO_EXPIRY);
        }
        hash.put(field, value);
    }

    // ---------------------------------------------------------------- reads

    public static Reply hget(ExecContext ctx, byte[][] argv) {
        Object v = readValue(ctx, argv[1]);
        if (v == null) {
            return Reply.NULL;
        }
        if (!(v instanceof HashValue hash)) {
            return WRONG_TYPE;
        }
        return Reply.bulk(hash.get(argv[2]));
    }

    public static Reply hmget(ExecContext ctx, byte[][] argv) {
        Object v = readValue(ctx, argv[1]);
        if (v != null && !(v instanceof HashValue)) {
            return WRONG_TYPE;
        }
        HashValue hash = (HashValue) v;
        List<Reply> items = new ArrayList<>(argv.length - 2);
        for (int i = 2; i < argv.length; i++) {
            items.add(hash == null ? Reply.NULL : Reply.bulk(hash.get(argv[i])));
        }
        return Reply.array(items);
    }

    public static Reply hexists(ExecContext ctx, byte[][] argv) {
        Object v = readValue(ctx, argv[1]);
        if (v == null) {
            return Reply.ZERO;
        }
        if (!(v instanceof HashValue hash)) {
            return WRONG_TYPE;
        }
        return hash.contains(argv[2]) ? Reply.ONE : Reply.ZERO;
    }

    public static Reply hlen(ExecContext ctx, byte[][] argv) {
        Object v = readValue(ctx, argv[1]);
        if (v == null) {
            return Reply.ZERO;
        }
        if (!(v instanceof HashValue hash)) {
            return WRONG_TYPE;
        }
        return Reply.integer(hash.size());
    }

    public static Reply hstrlen(ExecContext ctx, byte[][] argv) {
        Object v = readValue(ctx, argv[1]);
        if (v == null) {
            return Reply.ZERO;
        }
        if (!(v instanceof HashValue hash)) {
            return WRONG_TYPE;
        }
        byte[] value = hash.get(argv[2]);
        return Reply.integer(value == null ? 0 : value.length);
    }

    public static Reply hkeys(ExecContext ctx, byte[][] argv) {
        return getAll(ctx, argv, true, false);
    }

    public static Reply hvals(ExecContext ctx, byte[][] argv) {
        return getAll(ctx, argv, false, true);
    }

    public static Reply hgetall(ExecContext ctx, byte[][] argv) {
        return getAll(ctx, argv, true, true);
    }

    private static Reply getAll(ExecContext ctx, byte[][] argv, boolean fields, boolean values) {
        boolean map = fields && values;
        Object v = readValue(ctx, argv[1]);
        if (v == null) {
            return map ? new Reply.MapReply(List.of()) : Reply.EMPTY_ARRAY;
        }
        if (!(v instanceof HashValue hash)) {
            return WRONG_TYPE;
        }
        List<Reply> items = new ArrayList<>(map ? hash.size() * 2 : hash.size());
        for (int slot = 0, n = hash.capacity(); slot < n; slot++) {
            byte[] field = hash.memberAt(slot);
            if (field != null) {
                if (fields) {
                    items.add(Reply.bulk(field));
                }
                if (values) {
                    items.add(Reply.bulk(hash.valueIn(slot)));
                }
            }
        }
        return map ? new Reply.MapReply(items) : Reply.array(items);
    }

    // ---------------------------------------------------------------- HRANDFIELD

    /** Largest reply we are willing to build (Java arrays are int-indexed). */
    static final long MAX_REPLY_ITEMS = Integer.MAX_VALUE - 8;

    public static Reply hrandfield(ExecContext ctx, byte[][] argv) {
        if (argv.length >= 3) {
            Long l = Args.toLong(argv[2]);
            if (l == null) {
                return NOT_INTEGER;
            }
            if (l == Long.MIN_VALUE) {
                return SetCommands.outOfRange(-Long.MAX_VALUE, Long.MAX_VALUE);
            }
            boolean withValues = false;
            if (argv.length > 4 || (argv.length == 4 && !is(argv[3], "withvalues"))) {
                return SYNTAX_ERROR;
            } else if (argv.length == 4) {
                withValues = true;
                if (l < -Long.MAX_VALUE / 2 || l > Long.MAX_VALUE / 2) {
                    return Reply.error("ERR value is out of range");
                }
            }
            return hrandfieldWithCount(ctx, argv, l, withValues);
        }
        Object v = readValue(ctx, argv[1]);
        if (v == null) {
            return Reply.NULL;
        }
        if (!(v instanceof HashValue hash)) {
            return WRONG_TYPE;
        }
        return Reply.bulk(hash.memberAt(hash.randomSlot(RandomSource.current())));
    }

    /**
     * Redis 7's hrandfieldWithCountCommand. With WITHVALUES the reply is field/value pairs:
     * flat in RESP2, nested in RESP3.
     */
    private static Reply hrandfieldWithCount(ExecContext ctx, byte[][] argv, long l, boolean withValues) {
        Object v = readValue(ctx, argv[1]);
        if (v == null) {
            return Reply.EMPTY_ARRAY;
        }
        if (!(v instanceof HashValue hash)) {
            return WRONG_TYPE;
        }
        boolean unique = l >= 0;
        long count = Math.abs(l);
        if (count == 0) {
            return Reply.EMPTY_ARRAY;
        }
        int size = hash.size();
        java.util.random.RandomGenerator random = RandomSource.current();
        int per = withValues ? 2 : 1;
        if (!unique || count == 1) {
            if (count > MAX_REPLY_ITEMS / per) {
                return Reply.error("ERR value is out of range");
            }
            List<Reply> items = new ArrayList<>((int) count * per);
            for (long i = 0; i < count; i++) {
                addField(hash, hash.randomSlot(random), withValues, items);
            }
            return withValues ? new Reply.Pairs(items) : Reply.array(items);
        }
        int[] slots = count >= size ? SetCommands.allSlots(hash)
                : SetCommands.distinctRandomSlots(hash, (int) count, random);
        List<Reply> items = new ArrayList<>(slots.length * per);
        for (int slot : slots) {
            addField(hash, slot, withValues, items);
        }
        return withValues ? new Reply.Pairs(items) : Reply.array(items);
    }

    private static void addField(HashValue hash, int slot, boolean withValues, List<Reply> items) {
        items.add(Reply.bulk(hash.memberAt(slot)));
        if (withValues) {
            items.add(Reply.bulk(hash.valueIn(slot)));
        }
    }

    // ---------------------------------------------------------------- HSCAN

    public static Reply hscan(ExecContext ctx, byte[][] argv) {
        Long cursor = MemberScan.parseCursor(argv[2]);
        if (cursor == null) {
            return MemberScan.INVALID_CURSOR;
        }
        Object v = readValue(ctx, argv[1]);
        if (v == null) {
            return MemberScan.EMPTY_SCAN;
        }
        if (!(v instanceof HashValue hash)) {
            return WRONG_TYPE;
        }
        MemberScan.Options opts = MemberScan.options(argv, 3);
        if (opts.error() != null) {
            return opts.error();
        }
        return MemberScan.scan(hash, cursor, opts, true);
    }
}
