package io.redraft.command;

import static io.redraft.command.Args.NOT_INTEGER;
import static io.redraft.command.Args.SYNTAX_ERROR;
import static io.redraft.command.Args.is;

import io.redraft.resp.Reply;
import io.redraft.store.Entry;
import io.redraft.store.Key;
import io.redraft.store.Keyspace;
import io.redraft.store.ValueTypes;

/** Keyspace commands: deletion, existence, flushing, expiry and type. */
public final class KeyCommands {

    private KeyCommands() {
    }

    /** DEL (and its alias DELETE): expired keys do not count, a repeated key counts once. */
    public static Reply del(ExecContext ctx, byte[][] argv) {
        Keyspace db = ctx.db();
        long deleted = 0;
        for (int i = 1; i < argv.length; i++) {
            Key key = new Key(argv[i]);
            if (db.getForWrite(key, ctx.now()) != null && db.remove(key)) {
                deleted++;
            }
        }
        return Reply.integer(deleted);
    }

    /** EXISTS counts every argument that names a live key, repeats included. */
    public static Reply exists(ExecContext ctx, byte[][] argv) {
        Keyspace db = ctx.db();
        long count = 0;
        for (int i = 1; i < argv.length; i++) {
            if (db.get(new Key(argv[i]), ctx.now()) != null) {
                count++;
            }
        }
        return Reply.integer(count);
    }

    /** DBSIZE counts keys still stored, including expired ones not yet removed, as Redis does. */
    public static Reply dbsize(ExecContext ctx, byte[][] argv) {
        return Reply.integer(ctx.db().size());
    }

    public static Reply flushall(ExecContext ctx, byte[][] argv) {
        if (!validFlushOption(argv)) {
            return SYNTAX_ERROR;
        }
        ctx.store().clear();
        return Reply.OK;
    }

    public static Reply flushdb(ExecContext ctx, byte[][] argv) {
        if (!validFlushOption(argv)) {
            return SYNTAX_ERROR;
        }
        ctx.db().clear();
        return Reply.OK;
    }

    /** [ASYNC|SYNC]; both flush at once here. */
    private static boolean validFlushOption(byte[][] argv) {
        return argv.length == 1 || (argv.length == 2 && (is(argv[1], "sync") || is(argv[1], "async")));
    }

    // ---------------------------------------------------------------- expiry

    public static Reply expire(ExecContext ctx, byte[][] argv) {
        return expireGeneric(ctx, argv, ctx.now(), true, "expire");
    }

    public static Reply pexpire(ExecContext ctx, byte[][] argv) {
        return expireGeneric(ctx, argv, ctx.now(), false, "pexpire");
    }

    public static Reply expireat(ExecContext ctx, byte[][] argv) {
        return expireGeneric(ctx, argv, 0, true, "expireat");
    }

    public static Reply pexpireat(ExecContext ctx, byte[][] argv) {
        return expireGeneric(ctx, argv, 0, false, "pexpireat");
    }

    private static final int NX = 1;
    private static final int XX = 2;
    private static final int GT = 4;
    private static final int LT = 8;

    /** Redis 7's expireGenericCommand: options, then the time, then the key. */
    private static Reply expireGeneric(ExecContext ctx, byte[][] argv, long basetime, boolean seconds,
                                       String name) {
        int flags = 0;
        for (int j = 3; j < argv.length; j++) {
            byte[] opt = argv[j];
            if (is(opt, "nx")) {
                flags |= NX;
            } else if (is(opt, "xx")) {
                flags |= XX;
            } else if (is(opt, "gt")) {
                flags |= GT;
            } else if (is(opt, "lt")) {
                flags |= LT;
            } else {
                return Reply.error("ERR Unsupported option " + Args.str(opt));
            }
        }
        if ((flags & NX) != 0 && (flags & (XX | GT | LT)) != 0) {
            return Reply.error("ERR NX and XX, GT or LT options at the same time are not compatible");
        }
        if ((flags & GT) != 0 && (flags & LT) != 0) {
            return Reply.error("ERR GT and LT options at the same time are not compatible");
        }

        Long parsed = Args.toLong(argv[2]);
        if (parsed == null) {
            return NOT_INTEGER;
        }
        long when = parsed;
        if (seconds) {
            if (when > Long.MAX_VALUE / 1000 || when < Long.MIN_VALUE / 1000) {
                return StringCommands.invalidExpire(name);
            }
            when *= 1000;
        }
        if (when > Long.MAX_VALUE - basetime) {
            return StringCommands.invalidExpire(name);
        }
        when += basetime;

        Keyspace db = ctx.db();
        Key key = new Key(argv[1]);
        Entry e = db.getForWrite(key, ctx.now());
        if (e == null) {
            return Reply.ZERO;
        }
        if (flags != 0) {
            long current = e.expireAt();
            boolean none = !e.hasExpiry();
            if ((flags & NX) != 0 && !none) {
                return Reply.ZERO;
            }
            if ((flags & XX) != 0 && none) {
                return Reply.ZERO;
            }
            if ((flags & GT) != 0 && (none || when <= current)) {
                return Reply.ZERO;
            }
            if ((flags & LT) != 0 && !none && when >= current) {
                return Reply.ZERO;
            }
        }
        if (when <= ctx.now()) {
            db.remove(key);
        } else {
            db.setExpiry(key, e, when);
        }
        return Reply.ONE;
    }

    public static Reply ttl(ExecContext ctx, byte[][] argv) {
        return ttlGeneric(ctx, argv, false);
    }

    public static Reply pttl(ExecContext ctx, byte[][] argv) {
        return ttlGeneric(ctx, argv, true);
    }

    private static Reply ttlGeneric(ExecContext ctx, byte[][] argv, boolean millis) {
        Entry e = ctx.db().get(new Key(argv[1]), ctx.now());
        if (e == null) {
            return Reply.integer(-2);
        }
        if (!e.hasExpiry()) {
            return Reply.integer(-1);
        }
        long ttl = Math.max(0, e.expireAt() - ctx.now());
        return Reply.integer(millis ? ttl : (ttl + 500) / 1000);
    }

    public static Reply persist(ExecContext ctx, byte[][] argv) {
        Keyspace db = ctx.db();
        Key key = new Key(argv[1]);
        Entry e = db.getForWrite(key, ctx.now());
        if (e == null || !e.hasExpiry()) {
            return Reply.ZERO;
        }
        db.setExpiry(key, e, Entry.NO_EXPIRY);
        return Reply.ONE;
    }

    public static Reply type(ExecContext ctx, byte[][] argv) {
        Entry e = ctx.db().get(new Key(argv[1]), ctx.now());
        return Reply.status(e == null ? "none" : ValueTypes.typeName(e.value()));
    }
}
