package io.redraft.command;

import static io.redraft.command.Args.NOT_INTEGER;
import static io.redraft.command.Args.SYNTAX_ERROR;
import static io.redraft.command.Args.WRONG_TYPE;
import static io.redraft.command.Args.is;

import io.redraft.resp.Reply;
import io.redraft.store.Entry;
import io.redraft.store.Key;
import io.redraft.store.Keyspace;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The string commands. Writes use only their arguments and {@code ctx.now()}. */
public final class StringCommands {
    /** Redis's default proto-max-bulk-len, the largest string a command may build. */
    public static final long MAX_STRING_LENGTH = 512L * 1024 * 1024;

    static final Reply NOT_FLOAT = Reply.error("ERR value is not a valid float");
    static final Reply INCR_NAN_OR_INF = Reply.error("ERR increment would produce NaN or Infinity");
    static final Reply OFFSET_OUT_OF_RANGE = Reply.error("ERR offset is out of range");

    static final Reply TOO_BIG = Reply.error("ERR string exceeds maximum allowed size (proto-max-bulk-len)");

    private StringCommands() {
    }

    // ---------------------------------------------------------------- reads

    public static Reply get(ExecContext ctx, byte[][] argv) {
        Entry e = ctx.db().get(new Key(argv[1]), ctx.now());
        if (e == null) {
            return Reply.NULL;
        }
        return e.value() instanceof byte[] b ? Reply.bulk(b) : WRONG_TYPE;
    }

    public static Reply mget(ExecContext ctx, byte[][] argv) {
        Keyspace db = ctx.db();
        List<Reply> items = new ArrayList<>(argv.length - 1);
        for (int i = 1; i < argv.length; i++) {
            Entry e = db.get(new Key(argv[i]), ctx.now());
            items.add(e != null && e.value() instanceof byte[] b ? Reply.bulk(b) : Reply.NULL);
        }
        return Reply.array(items);
    }

    public static Reply strlen(ExecContext ctx, byte[][] argv) {
        Entry e = ctx.db().get(new Key(argv[1]), ctx.now());
        if (e == null) {
            return Reply.ZERO;
        }
        return e.value() instanceof byte[] b ? Reply.integer(b.length) : WRONG_TYPE;
    }

    // ---------------------------------------------------------------- SET

    private static final int NX = 1;
    private static final int XX = 1 << 1;
    private static final int GET = 1 << 2;
    private static final int KEEPTTL = 1 << 3;
    private static final int EX = 1 << 4;
    private static final int PX = 1 << 5;
    private static final int EXAT = 1 << 6;
    private static final int PXAT = 1 << 7;

