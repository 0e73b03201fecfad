package io.redraft.command;

import static io.redraft.command.Args.NOT_INTEGER;
import static io.redraft.command.Args.SYNTAX_ERROR;
import static io.redraft.command.Args.WRONG_TYPE;
import static io.redraft.command.Args.is;
import static io.redraft.command.ListCommands.rangeLong;

import io.redraft.command.ZSetArgs.ScoreRange;
import io.redraft.resp.Reply;
import io.redraft.resp.ReplyEncoder;
import io.redraft.store.Entry;
import io.redraft.store.Key;
import io.redraft.store.Keyspace;
import io.redraft.store.SetValue;
import io.redraft.store.ZSetValue;
import io.redraft.store.ZSetValue.LexBound;
import io.redraft.store.ZSetValue.Node;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The sorted-set commands, following Redis 7.2's t_zset.c: argument checks in the same order,
 * the same error texts, scores as doubles (RESP3 doubles, RESP2 bulk strings in Redis's
 * format). Writes are deterministic: they never depend on hash-table order or randomness, and an
 * emptied sorted set is deleted. The blocking forms are not here.
 */
public final class ZSetCommands {
    static final Reply NOT_FLOAT = Reply.error("ERR value is not a valid float");
    static final Reply RANGE_NOT_FLOAT = Reply.error("ERR min or max is not a float");
    static final Reply BAD_LEX_RANGE = Reply.error("ERR min or max not valid string range item");
    static final Reply NAN_SCORE = Reply.error("ERR resulting score is not a number (NaN)");
    static final Reply XX_AND_NX = Reply.error("ERR XX and NX options at the same time are not compatible");
    static final Reply GT_LT_NX = Reply.error("ERR GT, LT, and/or NX options at the same time are not compatible");
    static final Reply INCR_ONE_PAIR = Reply.error("ERR INCR option supports a single increment-element pair");
    static final Reply MUST_BE_POSITIVE = Reply.error("ERR value is out of range, must be positive");
    static final Reply EMPTY_SCAN = Reply.array(Reply.bulk("0"), Reply.EMPTY_ARRAY);

    /** Redis's zset-max-listpack-entries / -value defaults: below these ZSCAN returns all at once. */
    private static final int LISTPACK_ENTRIES = 128;
    private static final int LISTPACK_VALUE = 64;

    private ZSetCommands() {
    }

    /** Marker for "the key holds another type". */
    private static final ZSetValue WRONG = new ZSetValue();

    private static ZSetValue read(ExecContext ctx, byte[] key) {
        Entry e = ctx.db().get(new Key(key), ctx.now());
        return e == null ? null : e.value() instanceof ZSetValue z ? z : WRONG;
    }

    private static ZSetValue write(ExecContext ctx, Key key) {
        Entry e = ctx.db().getForWrite(key, ctx.now());
        return e == null ? null : e.value() instanceof ZSetValue z ? z : WRONG;
    }

    private static void deleteIfEmpty(Keyspace db, Key key, ZSetValue z) {
        if (z.isEmpty()) {
            db.remove(key);
        }
    }

    /**
     * A member/score list as WITHSCORES replies send it: flat in RESP2. Redis 7 nests each pair
     * in a two-element array in RESP3; the reply model has no type for "flat in RESP2, pairs in
     * RESP3", so RESP3 clients get the flat form too (with native doubles).
     */
    static Reply withScores(List<Reply> flatPairs) {
        return new Reply.Pairs(flatPairs);
    }

    private static Reply score(double d) {
        return new Reply.Dbl(d);
    }

    // ---------------------------------------------------------------- ZADD / ZINCRBY

    private static final int NX = 1;
    private static final int XX = 2;
    private static final int GT = 4;
    private static final int LT = 8;
    private static final int INCR = 16;

    public static Reply zadd(ExecContext ctx, byte[][] argv) {
        return zaddGeneric(ctx, argv, 0);
    }

    public static Reply zincrby(ExecContext ctx, byte[][] argv) {
        return zaddGeneric(ctx, argv, INCR);
    }

