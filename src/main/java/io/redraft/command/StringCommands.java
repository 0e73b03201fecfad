package io.redraft.command;

import static io.redraft.command.Args.NOT_INTEGER;
import static io.redraft.command.Args.SYNTAX_ERROR;
import static io.redraft.command.Args.WRONG_TYPE;
import static io.redraft.command.Args.is;

import io.redraft.resp.Reply;
import io.redraft.store.Entry;
import io.redraft.store.Key;
import io.redraft.store.Keyspace;
import java.util.ArrayList;
import java.util.List;

/** The string commands. Writes use only their arguments and {@code ctx.now()}. */
public final class StringCommands {
    /** Redis's default proto-max-bulk-len, the largest string a command may build. */
    public static final long MAX_STRING_LENGTH = 512L * 1024 * 1024;

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
        return size + append > MAX_STRING_LENGTH;
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
}