    /**
     * SET key value [NX|XX] [GET] [EX s|PX ms|EXAT s|PXAT ms|KEEPTTL], with Redis 7's parsing:
     * conflicting options are a syntax error, a repeated compatible option is accepted (the last
     * expiry wins), the expiry must be positive and not overflow.
     */
    public static Reply set(ExecContext ctx, byte[][] argv) {
        int flags = 0;
        byte[] expireArg = null;
        for (int j = 3; j < argv.length; j++) {
            byte[] opt = argv[j];
            boolean hasNext = j < argv.length - 1;
            if (is(opt, "nx") && (flags & XX) == 0) {
                flags |= NX;
            } else if (is(opt, "xx") && (flags & NX) == 0) {
                flags |= XX;
            } else if (is(opt, "get")) {
                flags |= GET;
            } else if (is(opt, "keepttl") && (flags & (EX | PX | EXAT | PXAT)) == 0) {
                flags |= KEEPTTL;
            } else if (is(opt, "ex") && (flags & (KEEPTTL | PX | EXAT | PXAT)) == 0 && hasNext) {
                flags |= EX;
                expireArg = argv[++j];
            } else if (is(opt, "px") && (flags & (KEEPTTL | EX | EXAT | PXAT)) == 0 && hasNext) {
                flags |= PX;
                expireArg = argv[++j];
            } else if (is(opt, "exat") && (flags & (KEEPTTL | EX | PX | PXAT)) == 0 && hasNext) {
                flags |= EXAT;
                expireArg = argv[++j];
            } else if (is(opt, "pxat") && (flags & (KEEPTTL | EX | PX | EXAT)) == 0 && hasNext) {
                flags |= PXAT;
                expireArg = argv[++j];
            } else {
                return SYNTAX_ERROR;
            }
        }

        long expireAt = Entry.NO_EXPIRY;
        if (expireArg != null) {
            Long when = Args.toLong(expireArg);
            if (when == null) {
                return NOT_INTEGER;
            }
            boolean seconds = (flags & (EX | EXAT)) != 0;
            if (when <= 0 || (seconds && when > Long.MAX_VALUE / 1000)) {
                return invalidExpire("set");
            }
            long ms = seconds ? when * 1000 : when;
            if ((flags & (EX | PX)) != 0) {
                ms += ctx.now();
            }
            if (ms <= 0) {
                return invalidExpire("set");
            }
            expireAt = ms;
        }

        Keyspace db = ctx.db();
        Key key = new Key(argv[1]);
        Entry old = db.getForWrite(key, ctx.now());
        Reply oldValue = null;
        if ((flags & GET) != 0) {
            if (old == null) {
                oldValue = Reply.NULL;
            } else if (old.value() instanceof byte[] b) {
                oldValue = Reply.bulk(b);
            } else {
                return WRONG_TYPE;
            }
        }
        boolean found = old != null;
        if (((flags & NX) != 0 && found) || ((flags & XX) != 0 && !found)) {
            return oldValue != null ? oldValue : Reply.NULL;
        }
        if (expireArg == null && (flags & KEEPTTL) != 0 && found) {
            expireAt = old.expireAt();
        }
        db.put(key, argv[2], expireAt);
        return oldValue != null ? oldValue : Reply.OK;
    }

    /** Redis's checkStringLength: would a string of {@code size + append} bytes be too big? */
    static boolean exceedsMaxLength(long size, long append) {
        return size > MAX_STRING_LENGTH - append; // both non-negative: no overflow
    }

    static Reply invalidExpire(String command) {
        return Reply.error("ERR invalid expire time in '" + command + "' command");
    }

    // ---------------------------------------------------------------- other writes

    public static Reply mset(ExecContext ctx, byte[][] argv) {
        if (argv.length % 2 == 0) {
            return CommandExecutor.wrongArity("mset");
        }
        Keyspace db = ctx.db();
        for (int i = 1; i < argv.length; i += 2) {
            db.put(new Key(argv[i]), argv[i + 1], Entry.NO_EXPIRY);
        }
        return Reply.OK;
    }

    public static Reply setnx(ExecContext ctx, byte[][] argv) {
        Keyspace db = ctx.db();
        Key key = new Key(argv[1]);
        if (db.getForWrite(key, ctx.now()) != null) {
            return Reply.ZERO;
        }
        db.put(key, argv[2], Entry.NO_EXPIRY);
        return Reply.ONE;
    }

    public static Reply getset(ExecContext ctx, byte[][] argv) {
        Keyspace db = ctx.db();
        Key key = new Key(argv[1]);
        Entry old = db.getForWrite(key, ctx.now());
        Reply reply;
        if (old == null) {
            reply = Reply.NULL;
        } else if (old.value() instanceof byte[] b) {
            reply = Reply.bulk(b);
        } else {
            return WRONG_TYPE;
        }
        db.put(key, argv[2], Entry.NO_EXPIRY);
        return reply;
    }

    public static Reply getdel(ExecContext ctx, byte[][] argv) {
        Keyspace db = ctx.db();
        Key key = new Key(argv[1]);
        Entry old = db.getForWrite(key, ctx.now());
        if (old == null) {
            return Reply.NULL;
        }
        if (!(old.value() instanceof byte[] b)) {
            return WRONG_TYPE;
        }
        db.remove(key);
        return Reply.bulk(b);
    }

