package io.redraft.command;

import static io.redraft.command.Args.NOT_INTEGER;
import static io.redraft.command.Args.SYNTAX_ERROR;
import static io.redraft.command.Args.is;

import io.redraft.resp.Reply;
import io.redraft.store.Entry;
import io.redraft.store.Key;
import io.redraft.store.Keyspace;
import io.redraft.store.Store;
import io.redraft.store.ValueCodec;
import io.redraft.store.ValueTypes;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

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
        ctx.store().flush(ctx.now());
        return Reply.OK;
    }

    public static Reply flushdb(ExecContext ctx, byte[][] argv) {
        if (!validFlushOption(argv)) {
            return SYNTAX_ERROR;
        }
        ctx.db().flush(ctx.now());
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

    // ---------------------------------------------------------------- more keyspace commands

    /** UNLINK: as DEL (memory is reclaimed at once here, there is no background thread). */
    public static Reply unlink(ExecContext ctx, byte[][] argv) {
        return del(ctx, argv);
    }

    /** TOUCH counts every argument naming a live key, repeats included (no access times are kept). */
    public static Reply touch(ExecContext ctx, byte[][] argv) {
        return exists(ctx, argv);
    }

    public static Reply rename(ExecContext ctx, byte[][] argv) {
        return renameGeneric(ctx, argv, false);
    }

    public static Reply renamenx(ExecContext ctx, byte[][] argv) {
        return renameGeneric(ctx, argv, true);
    }

    /** Redis 7's renameGenericCommand: the value and its TTL move to the new name. */
    private static Reply renameGeneric(ExecContext ctx, byte[][] argv, boolean nx) {
        Keyspace db = ctx.db();
        Key src = new Key(argv[1]);
        Key dst = new Key(argv[2]);
        Entry e = db.getForWrite(src, ctx.now());
        if (e == null) {
            return NO_SUCH_KEY;
        }
        if (src.equals(dst)) {
            return nx ? Reply.ZERO : Reply.OK;
        }
        if (db.getForWrite(dst, ctx.now()) != null) {
            if (nx) {
                return Reply.ZERO;
            }
            db.remove(dst);
        }
        Object value = e.value();
        long expireAt = e.expireAt();
        db.remove(src);
        db.put(dst, value, expireAt);
        return nx ? Reply.ONE : Reply.OK;
    }

    static final Reply NO_SUCH_KEY = Reply.error("ERR no such key");
    static final Reply SAME_OBJECT = Reply.error("ERR source and destination objects are the same");
    static final Reply DB_OUT_OF_RANGE = Reply.error("ERR DB index is out of range");

    /** COPY source destination [DB destination-db] [REPLACE], as Redis 7's copyCommand. */
    public static Reply copy(ExecContext ctx, byte[][] argv) {
        int srcId = ctx.dbIndex();
        int dstId = srcId;
        boolean replace = false;
        for (int j = 3; j < argv.length; j++) {
            if (is(argv[j], "replace")) {
                replace = true;
            } else if (is(argv[j], "db") && j < argv.length - 1) {
                Long id = Args.toLong(argv[j + 1]);
                if (id == null || id < Integer.MIN_VALUE || id > Integer.MAX_VALUE) {
                    return NOT_INTEGER;
                }
                if (id < 0 || id >= Store.DATABASES) {
                    return DB_OUT_OF_RANGE;
                }
                dstId = (int) (long) id;
                j++;
            } else {
                return SYNTAX_ERROR;
            }
        }
        Key src = new Key(argv[1]);
        Key dst = new Key(argv[2]);
        if (srcId == dstId && src.equals(dst)) {
            return SAME_OBJECT;
        }
        Entry e = ctx.db().getForWrite(src, ctx.now());
        if (e == null) {
            return Reply.ZERO;
        }
        Keyspace target = ctx.store().db(dstId);
        if (target.getForWrite(dst, ctx.now()) != null) {
            if (!replace) {
                return Reply.ZERO;
            }
            target.remove(dst);
        }
        target.put(dst, deepCopy(e.value()), e.expireAt());
        return Reply.ONE;
    }

    /**
     * An independent copy of a stored value: strings are immutable byte arrays and are shared;
     * collections go through their codec's (deterministic) write/read round trip.
     */
    static Object deepCopy(Object value) {
        if (value instanceof byte[]) {
            return value;
        }
        ValueCodec codec = ValueTypes.of(value);
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (DataOutputStream out = new DataOutputStream(bytes)) {
                codec.write(value, out);
            }
            return codec.read(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** KEYS pattern: live keys matching the glob, in key byte order (Redis's order is unspecified). */
    public static Reply keys(ExecContext ctx, byte[][] argv) {
        byte[] pattern = argv[1];
        boolean all = pattern.length == 1 && pattern[0] == '*';
        List<Key> found = new ArrayList<>();
        for (Map.Entry<Key, Entry> me : ctx.db().entries().entrySet()) {
            if (!me.getValue().isExpiredAt(ctx.now()) && (all || Glob.matches(pattern, me.getKey().bytes(), false))) {
                found.add(me.getKey());
            }
        }
        found.sort(null);
        List<Reply> out = new ArrayList<>(found.size());
        for (Key k : found) {
            out.add(Reply.bulk(k.bytes()));
        }
        return Reply.array(out);
    }

    /**
     * SCAN cursor [MATCH pattern] [COUNT count] [TYPE type].
     *
     * <p>The cursor is a position in a fixed, content-defined order: keys are ordered by
     * {@link #scanHash} (a 64-bit hash of the key bytes, compared unsigned), and a cursor {@code c}
     * means "keys whose hash is at least {@code c}". Each call returns at least {@code count} keys
     * (fewer only at the end), always whole groups of equal hashes, and the next cursor is the last
     * returned hash plus one (0 when done). So a key present for the whole scan is returned exactly
     * once, whatever else is added or removed, and a cursor is valid on any replica since it depends
     * only on key contents, never on hash-table layout.
     *
     * <p>Cost: each call is an O(N log N) pass over the whole database (N keys), so a complete
     * iteration is O(N^2 / count). Acceptable for now; an ordered index by scan hash would make
     * each call O(count log N).
     */
    public static Reply scan(ExecContext ctx, byte[][] argv) {
        Long parsed = MemberScan.parseCursor(argv[1]);
        if (parsed == null) {
            return MemberScan.INVALID_CURSOR;
        }
        long cursor = parsed;
        MemberScan.Options opts = MemberScan.options(argv, 2, true);
        if (opts.error() != null) {
            return opts.error();
        }
        byte[] pattern = opts.pattern();
        long count = opts.count();
        String typeName = opts.type();

        // every live key at or after the cursor, in (hash, key bytes) order
        List<ScanItem> candidates = new ArrayList<>();
        for (Map.Entry<Key, Entry> me : ctx.db().entries().entrySet()) {
            if (me.getValue().isExpiredAt(ctx.now())) {
                continue;
            }
            long h = scanHash(me.getKey().bytes());
            if (Long.compareUnsigned(h, cursor) >= 0) {
                candidates.add(new ScanItem(h, me.getKey(), me.getValue()));
            }
        }
        candidates.sort(ScanItem.ORDER);

        List<Reply> out = new ArrayList<>();
        long next = 0;
        int taken = 0;
        for (int i = 0; i < candidates.size(); ) {
            if (taken >= count) {
                next = candidates.get(i).hash(); // the first hash not yet visited
                break;
            }
            long h = candidates.get(i).hash();
            for (; i < candidates.size() && candidates.get(i).hash() == h; i++) {
                ScanItem item = candidates.get(i);
                taken++;
                if (pattern != null && !Glob.matches(pattern, item.key().bytes(), false)) {
                    continue;
                }
                if (typeName != null && !typeName.equalsIgnoreCase(ValueTypes.typeName(item.entry().value()))) {
                    continue;
                }
                out.add(Reply.bulk(item.key().bytes()));
            }
        }
        // next is a hash strictly greater than the cursor, so it is never 0 unless the scan is done;
        // a key whose hash is 0 can only be visited by the first call, which starts at 0.
        return Reply.array(Reply.bulk(Long.toUnsignedString(next).getBytes(StandardCharsets.US_ASCII)),
                Reply.array(out));
    }

    private record ScanItem(long hash, Key key, Entry entry) {
        static final Comparator<ScanItem> ORDER = (a, b) -> {
            int c = Long.compareUnsigned(a.hash, b.hash);
            return c != 0 ? c : a.key.compareTo(b.key);
        };
    }

    /** A fixed 64-bit hash of key bytes (FNV-1a with a murmur3 finalizer); part of the cursor format. */
    static long scanHash(byte[] key) {
        long h = 0xcbf29ce484222325L;
        for (byte b : key) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }

    /** RANDOMKEY: a uniformly random live key, or nil. A read, so randomness is fine here. */
    public static Reply randomkey(ExecContext ctx, byte[][] argv) {
        Key chosen = null;
        long seen = 0;
        java.util.random.RandomGenerator random = RandomSource.current();
        for (Map.Entry<Key, Entry> me : ctx.db().entries().entrySet()) {
            if (me.getValue().isExpiredAt(ctx.now())) {
                continue;
            }
            seen++;
            if (random.nextLong(seen) == 0) { // reservoir sampling
                chosen = me.getKey();
            }
        }
        return chosen == null ? Reply.NULL : Reply.bulk(chosen.bytes());
    }

    public static Reply expiretime(ExecContext ctx, byte[][] argv) {
        return expiretimeGeneric(ctx, argv, false);
    }

    public static Reply pexpiretime(ExecContext ctx, byte[][] argv) {
        return expiretimeGeneric(ctx, argv, true);
    }

    /** -2 when the key does not exist, -1 when it has no expiry, else the absolute time. */
    private static Reply expiretimeGeneric(ExecContext ctx, byte[][] argv, boolean millis) {
        Entry e = ctx.db().get(new Key(argv[1]), ctx.now());
        if (e == null) {
            return Reply.integer(-2);
        }
        if (!e.hasExpiry()) {
            return Reply.integer(-1);
        }
        return Reply.integer(millis ? e.expireAt() : e.expireAt() / 1000);
    }
}