    /** zaddGenericCommand: options, pairs, option conflicts, every score, then the key. */
    private static Reply zaddGeneric(ExecContext ctx, byte[][] argv, int flags) {
        boolean ch = false;
        int scoreIdx = 2;
        while (scoreIdx < argv.length) {
            byte[] opt = argv[scoreIdx];
            if (is(opt, "nx")) {
                flags |= NX;
            } else if (is(opt, "xx")) {
                flags |= XX;
            } else if (is(opt, "ch")) {
                ch = true;
            } else if (is(opt, "incr")) {
                flags |= INCR;
            } else if (is(opt, "gt")) {
                flags |= GT;
            } else if (is(opt, "lt")) {
                flags |= LT;
            } else {
                break;
            }
            scoreIdx++;
        }
        boolean incr = (flags & INCR) != 0;
        boolean nx = (flags & NX) != 0;
        boolean xx = (flags & XX) != 0;
        boolean gt = (flags & GT) != 0;
        boolean lt = (flags & LT) != 0;

        int elements = argv.length - scoreIdx;
        if (elements % 2 != 0 || elements == 0) {
            return SYNTAX_ERROR;
        }
        elements /= 2;
        if (nx && xx) {
            return XX_AND_NX;
        }
        if ((gt && nx) || (lt && nx) || (gt && lt)) {
            return GT_LT_NX;
        }
        if (incr && elements > 1) {
            return INCR_ONE_PAIR;
        }
        double[] scores = new double[elements];
        for (int j = 0; j < elements; j++) {
            Double d = ZSetArgs.toDouble(argv[scoreIdx + j * 2]);
            if (d == null) {
                return NOT_FLOAT;
            }
            scores[j] = d;
        }

        Keyspace db = ctx.db();
        Key key = new Key(argv[1]);
        ZSetValue z = write(ctx, key);
        if (z == WRONG) {
            return WRONG_TYPE;
        }
        long added = 0;
        long updated = 0;
        long processed = 0;
        double score = 0;
        if (z == null) {
            if (xx) {
                return incr ? Reply.NULL : Reply.ZERO;
            }
            z = new ZSetValue();
            db.put(key, z, Entry.NO_EXPIRY);
        }
        for (int j = 0; j < elements; j++) {
            byte[] member = argv[scoreIdx + 1 + j * 2];
            double s = scores[j];
            Node n = z.find(member);
            if (n != null) {
                if (nx) {
                    continue;
                }
                double cur = n.score();
                if (incr) {
                    s += cur;
                    if (Double.isNaN(s)) {
                        deleteIfEmpty(db, key, z);
                        return NAN_SCORE;
                    }
                }
                if ((lt && s >= cur) || (gt && s <= cur)) {
                    continue;
                }
                if (s != cur) {
                    z.updateScore(n, s);
                    updated++;
                }
                processed++;
                score = s;
            } else if (!xx) {
                z.insert(member, s);
                added++;
                processed++;
                score = s;
            }
        }
        deleteIfEmpty(db, key, z);
        if (incr) {
            return processed > 0 ? score(score) : Reply.NULL;
        }
        return Reply.integer(ch ? added + updated : added);
    }

    // ---------------------------------------------------------------- simple reads and ZREM

    public static Reply zrem(ExecContext ctx, byte[][] argv) {
        Key key = new Key(argv[1]);
        ZSetValue z = write(ctx, key);
        if (z == null) {
            return Reply.ZERO;
        }
        if (z == WRONG) {
            return WRONG_TYPE;
        }
        long deleted = 0;
        for (int j = 2; j < argv.length && !z.isEmpty(); j++) {
            Node n = z.find(argv[j]);
            if (n != null) {
                z.remove(n);
                deleted++;
            }
        }
        deleteIfEmpty(ctx.db(), key, z);
        return Reply.integer(deleted);
    }

    public static Reply zcard(ExecContext ctx, byte[][] argv) {
        ZSetValue z = read(ctx, argv[1]);
        if (z == null) {
            return Reply.ZERO;
        }
        return z == WRONG ? WRONG_TYPE : Reply.integer(z.size());
    }

    public static Reply zscore(ExecContext ctx, byte[][] argv) {
        ZSetValue z = read(ctx, argv[1]);
        if (z == null) {
            return Reply.NULL;
        }
        if (z == WRONG) {
            return WRONG_TYPE;
        }
        Node n = z.find(argv[2]);
        return n == null ? Reply.NULL : score(n.score());
    }

    public static Reply zmscore(ExecContext ctx, byte[][] argv) {
        ZSetValue z = read(ctx, argv[1]);
        if (z == WRONG) {
            return WRONG_TYPE;
        }
        List<Reply> out = new ArrayList<>(argv.length - 2);
        for (int j = 2; j < argv.length; j++) {
            Node n = z == null ? null : z.find(argv[j]);
            out.add(n == null ? Reply.NULL : score(n.score()));
        }
        return Reply.array(out);
    }

    public static Reply zrank(ExecContext ctx, byte[][] argv) {
        return rank(ctx, argv, false, "zrank");
    }

    public static Reply zrevrank(ExecContext ctx, byte[][] argv) {
        return rank(ctx, argv, true, "zrevrank");
    }

    /** Z[REV]RANK key member [WITHSCORE]. */
    private static Reply rank(ExecContext ctx, byte[][] argv, boolean reverse, String name) {
        if (argv.length > 4) {
            return CommandExecutor.wrongArity(name);
        }
        boolean withScore = false;
        if (argv.length > 3) {
            if (!is(argv[3], "withscore")) {
                return SYNTAX_ERROR;
            }
            withScore = true;
        }
        Reply none = withScore ? Reply.NULL_ARRAY : Reply.NULL;
        ZSetValue z = read(ctx, argv[1]);
        if (z == null) {
            return none;
        }
        if (z == WRONG) {
            return WRONG_TYPE;
        }
        Node n = z.find(argv[2]);
        if (n == null) {
            return none;
        }
        int r = z.rankOf(n);
        long rank = reverse ? z.size() - 1 - r : r;
        return withScore ? Reply.array(Reply.integer(rank), score(n.score())) : Reply.integer(rank);
    }