    public static Reply incr(ExecContext ctx, byte[][] argv) {
        return incrDecr(ctx, argv[1], 1);
    }

    public static Reply decr(ExecContext ctx, byte[][] argv) {
        return incrDecr(ctx, argv[1], -1);
    }

    public static Reply incrby(ExecContext ctx, byte[][] argv) {
        Long incr = Args.toLong(argv[2]);
        if (incr == null) {
            return NOT_INTEGER;
        }
        return incrDecr(ctx, argv[1], incr);
    }

    public static Reply decrby(ExecContext ctx, byte[][] argv) {
        Long decr = Args.toLong(argv[2]);
        if (decr == null) {
            return NOT_INTEGER;
        }
        if (decr == Long.MIN_VALUE) {
            return Reply.error("ERR decrement would overflow");
        }
        return incrDecr(ctx, argv[1], -decr);
    }

    private static Reply incrDecr(ExecContext ctx, byte[] keyBytes, long incr) {
        Keyspace db = ctx.db();
        Key key = new Key(keyBytes);
        Entry e = db.getForWrite(key, ctx.now());
        long value = 0;
        if (e != null) {
            if (!(e.value() instanceof byte[] b)) {
                return WRONG_TYPE;
            }
            Long current = Args.toLong(b);
            if (current == null) {
                return NOT_INTEGER;
            }
            value = current;
        }
        if ((incr < 0 && value < 0 && incr < Long.MIN_VALUE - value)
                || (incr > 0 && value > 0 && incr > Long.MAX_VALUE - value)) {
            return Reply.error("ERR increment or decrement would overflow");
        }
        value += incr;
        byte[] text = Args.bytes(value);
        if (e != null) {
            e.setValue(text); // keeps the key's TTL, as Redis does
        } else {
            db.put(key, text, Entry.NO_EXPIRY);
        }
        return Reply.integer(value);
    }

    public static Reply append(ExecContext ctx, byte[][] argv) {
        Keyspace db = ctx.db();
        Key key = new Key(argv[1]);
        Entry e = db.getForWrite(key, ctx.now());
        byte[] suffix = argv[2];
        if (e == null) {
            db.put(key, suffix, Entry.NO_EXPIRY);
            return Reply.integer(suffix.length);
        }
        if (!(e.value() instanceof byte[] b)) {
            return WRONG_TYPE;
        }
        if (exceedsMaxLength(b.length, suffix.length)) {
            return TOO_BIG;
        }
        byte[] joined = new byte[b.length + suffix.length];
        System.arraycopy(b, 0, joined, 0, b.length);
        System.arraycopy(suffix, 0, joined, b.length, suffix.length);
        e.setValue(joined); // keeps the key's TTL
        return Reply.integer(joined.length);
    }

    // ---------------------------------------------------------------- ranges

    /** GETRANGE key start end (and SUBSTR), with Redis 7's index clamping. */
    public static Reply getrange(ExecContext ctx, byte[][] argv) {
        Long startArg = Args.toLong(argv[2]);
        if (startArg == null) {
            return NOT_INTEGER;
        }
        Long endArg = Args.toLong(argv[3]);
        if (endArg == null) {
            return NOT_INTEGER;
        }
        Entry e = ctx.db().get(new Key(argv[1]), ctx.now());
        if (e == null) {
            return Reply.bulk(new byte[0]);
        }
        if (!(e.value() instanceof byte[] b)) {
            return WRONG_TYPE;
        }
        long start = startArg;
        long end = endArg;
        long len = b.length;
        if (start < 0 && end < 0 && start > end) {
            return Reply.bulk(new byte[0]);
        }
        if (start < 0) {
            start = len + start;
        }
        if (end < 0) {
            end = len + end;
        }
        if (start < 0) {
            start = 0;
        }
        if (end < 0) {
            end = 0;
        }
        if (end >= len) {
            end = len - 1;
        }
        if (start > end || len == 0) {
            return Reply.bulk(new byte[0]);
        }
        byte[] out = new byte[(int) (end - start + 1)];
        System.arraycopy(b, (int) start, out, 0, out.length);
        return Reply.bulk(out);
    }

