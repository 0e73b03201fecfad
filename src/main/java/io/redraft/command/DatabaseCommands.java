package io.redraft.command;

import static io.redraft.command.Args.NOT_INTEGER;

import io.redraft.resp.Reply;
import io.redraft.store.Entry;
import io.redraft.store.Key;
import io.redraft.store.Keyspace;
import io.redraft.store.Store;

/** Commands across databases: MOVE and SWAPDB, as Redis 7.0's moveCommand and swapdbCommand. */
public final class DatabaseCommands {

    private DatabaseCommands() {
    }

    /** MOVE key db: the value and its TTL move; 0 when the key is missing or exists in the target. */
    public static Reply move(ExecContext ctx, byte[][] argv) {
        Long parsed = Args.toLong(argv[2]);
        if (parsed == null) {
            return NOT_INTEGER;
        }
        if (parsed < Integer.MIN_VALUE || parsed > Integer.MAX_VALUE) {
            return INT_RANGE;
        }
        long dstId = parsed;
        if (dstId < 0 || dstId >= Store.DATABASES) {
            return KeyCommands.DB_OUT_OF_RANGE;
        }
        if (dstId == ctx.dbIndex()) {
            return KeyCommands.SAME_OBJECT;
        }
        Key key = new Key(argv[1]);
        Keyspace src = ctx.db();
        Entry e = src.getForWrite(key, ctx.now());
        if (e == null) {
            return Reply.ZERO;
        }
        Keyspace dst = ctx.store().db((int) dstId);
        if (dst.getForWrite(key, ctx.now()) != null) {
            return Reply.ZERO;
        }
        dst.put(key, e.value(), e.expireAt());
        src.remove(key);
        return Reply.ONE;
    }

    static final Reply INT_RANGE =
            Reply.error("ERR value is out of range, value must between -2147483648 and 2147483647");

    /** SWAPDB index1 index2: the databases exchange contents; every connection keeps its index. */
    public static Reply swapdb(ExecContext ctx, byte[][] argv) {
        Integer a = dbIndex(argv[1]);
        if (a == null) {
            return Reply.error("ERR invalid first DB index");
        }
        Integer b = dbIndex(argv[2]);
        if (b == null) {
            return Reply.error("ERR invalid second DB index");
        }
        if (a < 0 || a >= Store.DATABASES || b < 0 || b >= Store.DATABASES) {
            return KeyCommands.DB_OUT_OF_RANGE;
        }
        ctx.store().swap(a, b);
        return Reply.OK;
    }

    /** getIntFromObjectOrReply with a custom message: any int, range checked by the caller. */
    private static Integer dbIndex(byte[] arg) {
        Long v = Args.toLong(arg);
        return v == null || v < Integer.MIN_VALUE || v > Integer.MAX_VALUE ? null : (int) (long) v;
    }
}