    public static Reply zcount(ExecContext ctx, byte[][] argv) {
        ScoreRange range = ZSetArgs.scoreRange(argv[2], argv[3]);
        if (range == null) {
            return RANGE_NOT_FLOAT;
        }
        ZSetValue z = read(ctx, argv[1]);
        if (z == null) {
            return Reply.ZERO;
        }
        if (z == WRONG) {
            return WRONG_TYPE;
        }
        if (range.isEmpty()) {
            return Reply.ZERO;
        }
        int lo = z.rankOfScoreMin(range.min(), range.minExclusive());
        int hi = z.rankAfterScoreMax(range.max(), range.maxExclusive());
        return Reply.integer(Math.max(0, hi - lo));
    }

    public static Reply zlexcount(ExecContext ctx, byte[][] argv) {
        LexBound min = ZSetArgs.lexBound(argv[2]);
        LexBound max = min == null ? null : ZSetArgs.lexBound(argv[3]);
        if (max == null) {
            return BAD_LEX_RANGE;
        }
        ZSetValue z = read(ctx, argv[1]);
        if (z == null) {
            return Reply.ZERO;
        }
        if (z == WRONG) {
            return WRONG_TYPE;
        }
        if (LexBound.isEmptyRange(min, max)) {
            return Reply.ZERO;
        }
        return Reply.integer(Math.max(0, z.rankAfterLexMax(max) - z.rankOfLexMin(min)));
    }

    // ---------------------------------------------------------------- ZRANGE family

    private static final int AUTO = 0;
    private static final int BY_RANK = 1;
    private static final int BY_SCORE = 2;
    private static final int BY_LEX = 3;
    private static final int FORWARD = 1;
    private static final int REVERSE = 2;

    public static Reply zrange(ExecContext ctx, byte[][] argv) {
        return zrangeGeneric(ctx, argv, 1, false, AUTO, AUTO);
    }

    public static Reply zrangestore(ExecContext ctx, byte[][] argv) {
        return zrangeGeneric(ctx, argv, 2, true, AUTO, AUTO);
    }

    public static Reply zrevrange(ExecContext ctx, byte[][] argv) {
        return zrangeGeneric(ctx, argv, 1, false, BY_RANK, REVERSE);
    }

    public static Reply zrangebyscore(ExecContext ctx, byte[][] argv) {
        return zrangeGeneric(ctx, argv, 1, false, BY_SCORE, FORWARD);
    }

    public static Reply zrevrangebyscore(ExecContext ctx, byte[][] argv) {
        return zrangeGeneric(ctx, argv, 1, false, BY_SCORE, REVERSE);
    }

    public static Reply zrangebylex(ExecContext ctx, byte[][] argv) {
        return zrangeGeneric(ctx, argv, 1, false, BY_LEX, FORWARD);
    }

    public static Reply zrevrangebylex(ExecContext ctx, byte[][] argv) {
        return zrangeGeneric(ctx, argv, 1, false, BY_LEX, REVERSE);
    }

    /** zrangeGenericCommand: the key is at {@code keyIdx}, ZRANGESTORE's destination before it. */
    private static Reply zrangeGeneric(ExecContext ctx, byte[][] argv, int keyIdx, boolean store, int rangeType,
                                       int direction) {
        int minIdx = keyIdx + 1;
        int maxIdx = keyIdx + 2;
        boolean withScores = false;
        long offset = 0;
        long limit = -1;
        for (int j = keyIdx + 3; j < argv.length; j++) {
            int left = argv.length - j - 1;
            byte[] opt = argv[j];
            if (!store && is(opt, "withscores")) {
                withScores = true;
            } else if (is(opt, "limit") && left >= 2) {
                Long off = Args.toLong(argv[j + 1]);
                Long lim = off == null ? null : Args.toLong(argv[j + 2]);
                if (lim == null) {
                    return NOT_INTEGER;
                }
                offset = off;
                limit = lim;
                j += 2;
            } else if (direction == AUTO && is(opt, "rev")) {
                direction = REVERSE;
            } else if (rangeType == AUTO && is(opt, "bylex")) {
                rangeType = BY_LEX;
            } else if (rangeType == AUTO && is(opt, "byscore")) {
                rangeType = BY_SCORE;
            } else {
                return SYNTAX_ERROR;
            }
        }
        if (direction == AUTO) {
            direction = FORWARD;
        }
        if (rangeType == AUTO) {
            rangeType = BY_RANK;
        }
        if (limit != -1 && rangeType == BY_RANK) {
            return Reply.error("ERR syntax error, LIMIT is only supported in combination with either BYSCORE or BYLEX");
        }
        if (withScores && rangeType == BY_LEX) {
            return Reply.error("ERR syntax error, WITHSCORES not supported in combination with BYLEX");
        }
        boolean reverse = direction == REVERSE;
        if (reverse && rangeType != BY_RANK) {
            int t = minIdx;
            minIdx = maxIdx;
            maxIdx = t;
        }

        long start = 0;
        long end = 0;
        ScoreRange scores = null;
        LexBound lexMin = null;
        LexBound lexMax = null;
        if (rangeType == BY_RANK) {
            Long s = Args.toLong(argv[minIdx]);
            Long e = s == null ? null : Args.toLong(argv[maxIdx]);
            if (e == null) {
                return NOT_INTEGER;
            }
            start = s;
            end = e;
        } else if (rangeType == BY_SCORE) {
            scores = ZSetArgs.scoreRange(argv[minIdx], argv[maxIdx]);
            if (scores == null) {
                return RANGE_NOT_FLOAT;
            }
        } else {
            lexMin = ZSetArgs.lexBound(argv[minIdx]);
            lexMax = lexMin == null ? null : ZSetArgs.lexBound(argv[maxIdx]);
            if (lexMax == null) {
                return BAD_LEX_RANGE;
            }
        }

        ZSetValue z = store ? write(ctx, new Key(argv[keyIdx])) : read(ctx, argv[keyIdx]);
        if (z == WRONG) {
            return WRONG_TYPE;
        }
        List<Node> nodes = new ArrayList<>();
        if (z != null) {
            if (rangeType == BY_RANK) {
                rankRange(z, start, end, reverse, nodes);
            } else if (rangeType == BY_SCORE) {
                if (!scores.isEmpty()) {
                    int lo = z.rankOfScoreMin(scores.min(), scores.minExclusive());
                    int hi = z.rankAfterScoreMax(scores.max(), scores.maxExclusive());
                    limitedRange(z, lo, hi, offset, limit, reverse, nodes);
                }
            } else if (!LexBound.isEmptyRange(lexMin, lexMax)) {
                limitedRange(z, z.rankOfLexMin(lexMin), z.rankAfterLexMax(lexMax), offset, limit, reverse, nodes);
            }
        }
        if (store) {
            return storeResult(ctx.db(), new Key(argv[1]), nodes);
        }
        List<Reply> out = new ArrayList<>(withScores ? nodes.size() * 2 : nodes.size());
        for (Node n : nodes) {
            out.add(Reply.bulk(n.member()));
            if (withScores) {
                out.add(score(n.score()));
            }
        }
        return withScores ? withScores(out) : Reply.array(out);
    }