    /** SETRANGE key offset value: zero-pads, keeps the key's TTL, replies with the new length. */
    public static Reply setrange(ExecContext ctx, byte[][] argv) {
        Long offsetArg = Args.toLong(argv[2]);
        if (offsetArg == null) {
            return NOT_INTEGER;
        }
        long offset = offsetArg;
        if (offset < 0) {
            return OFFSET_OUT_OF_RANGE;
        }
        byte[] value = argv[3];
        Keyspace db = ctx.db();
        Key key = new Key(argv[1]);
        Entry e = db.getForWrite(key, ctx.now());
        if (e == null) {
            if (value.length == 0) {
                return Reply.ZERO;
            }
            if (exceedsMaxLength(offset, value.length)) {
                return TOO_BIG;
            }
            byte[] created = new byte[(int) (offset + value.length)];
            System.arraycopy(value, 0, created, (int) offset, value.length);
            db.put(key, created, Entry.NO_EXPIRY);
            return Reply.integer(created.length);
        }
        if (!(e.value() instanceof byte[] b)) {
            return WRONG_TYPE;
        }
        if (value.length == 0) {
            return Reply.integer(b.length);
        }
        if (exceedsMaxLength(offset, value.length)) {
            return TOO_BIG;
        }
        int newLength = (int) Math.max(b.length, offset + value.length);
        byte[] updated = new byte[newLength];
        System.arraycopy(b, 0, updated, 0, b.length);
        System.arraycopy(value, 0, updated, (int) offset, value.length);
        e.setValue(updated); // keeps the key's TTL
        return Reply.integer(updated.length);
    }

    // ---------------------------------------------------------------- expiring writes

    /**
     * Redis's getExpireMillisecondsOrReply: the absolute expiry in ms, or an error reply. A
     * relative expiry is added to {@code ctx.now()}.
     */
    private static Object expireMillis(ExecContext ctx, byte[] arg, boolean seconds, boolean relative,
            String command) {
        Long when = Args.toLong(arg);
        if (when == null) {
            return NOT_INTEGER;
        }
        if (when <= 0 || (seconds && when > Long.MAX_VALUE / 1000)) {
            return invalidExpire(command);
        }
        long ms = seconds ? when * 1000 : when;
        if (relative) {
            ms += ctx.now(); // may wrap, as in Redis; caught below
        }
        if (ms <= 0) {
            return invalidExpire(command);
        }
        return ms;
    }

    public static Reply setex(ExecContext ctx, byte[][] argv) {
        return setWithExpire(ctx, argv, true, "setex");
    }

    public static Reply psetex(ExecContext ctx, byte[][] argv) {
        return setWithExpire(ctx, argv, false, "psetex");
    }

    /** SETEX/PSETEX key time value. */
    private static Reply setWithExpire(ExecContext ctx, byte[][] argv, boolean seconds, String command) {
        Object ms = expireMillis(ctx, argv[2], seconds, true, command);
        if (ms instanceof Reply error) {
            return error;
        }
        ctx.db().put(new Key(argv[1]), argv[3], (Long) ms);
        return Reply.OK;
    }

    private static final int PERSIST = 1 << 8;

