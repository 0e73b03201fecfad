package io.redraft.command;

import static io.redraft.command.Args.NOT_INTEGER;
import static io.redraft.command.Args.SYNTAX_ERROR;
import static io.redraft.command.Args.WRONG_TYPE;
import static io.redraft.command.Args.is;

import io.redraft.resp.Reply;
import io.redraft.store.Entry;
import io.redraft.store.Key;
import io.redraft.store.Keyspace;
import io.redraft.store.MemberTable;
import io.redraft.store.SetValue;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * The set commands. Replicated writes never depend on a set's iteration order: SPOP picks by
 * position in unsigned byte order with a generator seeded from the log entry's timestamp and
 * the command's own inputs, and the *STORE commands produce the same contents whatever order
 * they were computed in. Reads (SMEMBERS, SINTER, SRANDMEMBER, SSCAN...) may use any order.
 */
public final class SetCommands {
    static final Reply MUST_BE_POSITIVE = Reply.error("ERR value is out of range, must be positive");

    private SetCommands() {
    }

    static Reply outOfRange(long min, long max) {
        return Reply.error("ERR value is out of range, value must between " + min + " and " + max);
    }

    private static Reply emptySet() {
        return new Reply.SetReply(List.of());
    }

    // ---------------------------------------------------------------- single-set writes

    public static Reply sadd(ExecContext ctx, byte[][] argv) {
        Keyspace db = ctx.db();
        Key key = new Key(argv[1]);
        Entry e = db.getForWrite(key, ctx.now());
        SetValue set;
        if (e == null) {
            set = new SetValue(argv.length - 2);
            db.put(key, set, Entry.NO_EXPIRY);
        } else if (e.value() instanceof SetValue s) {
            set = s;
        } else {
            return WRONG_TYPE;
        }
        long added = 0;
        for (int i = 2; i < argv.length; i++) {
            if (set.add(argv[i])) {
                added++;
            }
        }
        return Reply.integer(added);
    }

    public static Reply srem(ExecContext ctx, byte[][] argv) {
        Keyspace db = ctx.db();
        Key key = new Key(argv[1]);
        Entry e = db.getForWrite(key, ctx.now());
        if (e == null) {
            return Reply.ZERO;
        }
        if (!(e.value() instanceof SetValue set)) {
            return WRONG_TYPE;
        }
        long removed = 0;
        for (int i = 2; i < argv.length; i++) {
            if (set.remove(argv[i])) {
                removed++;
                if (set.size() == 0) {
                    db.remove(key);
                    break;
                }
            }
        }
        return Reply.integer(removed);
    }

    /**
     * SMOVE source destination member, as Redis 7: a missing source answers 0 before any type
     * check; a wrong-typed source or destination is WRONGTYPE; source == destination answers
     * whether the member is there; otherwise the member moves (an emptied source is deleted,
     * a missing destination is created, an existing destination keeps its TTL).
     */
    public static Reply smove(ExecContext ctx, byte[][] argv) {
        Keyspace db = ctx.db();
        Key srcKey = new Key(argv[1]);
        Key dstKey = new Key(argv[2]);
        Entry src = db.getForWrite(srcKey, ctx.now());
        Entry dst = db.getForWrite(dstKey, ctx.now());
        byte[] member = argv[3];
        if (src == null) {
            return Reply.ZERO;
        }
        if (!(src.value() instanceof SetValue srcSet) || (dst != null && !(dst.value() instanceof SetValue))) {
            return WRONG_TYPE;
        }
        if (srcKey.equals(dstKey)) {
            return srcSet.contains(member) ? Reply.ONE : Reply.ZERO;
        }
        if (!srcSet.remove(member)) {
            return Reply.ZERO;
        }
        if (srcSet.size() == 0) {
            db.remove(srcKey);
        }
        if (dst == null) {
            SetValue created = new SetValue(1);
            created.add(member);
            db.put(dstKey, created, Entry.NO_EXPIRY);
        } else {
            ((SetValue) dst.value()).add(member);
        }
        return Reply.ONE;
    }

    // ---------------------------------------------------------------- SPOP

    /** SPOP key [count]: the chosen members depend only on replicated inputs. */
    public static Reply spop(ExecContext ctx, byte[][] argv) {
        if (argv.length == 3) {
            return spopWithCount(ctx, argv);
        }
        if (argv.length > 3) {
            return SYNTAX_ERROR;
        }
        Keyspace db = ctx.db();
        Key key = new Key(argv[1]);
        Entry e = db.getForWrite(key, ctx.now());
        if (e == null) {
            return Reply.NULL;
        }
        if (!(e.value() instanceof SetValue set)) {
            return WRONG_TYPE;
        }
        if (set.size() == 1) {
            byte[] only = set.sortedMembers()[0];
            db.remove(key);
            return Reply.bulk(only);
        }
        return Reply.bulk(set.popRandom(1, popRandom(ctx, argv[1], 1, set))[0]);
    }

