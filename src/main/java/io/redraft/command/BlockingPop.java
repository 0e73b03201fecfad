package io.redraft.command;

import io.redraft.resp.Reply;
import io.redraft.store.Entry;
import io.redraft.store.Key;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The handler of a blocking pop (BLPOP, BRPOPLPUSH, BLMOVE, BLMPOP, BZPOPMIN, ...). As a logged
 * write it is one non-blocking attempt: it pops what is there, or answers its timeout reply (a
 * null) when every awaited key is empty, which is also what the command does inside MULTI.
 * Outside MULTI the executor hands it to {@link BlockedClients}, which repeats the attempt when
 * one of the {@linkplain #awaitedKeys awaited keys} is stored, until it pops or times out.
 */
public final class BlockingPop implements Handler.Write {
    private final Handler.Write attempt;
    private final Function<byte[][], byte[]> timeoutArg;
    private final Function<byte[][], List<Key>> awaitedKeys;
    private final Class<?> valueType;

    private BlockingPop(Handler.Write attempt, Function<byte[][], byte[]> timeoutArg,
                        Function<byte[][], List<Key>> awaitedKeys, Class<?> valueType) {
        this.attempt = attempt;
        this.timeoutArg = timeoutArg;
        this.awaitedKeys = awaitedKeys;
        this.valueType = valueType;
    }

    /** BLPOP/BZPOPMIN style: {@code key [key ...] timeout}, waiting for any of the keys. */
    static BlockingPop keysThenTimeout(Handler.Write attempt, Class<?> valueType) {
        return new BlockingPop(attempt, argv -> argv[argv.length - 1],
                argv -> keys(argv, 1, argv.length - 1), valueType);
    }

    /** BRPOPLPUSH/BLMOVE: {@code source destination ... timeout}, waiting for the source. */
    static BlockingPop sourceThenTimeout(Handler.Write attempt, Class<?> valueType) {
        return new BlockingPop(attempt, argv -> argv[argv.length - 1],
                argv -> keys(argv, 1, 2), valueType);
    }

    /** BLMPOP/BZMPOP: {@code timeout numkeys key [key ...] ...}, waiting for any of the keys. */
    static BlockingPop timeoutThenNumkeys(Handler.Write attempt, Class<?> valueType) {
        return new BlockingPop(attempt, argv -> argv[1], argv -> {
            Long numkeys = ListCommands.rangeLong(argv[2], 1, argv.length - 4);
            return numkeys == null ? List.of() : keys(argv, 3, 3 + numkeys.intValue());
        }, valueType);
    }

    private static List<Key> keys(byte[][] argv, int from, int to) {
        List<Key> keys = new ArrayList<>(Math.max(0, to - from));
        for (int i = from; i < to; i++) {
            keys.add(new Key(argv[i]));
        }
        return keys;
    }

    @Override
    public Reply apply(ExecContext ctx, byte[][] argv) {
        return attempt.apply(ctx, argv);
    }

    /** An attempt's reply meaning "nothing to pop, keep waiting"; every other reply is final. */
    static boolean foundNothing(Reply reply) {
        return reply instanceof Reply.Null;
    }

    /**
     * What the command answers when its time is up: a null array for all of them, as Redis 7's
     * replyToBlockedClientTimedOut (even BLMOVE and BRPOPLPUSH, whose attempt answers a null bulk).
     */
    Reply timeoutReply() {
        return Reply.NULL_ARRAY;
    }

    /** The timeout, parsed locally to arm the timer; the logged attempt reports a bad one. */
    BlockingTimeout timeout(byte[][] argv) {
        return BlockingTimeout.parse(timeoutArg.apply(argv));
    }

    /** The keys whose arrival may let the attempt pop; empty when the arguments are invalid. */
    List<Key> awaitedKeys(byte[][] argv) {
        return awaitedKeys.apply(argv);
    }

    /**
     * A local, unreplicated look at whether an attempt could pop now: 1 when an awaited key holds
     * the popped type. Keeps a wake-up that finds another type (or a key already popped by a
     * faster client) from writing to the log; Redis 7.0 leaves such a client blocked too.
     */
    Handler.Read ready() {
        return (ctx, argv) -> {
            for (Key key : awaitedKeys(argv)) {
                Entry e = ctx.db().get(key, ctx.now());
                if (e != null && valueType.isInstance(e.value())) {
                    return Reply.ONE;
                }
            }
            return Reply.ZERO;
        };
    }
}