    /** The nodes of ranks start..end (Redis index rules), descending from the top when {@code reverse}. */
    private static void rankRange(ZSetValue z, long start, long end, boolean reverse, List<Node> out) {
        long len = z.size();
        if (start < 0) {
            start += len;
        }
        if (end < 0) {
            end += len;
        }
        if (start < 0) {
            start = 0;
        }
        if (start > end || start >= len) {
            return;
        }
        if (end >= len) {
            end = len - 1;
        }
        long n = end - start + 1;
        Node x = z.byRank(reverse ? len - 1 - start : start);
        for (long i = 0; i < n; i++) {
            out.add(x);
            x = reverse ? x.prev() : x.next();
        }
    }

    /**
     * The nodes of ranks [lo, hi) after skipping {@code offset} and taking at most {@code limit}
     * (negative: all), from the top when {@code reverse}. A negative offset yields nothing, as
     * Redis's skipping loop runs off the end.
     */
    private static void limitedRange(ZSetValue z, int lo, int hi, long offset, long limit, boolean reverse,
                                     List<Node> out) {
        if (lo >= hi || offset < 0 || offset >= hi - lo) {
            return;
        }
        long n = hi - lo - offset;
        if (limit >= 0) {
            n = Math.min(n, limit);
        }
        Node x = z.byRank(reverse ? hi - 1 - offset : lo + offset);
        for (long i = 0; i < n; i++) {
            out.add(x);
            x = reverse ? x.prev() : x.next();
        }
    }

    /** Stores the nodes' members and scores as a new sorted set (no TTL), or deletes the destination. */
    private static Reply storeResult(Keyspace db, Key dst, List<Node> nodes) {
        if (nodes.isEmpty()) {
            db.remove(dst);
            return Reply.ZERO;
        }
        ZSetValue result = new ZSetValue();
        for (Node n : nodes) {
            result.insert(n.member(), n.score());
        }
        db.put(dst, result, Entry.NO_EXPIRY);
        return Reply.integer(result.size());
    }

    // ---------------------------------------------------------------- ZREMRANGEBY*

    public static Reply zremrangebyrank(ExecContext ctx, byte[][] argv) {
        return zremrange(ctx, argv, BY_RANK);
    }

    public static Reply zremrangebyscore(ExecContext ctx, byte[][] argv) {
        return zremrange(ctx, argv, BY_SCORE);
    }

    public static Reply zremrangebylex(ExecContext ctx, byte[][] argv) {
        return zremrange(ctx, argv, BY_LEX);
    }