    private static Reply spopWithCount(ExecContext ctx, byte[][] argv) {
        Long parsed = Args.toLong(argv[2]);
        if (parsed == null || parsed < 0) {
            return MUST_BE_POSITIVE; // getPositiveLongFromObjectOrReply uses its message for both
        }
        long count = parsed;
        Keyspace db = ctx.db();
        Key key = new Key(argv[1]);
        Entry e = db.getForWrite(key, ctx.now());
        if (e == null) {
            return emptySet();
        }
        if (!(e.value() instanceof SetValue set)) {
            return WRONG_TYPE;
        }
        if (count == 0) {
            return emptySet();
        }
        byte[][] popped;
        if (count >= set.size()) {
            popped = set.sortedMembers();
            db.remove(key);
        } else {
            popped = set.popRandom((int) count, popRandom(ctx, argv[1], count, set));
        }
        List<Reply> items = new ArrayList<>(popped.length);
        for (byte[] m : popped) {
            items.add(Reply.bulk(m));
        }
        return new Reply.SetReply(items);
    }

    /** A generator seeded only from replicated inputs: the entry's timestamp, the key, the count, the set's size. */
    private static RandomGenerator popRandom(ExecContext ctx, byte[] key, long count, SetValue set) {
        long seed = ctx.now() * 31 + Arrays.hashCode(key);
        seed = seed * 31 + count;
        seed = seed * 31 + set.size();
        return new SplittableRandom(seed);
    }

    // ---------------------------------------------------------------- single-set reads

    private static Object readValue(ExecContext ctx, byte[] key) {
        return HashCommands.readValue(ctx, key);
    }

    public static Reply smembers(ExecContext ctx, byte[][] argv) {
        Object v = readValue(ctx, argv[1]);
        if (v == null) {
            return emptySet();
        }
        if (!(v instanceof SetValue set)) {
            return WRONG_TYPE;
        }
        List<Reply> items = new ArrayList<>(set.size());
        for (int slot = 0, n = set.capacity(); slot < n; slot++) {
            byte[] m = set.memberAt(slot);
            if (m != null) {
                items.add(Reply.bulk(m));
            }
        }
        return new Reply.SetReply(items);
    }

    public static Reply sismember(ExecContext ctx, byte[][] argv) {
        Object v = readValue(ctx, argv[1]);
        if (v == null) {
            return Reply.ZERO;
        }
        if (!(v instanceof SetValue set)) {
            return WRONG_TYPE;
        }
        return set.contains(argv[2]) ? Reply.ONE : Reply.ZERO;
    }

    public static Reply smismember(ExecContext ctx, byte[][] argv) {
        Object v = readValue(ctx, argv[1]);
        if (v != null && !(v instanceof SetValue)) {
            return WRONG_TYPE;
        }
        SetValue set = (SetValue) v;
        List<Reply> items = new ArrayList<>(argv.length - 2);
        for (int i = 2; i < argv.length; i++) {
            items.add(set != null && set.contains(argv[i]) ? Reply.ONE : Reply.ZERO);
        }
        return Reply.array(items);
    }

    public static Reply scard(ExecContext ctx, byte[][] argv) {
        Object v = readValue(ctx, argv[1]);
        if (v == null) {
            return Reply.ZERO;
        }
        if (!(v instanceof SetValue set)) {
            return WRONG_TYPE;
        }
        return Reply.integer(set.size());
    }

    public static Reply srandmember(ExecContext ctx, byte[][] argv) {
        if (argv.length == 3) {
            return srandmemberWithCount(ctx, argv);
        }
        if (argv.length > 3) {
            return SYNTAX_ERROR;
        }
        Object v = readValue(ctx, argv[1]);
        if (v == null) {
            return Reply.NULL;
        }
        if (!(v instanceof SetValue set)) {
            return WRONG_TYPE;
        }
        return Reply.bulk(set.memberAt(set.randomSlot(RandomSource.current())));
    }

