package io.redraft.command;

import static io.redraft.command.Args.NOT_INTEGER;
import static io.redraft.command.Args.SYNTAX_ERROR;
import static io.redraft.command.Args.is;

import io.redraft.resp.Reply;
import io.redraft.store.Entry;
import io.redraft.store.Key;
import io.redraft.store.Keyspace;
import io.redraft.store.rdb.DumpPayload;
import io.redraft.store.rdb.RdbFormatException;

/**
 * DUMP and RESTORE in Redis's own serialization format ({@link DumpPayload}), so keys move
 * between Redis and Redraft in both directions. RESTORE is a replicated write: the payload is
 * an argument in the log and decoding it is deterministic; a relative TTL counts from the log
 * time.
 */
public final class DumpCommands {
    static final Reply BUSYKEY = Reply.error("BUSYKEY Target key name already exists.");
    static final Reply BAD_PAYLOAD = Reply.error("ERR DUMP payload version or checksum are wrong");
    static final Reply BAD_DATA = Reply.error("ERR Bad data format");

    private DumpCommands() {
    }

    public static Reply dump(ExecContext ctx, byte[][] argv) {
        Entry e = ctx.db().get(new Key(argv[1]), ctx.now());
        return e == null ? Reply.NULL : Reply.bulk(DumpPayload.dump(e.value()));
    }

    /** RESTORE key ttl serialized-value [REPLACE] [ABSTTL] [IDLETIME seconds] [FREQ frequency]. */
    public static Reply restore(ExecContext ctx, byte[][] argv) {
        boolean replace = false;
        boolean absttl = false;
        long idle = -1;
        long freq = -1;
        for (int j = 4; j < argv.length; j++) {
            boolean more = j + 1 < argv.length;
            if (is(argv[j], "replace")) {
                replace = true;
            } else if (is(argv[j], "absttl")) {
                absttl = true;
            } else if (is(argv[j], "idletime") && more && freq == -1) {
                Long v = Args.toLong(argv[++j]);
                if (v == null) {
                    return NOT_INTEGER;
                }
                if (v < 0) {
                    return Reply.error("ERR Invalid IDLETIME value, must be >= 0");
                }
                idle = v;
            } else if (is(argv[j], "freq") && more && idle == -1) {
                Long v = Args.toLong(argv[++j]);
                if (v == null) {
                    return NOT_INTEGER;
                }
                if (v < 0 || v > 255) {
                    return Reply.error("ERR Invalid FREQ value, must be >= 0 and <= 255");
                }
                freq = v; // no LFU policy: accepted and unused, as in Redis without one
            } else {
                return SYNTAX_ERROR;
            }
        }
        Keyspace db = ctx.db();
        Key key = new Key(argv[1]);
        if (!replace && db.getForWrite(key, ctx.now()) != null) {
            return BUSYKEY;
        }
        Long ttl = Args.toLong(argv[2]);
        if (ttl == null) {
            return NOT_INTEGER;
        }
        if (ttl < 0) {
            return Reply.error("ERR Invalid TTL value, must be >= 0");
        }
        byte[] payload = argv[3];
        if (!DumpPayload.verify(payload)) {
            return BAD_PAYLOAD;
        }
        Object value;
        try {
            value = DumpPayload.load(payload);
        } catch (RdbFormatException e) {
            return BAD_DATA;
        }
        if (replace) {
            db.remove(key);
        }
        long expireAt = ttl;
        if (ttl != 0 && !absttl) {
            expireAt = ttl + ctx.now();
        }
        if (ttl != 0 && expireAt <= ctx.now()) {
            return Reply.OK; // already expired: nothing is stored (an old value is gone with REPLACE)
        }
        db.put(key, value, ttl == 0 ? Entry.NO_EXPIRY : expireAt);
        if (idle >= 0) {
            long idleMillis = Math.min(idle, ctx.now() / 1000) * 1000; // no earlier than the epoch
            db.peek(key, ctx.now()).setAccessedAt(Math.max(1, ctx.now() - idleMillis));
        }
        return Reply.OK;
    }
}