    private static Reply zremrange(ExecContext ctx, byte[][] argv, int rangeType) {
        long start = 0;
        long end = 0;
        ScoreRange scores = null;
        LexBound lexMin = null;
        LexBound lexMax = null;
        if (rangeType == BY_RANK) {
            Long s = Args.toLong(argv[2]);
            Long e = s == null ? null : Args.toLong(argv[3]);
            if (e == null) {
                return NOT_INTEGER;
            }
            start = s;
            end = e;
        } else if (rangeType == BY_SCORE) {
            scores = ZSetArgs.scoreRange(argv[2], argv[3]);
            if (scores == null) {
                return RANGE_NOT_FLOAT;
            }
        } else {
            lexMin = ZSetArgs.lexBound(argv[2]);
            lexMax = lexMin == null ? null : ZSetArgs.lexBound(argv[3]);
            if (lexMax == null) {
                return BAD_LEX_RANGE;
            }
        }
        Key key = new Key(argv[1]);
        ZSetValue z = write(ctx, key);
        if (z == null) {
            return Reply.ZERO;
        }
        if (z == WRONG) {
            return WRONG_TYPE;
        }
        int removed;
        if (rangeType == BY_RANK) {
            long len = z.size();
            if (start < 0) {
                start += len;
            }
            if (end < 0) {
                end += len;
            }
            if (start < 0) {
                start = 0;
            }
            if (start > end || start >= len) {
                return Reply.ZERO;
            }
            if (end >= len) {
                end = len - 1;
            }
            removed = z.removeRanks((int) start, (int) end + 1);
        } else if (rangeType == BY_SCORE) {
            removed = scores.isEmpty() ? 0 : z.removeRanks(
                    z.rankOfScoreMin(scores.min(), scores.minExclusive()),
                    z.rankAfterScoreMax(scores.max(), scores.maxExclusive()));
        } else {
            removed = LexBound.isEmptyRange(lexMin, lexMax) ? 0
                    : z.removeRanks(z.rankOfLexMin(lexMin), z.rankAfterLexMax(lexMax));
        }
        deleteIfEmpty(ctx.db(), key, z);
        return Reply.integer(removed);
    }

    // ---------------------------------------------------------------- pops

    public static Reply zpopmin(ExecContext ctx, byte[][] argv) {
        return zpop(ctx, argv, true, "zpopmin");
    }

    public static Reply zpopmax(ExecContext ctx, byte[][] argv) {
        return zpop(ctx, argv, false, "zpopmax");
    }

    /**
     * ZPOPMIN/ZPOPMAX key [count]: member/score pairs, empty when the key is absent. Without a count
     * Redis 7 answers one flat [member, score] array even in RESP3; with one, pairs (nested in RESP3).
     */
    private static Reply zpop(ExecContext ctx, byte[][] argv, boolean min, String name) {
        if (argv.length > 3) {
            return CommandExecutor.wrongArity(name);
        }
        long count = -1;
        if (argv.length == 3) {
            Long c = rangeLong(argv[2], 0, Long.MAX_VALUE);
            if (c == null) {
                return MUST_BE_POSITIVE;
            }
            count = c;
        }
        Key key = new Key(argv[1]);
        ZSetValue z = write(ctx, key);
        if (z == null) {
            return Reply.EMPTY_ARRAY;
        }
        if (z == WRONG) {
            return WRONG_TYPE;
        }
        if (count == 0) {
            return Reply.EMPTY_ARRAY;
        }
        List<Reply> out = popInto(z, min, count == -1 ? 1 : count, false);
        deleteIfEmpty(ctx.db(), key, z);
        return count == -1 ? Reply.array(out) : withScores(out);
    }

    /** Pops up to {@code count} members; flat member/score pairs, or [member, score] pairs when {@code nested}. */
    private static List<Reply> popInto(ZSetValue z, boolean min, long count, boolean nested) {
        int n = (int) Math.min(count, z.size());
        List<Reply> out = new ArrayList<>(nested ? n : n * 2);
        for (int i = 0; i < n; i++) {
            Node x = min ? z.first() : z.last();
            z.remove(x);
            if (nested) {
                out.add(Reply.array(Reply.bulk(x.member()), score(x.score())));
            } else {
                out.add(Reply.bulk(x.member()));
                out.add(score(x.score()));
            }
        }
        return out;
    }

    /** ZMPOP numkeys key [key ...] MIN|MAX [COUNT count]: [key, [[member, score], ...]] or a null array. */
    public static Reply zmpop(ExecContext ctx, byte[][] argv) {
        return mpop(ctx, argv, 1);
    }

    /** The ZMPOP part of ZMPOP and BZMPOP, whose numkeys is at {@code numkeysIdx}. */
    private static Reply mpop(ExecContext ctx, byte[][] argv, int numkeysIdx) {
        Long numkeys = rangeLong(argv[numkeysIdx], 1, Long.MAX_VALUE);
        if (numkeys == null) {
            return Reply.error("ERR numkeys should be greater than 0");
        }
        if (numkeys >= argv.length - numkeysIdx - 1) {
            return SYNTAX_ERROR;
        }
        int whereIdx = (int) (numkeys + numkeysIdx + 1);
        boolean min;
        if (is(argv[whereIdx], "min")) {
            min = true;
        } else if (is(argv[whereIdx], "max")) {
            min = false;
        } else {
            return SYNTAX_ERROR;
        }
        MpopCount parsed = MpopCount.parse(argv, whereIdx + 1);
        if (parsed.error() != null) {
            return parsed.error();
        }
        long count = parsed.count();
        for (int i = numkeysIdx + 1; i < whereIdx; i++) {
            Key key = new Key(argv[i]);
            ZSetValue z = write(ctx, key);
            if (z == null) {
                continue;
            }
            if (z == WRONG) {
                return WRONG_TYPE;
            }
            List<Reply> popped = popInto(z, min, count, true);
            deleteIfEmpty(ctx.db(), key, z);
            return Reply.array(Reply.bulk(argv[i]), Reply.array(popped));
        }
        return Reply.NULL_ARRAY;
    }