    private static Reply srandmemberWithCount(ExecContext ctx, byte[][] argv) {
        Long l = Args.toLong(argv[2]);
        if (l == null) {
            return NOT_INTEGER;
        }
        if (l == Long.MIN_VALUE) {
            return outOfRange(-Long.MAX_VALUE, Long.MAX_VALUE);
        }
        Object v = readValue(ctx, argv[1]);
        if (v == null) {
            return Reply.EMPTY_ARRAY;
        }
        if (!(v instanceof SetValue set)) {
            return WRONG_TYPE;
        }
        boolean unique = l >= 0;
        long count = Math.abs(l);
        if (count == 0) {
            return Reply.EMPTY_ARRAY;
        }
        RandomGenerator random = RandomSource.current();
        if (!unique || count == 1) {
            if (count > HashCommands.MAX_REPLY_ITEMS) {
                return Reply.error("ERR value is out of range");
            }
            List<Reply> items = new ArrayList<>((int) count);
            for (long i = 0; i < count; i++) {
                items.add(Reply.bulk(set.memberAt(set.randomSlot(random))));
            }
            return Reply.array(items);
        }
        int[] slots = count >= set.size() ? allSlots(set) : distinctRandomSlots(set, (int) count, random);
        List<Reply> items = new ArrayList<>(slots.length);
        for (int slot : slots) {
            items.add(Reply.bulk(set.memberAt(slot)));
        }
        return Reply.array(items);
    }

    /** Every occupied slot, in table order. */
    static int[] allSlots(MemberTable table) {
        int[] out = new int[table.size()];
        int n = 0;
        for (int slot = 0, cap = table.capacity(); slot < cap; slot++) {
            if (table.memberAt(slot) != null) {
                out[n++] = slot;
            }
        }
        return out;
    }

    /** {@code count} distinct random occupied slots, {@code count < size}; for reads only. */
    static int[] distinctRandomSlots(MemberTable table, int count, RandomGenerator random) {
        int size = table.size();
        if ((long) count * 3 > size) {
            // a large share of the collection: partial Fisher-Yates over all slots
            int[] all = allSlots(table);
            for (int i = 0; i < count; i++) {
                int j = i + random.nextInt(size - i);
                int t = all[i];
                all[i] = all[j];
                all[j] = t;
            }
            return Arrays.copyOf(all, count);
        }
        Set<Integer> seen = new HashSet<>(count * 2);
        int[] out = new int[count];
        int n = 0;
        while (n < count) {
            int slot = table.randomSlot(random);
            if (seen.add(slot)) {
                out[n++] = slot;
            }
        }
        return out;
    }

    public static Reply sscan(ExecContext ctx, byte[][] argv) {
        Long cursor = MemberScan.parseCursor(argv[2]);
        if (cursor == null) {
            return MemberScan.INVALID_CURSOR;
        }
        Object v = readValue(ctx, argv[1]);
        if (v == null) {
            return MemberScan.EMPTY_SCAN;
        }
        if (!(v instanceof SetValue set)) {
            return WRONG_TYPE;
        }
        MemberScan.Options opts = MemberScan.options(argv, 3);
        if (opts.error() != null) {
            return opts.error();
        }
        return MemberScan.scan(set, cursor, opts, false);
    }

    // ---------------------------------------------------------------- algebra

    /** Sentinel for "a key held another type". */
    private static final SetValue[] WRONG = new SetValue[0];

    /**
     * The sets named by {@code argv[from..to)}, null for missing keys, or {@link #WRONG} when one
     * holds another type. Writes look keys up as writes (expired keys are deleted first).
     */
    private static SetValue[] lookupSets(ExecContext ctx, byte[][] argv, int from, int to, boolean write) {
        Keyspace db = ctx.db();
        SetValue[] sets = new SetValue[to - from];
        for (int i = from; i < to; i++) {
            Key key = new Key(argv[i]);
            Entry e = write ? db.getForWrite(key, ctx.now()) : db.get(key, ctx.now());
            if (e == null) {
                continue;
            }
            if (!(e.value() instanceof SetValue s)) {
                return WRONG;
            }
            sets[i - from] = s;
        }
        return sets;
    }

    private interface MemberSink {
        /** Takes a member of the result; false to stop early. */
        boolean accept(byte[] member);
    }

    /** Feeds the intersection to {@code sink}; any missing set makes it empty. */
    private static void intersect(SetValue[] sets, MemberSink sink) {
        for (SetValue s : sets) {
            if (s == null) {
                return;
            }
        }
        SetValue[] bySize = sets.clone();
        Arrays.sort(bySize, (a, b) -> Integer.compare(a.size(), b.size()));
        SetValue smallest = bySize[0];
        for (int slot = 0, cap = smallest.capacity(); slot < cap; slot++) {
            byte[] m = smallest.memberAt(slot);
            if (m == null) {
                continue;
            }
            boolean everywhere = true;
            for (int j = 1; j < bySize.length && everywhere; j++) {
                everywhere = bySize[j] == smallest || bySize[j].contains(m);
            }
            if (everywhere && !sink.accept(m)) {
                return;
            }
        }
    }

    private static SetValue union(SetValue[] sets) {
        SetValue out = new SetValue();
        for (SetValue s : sets) {
            if (s != null) {
                for (int slot = 0, cap = s.capacity(); slot < cap; slot++) {
                    byte[] m = s.memberAt(slot);
                    if (m != null) {
                        out.add(m);
                    }
                }
            }
        }
        return out;
    }