    /** GETEX key [EX s|PX ms|EXAT s|PXAT ms|PERSIST], with Redis 7's option parsing and ordering. */
    public static Reply getex(ExecContext ctx, byte[][] argv) {
        int flags = 0;
        byte[] expireArg = null;
        for (int j = 2; j < argv.length; j++) {
            byte[] opt = argv[j];
            boolean hasNext = j < argv.length - 1;
            if (is(opt, "persist") && (flags & (EX | PX | EXAT | PXAT)) == 0) {
                flags |= PERSIST;
            } else if (is(opt, "ex") && (flags & (PERSIST | PX | EXAT | PXAT)) == 0 && hasNext) {
                flags |= EX;
                expireArg = argv[++j];
            } else if (is(opt, "px") && (flags & (PERSIST | EX | EXAT | PXAT)) == 0 && hasNext) {
                flags |= PX;
                expireArg = argv[++j];
            } else if (is(opt, "exat") && (flags & (PERSIST | EX | PX | PXAT)) == 0 && hasNext) {
                flags |= EXAT;
                expireArg = argv[++j];
            } else if (is(opt, "pxat") && (flags & (PERSIST | EX | PX | EXAT)) == 0 && hasNext) {
                flags |= PXAT;
                expireArg = argv[++j];
            } else {
                return SYNTAX_ERROR;
            }
        }
        Keyspace db = ctx.db();
        Key key = new Key(argv[1]);
        Entry e = db.getForWrite(key, ctx.now());
        if (e == null) {
            return Reply.NULL;
        }
        if (!(e.value() instanceof byte[] b)) {
            return WRONG_TYPE;
        }
        if (expireArg != null) {
            Object ms = expireMillis(ctx, expireArg, (flags & (EX | EXAT)) != 0, (flags & (EX | PX)) != 0,
                    "getex");
            if (ms instanceof Reply error) {
                return error;
            }
            long when = (Long) ms;
            if ((flags & (EXAT | PXAT)) != 0 && when <= ctx.now()) {
                db.remove(key); // an absolute time already past deletes the key
            } else {
                db.setExpiry(key, e, when);
            }
        } else if ((flags & PERSIST) != 0 && e.hasExpiry()) {
            db.setExpiry(key, e, Entry.NO_EXPIRY);
        }
        return Reply.bulk(b);
    }

    // ---------------------------------------------------------------- more writes

    /** MSETNX key value [key value ...]: sets all or none. */
    public static Reply msetnx(ExecContext ctx, byte[][] argv) {
        if (argv.length % 2 == 0) {
            return CommandExecutor.wrongArity("msetnx");
        }
        Keyspace db = ctx.db();
        for (int i = 1; i < argv.length; i += 2) {
            if (db.getForWrite(new Key(argv[i]), ctx.now()) != null) {
                return Reply.ZERO;
            }
        }
        for (int i = 1; i < argv.length; i += 2) {
            db.put(new Key(argv[i]), argv[i + 1], Entry.NO_EXPIRY);
        }
        return Reply.ONE;
    }

    /** INCRBYFLOAT key increment, in Redis's x87 long double arithmetic; keeps the key's TTL. */
    public static Reply incrbyfloat(ExecContext ctx, byte[][] argv) {
        Keyspace db = ctx.db();
        Key key = new Key(argv[1]);
        Entry e = db.getForWrite(key, ctx.now());
        LongDouble value = LongDouble.ZERO;
        if (e != null) {
            if (!(e.value() instanceof byte[] b)) {
                return WRONG_TYPE;
            }
            value = LongDouble.parse(b);
            if (value == null) {
                return NOT_FLOAT;
            }
        }
        LongDouble incr = LongDouble.parse(argv[2]);
        if (incr == null) {
            return NOT_FLOAT;
        }
        value = value.add(incr);
        if (value == null || value.isInfinite()) {
            return INCR_NAN_OR_INF;
        }
        byte[] text = value.toHumanString().getBytes(StandardCharsets.US_ASCII);
        if (e != null) {
            e.setValue(text);
        } else {
            db.put(key, text, Entry.NO_EXPIRY);
        }
        return Reply.bulk(text);
    }

    // ---------------------------------------------------------------- LCS

