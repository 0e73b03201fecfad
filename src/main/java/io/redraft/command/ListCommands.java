package io.redraft.command;

import static io.redraft.command.Args.NOT_INTEGER;
import static io.redraft.command.Args.SYNTAX_ERROR;
import static io.redraft.command.Args.WRONG_TYPE;
import static io.redraft.command.Args.is;

import io.redraft.resp.Reply;
import io.redraft.store.Entry;
import io.redraft.store.Key;
import io.redraft.store.Keyspace;
import io.redraft.store.ListValue;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The list commands, with Redis 7's argument checks, their order and error texts. Writes use
 * only their arguments; an emptied list is deleted. The blocking forms here are one attempt each
 * (what they do inside MULTI); {@link BlockedClients} makes them wait.
 */
public final class ListCommands {
    static final Reply NO_SUCH_KEY = Reply.error("ERR no such key");
    static final Reply INDEX_OUT_OF_RANGE = Reply.error("ERR index out of range");
    static final Reply MUST_BE_POSITIVE = Reply.error("ERR value is out of range, must be positive");
    static final Reply RANK_ZERO = Reply.error("ERR RANK can't be zero: use 1 to start from the first match, "
            + "2 from the second ... or use negative to start from the end of the list");

    private ListCommands() {
    }

    /** Marker for "the key holds another type". */
    private static final ListValue WRONG = new ListValue();

    /** The list under {@code key} for a read: null when absent, {@link #WRONG} for another type. */
    private static ListValue read(ExecContext ctx, byte[] key) {
        Entry e = ctx.db().get(new Key(key), ctx.now());
        return e == null ? null : e.value() instanceof ListValue l ? l : WRONG;
    }

    /** As {@link #read} for a write: an expired key is deleted first. */
    private static ListValue write(ExecContext ctx, Key key) {
        Entry e = ctx.db().getForWrite(key, ctx.now());
        return e == null ? null : e.value() instanceof ListValue l ? l : WRONG;
    }

    private static void deleteIfEmpty(Keyspace db, Key key, ListValue list) {
        if (list.isEmpty()) {
            db.remove(key);
        }
    }

    /** getRangeLongFromObjectOrReply: null when not an integer or outside [min, max]. */
    static Long rangeLong(byte[] arg, long min, long max) {
        Long v = Args.toLong(arg);
        return v == null || v < min || v > max ? null : v;
    }

    static Reply outOfRange(long min, long max) {
        return Reply.error("ERR value is out of range, value must between " + min + " and " + max);
    }

    // ---------------------------------------------------------------- push

    public static Reply lpush(ExecContext ctx, byte[][] argv) {
        return push(ctx, argv, true, false);
    }

    public static Reply rpush(ExecContext ctx, byte[][] argv) {
        return push(ctx, argv, false, false);
    }

    public static Reply lpushx(ExecContext ctx, byte[][] argv) {
        return push(ctx, argv, true, true);
    }

    public static Reply rpushx(ExecContext ctx, byte[][] argv) {
        return push(ctx, argv, false, true);
    }

    private static Reply push(ExecContext ctx, byte[][] argv, boolean head, boolean onlyIfExists) {
        Key key = new Key(argv[1]);
        ListValue list = write(ctx, key);
        if (list == WRONG) {
            return WRONG_TYPE;
        }
        if (list == null) {
            if (onlyIfExists) {
                return Reply.ZERO;
            }
            list = new ListValue();
            ctx.db().put(key, list, Entry.NO_EXPIRY);
        }
        for (int i = 2; i < argv.length; i++) {
            if (head) {
                list.addFirst(argv[i]);
            } else {
                list.addLast(argv[i]);
            }
        }
        return Reply.integer(list.size());
    }

    // ---------------------------------------------------------------- pop

    public static Reply lpop(ExecContext ctx, byte[][] argv) {
        return pop(ctx, argv, true, "lpop");
    }

    public static Reply rpop(ExecContext ctx, byte[][] argv) {
        return pop(ctx, argv, false, "rpop");
    }

    /**
     * [LR]POP key [count]: without a count a bulk (nil when absent); with one an array, a null
     * array when the key is absent, an empty array for count 0.
     */
    private static Reply pop(ExecContext ctx, byte[][] argv, boolean head, String name) {
        if (argv.length > 3) {
            return CommandExecutor.wrongArity(name);
        }
        boolean hasCount = argv.length == 3;
        long count = 0;
        if (hasCount) {
            Long c = rangeLong(argv[2], 0, Long.MAX_VALUE);
            if (c == null) {
                return MUST_BE_POSITIVE;
            }
            count = c;
        }
        Key key = new Key(argv[1]);
        ListValue list = write(ctx, key);
        if (list == null) {
            return hasCount ? Reply.NULL_ARRAY : Reply.NULL;
        }
        if (list == WRONG) {
            return WRONG_TYPE;
        }
        if (hasCount && count == 0) {
            return Reply.EMPTY_ARRAY;
        }
        if (!hasCount) {
            byte[] v = head ? list.removeFirst() : list.removeLast();
            deleteIfEmpty(ctx.db(), key, list);
            return Reply.bulk(v);
        }
        Reply items = popRange(list, count, head);
        deleteIfEmpty(ctx.db(), key, list);
        return items;
    }