    private static void difference(SetValue[] sets, MemberSink sink) {
        SetValue first = sets[0];
        if (first == null) {
            return;
        }
        for (int slot = 0, cap = first.capacity(); slot < cap; slot++) {
            byte[] m = first.memberAt(slot);
            if (m == null) {
                continue;
            }
            boolean elsewhere = false;
            for (int j = 1; j < sets.length && !elsewhere; j++) {
                elsewhere = sets[j] != null && sets[j].contains(m);
            }
            if (!elsewhere) {
                sink.accept(m);
            }
        }
    }

    private static final int INTER = 0;
    private static final int UNION = 1;
    private static final int DIFF = 2;

    private static SetValue compute(int op, SetValue[] sets) {
        if (op == UNION) {
            return union(sets);
        }
        SetValue out = new SetValue();
        MemberSink into = m -> {
            out.add(m);
            return true;
        };
        if (op == INTER) {
            intersect(sets, into);
        } else {
            difference(sets, into);
        }
        return out;
    }

    private static Reply readOp(ExecContext ctx, byte[][] argv, int op) {
        SetValue[] sets = lookupSets(ctx, argv, 1, argv.length, false);
        if (sets == WRONG) {
            return WRONG_TYPE;
        }
        List<Reply> items = new ArrayList<>();
        MemberSink reply = m -> {
            items.add(Reply.bulk(m));
            return true;
        };
        if (op == INTER) {
            intersect(sets, reply);
        } else if (op == DIFF) {
            difference(sets, reply);
        } else {
            SetValue u = union(sets);
            for (int slot = 0, cap = u.capacity(); slot < cap; slot++) {
                byte[] m = u.memberAt(slot);
                if (m != null) {
                    reply.accept(m);
                }
            }
        }
        return new Reply.SetReply(items);
    }

    /** The *STORE commands: the destination is replaced (its TTL dropped), or deleted when the result is empty. */
    private static Reply storeOp(ExecContext ctx, byte[][] argv, int op) {
        SetValue[] sets = lookupSets(ctx, argv, 2, argv.length, true);
        if (sets == WRONG) {
            return WRONG_TYPE;
        }
        SetValue result = compute(op, sets);
        Keyspace db = ctx.db();
        Key dst = new Key(argv[1]);
        if (result.size() == 0) {
            db.remove(dst);
            return Reply.ZERO;
        }
        db.put(dst, result, Entry.NO_EXPIRY);
        return Reply.integer(result.size());
    }

    public static Reply sinter(ExecContext ctx, byte[][] argv) {
        return readOp(ctx, argv, INTER);
    }

    public static Reply sunion(ExecContext ctx, byte[][] argv) {
        return readOp(ctx, argv, UNION);
    }

    public static Reply sdiff(ExecContext ctx, byte[][] argv) {
        return readOp(ctx, argv, DIFF);
    }

    public static Reply sinterstore(ExecContext ctx, byte[][] argv) {
        return storeOp(ctx, argv, INTER);
    }

    public static Reply sunionstore(ExecContext ctx, byte[][] argv) {
        return storeOp(ctx, argv, UNION);
    }

    public static Reply sdiffstore(ExecContext ctx, byte[][] argv) {
        return storeOp(ctx, argv, DIFF);
    }

    /** SINTERCARD numkeys key [key ...] [LIMIT limit], with Redis 7's argument errors. */
    public static Reply sintercard(ExecContext ctx, byte[][] argv) {
        Long numkeys = Args.toLong(argv[1]);
        if (numkeys == null || numkeys < 1) {
            return Reply.error("ERR numkeys should be greater than 0");
        }
        if (numkeys > argv.length - 2) {
            return Reply.error("ERR Number of keys can't be greater than number of args");
        }
        int keysEnd = 2 + (int) (long) numkeys;
        long limit = 0;
        for (int j = keysEnd; j < argv.length; j++) {
            int moreArgs = argv.length - 1 - j;
            if (is(argv[j], "limit") && moreArgs > 0) {
                j++;
                Long l = Args.toLong(argv[j]);
                if (l == null || l < 0) {
                    return Reply.error("ERR LIMIT can't be negative");
                }
                limit = l;
            } else {
                return SYNTAX_ERROR;
            }
        }
        SetValue[] sets = lookupSets(ctx, argv, 2, keysEnd, false);
        if (sets == WRONG) {
            return WRONG_TYPE;
        }
        long[] cardinality = {0};
        long max = limit;
        intersect(sets, m -> ++cardinality[0] != max);
        return Reply.integer(cardinality[0]);
    }
}