    public static Reply bzpopmin(ExecContext ctx, byte[][] argv) {
        return blockingZpop(ctx, argv, true);
    }

    public static Reply bzpopmax(ExecContext ctx, byte[][] argv) {
        return blockingZpop(ctx, argv, false);
    }

    /** BZPOPMIN/BZPOPMAX key [key ...] timeout (one attempt): [key, member, score], else a null array. */
    private static Reply blockingZpop(ExecContext ctx, byte[][] argv, boolean min) {
        BlockingTimeout timeout = BlockingTimeout.parse(argv[argv.length - 1]);
        if (timeout.error() != null) {
            return timeout.error();
        }
        for (int i = 1; i < argv.length - 1; i++) {
            Key key = new Key(argv[i]);
            ZSetValue z = write(ctx, key);
            if (z == null) {
                continue;
            }
            if (z == WRONG) {
                return WRONG_TYPE;
            }
            List<Reply> out = new ArrayList<>(3);
            out.add(Reply.bulk(argv[i]));
            out.addAll(popInto(z, min, 1, false));
            deleteIfEmpty(ctx.db(), key, z);
            return Reply.array(out);
        }
        return Reply.NULL_ARRAY;
    }

    /** BZMPOP timeout numkeys key [key ...] MIN|MAX [COUNT count] (one attempt). */
    public static Reply bzmpop(ExecContext ctx, byte[][] argv) {
        BlockingTimeout timeout = BlockingTimeout.parse(argv[1]);
        if (timeout.error() != null) {
            return timeout.error();
        }
        return mpop(ctx, argv, 2);
    }

    // ---------------------------------------------------------------- union, intersection, difference

    private static final int UNION = 0;
    private static final int INTER = 1;
    private static final int DIFF = 2;
    private static final int SUM = 0;
    private static final int MIN = 1;
    private static final int MAX = 2;

    /** One input of a set operation: a sorted set, a set (every score 1), or nothing. */
    private static final class Source {
        final ZSetValue zset;
        final SetValue set;
        double weight = 1;

        Source(ZSetValue zset, SetValue set) {
            this.zset = zset;
            this.set = set;
        }

        int size() {
            return zset != null ? zset.size() : set != null ? set.size() : 0;
        }

        /** The member's score, NaN when absent (scores are never NaN). */
        double score(byte[] member) {
            if (zset != null) {
                Node n = zset.find(member);
                return n == null ? Double.NaN : n.score();
            }
            return set != null && set.contains(member) ? 1.0 : Double.NaN;
        }

        interface Visitor {
            void visit(byte[] member, double score);
        }

        /** Visits every member; the order is irrelevant to callers (results are sorted). */
        void forEach(Visitor v) {
            if (zset != null) {
                for (Node n = zset.first(); n != null; n = n.next()) {
                    v.visit(n.member(), n.score());
                }
            } else if (set != null) {
                for (int slot = 0, cap = set.capacity(); slot < cap; slot++) {
                    byte[] m = set.memberAt(slot);
                    if (m != null) {
                        v.visit(m, 1.0);
                    }
                }
            }
        }
    }

    private static double aggregate(double target, double value, int aggregate) {
        if (aggregate == SUM) {
            double r = target + value;
            return Double.isNaN(r) ? 0.0 : r; // +inf + -inf is 0 by Redis's convention
        }
        if (aggregate == MIN) {
            return value < target ? value : target;
        }
        return value > target ? value : target;
    }

    public static Reply zunion(ExecContext ctx, byte[][] argv) {
        return setOp(ctx, argv, null, 1, UNION, false, "zunion");
    }

    public static Reply zinter(ExecContext ctx, byte[][] argv) {
        return setOp(ctx, argv, null, 1, INTER, false, "zinter");
    }

    public static Reply zdiff(ExecContext ctx, byte[][] argv) {
        return setOp(ctx, argv, null, 1, DIFF, false, "zdiff");
    }

    public static Reply zintercard(ExecContext ctx, byte[][] argv) {
        return setOp(ctx, argv, null, 1, INTER, true, "zintercard");
    }

    public static Reply zunionstore(ExecContext ctx, byte[][] argv) {
        return setOp(ctx, argv, new Key(argv[1]), 2, UNION, false, "zunionstore");
    }

    public static Reply zinterstore(ExecContext ctx, byte[][] argv) {
        return setOp(ctx, argv, new Key(argv[1]), 2, INTER, false, "zinterstore");
    }

    public static Reply zdiffstore(ExecContext ctx, byte[][] argv) {
        return setOp(ctx, argv, new Key(argv[1]), 2, DIFF, false, "zdiffstore");
    }