    private static Reply popRange(ListValue list, long count, boolean head) {
        int n = (int) Math.min(count, list.size());
        List<Reply> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(Reply.bulk(head ? list.removeFirst() : list.removeLast()));
        }
        return Reply.array(out);
    }

    // ---------------------------------------------------------------- reads

    public static Reply llen(ExecContext ctx, byte[][] argv) {
        ListValue list = read(ctx, argv[1]);
        if (list == null) {
            return Reply.ZERO;
        }
        return list == WRONG ? WRONG_TYPE : Reply.integer(list.size());
    }

    public static Reply lrange(ExecContext ctx, byte[][] argv) {
        Long start = Args.toLong(argv[2]);
        Long end = start == null ? null : Args.toLong(argv[3]);
        if (end == null) {
            return NOT_INTEGER;
        }
        ListValue list = read(ctx, argv[1]);
        if (list == null) {
            return Reply.EMPTY_ARRAY;
        }
        if (list == WRONG) {
            return WRONG_TYPE;
        }
        long len = list.size();
        long s = start < 0 ? start + len : start;
        long e = end < 0 ? end + len : end;
        if (s < 0) {
            s = 0;
        }
        if (s > e || s >= len) {
            return Reply.EMPTY_ARRAY;
        }
        if (e >= len) {
            e = len - 1;
        }
        List<Reply> out = new ArrayList<>((int) (e - s + 1));
        for (long i = s; i <= e; i++) {
            out.add(Reply.bulk(list.get((int) i)));
        }
        return Reply.array(out);
    }

    public static Reply lindex(ExecContext ctx, byte[][] argv) {
        ListValue list = read(ctx, argv[1]);
        if (list == null) {
            return Reply.NULL;
        }
        if (list == WRONG) {
            return WRONG_TYPE;
        }
        Long index = Args.toLong(argv[2]);
        if (index == null) {
            return NOT_INTEGER;
        }
        long i = index < 0 ? index + list.size() : index;
        if (i < 0 || i >= list.size()) {
            return Reply.NULL;
        }
        return Reply.bulk(list.get((int) i));
    }

    /** LPOS key element [RANK rank] [COUNT num-matches] [MAXLEN len], as Redis 7's lposCommand. */
    public static Reply lpos(ExecContext ctx, byte[][] argv) {
        byte[] element = argv[2];
        long rank = 1;
        long count = -1; // -1: COUNT not given
        long maxlen = 0;
        for (int j = 3; j < argv.length; j++) {
            byte[] opt = argv[j];
            boolean more = j < argv.length - 1;
            if (is(opt, "rank") && more) {
                Long r = rangeLong(argv[++j], -Long.MAX_VALUE, Long.MAX_VALUE);
                if (r == null) {
                    return Args.toLong(argv[j]) == null ? NOT_INTEGER
                            : outOfRange(-Long.MAX_VALUE, Long.MAX_VALUE);
                }
                if (r == 0) {
                    return RANK_ZERO;
                }
                rank = r;
            } else if (is(opt, "count") && more) {
                Long c = rangeLong(argv[++j], 0, Long.MAX_VALUE);
                if (c == null) {
                    return Reply.error("ERR COUNT can't be negative");
                }
                count = c;
            } else if (is(opt, "maxlen") && more) {
                Long m = rangeLong(argv[++j], 0, Long.MAX_VALUE);
                if (m == null) {
                    return Reply.error("ERR MAXLEN can't be negative");
                }
                maxlen = m;
            } else {
                return SYNTAX_ERROR;
            }
        }
        boolean fromTail = rank < 0;
        if (fromTail) {
            rank = -rank;
        }
        ListValue list = read(ctx, argv[1]);
        if (list == null) {
            return count != -1 ? Reply.EMPTY_ARRAY : Reply.NULL;
        }
        if (list == WRONG) {
            return WRONG_TYPE;
        }
        int len = list.size();
        List<Reply> found = count != -1 ? new ArrayList<>() : null;
        long matches = 0;
        for (int index = 0; index < len && (maxlen == 0 || index < maxlen); index++) {
            int pos = fromTail ? len - 1 - index : index;
            if (Arrays.equals(list.get(pos), element)) {
                matches++;
                if (matches >= rank) {
                    if (found == null) {
                        return Reply.integer(pos);
                    }
                    found.add(Reply.integer(pos));
                    if (count != 0 && matches - rank + 1 >= count) {
                        break;
                    }
                }
            }
        }
        return found != null ? Reply.array(found) : Reply.NULL;
    }

    // ---------------------------------------------------------------- other writes

    public static Reply lset(ExecContext ctx, byte[][] argv) {
        Key key = new Key(argv[1]);
        ListValue list = write(ctx, key);
        if (list == null) {
            return NO_SUCH_KEY;
        }
        if (list == WRONG) {
            return WRONG_TYPE;
        }
        Long index = Args.toLong(argv[2]);
        if (index == null) {
            return NOT_INTEGER;
        }
        long i = index < 0 ? index + list.size() : index;
        if (i < 0 || i >= list.size()) {
            return INDEX_OUT_OF_RANGE;
        }
        list.set((int) i, argv[3]);
        return Reply.OK;
    }

    /** LINSERT key BEFORE|AFTER pivot element: the new length, -1 without the pivot, 0 without the key. */
    public static Reply linsert(ExecContext ctx, byte[][] argv) {
        boolean after;
        if (is(argv[2], "after")) {
            after = true;
        } else if (is(argv[2], "before")) {
            after = false;
        } else {
            return SYNTAX_ERROR;
        }
        Key key = new Key(argv[1]);
        ListValue list = write(ctx, key);
        if (list == null) {
            return Reply.ZERO;
        }
        if (list == WRONG) {
            return WRONG_TYPE;
        }
        int pivot = list.indexOf(argv[3]);
        if (pivot < 0) {
            return Reply.integer(-1);
        }
        list.insert(after ? pivot + 1 : pivot, argv[4]);
        return Reply.integer(list.size());
    }

    /** LREM key count element: count > 0 from the head, < 0 from the tail, 0 all. */
    public static Reply lrem(ExecContext ctx, byte[][] argv) {
        Long count = Args.toLong(argv[2]);
        if (count == null) {
            return NOT_INTEGER;
        }
        Key key = new Key(argv[1]);
        ListValue list = write(ctx, key);
        if (list == null) {
            return Reply.ZERO;
        }
        if (list == WRONG) {
            return WRONG_TYPE;
        }
        long limit = count == Long.MIN_VALUE ? Long.MAX_VALUE : Math.abs(count);
        int removed = list.removeEqual(argv[3], limit, count < 0);
        deleteIfEmpty(ctx.db(), key, list);
        return Reply.integer(removed);
    }

    public static Reply ltrim(ExecContext ctx, byte[][] argv) {
        Long start = Args.toLong(argv[2]);
        Long end = start == null ? null : Args.toLong(argv[3]);
        if (end == null) {
            return NOT_INTEGER;
        }
        Key key = new Key(argv[1]);
        ListValue list = write(ctx, key);
        if (list == null) {
            return Reply.OK;
        }
        if (list == WRONG) {
            return WRONG_TYPE;
        }
        long len = list.size();
        long s = start < 0 ? start + len : start;
        long e = end < 0 ? end + len : end;
        if (s < 0) {
            s = 0;
        }
        if (s > e || s >= len) {
            list.retain(0, 0);
        } else {
            if (e >= len) {
                e = len - 1;
            }
            list.retain((int) s, (int) e + 1);
        }
        deleteIfEmpty(ctx.db(), key, list);
        return Reply.OK;
    }

    // ---------------------------------------------------------------- moves

    /** LEFT or RIGHT: true for the head; null for anything else (a syntax error). */
    private static Boolean side(byte[] arg) {
        if (is(arg, "right")) {
            return false;
        }
        if (is(arg, "left")) {
            return true;
        }
        return null;
    }

    public static Reply lmove(ExecContext ctx, byte[][] argv) {
        Boolean from = side(argv[3]);
        if (from == null) {
            return SYNTAX_ERROR;
        }
        Boolean to = side(argv[4]);
        if (to == null) {
            return SYNTAX_ERROR;
        }
        return move(ctx, argv, from, to);
    }

    public static Reply rpoplpush(ExecContext ctx, byte[][] argv) {
        return move(ctx, argv, false, true);
    }

    private static Reply move(ExecContext ctx, byte[][] argv, boolean fromHead, boolean toHead) {
        Keyspace db = ctx.db();
        Key source = new Key(argv[1]);
        ListValue src = write(ctx, source);
        if (src == null) {
            return Reply.NULL;
        }
        if (src == WRONG) {
            return WRONG_TYPE;
        }
        Key destination = new Key(argv[2]);
        ListValue dst = write(ctx, destination);
        if (dst == WRONG) {
            return WRONG_TYPE;
        }
        byte[] value = fromHead ? src.removeFirst() : src.removeLast();
        if (dst == null) {
            dst = new ListValue();
            db.put(destination, dst, Entry.NO_EXPIRY);
        }
        if (toHead) {
            dst.addFirst(value);
        } else {
            dst.addLast(value);
        }
        deleteIfEmpty(db, source, src); // only when source != destination and it held one element
        return Reply.bulk(value);
    }

    /** LMPOP numkeys key [key ...] LEFT|RIGHT [COUNT count]: [key, [elements]] or a null array. */
    public static Reply lmpop(ExecContext ctx, byte[][] argv) {
        return mpop(ctx, argv, 1);
    }

    /** The LMPOP part of LMPOP and BLMPOP, whose numkeys is at {@code numkeysIdx}. */
    private static Reply mpop(ExecContext ctx, byte[][] argv, int numkeysIdx) {
        Long numkeys = rangeLong(argv[numkeysIdx], 1, Long.MAX_VALUE);
        if (numkeys == null) {
            return Reply.error("ERR numkeys should be greater than 0");
        }
        if (numkeys >= argv.length - numkeysIdx - 1) {
            return SYNTAX_ERROR;
        }
        int whereIdx = (int) (numkeys + numkeysIdx + 1);
        Boolean head = side(argv[whereIdx]);
        if (head == null) {
            return SYNTAX_ERROR;
        }
        MpopCount parsed = MpopCount.parse(argv, whereIdx + 1);
        if (parsed.error() != null) {
            return parsed.error();
        }
        long count = parsed.count();
        for (int i = numkeysIdx + 1; i < whereIdx; i++) {
            Key key = new Key(argv[i]);
            ListValue list = write(ctx, key);
            if (list == null) {
                continue;
            }
            if (list == WRONG) {
                return WRONG_TYPE;
            }
            Reply items = popRange(list, count, head);
            deleteIfEmpty(ctx.db(), key, list);
            return Reply.array(Reply.bulk(argv[i]), items);
        }
        return Reply.NULL_ARRAY;
    }

    // ---------------------------------------------------------------- blocking forms: one attempt each

    public static Reply blpop(ExecContext ctx, byte[][] argv) {
        return blockingPop(ctx, argv, true);
    }

    public static Reply brpop(ExecContext ctx, byte[][] argv) {
        return blockingPop(ctx, argv, false);
    }

    /** B[LR]POP key [key ...] timeout: [key, element] from the first non-empty list, else a null array. */
    private static Reply blockingPop(ExecContext ctx, byte[][] argv, boolean head) {
        BlockingTimeout timeout = BlockingTimeout.parse(argv[argv.length - 1]);
        if (timeout.error() != null) {
            return timeout.error();
        }
        for (int i = 1; i < argv.length - 1; i++) {
            Key key = new Key(argv[i]);
            ListValue list = write(ctx, key);
            if (list == null) {
                continue;
            }
            if (list == WRONG) {
                return WRONG_TYPE;
            }
            byte[] value = head ? list.removeFirst() : list.removeLast();
            deleteIfEmpty(ctx.db(), key, list);
            return Reply.array(Reply.bulk(argv[i]), Reply.bulk(value));
        }
        return Reply.NULL_ARRAY;
    }

    /** BRPOPLPUSH source destination timeout. */
    public static Reply brpoplpush(ExecContext ctx, byte[][] argv) {
        BlockingTimeout timeout = BlockingTimeout.parse(argv[3]);
        if (timeout.error() != null) {
            return timeout.error();
        }
        return move(ctx, argv, false, true);
    }

    /** BLMOVE source destination LEFT|RIGHT LEFT|RIGHT timeout: the directions are checked first, as Redis. */
    public static Reply blmove(ExecContext ctx, byte[][] argv) {
        Boolean from = side(argv[3]);
        Boolean to = from == null ? null : side(argv[4]);
        if (to == null) {
            return SYNTAX_ERROR;
        }
        BlockingTimeout timeout = BlockingTimeout.parse(argv[5]);
        if (timeout.error() != null) {
            return timeout.error();
        }
        return move(ctx, argv, from, to);
    }

    /** BLMPOP timeout numkeys key [key ...] LEFT|RIGHT [COUNT count]. */
    public static Reply blmpop(ExecContext ctx, byte[][] argv) {
        BlockingTimeout timeout = BlockingTimeout.parse(argv[1]);
        if (timeout.error() != null) {
            return timeout.error();
        }
        return mpop(ctx, argv, 2);
    }
}