    /** LCS key1 key2 [LEN] [IDX] [MINMATCHLEN len] [WITHMATCHLEN], Redis 7's algorithm and reply. */
    public static Reply lcs(ExecContext ctx, byte[][] argv) {
        Entry ea = ctx.db().get(new Key(argv[1]), ctx.now());
        Entry eb = ctx.db().get(new Key(argv[2]), ctx.now());
        if ((ea != null && !(ea.value() instanceof byte[])) || (eb != null && !(eb.value() instanceof byte[]))) {
            return Reply.error("ERR The specified keys must contain string values");
        }
        byte[] a = ea == null ? new byte[0] : (byte[]) ea.value();
        byte[] b = eb == null ? new byte[0] : (byte[]) eb.value();
        boolean getLen = false;
        boolean getIdx = false;
        boolean withMatchLen = false;
        long minMatchLen = 0;
        for (int j = 3; j < argv.length; j++) {
            byte[] opt = argv[j];
            boolean moreArgs = j < argv.length - 1;
            if (is(opt, "idx")) {
                getIdx = true;
            } else if (is(opt, "len")) {
                getLen = true;
            } else if (is(opt, "withmatchlen")) {
                withMatchLen = true;
            } else if (is(opt, "minmatchlen") && moreArgs) {
                Long v = Args.toLong(argv[j + 1]);
                if (v == null) {
                    return NOT_INTEGER;
                }
                minMatchLen = Math.max(0, v);
                j++;
            } else {
                return SYNTAX_ERROR;
            }
        }
        if (getIdx && getLen) {
            return Reply.error("ERR If you want both the length and indexes, please just use IDX.");
        }
        int alen = a.length;
        int blen = b.length;
        long cells = (long) (alen + 1) * (blen + 1);
        if (cells * Integer.BYTES > MAX_STRING_LENGTH) {
            return Reply.error("ERR Insufficient memory, transient memory for LCS exceeds proto-max-bulk-len");
        }
        int w = blen + 1;
        int[] dp = new int[(int) cells];
        for (int i = 1; i <= alen; i++) {
            for (int j = 1; j <= blen; j++) {
                if (a[i - 1] == b[j - 1]) {
                    dp[i * w + j] = dp[(i - 1) * w + j - 1] + 1;
                } else {
                    dp[i * w + j] = Math.max(dp[(i - 1) * w + j], dp[i * w + j - 1]);
                }
            }
        }
        int total = dp[alen * w + blen];
        if (getLen) {
            return Reply.integer(total);
        }
        byte[] result = new byte[total];
        List<Reply> matches = new ArrayList<>();
        int idx = total;
        int arangeStart = alen;
        int arangeEnd = 0;
        int brangeStart = 0;
        int brangeEnd = 0;
        int i = alen;
        int j = blen;
        while (i > 0 && j > 0) {
            boolean emit = false;
            if (a[i - 1] == b[j - 1]) {
                result[idx - 1] = a[i - 1];
                if (arangeStart == alen) {
                    arangeStart = i - 1;
                    arangeEnd = i - 1;
                    brangeStart = j - 1;
                    brangeEnd = j - 1;
                } else if (arangeStart == i && brangeStart == j) {
                    arangeStart--;
                    brangeStart--;
                } else {
                    emit = true;
                }
                if (arangeStart == 0 || brangeStart == 0) {
                    emit = true;
                }
                idx--;
                i--;
                j--;
            } else {
                if (dp[(i - 1) * w + j] > dp[i * w + j - 1]) {
                    i--;
                } else {
                    j--;
                }
                if (arangeStart != alen) {
                    emit = true;
                }
            }
            long matchLen = (long) arangeEnd - arangeStart + 1;
            if (emit) {
                if (getIdx && (minMatchLen == 0 || matchLen >= minMatchLen)) {
                    List<Reply> m = new ArrayList<>(3);
                    m.add(Reply.array(Reply.integer(arangeStart), Reply.integer(arangeEnd)));
                    m.add(Reply.array(Reply.integer(brangeStart), Reply.integer(brangeEnd)));
                    if (withMatchLen) {
                        m.add(Reply.integer(matchLen));
                    }
                    matches.add(Reply.array(m));
                }
                arangeStart = alen;
            }
        }
        if (getIdx) {
            return new Reply.MapReply(List.of(Reply.bulk("matches"), Reply.array(matches),
                    Reply.bulk("len"), Reply.integer(total)));
        }
        return Reply.bulk(result);
    }
}