    /** zunionInterDiffGenericCommand. */
    private static Reply setOp(ExecContext ctx, byte[][] argv, Key dst, int numkeysIdx, int op, boolean cardOnly,
                               String name) {
        Long setnum = Args.toLong(argv[numkeysIdx]);
        if (setnum == null) {
            return NOT_INTEGER;
        }
        if (setnum < 1) {
            return Reply.error("ERR at least 1 input key is needed for '" + name + "' command");
        }
        if (setnum > argv.length - (numkeysIdx + 1)) {
            return SYNTAX_ERROR;
        }
        int n = (int) (long) setnum;
        Keyspace db = ctx.db();
        Source[] src = new Source[n];
        int j = numkeysIdx + 1;
        for (int i = 0; i < n; i++, j++) {
            Key key = new Key(argv[j]);
            Entry e = dst != null ? db.getForWrite(key, ctx.now()) : db.get(key, ctx.now());
            if (e == null) {
                src[i] = new Source(null, null);
            } else if (e.value() instanceof ZSetValue z) {
                src[i] = new Source(z, null);
            } else if (e.value() instanceof SetValue s) {
                src[i] = new Source(null, s);
            } else {
                return WRONG_TYPE;
            }
        }

        int aggregate = SUM;
        boolean withScores = false;
        long limit = 0;
        int remaining = argv.length - j;
        while (remaining > 0) {
            if (op != DIFF && !cardOnly && remaining >= n + 1 && is(argv[j], "weights")) {
                j++;
                remaining--;
                for (int i = 0; i < n; i++, j++, remaining--) {
                    Double w = ZSetArgs.toDouble(argv[j]);
                    if (w == null) {
                        return Reply.error("ERR weight value is not a float");
                    }
                    src[i].weight = w;
                }
            } else if (op != DIFF && !cardOnly && remaining >= 2 && is(argv[j], "aggregate")) {
                j++;
                remaining--;
                if (is(argv[j], "sum")) {
                    aggregate = SUM;
                } else if (is(argv[j], "min")) {
                    aggregate = MIN;
                } else if (is(argv[j], "max")) {
                    aggregate = MAX;
                } else {
                    return SYNTAX_ERROR;
                }
                j++;
                remaining--;
            } else if (dst == null && !cardOnly && is(argv[j], "withscores")) {
                j++;
                remaining--;
                withScores = true;
            } else if (cardOnly && remaining >= 2 && is(argv[j], "limit")) {
                j++;
                remaining--;
                Long l = rangeLong(argv[j], 0, Long.MAX_VALUE);
                if (l == null) {
                    return Reply.error("ERR LIMIT can't be negative");
                }
                limit = l;
                j++;
                remaining--;
            } else {
                return SYNTAX_ERROR;
            }
        }

        if (op != DIFF) {
            // smallest input first (a stable sort, so equal sizes keep argument order)
            Arrays.sort(src, Comparator.comparingInt(Source::size));
        }

        ZSetValue result = new ZSetValue();
        long cardinality = 0;
        if (op == INTER) {
            if (src[0].size() > 0) {
                final int agg = aggregate;
                final long max = limit;
                long[] card = {0};
                // intersections are small; members are collected then inserted (the set is sorted anyway)
                src[0].forEach((member, s0) -> {
                    if (max > 0 && card[0] >= max) {
                        return;
                    }
                    double score = src[0].weight * s0;
                    if (Double.isNaN(score)) {
                        score = 0;
                    }
                    for (int k = 1; k < src.length; k++) {
                        double v = src[k].score(member);
                        if (Double.isNaN(v)) {
                            return;
                        }
                        score = aggregate(score, v * src[k].weight, agg);
                    }
                    if (cardOnly) {
                        card[0]++;
                    } else {
                        result.insert(member, score);
                    }
                });
                cardinality = card[0];
            }
        } else if (op == UNION) {
            Map<Key, double[]> acc = new HashMap<>();
            List<byte[]> order = new ArrayList<>();
            for (Source s : src) {
                final int agg = aggregate;
                s.forEach((member, sc) -> {
                    double score = s.weight * sc;
                    if (Double.isNaN(score)) {
                        score = 0;
                    }
                    Key k = new Key(member);
                    double[] cur = acc.get(k);
                    if (cur == null) {
                        acc.put(k, new double[] {score});
                        order.add(member);
                    } else {
                        cur[0] = aggregate(cur[0], score, agg);
                    }
                });
            }
            for (byte[] member : order) {
                result.insert(member, acc.get(new Key(member))[0]);
            }
        } else if (src[0].size() > 0) {
            src[0].forEach((member, s0) -> {
                for (int k = 1; k < src.length; k++) {
                    if (!Double.isNaN(src[k].score(member))) {
                        return;
                    }
                }
                result.insert(member, s0);
            });
        }

        if (cardOnly) {
            return Reply.integer(cardinality);
        }
        if (dst != null) {
            if (result.isEmpty()) {
                db.remove(dst);
                return Reply.ZERO;
            }
            db.put(dst, result, Entry.NO_EXPIRY);
            return Reply.integer(result.size());
        }
        List<Reply> out = new ArrayList<>(withScores ? result.size() * 2 : result.size());
        for (Node x = result.first(); x != null; x = x.next()) {
            out.add(Reply.bulk(x.member()));
            if (withScores) {
                out.add(score(x.score()));
            }
        }
        return withScores ? withScores(out) : Reply.array(out);
    }

    // ---------------------------------------------------------------- ZRANDMEMBER, ZSCAN

    /** ZRANDMEMBER key [count [WITHSCORES]]; a read, so it may use randomness. */
    public static Reply zrandmember(ExecContext ctx, byte[][] argv) {
        if (argv.length >= 3) {
            Long l = rangeLong(argv[2], -Long.MAX_VALUE, Long.MAX_VALUE);
            if (l == null) {
                return Args.toLong(argv[2]) == null ? NOT_INTEGER
                        : ListCommands.outOfRange(-Long.MAX_VALUE, Long.MAX_VALUE);
            }
            boolean withScores = false;
            if (argv.length > 4 || (argv.length == 4 && !is(argv[3], "withscores"))) {
                return SYNTAX_ERROR;
            } else if (argv.length == 4) {
                withScores = true;
                if (l < -Long.MAX_VALUE / 2 || l > Long.MAX_VALUE / 2) {
                    return Reply.error("ERR value is out of range");
                }
            }
            return randomMembers(ctx, argv, l, withScores);
        }
        ZSetValue z = read(ctx, argv[1]);
        if (z == null) {
            return Reply.NULL;
        }
        if (z == WRONG) {
            return WRONG_TYPE;
        }
        return Reply.bulk(z.byRank(RandomSource.current().nextInt(z.size())).member());
    }

    private static Reply randomMembers(ExecContext ctx, byte[][] argv, long l, boolean withScores) {
        ZSetValue z = read(ctx, argv[1]);
        if (z == null) {
            return Reply.EMPTY_ARRAY;
        }
        if (z == WRONG) {
            return WRONG_TYPE;
        }
        boolean unique = l >= 0;
        long count = unique ? l : -l;
        if (count == 0) {
            return Reply.EMPTY_ARRAY;
        }
        int size = z.size();
        java.util.random.RandomGenerator random = RandomSource.current();
        List<Node> picked;
        if (!unique || count == 1) {
            if (count > (Integer.MAX_VALUE - 8) / 2) {
                return Reply.error("ERR value is out of range"); // could never be sent
            }
            picked = new ArrayList<>((int) count);
            for (long i = 0; i < count; i++) {
                picked.add(z.byRank(random.nextInt(size)));
            }
        } else if (count >= size) {
            picked = new ArrayList<>(size);
            for (Node x = z.first(); x != null; x = x.next()) {
                picked.add(x);
            }
        } else {
            // Floyd's sampling of count distinct ranks, replied in random order
            int c = (int) count;
            BitSet chosen = new BitSet(size);
            List<Integer> ranks = new ArrayList<>(c);
            for (int j = size - c; j < size; j++) {
                int t = random.nextInt(j + 1);
                int r = chosen.get(t) ? j : t;
                chosen.set(r);
                ranks.add(r);
            }
            for (int i = ranks.size() - 1; i > 0; i--) { // Collections.shuffle over a RandomGenerator
                Collections.swap(ranks, i, random.nextInt(i + 1));
            }
            picked = new ArrayList<>(c);
            for (int r : ranks) {
                picked.add(z.byRank(r));
            }
        }
        List<Reply> out = new ArrayList<>(withScores ? picked.size() * 2 : picked.size());
        for (Node x : picked) {
            out.add(Reply.bulk(x.member()));
            if (withScores) {
                out.add(score(x.score()));
            }
        }
        return withScores ? withScores(out) : Reply.array(out);
    }

    /**
     * ZSCAN key cursor [MATCH pattern] [COUNT count]. Small sets (what Redis keeps as a listpack)
     * come back whole with cursor 0; larger ones are walked with Redis's reverse-binary cursor
     * over the member hash table. Scores are bulk strings in both protocols, as Redis sends them.
     */
    public static Reply zscan(ExecContext ctx, byte[][] argv) {
        Long parsed = MemberScan.parseCursor(argv[2]);
        if (parsed == null) {
            return Reply.error("ERR invalid cursor");
        }
        ZSetValue z = read(ctx, argv[1]);
        if (z == null) {
            return EMPTY_SCAN;
        }
        if (z == WRONG) {
            return WRONG_TYPE;
        }
        MemberScan.Options opts = MemberScan.options(argv, 3);
        if (opts.error() != null) {
            return opts.error();
        }
        long count = opts.count();
        byte[] pattern = opts.pattern();
        List<Node> found = new ArrayList<>();
        long cursor = parsed;
        if (isSmall(z)) {
            for (Node x = z.first(); x != null; x = x.next()) {
                found.add(x);
            }
            cursor = 0;
        } else {
            long maxIterations = count > Long.MAX_VALUE / 10 ? Long.MAX_VALUE : count * 10;
            do {
                cursor = z.scan(cursor, found::add);
            } while (cursor != 0 && maxIterations-- > 0 && found.size() < count);
        }
        List<Reply> items = new ArrayList<>(found.size() * 2);
        for (Node x : found) {
            if (pattern != null && !Glob.matches(pattern, x.member(), false)) {
                continue;
            }
            items.add(Reply.bulk(x.member()));
            items.add(Reply.bulk(ReplyEncoder.formatDouble(x.score())));
        }
        return Reply.array(Reply.bulk(Long.toUnsignedString(cursor)), Reply.array(items));
    }

    private static boolean isSmall(ZSetValue z) {
        if (z.size() > LISTPACK_ENTRIES) {
            return false;
        }
        for (Node x = z.first(); x != null; x = x.next()) {
            if (x.member().length > LISTPACK_VALUE) {
                return false;
            }
        }
        return true;
    }
}
